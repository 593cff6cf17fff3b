"""Signing in with lockout, A/B岗 takeover, pause and resume, signing out."""
import datetime as dt

import pytest

from kiosk.errors import IllegalTransition, InvalidInput, NotPermitted
from kiosk.queue.actions import calling, serving, staff, windows
from kiosk.queue.actions.windows import LoginFailed
from tests.helpers import PASSWORD, open_window, take


def test_sign_in_opens_the_window(ctx):
    result = windows.sign_in(ctx, staff_no="1001", password=PASSWORD, window=1)
    assert result.window.state == "open" and result.window.staff_no == "1001"
    assert result.window.staff_name == "王芳"


def test_wrong_password_counts_and_five_failures_lock_for_five_minutes(ctx, clock):
    for attempt in range(4):
        with pytest.raises(LoginFailed) as err:
            windows.sign_in(ctx, staff_no="1001", password="wrong", window=1)
        assert f"再错 {4 - attempt} 次" in err.value.message_zh
    with pytest.raises(LoginFailed) as err:
        windows.sign_in(ctx, staff_no="1001", password="wrong", window=1)
    assert "已锁定" in err.value.message_zh
    with pytest.raises(NotPermitted) as err:  # even the right password, while locked
        windows.sign_in(ctx, staff_no="1001", password=PASSWORD, window=1)
    assert "09:35" in err.value.message_zh
    clock.advance(minutes=5, seconds=1)
    assert windows.sign_in(ctx, staff_no="1001", password=PASSWORD,
                           window=1).window.state == "open"


def test_a_manager_unlocks_and_a_clerk_cannot(ctx):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            windows.sign_in(ctx, staff_no="1001", password="wrong", window=1)
    with pytest.raises(NotPermitted):
        staff.unlock_staff(ctx, staff_no="1001", by="1002")
    staff.unlock_staff(ctx, staff_no="1001", by="9001")
    open_window(ctx, 1)


def test_unknown_staff_is_refused(ctx):
    with pytest.raises(Exception) as err:
        windows.sign_in(ctx, staff_no="7777", password=PASSWORD, window=1)
    assert "7777" in err.value.message_zh


def test_a_window_held_by_someone_else_is_refused(ctx):
    open_window(ctx, 1)
    with pytest.raises(NotPermitted) as err:
        windows.sign_in(ctx, staff_no="1003", password=PASSWORD, window=1)
    assert "王芳" in err.value.message_zh


def test_one_person_one_window(ctx):
    open_window(ctx, 1)
    with pytest.raises(IllegalTransition):
        windows.sign_in(ctx, staff_no="1001", password=PASSWORD, window=3)


def test_backup_staff_takes_over_and_it_is_recorded(ctx):
    open_window(ctx, 1)                    # A岗 1001; B岗 of window 1 is 1002
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    windows_result = windows.sign_in(ctx, staff_no="1002", password=PASSWORD, window=1)
    assert windows_result.window.staff_no == "1002"
    from kiosk.queue.store.models import Event

    with ctx.db.read() as session:
        event = session.get(Event, windows_result.event_id)
        assert event.action == "backup_took_over"
        assert event.payload["from_staff_no"] == "1001"
    # the ticket in hand stays with the window, now served by B
    assert serving.finish(ctx, window=1, staff_no="1002",
                          outcome="completed").ticket.code == "A001"
    with pytest.raises(NotPermitted):
        calling.call_next(ctx, window=1, staff_no="1001")


def test_pause_stops_calling_and_resume_restarts(ctx, clock):
    open_window(ctx, 1)
    take(ctx)
    back = clock.now() + dt.timedelta(minutes=15)
    paused = windows.pause(ctx, window=1, staff_no="1001", reason="临时离岗", back_at=back)
    assert paused.window.state == "paused" and paused.window.pause_reason == "临时离岗"
    assert paused.window.pause_back_at == back
    with pytest.raises(IllegalTransition) as err:
        calling.call_next(ctx, window=1, staff_no="1001")
    assert "暂停" in err.value.message_zh
    with pytest.raises(IllegalTransition):
        windows.pause(ctx, window=1, staff_no="1001", reason="用餐")
    resumed = windows.resume(ctx, window=1, staff_no="1001")
    assert resumed.window.state == "open" and resumed.window.pause_reason is None
    assert calling.call_next(ctx, window=1, staff_no="1001").ticket.code == "A001"


def test_pause_needs_a_reason_a_future_return_and_a_free_window(ctx, clock):
    open_window(ctx, 1)
    with pytest.raises(InvalidInput):
        windows.pause(ctx, window=1, staff_no="1001", reason=" ")
    with pytest.raises(InvalidInput):
        windows.pause(ctx, window=1, staff_no="1001", reason="会议",
                      back_at=clock.now() - dt.timedelta(minutes=1))
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    with pytest.raises(IllegalTransition):
        windows.pause(ctx, window=1, staff_no="1001", reason="会议")
    with pytest.raises(IllegalTransition):
        windows.resume(ctx, window=1, staff_no="1001")


def test_sign_out_needs_the_ticket_in_hand_finished(ctx):
    open_window(ctx, 1)
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    with pytest.raises(IllegalTransition):
        windows.sign_out(ctx, window=1, staff_no="1001")
    serving.finish(ctx, window=1, staff_no="1001", outcome="completed")
    assert windows.sign_out(ctx, window=1, staff_no="1001").window.state == "closed"
    with pytest.raises(NotPermitted):
        calling.call_next(ctx, window=1, staff_no="1001")


def test_a_pause_reason_with_a_nul_is_refused_and_control_characters_never_reach_the_display(
        ctx):
    """A NUL made PostgreSQL raise a raw DataError (the clerk saw 系统繁忙); ESC and BEL
    were stored and shown raw on the hall display."""
    open_window(ctx, 1)
    with pytest.raises(InvalidInput) as refused:
        windows.pause(ctx, window=1, staff_no="1001", reason="会议\x00")
    assert "无法识别的字符" in refused.value.message_zh
    paused = windows.pause(ctx, window=1, staff_no="1001", reason="\x1b[2J会议\x07\t去三楼")
    assert paused.window.pause_reason == "[2J会议 去三楼"
