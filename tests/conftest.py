"""Shared test setup: offscreen Qt, an injected clock, and real databases.

Every test that takes ``ctx`` gets its own copy of the sample hall (catalog and demo
staff), on SQLite and, for tests marked to run on both, on PostgreSQL. PostgreSQL comes
from ``KIOSK_TEST_PG_URL`` (``.ci/start-postgres`` starts one); on CI a missing server
fails the run instead of skipping.
"""
from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
import uuid
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_CONFIG", os.devnull)  # never read the developer's own config
#: the personal-data key of every test hall (and of the command lines the tests run)
if "KIOSK_TEST_KEYS_DIR" not in os.environ:  # else: a test's child process, reuse it
    os.environ["KIOSK_TEST_KEYS_DIR"] = tempfile.mkdtemp(prefix="kiosk-test-keys-")
    atexit.register(shutil.rmtree, os.environ["KIOSK_TEST_KEYS_DIR"], True)
_KEYS_DIR = os.environ["KIOSK_TEST_KEYS_DIR"]
os.environ["KIOSK_KEY_FILE"] = os.path.join(_KEYS_DIR, "personal.key")  # never a real one
KEYED = {"security.key_file": os.environ["KIOSK_KEY_FILE"]}

import pytest  # noqa: E402

from kiosk.clock import ManualClock  # noqa: E402

HALL_TZ = ZoneInfo("Asia/Shanghai")
#: a Monday morning in the sample hall, inside its opening hours
MONDAY_0930 = dt.datetime(2026, 11, 23, 9, 30, tzinfo=HALL_TZ)
PASSWORD = "123456"


def pytest_addoption(parser):
    parser.addoption("--sqlite-only", action="store_true",
                     help="skip the PostgreSQL variants (local runs without a server)")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(MONDAY_0930)


def seed_sample_database(url: str) -> None:
    from kiosk.queue import demo
    from kiosk.queue.rules.personal import ensure_key_file
    from kiosk.queue.store import migrate
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database

    ensure_key_file(KEYED["security.key_file"])
    db = Database(url)
    migrate.upgrade(db)
    demo.seed_sample(HallContext(db=db, clock=ManualClock(MONDAY_0930)))
    db.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("template") / "hall.sqlite3"
    seed_sample_database(f"sqlite:///{path}")
    return str(path)


@pytest.fixture(scope="session")
def pg_admin_url(request) -> str:
    url = os.environ.get("KIOSK_TEST_PG_URL")
    if not url:
        if os.environ.get("CI") or not request.config.getoption("--sqlite-only"):
            pytest.fail("KIOSK_TEST_PG_URL is not set: start a server with "
                        ".ci/start-postgres (or run with --sqlite-only locally)")
        pytest.skip("PostgreSQL variants skipped (--sqlite-only)")
    return url


def _pg_exec(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
def pg_template(pg_admin_url) -> str:
    from sqlalchemy.engine import make_url

    name = f"kiosk_tpl_{uuid.uuid4().hex[:8]}"
    _pg_exec(pg_admin_url, f'CREATE DATABASE "{name}"')
    url = make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    seed_sample_database(url)
    yield name
    _pg_exec(pg_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_copy(template: str, directory) -> str:
    path = directory / "hall.sqlite3"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path) -> str:
    return sqlite_copy(sqlite_template, tmp_path)


@pytest.fixture
def pg_url(request, pg_admin_url) -> str:
    from sqlalchemy.engine import make_url

    template = request.getfixturevalue("pg_template")
    name = f"kiosk_t_{uuid.uuid4().hex[:10]}"
    _pg_exec(pg_admin_url, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    yield make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    _pg_exec(pg_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_admin(pg_url, pg_admin_url):
    """Switch the test database off and on, as a server restart or a cut cable would."""
    import psycopg
    from sqlalchemy.engine import make_url

    name = make_url(pg_url).database
    conn = psycopg.connect(pg_admin_url, autocommit=True)

    class Admin:
        def cut(self) -> None:
            conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            # with a timeout: wait until the sessions are really gone
            conn.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                         "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))

        def restore(self) -> None:
            conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')

    admin = Admin()
    yield admin
    admin.restore()
    conn.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request) -> str:
    """The sample hall on each backend in turn."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def make_ctx(clock):
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database

    made = []

    def make(url: str):
        ctx = HallContext(db=Database(url), clock=clock, hall_code="demo",
                          machine_settings=dict(KEYED))
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.db.dispose()


@pytest.fixture
def ctx(make_ctx, db_url):
    """The sample hall on SQLite and on PostgreSQL (the test runs once on each)."""
    return make_ctx(db_url)


@pytest.fixture
def sqlite_ctx(make_ctx, sqlite_url):
    """The sample hall on SQLite only (for tests about one process's behaviour)."""
    return make_ctx(sqlite_url)
