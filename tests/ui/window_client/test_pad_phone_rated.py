"""The citizen rated on the phone (the ticket's QR code) before the pad: the pad thanks
them for that and goes back to idle, with no error and no second rating."""
from PySide6.QtCore import Qt

from kiosk.queue.actions import rating
from tests.helpers import open_window, serve_next, take
from tests.ui.window_client.conftest import ratings


def _rating_page(qtbot, ctx, make_pad):
    open_window(ctx, 1)
    take(ctx)
    pad = make_pad(ctx, window=1)
    done = serve_next(ctx, 1).ticket
    qtbot.waitUntil(lambda: pad.page == "rate", timeout=5000)
    return pad, done


def _thanked_for_the_phone_then_idle(qtbot, pad) -> None:
    qtbot.waitUntil(lambda: pad.page == "thanks"
                    and pad.thanks.title.text() == "您已通过手机评价", timeout=5000)
    assert pad.thanks.detail.text() == "感谢您的评价"
    assert pad.ticket is None and not pad.rating_timer.isActive()
    assert pad._thanks_timer.isActive()
    pad._thanks_timer.timeout.emit()                     # the thanks' seconds pass
    assert pad.page == "identity"


def test_a_phone_rating_seen_on_the_feed_ends_the_pads_question(qtbot, ctx, make_pad):
    pad, done = _rating_page(qtbot, ctx, make_pad)
    rating.rate_by_token(ctx, web_token=done.web_token, level=4)
    _thanked_for_the_phone_then_idle(qtbot, pad)
    assert ratings(ctx) == [("A001", 4, [])]


def test_a_pad_tap_after_the_phone_rated_is_thanked_not_refused(qtbot, ctx, make_pad):
    pad, done = _rating_page(qtbot, ctx, make_pad)
    pad.feed.events_arrived.disconnect(pad._on_events)   # the feed has not told it yet
    rating.rate_by_token(ctx, web_token=done.web_token, level=5)
    qtbot.mouseClick(pad.rate_page.buttons[3], Qt.MouseButton.LeftButton)
    _thanked_for_the_phone_then_idle(qtbot, pad)
    assert ratings(ctx) == [("A001", 5, [])]
    assert not pad._pending and pad._sending is None
