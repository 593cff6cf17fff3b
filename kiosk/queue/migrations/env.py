"""Alembic environment: runs against the Database handed over by kiosk.queue.migrate."""
from alembic import context

from kiosk.queue.models import Base

config = context.config
db = config.attributes["database"]

with db.engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=db.backend == "sqlite", compare_type=True)
    context.run_migrations()
