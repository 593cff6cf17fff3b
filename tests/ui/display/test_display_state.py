"""The display's read model (kiosk.queue.reads.display) and the pure steps and texts
built on it."""
from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk.queue.actions import calling, serving, staff, windows

from kiosk.queue.reads import display as display_reads
from kiosk.queue.demo import clerk_no
from kiosk.queue.reads.display import CallView, WindowStatus
from kiosk.settings import Settings
from kiosk.ui.display import reducer, texts
from tests.helpers import open_window, take


def test_display_state_in_one_read(ctx, clock):
    open_window(ctx, 1)
    open_window(ctx, 4)
    take(ctx, "SCJG-001")
    take(ctx, "SCJG-001")
    calling.call_next(ctx, window=1, staff_no=clerk_no(1))
    serving.start(ctx, window=1, staff_no=clerk_no(1))
    windows.pause(ctx, window=4, staff_no=clerk_no(4), reason="午休",
                  back_at=clock.now() + dt.timedelta(hours=1))

    state = display_reads.display_state(ctx)

    assert state.hall_name == "示例市政务服务中心"
    assert state.day == dt.date(2026, 11, 23)
    assert [(c.code, c.window, c.recall) for c in state.calls] == [("A001", 1, False)]
    one, four, five = state.window(1), state.window(4), state.window(5)
    assert (one.state, one.current_code, one.current_state) == ("open", "A001", "serving")
    assert (one.staff_no, one.staff_name) == ("1001", "王芳")
    assert (four.state, four.pause_reason) == ("paused", "午休")
    assert four.pause_back_at == clock.now() + dt.timedelta(hours=1)
    assert (five.state, five.staff_no, five.current_code) == ("closed", None, None)
    assert {s.prefix: s.waiting for s in state.services}["A"] == 1
    assert state.last_event_id > 0


def test_recent_calls_are_todays_only_and_distinct(sqlite_ctx, clock):
    ctx = sqlite_ctx
    staff.set_hall_setting(ctx, name="display.recent_calls", value=2)
    open_window(ctx, 1)
    for _ in range(4):
        take(ctx, "SCJG-001")
    for _ in range(3):
        calling.call_next(ctx, window=1, staff_no=clerk_no(1))
        calling.recall(ctx, window=1, staff_no=clerk_no(1))
        serving.finish(ctx, window=1, staff_no=clerk_no(1), outcome="completed")
    codes = [(c.code, c.recall) for c in display_reads.display_state(ctx).calls]
    assert codes == [("A003", True), ("A002", True), ("A001", True)]  # the list + newest

    clock.advance(days=1)  # Tuesday: yesterday's calls leave the screen
    assert display_reads.display_state(ctx).calls == ()


def _call(event_id, code, window, recall=False):
    return CallView(event_id, dt.datetime(2026, 11, 23, 1, 30, tzinfo=dt.timezone.utc),
                    code, window, f"{window}号", recall)


def _window(number, code=None, state="open"):
    return WindowStatus(number, f"{number}号", state, "1001", "王芳", code,
                        "called" if code else None, None, None, ("A",))


def test_with_call_moves_the_ticket_and_keeps_the_list_distinct(sqlite_ctx):
    state = dataclasses.replace(
        display_reads.display_state(sqlite_ctx),
        calls=(_call(5, "A001", 1), _call(4, "B001", 3)),
        windows=(_window(1, "A001"), _window(2), _window(3, "B001")))
    moved = reducer.with_call(state, _call(9, "A001", 2), keep=5)  # transferred, called at 2
    assert [(c.code, c.window) for c in moved.calls] == [("A001", 2), ("A001", 1),
                                                         ("B001", 3)]
    assert [w.current_code for w in moved.windows] == [None, "A001", "B001"]
    assert moved.last_event_id == max(state.last_event_id, 9)

    recalled = reducer.with_call(moved, _call(10, "B001", 3, recall=True), keep=2)
    assert [(c.code, c.recall) for c in recalled.calls] == [("B001", True), ("A001", False)]


def test_merged_settings_put_the_hall_over_the_machine():
    base = Settings(machine={"speech.rate": "180"}).with_values(speech__repeat=1)
    merged = reducer.merged_settings(base, [("speech.repeat", 3), ("display.notice", "hi"),
                                            ("speech.rate", 90),          # machine option
                                            ("display.recent_calls", "many")])  # invalid
    assert merged.get("speech.repeat") == 3
    assert merged.get("display.notice") == "hi"
    assert merged.get("speech.rate") == 180
    assert merged.get("display.recent_calls") == 6


def test_every_event_reloads_except_the_known_irrelevant_ones():
    assert reducer.needs_reload("ticket_issued")
    assert reducer.needs_reload("some_future_action")
    assert not reducer.needs_reload("ticket_rated")
    assert not reducer.needs_reload("device_fault")  # what the display itself records


def test_window_states_in_words(qtbot):
    zone = "Asia/Shanghai"
    back = dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.timezone.utc)  # 14:00 in the hall
    paused = dataclasses.replace(_window(4, state="paused"), pause_reason="会议",
                                 pause_back_at=back)
    words = texts.window_words(paused, zone)
    assert (words.kind, words.headline, words.detail) == ("paused", "暂停服务",
                                                          "预计 14:00 恢复 · 会议")
    assert texts.window_words(_window(5, state="closed"), zone).headline == "未开放"
    assert texts.window_words(_window(1, "A001"), zone).headline == "正在叫号"
    serving_ = dataclasses.replace(_window(1, "A001"), current_state="serving")
    assert texts.window_words(serving_, zone).headline == "办理中"
    assert texts.window_words(_window(2), zone).headline == "等候叫号"
    assert texts.go_to(3) == "请到 3号窗口"
