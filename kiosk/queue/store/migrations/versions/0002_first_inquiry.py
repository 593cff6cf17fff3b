"""first inquiry log (首问登记)

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

import kiosk.queue.store.column_types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "first_inquiry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("at", kiosk.queue.store.column_types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("referred_to", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["hall_id"], ["hall.id"],
                                name=op.f("fk_first_inquiry_hall_id_hall")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"],
                                name=op.f("fk_first_inquiry_staff_id_staff")),
        sa.ForeignKeyConstraint(["window_id"], ["window.id"],
                                name=op.f("fk_first_inquiry_window_id_window")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_first_inquiry")),
    )
    op.create_index("ix_first_inquiry_hall_at", "first_inquiry", ["hall_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_first_inquiry_hall_at", table_name="first_inquiry")
    op.drop_table("first_inquiry")
