"""Case pages and 办理 steps with their own time limits (issue 16).

- case_file.web_token: the unguessable token in the URL the notice's QR code holds
  (``<base>/c/<token>``, 144 bits like a ticket's); existing cases get one here.
- item.case_steps: the 办理环节 tracked after 受理, each [name, working days allowed]
- case_step: the steps of a case's 办理中, each with its due date and when it was done.

Revision ID: 0014
Revises: 0013
"""
import secrets

import sqlalchemy as sa
from alembic import op

from kiosk.queue.store.column_types import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    # plain ALTERs, no batch: SQLite would copy case_file, which case_material references
    op.add_column("case_file", sa.Column("web_token", sa.String(32)))
    op.create_index("uq_case_file_web_token", "case_file", ["web_token"], unique=True)
    connection = op.get_bind()
    for (case_id,) in connection.execute(sa.text("SELECT id FROM case_file")).all():
        connection.execute(sa.text("UPDATE case_file SET web_token = :token WHERE id = :id"),
                           {"token": secrets.token_urlsafe(18), "id": case_id})
    op.add_column("item", sa.Column("case_steps", sa.JSON()))
    op.create_table(
        "case_step",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("case_id", BigId, sa.ForeignKey("case_file.id"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("started_at", UTCDateTime(timezone=True)),
        sa.Column("due_date", sa.Date()),
        sa.Column("done_at", UTCDateTime(timezone=True)),
        sa.UniqueConstraint("case_id", "seq", name="uq_case_step_case_id"),
    )
    op.create_index("ix_case_step_due", "case_step", ["due_date"])


def downgrade() -> None:
    op.drop_index("ix_case_step_due", "case_step")
    op.drop_table("case_step")
    op.execute("ALTER TABLE item DROP COLUMN case_steps")  # SQLite >= 3.35 and PostgreSQL
    op.drop_index("uq_case_file_web_token", "case_file")
    op.execute("ALTER TABLE case_file DROP COLUMN web_token")
