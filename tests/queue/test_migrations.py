"""The Alembic migrations build exactly the schema the models describe; PCs starting
together migrate one at a time; an older release refuses a newer database."""
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from kiosk.queue.store import migrate
from kiosk.queue.store.db import Database
from kiosk.queue.store.models import Base


def test_migrations_match_the_models(db_url):
    db = Database(db_url)
    try:
        migrate.upgrade(db)  # already at head: a no-op
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        db.dispose()


def test_init_on_an_empty_file_then_again_is_idempotent(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    migrate.upgrade(db)
    first = migrate.current_revision(db)
    migrate.upgrade(db)
    assert migrate.current_revision(db) == first is not None
    db.dispose()


def test_head_constant_is_the_newest_migration(tmp_path):
    from alembic.script import ScriptDirectory

    db = Database(f"sqlite:///{tmp_path / 'h.sqlite3'}")
    head = ScriptDirectory.from_config(migrate.alembic_config(db)).get_current_head()
    assert migrate.HEAD == head
    assert migrate.stored_revision(db) is None
    migrate.ensure_current(db)
    assert migrate.stored_revision(db) == head
    db.dispose()


MIGRATE_ONE = ("import sys; from kiosk.queue.store import migrate; "
               "from kiosk.queue.store.db import Database; db = Database(sys.argv[1]); "
               "migrate.ensure_current(db); print(migrate.stored_revision(db))")


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request, tmp_path):
    """An empty database, no schema yet, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    admin = request.getfixturevalue("pg_admin_url")
    name = f"kiosk_fresh_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_pcs_starting_together_on_a_new_database_all_start(fresh_url):
    """Four processes migrate one empty database at the same instant: each waits for
    the migration lock, the first upgrades, the others find the schema current."""
    procs = [subprocess.Popen([sys.executable, "-c", MIGRATE_ONE, fresh_url],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 4, outputs
    assert {out.strip() for out, _ in outputs} == {migrate.HEAD}


def test_an_older_release_refuses_a_newer_database_in_plain_words(db_url):
    db = Database(db_url)
    try:
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
        with pytest.raises(migrate.DatabaseTooNew) as refused:
            migrate.ensure_current(db)
        assert "比本机程序新" in refused.value.message_zh
        assert "0999" in refused.value.message_en and migrate.HEAD in refused.value.message_en
    finally:
        db.dispose()


def test_the_command_line_says_which_release_the_database_needs(sqlite_url):
    db = Database(sqlite_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    db.dispose()
    done = subprocess.run([sys.executable, "-m", "kiosk", "--db", sqlite_url, "events"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "newer than this release knows" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_clerk_left_at_two_windows_keeps_one_when_the_index_arrives(fresh_url):
    """Before 0004 the sign-in race could leave one clerk at two windows; the upgrade
    closes all but one of them instead of failing to build the index."""
    from kiosk.queue.store.models import Hall, Staff, Window

    db = Database(fresh_url)
    try:
        migrate.upgrade(db, "0003")
        with db.engine.begin() as conn:
            hall = conn.execute(Hall.__table__.insert().values(
                code="h", name="h", timezone="Asia/Shanghai")).inserted_primary_key[0]
            staff = conn.execute(Staff.__table__.insert().values(
                hall_id=hall, staff_no="1001", name="王芳", role="window",
                password_hash="x")).inserted_primary_key[0]
            for number in (1, 2, 3):
                conn.execute(Window.__table__.insert().values(
                    hall_id=hall, number=number, name=f"{number}", state="open",
                    staff_id=staff if number < 3 else None))
        migrate.upgrade(db)
        with db.engine.connect() as conn:
            rows = conn.execute(text('SELECT number, state, staff_id FROM "window" '
                                     "ORDER BY number")).all()
        assert [tuple(r) for r in rows] == [(1, "closed", None), (2, "open", staff),
                                            (3, "open", None)]
    finally:
        db.dispose()
