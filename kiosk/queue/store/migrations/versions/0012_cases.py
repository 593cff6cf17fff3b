"""Cases (办件, issue 16): what an accepted ticket becomes, with its deadline.

- case_counter: the last 办件 sequence number handed out per hall and year, bumped in
  the finishing transaction under a row lock (gap-free, like ticket_counter).
- case_file ("case" is an SQL keyword): one accepted application. ``promised_date`` is
  the date promised at acceptance; ``due_date`` the date it is due now (the promise
  moved on by the working days a 补正 stopped the clock); ``paused_since`` the day an
  open 补正告知 stopped it. ``workdays_used`` is set at 办结 for the monthly report;
  ``supply_due`` is the due date of 容缺 materials still owed (NULL when none).
- case_material: a material still owed or received: 容缺 (supply_later, with its due
  date) or asked for by a 补正告知 (correction).

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

from kiosk.queue.store.column_types import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "case_counter",
        sa.Column("hall_id", sa.Integer(), sa.ForeignKey("hall.id"), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("last_number", sa.Integer(), nullable=False),
    )
    op.create_table(
        "case_file",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("hall_id", sa.Integer(), sa.ForeignKey("hall.id"), nullable=False),
        sa.Column("case_no", sa.String(40), nullable=False),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("item.id"), nullable=False),
        sa.Column("department_id", sa.Integer(), sa.ForeignKey("department.id"),
                  nullable=False),
        sa.Column("ticket_id", BigId, sa.ForeignKey("ticket.id")),
        sa.Column("window_id", sa.Integer(), sa.ForeignKey("window.id")),
        sa.Column("staff_id", sa.Integer(), sa.ForeignKey("staff.id")),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("applicant_masked", sa.String(40)),
        sa.Column("phone_masked", sa.String(20)),
        sa.Column("phone_hash", sa.String(80)),
        sa.Column("accepted_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("accepted_day", sa.Date(), nullable=False),
        sa.Column("promised_days", sa.Integer(), nullable=False),
        sa.Column("promised_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("paused_since", sa.Date()),
        sa.Column("stopped_days", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("supply_due", sa.Date()),
        sa.Column("decision", sa.String(12)),
        sa.Column("refusal_reason", sa.Text()),
        sa.Column("concluded_at", UTCDateTime(timezone=True)),
        sa.Column("concluded_day", sa.Date()),
        sa.Column("workdays_used", sa.Integer()),
        sa.Column("handed_over_at", UTCDateTime(timezone=True)),
        sa.UniqueConstraint("hall_id", "case_no", name="uq_case_file_hall_id"),
        sa.UniqueConstraint("ticket_id", name="uq_case_file_ticket_id"),
    )
    op.create_index("ix_case_file_due", "case_file", ["hall_id", "state", "due_date"])
    op.create_index("ix_case_file_concluded", "case_file", ["hall_id", "concluded_day"])
    op.create_index("ix_case_file_supply", "case_file", ["hall_id", "supply_due"])
    op.create_table(
        "case_material",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("case_id", BigId, sa.ForeignKey("case_file.id"), nullable=False),
        sa.Column("material_id", sa.Integer(), sa.ForeignKey("material.id")),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("reason", sa.String(12), nullable=False),
        sa.Column("due_date", sa.Date()),
        sa.Column("asked_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("received_at", UTCDateTime(timezone=True)),
    )
    op.create_index("ix_case_material_case", "case_material", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_case_material_case", "case_material")
    op.drop_table("case_material")
    op.drop_index("ix_case_file_supply", "case_file")
    op.drop_index("ix_case_file_concluded", "case_file")
    op.drop_index("ix_case_file_due", "case_file")
    op.drop_table("case_file")
    op.drop_table("case_counter")
