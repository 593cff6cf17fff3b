"""The Alembic migrations build exactly the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from kiosk.queue import migrate
from kiosk.queue.db import Database
from kiosk.queue.models import Base


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
