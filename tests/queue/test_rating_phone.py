"""扫码评价: the phone rates by the ticket's token; one level per ticket across the pad and
the phone, a pad's 未评 filled by the phone, and a time limit after the ticket finished."""
import pytest
from sqlalchemy import select

from kiosk.errors import IllegalTransition, InvalidInput, NotFound
from kiosk.queue.actions import rating, staff
from kiosk.queue.actions.rating import AlreadyRated
from kiosk.queue.store.models import Event, Followup, Rating
from tests.helpers import open_window, serve_next, take


@pytest.fixture
def finished(ctx):
    open_window(ctx, 1)
    take(ctx)
    return serve_next(ctx, 1).ticket


def _ratings(ctx):
    with ctx.db.read() as session:
        return [(r.level, r.channel, r.reasons) for r in session.scalars(select(Rating))]


def test_phone_rates_by_token_and_the_pad_is_then_refused(ctx, finished):
    rating.rate_by_token(ctx, web_token=finished.web_token, level=4)
    assert _ratings(ctx) == [(4, "phone", [])]
    with pytest.raises(AlreadyRated) as err:
        rating.rate(ctx, ticket_id=finished.id, level=5)
    assert "已评价（手机）" in err.value.message_zh
    assert err.value.details["channel"] == "phone"
    with pytest.raises(AlreadyRated):
        rating.mark_unrated(ctx, ticket_id=finished.id)
    with ctx.db.read() as session:
        payload = session.scalar(select(Event.payload).where(Event.action == "ticket_rated"))
    assert payload["channel"] == "phone" and payload["level"] == 4


def test_pad_rating_stops_the_phone(ctx, finished):
    rating.rate(ctx, ticket_id=finished.id, level=5)
    with pytest.raises(AlreadyRated) as err:
        rating.rate_by_token(ctx, web_token=finished.web_token, level=1,
                             reasons=["服务态度差"])
    assert "已评价（评价器）" in err.value.message_zh
    assert _ratings(ctx) == [(5, "pad", [])]


def test_phone_fills_the_pads_unrated_and_opens_the_followup(ctx, finished):
    rating.mark_unrated(ctx, ticket_id=finished.id)
    rating.rate_by_token(ctx, web_token=finished.web_token, level=2, reasons=["等候时间长"],
                         comment="太慢")
    assert _ratings(ctx) == [(2, "phone", ["等候时间长"])]
    with ctx.db.read() as session:
        assert session.scalar(select(Followup)) is not None
    with pytest.raises(AlreadyRated):
        rating.rate_by_token(ctx, web_token=finished.web_token, level=5)
    with pytest.raises(IllegalTransition):
        rating.rate(ctx, ticket_id=finished.id, level=5)


def test_unknown_and_malformed_tokens_are_one_answer(ctx, finished):
    answers = set()
    for token in ("x" * 24, "", "../../etc", "a" * 500, finished.web_token + "x"):
        with pytest.raises(NotFound) as err:
            rating.rate_by_token(ctx, web_token=token, level=5)
        answers.add(err.value.message_zh)
    assert answers == {"找不到该号票"}


def test_phone_cannot_rate_an_unfinished_ticket_or_bad_input(ctx):
    open_window(ctx, 1)
    ticket = take(ctx).ticket
    with pytest.raises(IllegalTransition):
        rating.rate_by_token(ctx, web_token=ticket.web_token, level=5)
    with pytest.raises(InvalidInput):
        rating.rate_by_token(ctx, web_token=ticket.web_token, level=2)


def test_phone_rating_closes_after_the_phone_days(ctx, clock, finished):
    staff.set_hall_setting(ctx, name="rating.phone_days", value=7)
    clock.advance(days=7)
    rating.rate_by_token(ctx, web_token=finished.web_token, level=5)  # the 7th day: open
    open_window(ctx, 1)
    take(ctx)
    late = serve_next(ctx, 1).ticket
    clock.advance(days=8)
    with pytest.raises(IllegalTransition) as err:
        rating.rate_by_token(ctx, web_token=late.web_token, level=5)
    assert "超过 7 天" in err.value.message_zh


def test_unknown_channel_is_refused(ctx, finished):
    with pytest.raises(InvalidInput):
        rating.rate(ctx, ticket_id=finished.id, level=5, channel="fax")
