"""Unkeyed phone hashes forgotten: the phone is kept as a keyed hash from now on

Before 0007 a booking's phone_hash was an unsalted SHA-256 of the hall code and the
phone, which the masked phone beside it turns back into the number in milliseconds. It
cannot be converted to the keyed hash (rules.personal) without the phone, which is not
stored, so it is cleared: a booking made before the upgrade checks in by its code and
the phone's last four digits (never by the hash); new bookings store "<key id>:<hmac>".

Revision ID: 0007
Revises: 0006
"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a keyed hash names its key before a colon; an unkeyed one is 64 bare hex digits
    op.execute("UPDATE appointment SET phone_hash = '' WHERE phone_hash NOT LIKE '%:%'")


def downgrade() -> None:
    pass  # the unkeyed hashes are gone for good, which is the point
