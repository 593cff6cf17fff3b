"""The hall display follows the real event feed: calls, pauses, the rolling list of
recent calls, waiting counts and the notice line (on SQLite and PostgreSQL)."""
from __future__ import annotations

import datetime as dt

from kiosk.queue.actions import calling, staff, windows
from kiosk.queue.demo import clerk_no
from tests.helpers import open_window, serve_next, take

WAIT_MS = 15_000  # a bound, not a timing: ends as soon as the screen shows it


def card_text(display, number: int) -> str:
    return display.screen.windows.cards[number].text()


def test_a_called_ticket_appears_highlighted(ctx, make_display, announcer, qtbot):
    open_window(ctx, 3)                      # window 3 serves queue B
    ticket = take(ctx, "WJW-002").ticket     # B001
    display = make_display(ctx, announcer)
    screen = display.screen
    assert screen.newest.call is None

    calling.call_next(ctx, window=3, staff_no=clerk_no(3))

    qtbot.waitUntil(lambda: screen.newest.code.text() == ticket.code, timeout=WAIT_MS)
    assert screen.newest.go_to.text() == "请到 3号窗口"
    assert screen.newest.window_name.text() == "食品及卫生许可窗口"
    assert screen.newest.highlighted
    assert "正在叫号" in card_text(display, 3) and ticket.code in card_text(display, 3)
    qtbot.waitUntil(lambda: screen.services.text_of("B").endswith(" 0 人"),
                    timeout=WAIT_MS)
    assert announcer.calls == [("announce", ticket.code, 3)]


def test_waiting_counts_follow_issued_tickets(ctx, make_display, qtbot):
    display = make_display(ctx)
    for _ in range(3):
        take(ctx, "SCJG-001")
    qtbot.waitUntil(lambda: display.screen.services.text_of("A") == "A  企业开办 3 人",
                    timeout=WAIT_MS)


def test_a_pause_appears_with_its_reason_and_return_time(ctx, make_display, clock, qtbot):
    open_window(ctx, 4)
    display = make_display(ctx)
    qtbot.waitUntil(lambda: "等候叫号" in card_text(display, 4), timeout=WAIT_MS)
    assert card_text(display, 4) == "4号窗口 等候叫号 刘洋"

    windows.pause(ctx, window=4, staff_no=clerk_no(4), reason="临时离岗",
                  back_at=clock.now() + dt.timedelta(minutes=30))

    qtbot.waitUntil(lambda: "暂停服务" in card_text(display, 4), timeout=WAIT_MS)
    text = card_text(display, 4)
    assert text == "4号窗口 暂停服务 10:00 恢复 · 临时离岗"   # 09:30 + 30 min, hall time
    assert display.screen.windows.cards[4].kind == "paused"

    windows.resume(ctx, window=4, staff_no=clerk_no(4))
    qtbot.waitUntil(lambda: "等候叫号" in card_text(display, 4), timeout=WAIT_MS)


def test_closed_windows_take_no_room(ctx, make_display, qtbot):
    """Only the windows a citizen can go to are listed; a window that opens appears, one
    that signs out goes."""
    open_window(ctx, 3)
    display = make_display(ctx)
    assert list(display.screen.windows.cards) == [3]
    open_window(ctx, 20)
    qtbot.waitUntil(lambda: list(display.screen.windows.cards) == [3, 20], timeout=WAIT_MS)
    windows.sign_out(ctx, window=3, staff_no=clerk_no(3))
    qtbot.waitUntil(lambda: list(display.screen.windows.cards) == [20], timeout=WAIT_MS)


def test_the_recent_calls_list_rolls(ctx, make_display, clock, qtbot):
    staff.set_hall_setting(ctx, name="display.recent_calls", value=3)
    open_window(ctx, 1)
    for _ in range(6):
        take(ctx, "SCJG-001")
        clock.advance(seconds=5)
    display = make_display(ctx)
    recent = display.screen.recent
    assert len(recent.rows) == 3

    expected = []
    for number in range(1, 6):
        serve_next(ctx, 1)  # calls A00n and finishes it: it goes to the list at once
        expected.insert(0, f"A{number:03d}")
        qtbot.waitUntil(lambda: recent.codes() == expected[:3], timeout=WAIT_MS)
    assert recent.codes() == ["A005", "A004", "A003"]  # A001, A002 have rolled off


def test_the_list_length_follows_the_setting_live(ctx, make_display, qtbot):
    display = make_display(ctx)
    assert len(display.screen.recent.rows) == 6
    staff.set_hall_setting(ctx, name="display.recent_calls", value=4)
    qtbot.waitUntil(lambda: len(display.screen.recent.rows) == 4, timeout=WAIT_MS)


def test_a_recall_moves_to_the_top_and_is_announced_again(ctx, make_display, announcer,
                                                            qtbot):
    open_window(ctx, 1)
    open_window(ctx, 3)
    take(ctx, "SCJG-001")
    take(ctx, "WJW-002")
    display = make_display(ctx, announcer)
    calling.call_next(ctx, window=1, staff_no=clerk_no(1))   # A001
    calling.call_next(ctx, window=3, staff_no=clerk_no(3))   # B001
    qtbot.waitUntil(lambda: display.screen.newest.code.text() == "B001", timeout=WAIT_MS)

    calling.recall(ctx, window=1, staff_no=clerk_no(1))

    qtbot.waitUntil(lambda: display.screen.newest.code.text() == "A001", timeout=WAIT_MS)
    assert display.screen.newest.tag.isVisibleTo(display.screen.newest)  # 重呼
    assert display.screen.recent.codes() == ["B001"]  # A001 is listed once, on top
    qtbot.waitUntil(lambda: len(announcer.calls) == 3, timeout=WAIT_MS)
    assert announcer.calls == [("announce", "A001", 1), ("announce", "B001", 3),
                               ("recall", "A001", 1)]


def test_the_notice_line_updates_live(ctx, make_display, qtbot):
    display = make_display(ctx)
    assert display.screen.notice.text() == "请携带好您的证件，按号码顺序办理。"
    staff.set_hall_setting(ctx, name="display.notice", value="今天下午 14:00 起系统维护")
    qtbot.waitUntil(lambda: display.screen.notice.text() == "今天下午 14:00 起系统维护",
                    timeout=WAIT_MS)


def test_the_header_shows_hall_name_date_and_time(sqlite_ctx, make_display):
    display = make_display(sqlite_ctx)
    header = display.screen.header
    assert header.title.text() == "示例市政务服务中心"
    assert header.date.text() == "2026年11月23日 星期一"
    assert header.time.text() == "09:30:00"
    assert not header.connection_mark.isVisibleTo(header)


def test_portrait_layout_shows_the_same_facts(sqlite_ctx, make_display, qtbot):
    open_window(sqlite_ctx, 3)
    take(sqlite_ctx, "WJW-002")
    display = make_display(sqlite_ctx, portrait=True)
    calling.call_next(sqlite_ctx, window=3, staff_no=clerk_no(3))
    qtbot.waitUntil(lambda: display.screen.newest.code.text() == "B001", timeout=WAIT_MS)
    assert display.screen.portrait
    assert display.screen.scale.reference == (1080, 1920)


def test_every_character_on_screen_has_a_glyph(sqlite_ctx, make_display, clock):
    """No empty boxes: the fonts in use hold every character the screens show."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QLabel

    open_window(sqlite_ctx, 4)
    windows.pause(sqlite_ctx, window=4, staff_no=clerk_no(4), reason="临时离岗（会议）",
                  back_at=clock.now() + dt.timedelta(minutes=30))
    for display in (make_display(sqlite_ctx), make_display(sqlite_ctx, mode="window",
                                                           window=4)):
        labels = display.screen.findChildren(QLabel)
        shown = "".join(label.text() for label in labels)
        assert "暂停服务" in shown
        for label in labels:
            metrics = QFontMetrics(label.font())
            missing = [ch for ch in label.text() if not ch.isspace()
                       and not metrics.inFontUcs4(ord(ch))]
            assert not missing, (label.text(), label.font().family())


def test_nothing_is_cut_in_a_1280x720_window_once_a_call_and_a_pause_show(
        ctx, make_display, clock, qtbot):
    """Windowed as the launcher runs it (1280x720): the columns keep their proportions
    when a call arrives, every window line and waiting count fits, and a pause shows
    its return time before its reason."""
    from PySide6.QtWidgets import QApplication

    for number in (1, 3, 4):
        open_window(ctx, number)
    take(ctx, "SCJG-001")
    take(ctx, "WJW-002")
    display = make_display(ctx)
    screen = display.screen
    screen.resize(1280, 720)
    screen.show()
    QApplication.processEvents()
    before = screen.newest.width()

    calling.call_next(ctx, window=3, staff_no=clerk_no(3))
    windows.pause(ctx, window=4, staff_no=clerk_no(4), reason="临时离岗",
                  back_at=clock.now() + dt.timedelta(minutes=18))
    qtbot.waitUntil(lambda: "暂停服务" in card_text(display, 4)
                    and screen.newest.code.text() != " ", timeout=WAIT_MS)
    QApplication.processEvents()

    assert abs(screen.newest.width() - before) <= 2           # the column did not widen
    assert screen.windows.width() >= 1.9 * screen.newest.width()
    assert not screen.services.cells["A"][0].is_elided()
    for name, count in screen.services.cells.values():
        # a long queue name may end in "…": its letter and first words always show
        assert name.shown_text().startswith(name.text()[:5]), name.text()
        assert count.sizeHint().width() <= count.width(), count.text()
    card = screen.windows.cards[4]
    assert card.detail.text() == "09:48 恢复 · 临时离岗"
    for card in screen.windows.cards.values():
        for label in (card.number, card.headline, card.code):
            assert label.sizeHint().width() <= label.width(), label.text()
        # never cut in the middle: the whole line, or the return time alone
        assert card.detail.shown_text() in (card.detail.text(), card.detail.short)
    assert screen.windows.cards[4].detail.shown_text().startswith("09:48 恢复")


def test_a_small_portrait_window_keeps_every_card_whole(sqlite_ctx, make_display, clock,
                                                        qtbot):
    """Windowed portrait as the launcher runs it (540x960): gaps shrink with the type,
    every window line shown is whole (the rest wait for the next page), the newest call
    is whole, and the recent calls give way by whole rows, oldest first."""
    from PySide6.QtCore import QPoint

    from kiosk.ui.display.app import WINDOWED

    for number in (1, 2, 3, 4, 5):
        open_window(sqlite_ctx, number)
    for item in ("SCJG-001", "SCJG-002", "SCJG-001", "WJW-002"):
        take(sqlite_ctx, item)
    for number in (1, 2, 4, 3):  # A001, A002, A003, then B001
        calling.call_next(sqlite_ctx, window=number, staff_no=clerk_no(number))
    windows.pause(sqlite_ctx, window=5, staff_no=clerk_no(5), reason="临时离岗",
                  back_at=clock.now() + dt.timedelta(minutes=18))
    display = make_display(sqlite_ctx, portrait=True)
    screen = display.screen
    screen.resize(*WINDOWED[("hall", True)])
    screen.show()
    qtbot.waitUntil(lambda: screen.newest.code.text() == "B001", timeout=WAIT_MS)

    def top(widget) -> int:
        return widget.mapTo(screen, QPoint(0, 0)).y()

    def laid_out_whole() -> None:
        for card in screen.windows.cards.values():
            assert card.height() >= card.minimumSizeHint().height(), card.text()
            assert card.geometry().bottom() <= screen.windows.height(), card.text()
        for label in (screen.newest.code, screen.newest.go_to):
            assert label.height() >= label.sizeHint().height(), label.text()
        for code, _, _ in screen.recent.rows:
            if code.isVisibleTo(screen.recent):  # whole rows only
                assert code.geometry().bottom() <= screen.recent.contentsRect().bottom()
        order = (screen.header, screen.newest, screen.recent, screen.board, screen.notice)
        for upper, lower in zip(order, order[1:]):
            assert top(upper) + upper.height() <= top(lower), (upper, lower)
        assert top(screen.notice) + screen.notice.height() <= screen.height()

    qtbot.waitUntil(laid_out_whole, timeout=WAIT_MS)  # retried until the layout settles
    shown = screen.recent.codes()  # how many fit depends on the font: the newest first
    assert shown == ["A003", "A002", "A001"][:len(shown)]
