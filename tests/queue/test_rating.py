"""好差评: once per finished ticket, reasons for 1-2, 未评 kept apart, staff cannot rate."""
import pytest
from sqlalchemy import select

from kiosk.errors import IllegalTransition, InvalidInput, NotPermitted
from kiosk.queue.actions import calling, rating
from kiosk.queue.store.events import Actor, staff_actor
from kiosk.queue.store.models import Rating
from tests.helpers import open_window, serve_next, take


@pytest.fixture
def finished(ctx):
    open_window(ctx, 1)
    take(ctx)
    return serve_next(ctx, 1).ticket


def test_rate_once(ctx, finished):
    rated = rating.rate(ctx, ticket_id=finished.id, level=5)
    assert rated.event_id is not None
    with pytest.raises(IllegalTransition) as err:
        rating.rate(ctx, ticket_id=finished.id, level=4)
    assert "只能评价一次" in err.value.message_zh
    with ctx.db.read() as session:
        rows = session.scalars(select(Rating)).all()
        assert [(r.level, r.staff_id is not None) for r in rows] == [(5, True)]


def test_bad_rating_needs_a_reason(ctx, finished):
    with pytest.raises(InvalidInput) as err:
        rating.rate(ctx, ticket_id=finished.id, level=2)
    assert "原因" in err.value.message_zh
    rating.rate(ctx, ticket_id=finished.id, level=1, reasons=["服务态度差"])
    with ctx.db.read() as session:
        assert session.scalar(select(Rating)).reasons == ["服务态度差"]


def test_levels_outside_one_to_five_are_refused(ctx, finished):
    for level in (0, 6, -1):
        with pytest.raises(InvalidInput):
            rating.rate(ctx, ticket_id=finished.id, level=level)


def test_unfinished_ticket_cannot_be_rated(ctx):
    open_window(ctx, 1)
    ticket = take(ctx).ticket
    with pytest.raises(IllegalTransition):
        rating.rate(ctx, ticket_id=ticket.id, level=5)
    calling.call_next(ctx, window=1, staff_no="1001")
    with pytest.raises(IllegalTransition):
        rating.rate(ctx, ticket_id=ticket.id, level=5)


def test_unrated_is_recorded_apart_and_is_final(ctx, finished):
    rating.mark_unrated(ctx, ticket_id=finished.id)
    with ctx.db.read() as session:
        assert session.scalar(select(Rating)).level is None
    with pytest.raises(IllegalTransition) as err:
        rating.rate(ctx, ticket_id=finished.id, level=5)
    assert "未评" in err.value.message_zh


def test_staff_can_never_rate(ctx, finished):
    with pytest.raises(NotPermitted):
        rating.rate(ctx, ticket_id=finished.id, level=5, actor=staff_actor("1001"))
    with pytest.raises(NotPermitted):
        rating.mark_unrated(ctx, ticket_id=finished.id, actor=Actor("kiosk"))
    rating.rate(ctx, ticket_id=finished.id, level=4, actor=Actor("pad", "W1"))


def test_a_comment_with_a_nul_is_refused_and_writes_no_rating(ctx, finished):
    with pytest.raises(InvalidInput) as refused:
        rating.rate(ctx, ticket_id=finished.id, level=2, reasons=["服务态度差"],
                    comment="太慢\x00")
    assert "评价意见" in refused.value.message_zh
    with ctx.db.read() as session:
        assert session.scalar(select(Rating)) is None
    rating.rate(ctx, ticket_id=finished.id, level=2, reasons=["服务态度差\x1b"],
                comment="等了\u2067很久\u2069 😡\n下次改进")
    with ctx.db.read() as session:
        row = session.scalar(select(Rating))
        assert (row.reasons, row.comment) == (["服务态度差"], "等了\u2067很久\u2069 😡\n下次改进")
