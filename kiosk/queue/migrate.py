"""Create or upgrade a database to the newest schema with Alembic.

Apps call ``ensure_current`` at start: when the stored revision is already ``HEAD`` it
costs one query and never imports Alembic (which a kiosk PC would carry in memory for
nothing). A test keeps ``HEAD`` equal to the newest migration.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from kiosk.queue.db import Database

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0003"


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
    """Upgrade only when the database is behind (cheap on every app start)."""
    if stored_revision(db) != HEAD:
        upgrade(db)


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
