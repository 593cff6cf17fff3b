"""The hall display read from the seats (issue 13): text sizes by role measured on the
live widgets, the big panel never sending people to a window that has moved on, a missed
call said in words, the notice shown once, the open windows only and all of them
reachable page by page, the per-area screen, and the staff-only speech mark."""
from __future__ import annotations

import datetime as dt
import math

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.errors import InvalidInput
from kiosk.queue.actions import calling, serving, staff, windows
from kiosk.queue.demo import clerk_no
from kiosk.queue.reads.display import DisplayArea, display_state
from kiosk.ui.display import style
from tests.helpers import open_window, take

WAIT_MS = 5000
SIZES = [(1920, 1080), (1366, 768), (1080, 1920)]


@pytest.fixture
def many_windows(monkeypatch):
    """``many_windows(ctx, n)``: n open windows, added and signed in through the core's
    actions off the GUI thread (as the screenshots do), with cheap password hashes."""
    from argon2 import PasswordHasher

    from kiosk.queue.rules import passwords
    from kiosk.ui.display.screenshots import open_windows
    from kiosk.ui.runner import off_gui_thread

    monkeypatch.setattr(passwords, "_hasher",
                        PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    return lambda ctx, count: off_gui_thread(open_windows, ctx, count, timeout_s=300)


def _show(display, size) -> None:
    screen = display.screen
    screen.resize(*size)
    screen.show()
    QApplication.processEvents()
    QApplication.processEvents()


def _visible_texts(screen) -> list[QLabel]:
    return [label for label in screen.findChildren(QLabel)
            if label.isVisibleTo(screen) and label.text().strip()]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_text_a_citizen_reads_is_at_least_3_5_percent_of_the_height(
        sqlite_ctx, make_display, clock, qtbot, size):
    ctx = sqlite_ctx
    for number in (1, 3, 4, 5):
        open_window(ctx, number)
    for item in ("SCJG-001", "SCJG-001", "WJW-002", "SCJG-001"):
        take(ctx, item)
    calling.call_next(ctx, window=1, staff_no=clerk_no(1))
    calling.no_show(ctx, window=1, staff_no=clerk_no(1), confirmed=True)   # A001 missed
    calling.call_next(ctx, window=1, staff_no=clerk_no(1))                  # A002
    calling.recall(ctx, window=1, staff_no=clerk_no(1))
    calling.call_next(ctx, window=3, staff_no=clerk_no(3))                  # B001
    windows.pause(ctx, window=5, staff_no=clerk_no(5), reason="临时离岗",
                  back_at=clock.now() + dt.timedelta(minutes=20))
    width, height = size
    display = make_display(ctx, portrait=height > width)
    screen = display.screen
    _show(display, size)
    screen.controller.speech_failed.emit("未找到中文语音")
    QApplication.processEvents()
    qtbot.waitUntil(lambda: bool(screen.recent.codes()), timeout=WAIT_MS)

    floor = MIN = style.MIN_SHARE * height
    labels = _visible_texts(screen)
    assert len(labels) > 20
    staff_only = [label for label in labels if label.objectName() == "staffMark"]
    assert [label.text() for label in staff_only] == ["⚠ 语音播报不可用"]
    too_small = [(label.text(), label.font().pixelSize()) for label in labels
                 if label not in staff_only and label.font().pixelSize() < floor]
    assert not too_small, (MIN, too_small)
    assert screen.notice.font().pixelSize() >= floor
    # the call itself is much larger, the staff mark much smaller
    assert screen.newest.code.font().pixelSize() >= 2.5 * floor
    assert screen.newest.code.text() == "B001"
    assert staff_only[0].font().pixelSize() < 0.6 * floor


def test_role_sizes_are_one_function_of_the_height():
    for height in (768, 1080, 1920):
        for portrait in (False, True):
            sizes = style.role_sizes(height, portrait)
            floor = math.ceil(0.035 * height)
            assert all(px >= floor for role, px in sizes.items() if role != "staff")
            assert sizes["call"] >= 2.5 * floor and sizes["staff"] < floor
    assert style.role_sizes(1080)["text"] == 40 and style.role_sizes(1080)["call"] == 189


def test_the_big_panel_lets_go_of_a_finished_call(ctx, make_display, clock, qtbot):
    """"A002 请到 1号窗口" goes once A002 is finished and the window pauses: the panel
    shows the newest call still waiting for its citizen, or a calm 请留意叫号."""
    open_window(ctx, 1)
    open_window(ctx, 3)
    take(ctx, "WJW-002")
    take(ctx, "SCJG-001")
    display = make_display(ctx)
    newest = display.screen.newest
    calling.call_next(ctx, window=3, staff_no=clerk_no(3))   # B001, still called
    calling.call_next(ctx, window=1, staff_no=clerk_no(1))   # A001
    qtbot.waitUntil(lambda: newest.code.text() == "A001", timeout=WAIT_MS)
    serving.start(ctx, window=1, staff_no=clerk_no(1))
    serving.finish(ctx, window=1, staff_no=clerk_no(1), outcome="completed")
    windows.pause(ctx, window=1, staff_no=clerk_no(1), reason="临时离岗",
                  back_at=clock.now() + dt.timedelta(minutes=10))

    qtbot.waitUntil(lambda: newest.code.text() == "B001", timeout=WAIT_MS)
    assert newest.go_to.text() == "请到 3号窗口"
    assert display.screen.recent.codes() == ["A001"]         # history keeps it

    serving.start(ctx, window=3, staff_no=clerk_no(3))
    serving.finish(ctx, window=3, staff_no=clerk_no(3), outcome="completed")
    qtbot.waitUntil(lambda: newest.go_to.text() == "请留意叫号", timeout=WAIT_MS)
    assert newest.code.text().strip() == "" and not newest.window_name.text()
    assert display.screen.recent.codes() == ["A001", "B001"]


def test_a_missed_call_is_marked_in_words(ctx, make_display, qtbot):
    open_window(ctx, 1)
    take(ctx, "SCJG-001")
    take(ctx, "SCJG-001")
    display = make_display(ctx)
    calling.call_next(ctx, window=1, staff_no=clerk_no(1))
    calling.no_show(ctx, window=1, staff_no=clerk_no(1), confirmed=True)
    calling.call_next(ctx, window=1, staff_no=clerk_no(1))
    calling.recall(ctx, window=1, staff_no=clerk_no(1))

    qtbot.waitUntil(lambda: display.screen.recent.lines() == ["A001 1号窗口 已过号"],
                    timeout=WAIT_MS)
    assert display.screen.newest.code.text() == "A002"
    assert display.screen.newest.tag.text() == "重呼"
    assert display_state(ctx).calls[1].no_show   # the read says so, on both databases


def test_the_notice_is_shown_once(sqlite_ctx, make_display, qtbot):
    display = make_display(sqlite_ctx)
    notice = display.screen.notice
    _show(display, (1920, 1080))
    assert notice.text() == "请携带好您的证件，按号码顺序办理。"
    assert notice.fits() and notice.copies_shown() == 1
    for _ in range(200):
        notice._step()
        assert notice.copies_shown() == 1
    staff.set_hall_setting(sqlite_ctx, name="display.notice", value="请留意叫号。" * 30)
    qtbot.waitUntil(lambda: notice.text().startswith("请留意叫号"), timeout=WAIT_MS)
    for _ in range(400):                 # a long notice scrolls: never three at once
        notice._step()
        assert 1 <= notice.copies_shown() <= 2


def test_a_hundred_open_windows_are_all_reachable_page_by_page(ctx, make_display, qtbot,
                                                               many_windows):
    many_windows(ctx, 100)
    display = make_display(ctx)
    screen = display.screen
    _show(display, (1920, 1080))
    grid = screen.windows
    assert len(display_state(ctx).windows) == 100
    assert grid.page_count > 1 and screen.page_label.text() == f"第 1/{grid.page_count} 页"
    seen: list[int] = []
    for page in range(grid.page_count):
        for card in grid.cards.values():   # each line shown is whole, none beyond the grid
            assert card.isVisibleTo(grid) and card.geometry().bottom() <= grid.height()
        seen += grid.numbers_on_page()
        screen.page_timer.timeout.emit()   # the page timer, driven without waiting
    assert sorted(seen) == list(range(1, 101)) and len(seen) == 100
    assert grid.page == 0                   # and round again


def test_portrait_turns_to_the_waiting_counts_after_the_last_page(sqlite_ctx, make_display,
                                                                  many_windows):
    many_windows(sqlite_ctx, 40)
    display = make_display(sqlite_ctx, portrait=True)
    screen = display.screen
    _show(display, (1080, 1920))
    pages = screen.windows.page_count
    for _ in range(pages - 1):
        screen.turn_page()
        assert screen.board.currentWidget() is screen.windows
    screen.turn_page()
    assert screen.board.currentWidget() is screen.services
    assert screen.windows_caption.text() == "各业务等候人数"
    screen.turn_page()
    assert screen.board.currentWidget() is screen.windows and screen.windows.page == 0


def test_a_per_area_screen_shows_its_windows_calls_and_queues(ctx, make_display,
                                                              announcer, qtbot):
    for number in (1, 3, 4):                 # 1 and 3: SCJG; 4: SWJ
        open_window(ctx, number)
    take(ctx, "SCJG-001")
    take(ctx, "WJW-002")
    display = make_display(ctx, announcer, area=DisplayArea(departments=("SCJG",)))
    screen = display.screen
    assert list(screen.windows.cards) == [1, 3]
    assert list(screen.services.cells) == ["A", "B"]
    assert screen.header.subtitle.text() == "市场监督管理局"
    take(ctx, "SWJ-001")
    calling.call_next(ctx, window=4, staff_no=clerk_no(4))   # another area's call
    calling.call_next(ctx, window=3, staff_no=clerk_no(3))
    qtbot.waitUntil(lambda: screen.newest.code.text() == "B001", timeout=WAIT_MS)
    assert screen.recent.codes() == []
    # the announcement is queued to the speech worker after the screen shows the call;
    # window 4's call came first in the feed, so by now it would have been queued too
    qtbot.waitUntil(lambda: bool(announcer.calls), timeout=WAIT_MS)
    assert announcer.calls == [("announce", "B001", 3)]      # spoken once, its own only

    by_queue = display_state(ctx, area=DisplayArea(queues=("B",)))
    assert [w.number for w in by_queue.windows] == [2, 3, 19]   # 19: 综合窗口
    assert [c.code for c in by_queue.calls] == ["B001"]


def test_an_unknown_area_is_refused_clearly(ctx, capsys, tmp_path):
    with pytest.raises(InvalidInput) as refused:
        display_state(ctx, area=DisplayArea(departments=("NOPE",)))
    assert "NOPE" in refused.value.message_en and "SCJG" in refused.value.message_en
    with pytest.raises(InvalidInput):
        display_state(ctx, area=DisplayArea(queues=("Z",)))


def test_the_cli_says_what_is_wrong_with_area(sqlite_url, capsys, tmp_path):
    from kiosk import cli

    code = cli.main(["--db", sqlite_url, "display", "--area", "NOPE",
                     "--screenshot", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert code == 1
    assert "error: unknown department code(s) for --area: NOPE" in err
    assert DisplayArea.parse("SCJG, GAJ") == DisplayArea(departments=("SCJG", "GAJ"))
    assert DisplayArea.parse(queues="a,b") == DisplayArea(queues=("A", "B"))
    assert DisplayArea.parse() is None


def test_the_speech_mark_is_small_and_quiet(sqlite_ctx, make_display):
    display = make_display(sqlite_ctx)
    _show(display, (1920, 1080))
    header = display.screen.header
    display.controller.speech_failed.emit("未找到中文语音")
    QApplication.processEvents()
    mark = header.speech_mark
    assert mark.isVisibleTo(header) and mark.text() == "⚠ 语音播报不可用"
    assert mark.font().pixelSize() <= 0.02 * 1080
    assert "background: transparent" in mark.styleSheet()
    assert mark.height() < header.title.height() / 2


@pytest.mark.parametrize("size", SIZES[:2], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_window_screen_text_is_readable_too(sqlite_ctx, make_display, clock, size):
    """The 窗口屏 over a window on a landscape monitor: the same 3.5 % floor."""
    open_window(sqlite_ctx, 4)
    windows.pause(sqlite_ctx, window=4, staff_no=clerk_no(4), reason="临时离岗",
                  back_at=clock.now() + dt.timedelta(minutes=20))
    display = make_display(sqlite_ctx, mode="window", window=4)
    _show(display, size)
    labels = _visible_texts(display.screen)
    assert "暂停服务" in [label.text() for label in labels]
    floor = style.MIN_SHARE * size[1]
    assert not [(label.text(), label.font().pixelSize()) for label in labels
                if label.font().pixelSize() < floor]
