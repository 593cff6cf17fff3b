"""one window per clerk: a partial unique index on window.staff_id

Sign-in checks that the clerk holds no other window, but under READ COMMITTED two
sign-ins of one staff number at two windows at the same instant both pass the check;
the index makes the second one fail instead of both committing.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SIGNED_IN = sa.text("staff_id IS NOT NULL")


def _sign_out_duplicates() -> None:
    """A clerk that race left at several windows keeps the newest row; the others are
    closed (the ticket in hand stays with its window), or the index could not be built."""
    window = sa.table("window", sa.column("id"), sa.column("staff_id"),
                      sa.column("state"), sa.column("pause_reason"),
                      sa.column("paused_at"), sa.column("pause_back_at"))
    newer = window.alias("newer")
    op.execute(window.update().where(
        window.c.staff_id.is_not(None),
        sa.exists().where(newer.c.staff_id == window.c.staff_id, newer.c.id > window.c.id),
    ).values(staff_id=None, state="closed", pause_reason=None, paused_at=None,
             pause_back_at=None))


def upgrade() -> None:
    _sign_out_duplicates()
    op.create_index("ix_window_one_per_clerk", "window", ["staff_id"], unique=True,
                    sqlite_where=SIGNED_IN, postgresql_where=SIGNED_IN)


def downgrade() -> None:
    op.drop_index("ix_window_one_per_clerk", table_name="window")
