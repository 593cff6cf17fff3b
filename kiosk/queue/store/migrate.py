"""Create or upgrade a database to the newest schema with Alembic.

Apps call ``ensure_current`` at start (``kiosk.bootstrap``): when the stored revision is
already ``HEAD`` it costs one query and never imports Alembic (which a kiosk PC would
carry in memory for nothing). Upgrades run under a lock (migrations/env.py). A database
migrated by a newer release is refused with a message that says so, instead of
Alembic's "Can't locate revision". A test keeps ``HEAD`` equal to the newest migration.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from kiosk.errors import KioskError
from kiosk.queue.store.db import Database

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0014"
#: the PostgreSQL advisory lock every upgrade takes (one apart from the event log's
#: FEED_LOCK_KEY, "kiosk" in ASCII, so appending events never waits for it)
MIGRATION_LOCK_KEY = 0x6B696F736B + 1


class DatabaseTooNew(KioskError):
    """The database was upgraded by a newer release than this PC runs."""

    code = "database_too_new"


def known_revisions() -> set[str]:
    """Revision ids of the migrations this release ships (files named ``NNNN_*.py``)."""
    return {path.name.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("*_*.py")}


def alembic_config(db: Database):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database"] = db
    return config


def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema to ``revision``; safe to run on an up-to-date database."""
    from alembic import command

    command.upgrade(alembic_config(db), revision)


def stored_revision(db: Database) -> str | None:
    """The revision recorded in the database, or None for a new or foreign one."""
    try:
        with db.engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


def ensure_current(db: Database) -> None:
    """Upgrade only when the database is behind (cheap on every app start); refuse a
    database a newer release has migrated."""
    stored = stored_revision(db)
    if stored == HEAD:
        return
    if stored is not None and stored not in known_revisions():
        raise DatabaseTooNew(
            f"数据库版本（{stored}）比本机程序新，请先升级本机程序（本机支持到 {HEAD}）",
            f"the database is at schema {stored}, newer than this release knows "
            f"(up to {HEAD}): upgrade this PC's kiosk-hall first", stored=stored, head=HEAD)
    upgrade(db)


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
