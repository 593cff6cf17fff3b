"""Alembic environment: runs against the Database handed over by kiosk.queue.store.migrate.

The whole upgrade is one transaction that first takes the migration lock, so PCs
starting together on a new database migrate one after another: the second finds the
schema current and does nothing. On SQLite the write transaction's ``BEGIN IMMEDIATE``
is that lock; on PostgreSQL a transaction-level advisory lock.
"""
from alembic import context
from sqlalchemy import text

from kiosk.queue.store.migrate import MIGRATION_LOCK_KEY
from kiosk.queue.store.models import Base

config = context.config
db = config.attributes["database"]

with db.engine.begin() as connection:
    if db.backend == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": MIGRATION_LOCK_KEY})
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=db.backend == "sqlite", compare_type=True)
    context.run_migrations()
