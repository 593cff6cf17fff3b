"""manager console: work calendar, 差评 follow-up, alert acknowledgements, event index

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

import kiosk.queue.store.column_types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
When = kiosk.queue.store.column_types.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "work_calendar",
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("is_workday", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=100), nullable=False),
        sa.Column("set_by", sa.String(length=60), nullable=False),
        sa.Column("set_at", When, nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["hall.id"],
                                name=op.f("fk_work_calendar_hall_id_hall")),
        sa.PrimaryKeyConstraint("hall_id", "day", name=op.f("pk_work_calendar")),
    )
    op.create_table(
        "followup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("rating_id", BigId, nullable=False),
        sa.Column("ticket_id", BigId, nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("state", sa.Enum("to_verify", "verified", "fixing", "fixed", "revisited",
                                   "appealed", name="followup_state", native_enum=False,
                                   length=20), nullable=False),
        sa.Column("opened_at", When, nullable=False),
        sa.Column("verify_due", sa.Date(), nullable=False),
        sa.Column("fix_due", sa.Date(), nullable=True),
        sa.Column("closed_at", When, nullable=True),
        sa.ForeignKeyConstraint(["hall_id"], ["hall.id"],
                                name=op.f("fk_followup_hall_id_hall")),
        sa.ForeignKeyConstraint(["rating_id"], ["rating.id"],
                                name=op.f("fk_followup_rating_id_rating")),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"],
                                name=op.f("fk_followup_ticket_id_ticket")),
        sa.ForeignKeyConstraint(["window_id"], ["window.id"],
                                name=op.f("fk_followup_window_id_window")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"],
                                name=op.f("fk_followup_staff_id_staff")),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"],
                                name=op.f("fk_followup_department_id_department")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup")),
        sa.UniqueConstraint("rating_id", name=op.f("uq_followup_rating_id")),
    )
    op.create_index("ix_followup_hall_state", "followup", ["hall_id", "state"])
    op.create_table(
        "followup_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("followup_id", sa.Integer(), nullable=False),
        sa.Column("at", When, nullable=False),
        sa.Column("actor", sa.String(length=60), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["followup_id"], ["followup.id"],
                                name=op.f("fk_followup_step_followup_id_followup")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"],
                                name=op.f("fk_followup_step_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_step")),
    )
    op.create_index("ix_followup_step_followup", "followup_step", ["followup_id"])
    op.create_table(
        "alert_ack",
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("acknowledged_at", When, nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("event_id", BigId, nullable=False),
        sa.ForeignKeyConstraint(["hall_id"], ["hall.id"],
                                name=op.f("fk_alert_ack_hall_id_hall")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"],
                                name=op.f("fk_alert_ack_staff_id_staff")),
        sa.PrimaryKeyConstraint("hall_id", "key", name=op.f("pk_alert_ack")),
    )
    op.create_index("ix_event_hall_action_at", "event", ["hall_id", "action", "at"])


def downgrade() -> None:
    op.drop_index("ix_event_hall_action_at", table_name="event")
    op.drop_table("alert_ack")
    op.drop_index("ix_followup_step_followup", table_name="followup_step")
    op.drop_table("followup_step")
    op.drop_index("ix_followup_hall_state", table_name="followup")
    op.drop_table("followup")
    op.drop_table("work_calendar")
