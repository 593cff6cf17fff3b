"""A 差评's phone for the call back (回访): stored masked and as a keyed hash only, like
the booking phones; a wrong number is refused with nothing written."""
import json

import pytest
from sqlalchemy import select

from kiosk.errors import InvalidInput
from kiosk.queue.actions import keys, rating
from kiosk.queue.store.models import Event, Rating
from tests.helpers import open_window, serve_next, take

PHONE = "13912345678"


@pytest.fixture
def finished(ctx):
    open_window(ctx, 1)
    take(ctx)
    return serve_next(ctx, 1).ticket


def _everything_stored(ctx) -> str:
    """Every rating and event row as text (to look for the number anywhere)."""
    with ctx.db.read() as session:
        rows = [vars(r) for r in session.scalars(select(Rating))]
        rows += [dict(e.payload or {}) for e in session.scalars(select(Event))]
    return json.dumps(rows, default=str, ensure_ascii=False)


def test_the_callback_phone_is_stored_masked_and_keyed(ctx, finished):
    rating.rate(ctx, ticket_id=finished.id, level=1, reasons=["服务态度差"],
                callback_phone=" 139 1234 5678 ")
    with ctx.db.read() as session:
        row = session.scalar(select(Rating))
        assert row.callback_phone_masked == "139****5678"
        ring = keys.personal_keys(ctx)
        assert row.callback_phone_hash == ring.hash("phone", PHONE)
    assert PHONE not in _everything_stored(ctx)


@pytest.mark.parametrize("phone", ["1391234567", "23912345678", "139123456789", "1391234abcd",
                                   "１３９１２３４５６７８"])
def test_a_wrong_phone_is_refused_and_nothing_written(ctx, finished, phone):
    with pytest.raises(InvalidInput) as err:
        rating.rate(ctx, ticket_id=finished.id, level=2, reasons=["等候时间长"],
                    callback_phone=phone)
    assert "11 位" in err.value.message_zh
    with ctx.db.read() as session:
        assert session.scalars(select(Rating)).all() == []


def test_no_phone_and_a_good_rating_keep_the_columns_empty(ctx, finished):
    with pytest.raises(InvalidInput):
        rating.rate(ctx, ticket_id=finished.id, level=5, callback_phone=PHONE)
    rating.rate(ctx, ticket_id=finished.id, level=2, reasons=["其他"], callback_phone="")
    with ctx.db.read() as session:
        row = session.scalar(select(Rating))
        assert (row.callback_phone_masked, row.callback_phone_hash) == (None, None)
