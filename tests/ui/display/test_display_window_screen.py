"""The window screen (窗口屏): one window's number and name, clerk, current number and
pause notice, following the real feed."""
from __future__ import annotations

import datetime as dt

import pytest

from kiosk.errors import InvalidInput
from kiosk.queue.actions import calling, serving, windows
from kiosk.queue.demo import clerk_no
from kiosk.settings import Settings
from tests.helpers import open_window, take

WAIT_MS = 5000


def test_window_screen_follows_its_window(ctx, make_display, announcer, clock, qtbot):
    take(ctx, "WJW-002")  # B001, for window 3
    display = make_display(ctx, announcer, mode="window", window=3)
    screen = display.screen
    assert screen.header.title.text() == "3号窗口"
    assert screen.header.subtitle.text() == "食品及卫生许可窗口"
    assert screen.big.text() == "未开放"
    assert screen.services.text() == "办理业务：B 食品与卫生健康许可"

    open_window(ctx, 3)
    qtbot.waitUntil(lambda: screen.clerk_name.text() == "张伟", timeout=WAIT_MS)
    assert screen.clerk_no.text() == "工号 1003"
    assert screen.headline.text() == "等候叫号"

    calling.call_next(ctx, window=3, staff_no=clerk_no(3))
    qtbot.waitUntil(lambda: screen.code.text() == "B001", timeout=WAIT_MS)
    assert screen.headline.text() == "请 B001 号到本窗口办理"
    assert screen.highlighter.active

    serving.start(ctx, window=3, staff_no=clerk_no(3))
    qtbot.waitUntil(lambda: screen.headline.text() == "办理中", timeout=WAIT_MS)
    serving.finish(ctx, window=3, staff_no=clerk_no(3), outcome="completed")
    qtbot.waitUntil(lambda: screen.code.text() == "", timeout=WAIT_MS)

    windows.pause(ctx, window=3, staff_no=clerk_no(3), reason="午休",
                  back_at=clock.now() + dt.timedelta(hours=4))
    qtbot.waitUntil(lambda: screen.big.text() == "暂停服务", timeout=WAIT_MS)
    assert screen.detail.text() == "午休"
    assert screen.back.text() == "预计 13:30 恢复"
    assert screen.clerk_name.text() == "张伟"   # who is away stays on the screen
    assert announcer.calls == []               # a window screen is silent by default


def test_window_screen_ignores_other_windows(sqlite_ctx, make_display, qtbot):
    ctx = sqlite_ctx
    open_window(ctx, 1)
    open_window(ctx, 3)
    take(ctx, "SCJG-001")
    display = make_display(ctx, mode="window", window=3)
    calling.call_next(ctx, window=1, staff_no=clerk_no(1))
    qtbot.waitUntil(lambda: display.controller.state.window(1).current_code == "A001",
                    timeout=WAIT_MS)
    assert display.screen.code.text() == ""
    assert not display.screen.highlighter.active


def test_window_screen_may_speak_its_own_calls(sqlite_ctx, make_display, announcer, qtbot):
    ctx = sqlite_ctx
    open_window(ctx, 1)
    open_window(ctx, 2)
    take(ctx, "SCJG-001")
    take(ctx, "SCJG-001")
    make_display(ctx, announcer, mode="window", window=2, speak=True)
    calling.call_next(ctx, window=1, staff_no=clerk_no(1))
    calling.call_next(ctx, window=2, staff_no=clerk_no(2))
    qtbot.waitUntil(lambda: announcer.calls == [("announce", "A002", 2)], timeout=WAIT_MS)


def test_window_mode_needs_a_window_number(sqlite_ctx, make_display):
    with pytest.raises(InvalidInput):
        make_display(sqlite_ctx, mode="window")


def test_window_number_may_come_from_the_machine_settings(sqlite_ctx, make_display):
    settings = Settings(machine={"display.mode": "window", "window.number": "5"})
    display = make_display(sqlite_ctx, settings=settings)
    assert display.mode == "window"
    assert display.screen.header.title.text() == "5号窗口"
