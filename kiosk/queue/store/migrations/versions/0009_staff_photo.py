"""A clerk's photo in the database (staff.photo_jpeg)

The rating pad shows the clerk's photo (亮身份), and in a LAN hall the pad runs on
another PC than the manager's console that set it: a path on one PC means nothing on
the other, so the photo itself is stored, scaled small (a 240x320 JPEG, some 20 KB).

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("staff", sa.Column("photo_jpeg", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("photo_jpeg")
