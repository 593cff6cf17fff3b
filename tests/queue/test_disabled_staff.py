"""A clerk disabled by the admin while signed in stops at once: signed out of the window
(with an event) and refused at every window action after."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event, select, text

from kiosk.errors import NotPermitted
from kiosk.queue.actions import admin, calling, serving, windows
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.models import Event, Staff, Window
from tests.helpers import PASSWORD, open_window, take

ADMIN = "9000"


def _window(ctx, number: int):
    return next(w for w in hall_reads.windows(ctx) if w.number == number)


def _signed_out_events(ctx) -> list[tuple[str, dict]]:
    with ctx.db.read() as session:
        return [(e.actor, e.payload) for e in session.scalars(
            select(Event).where(Event.action == "window_signed_out").order_by(Event.id))]


def _held_by(ctx, staff_no: str) -> list[int]:
    with ctx.db.read() as session:
        return list(session.scalars(select(Window.number).join(
            Staff, Staff.id == Window.staff_id).where(Staff.staff_no == staff_no)))


def test_disabling_a_signed_in_clerk_signs_them_out_and_stops_them(ctx):
    open_window(ctx, 1)
    take(ctx)
    admin.update_staff(ctx, staff_no="1001", active=False, by=ADMIN)
    assert _window(ctx, 1).state == "closed" and _held_by(ctx, "1001") == []
    assert _signed_out_events(ctx) == [("staff:9000", {
        "window": 1, "staff_no": "1001", "reason": "staff_disabled", "ticket": None})]
    for act in (calling.call_next, windows.sign_out, windows.resume):
        with pytest.raises(NotPermitted) as refused:
            act(ctx, window=1, staff_no="1001")
        assert refused.value.message_zh == "工号 1001 的账号已停用，不能继续办理，请联系管理员"
    with pytest.raises(NotPermitted):
        windows.pause(ctx, window=1, staff_no="1001", reason="会议")


def test_the_ticket_in_hand_stays_with_the_window_for_the_next_clerk(ctx):
    open_window(ctx, 1)
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    admin.update_staff(ctx, staff_no="1001", active=False, by=ADMIN)
    assert _signed_out_events(ctx)[-1][1]["ticket"] == "A001"
    windows.sign_in(ctx, staff_no="1002", password=PASSWORD, window=1)
    assert serving.finish(ctx, window=1, staff_no="1002",
                          outcome="completed").ticket.code == "A001"


def test_re_enabling_or_other_edits_sign_nobody_out(ctx):
    open_window(ctx, 1)
    admin.update_staff(ctx, staff_no="1001", name="王芳芳", by=ADMIN)
    assert _window(ctx, 1).staff_no == "1001" and _signed_out_events(ctx) == []
    admin.update_staff(ctx, staff_no="1001", active=False, by=ADMIN)
    admin.update_staff(ctx, staff_no="1001", active=True, by=ADMIN)
    open_window(ctx, 1)
    assert calling.call_next(ctx, window=1, staff_no="1001").ticket is None


def test_an_account_disabled_behind_the_windows_back_is_refused_too(ctx):
    """The window check itself looks at the account, whatever disabled it."""
    open_window(ctx, 1)
    with ctx.db.write() as session:
        session.execute(text("UPDATE staff SET active = false WHERE staff_no = '1001'"))
    with pytest.raises(NotPermitted) as refused:
        calling.call_next(ctx, window=1, staff_no="1001")
    assert "已停用" in refused.value.message_zh


def _until(condition, timeout_s: float = 30.0) -> None:
    """Wait for ``condition()`` (another transaction's state), checking every 10 ms."""
    deadline = time.monotonic() + timeout_s
    checked = threading.Event()
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        checked.wait(0.01)


def test_disabling_during_a_sign_in_waits_for_it_then_signs_it_out(make_ctx, pg_url):
    """PostgreSQL: the sign-in has written its window but not committed when the admin
    disables the account; the disabling waits for it, then signs the clerk out."""
    ctx = make_ctx(pg_url)
    at_write, go = threading.Event(), threading.Event()

    def pause_the_sign_in(conn, cursor, statement, params, context, many):
        if threading.current_thread().name == "sign-in" \
                and statement.startswith('UPDATE "window" SET') and " staff_id=" in statement:
            at_write.set()
            go.wait(30)

    def waiting_on_a_lock() -> bool:
        with ctx.db.engine.connect() as conn:
            return bool(conn.scalar(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock'")))

    event.listen(ctx.db.engine, "before_cursor_execute", pause_the_sign_in)
    try:
        signing = threading.Thread(name="sign-in", target=windows.sign_in, args=(ctx,),
                                   kwargs={"staff_no": "1005", "password": PASSWORD,
                                           "window": 5})
        disabling = threading.Thread(target=admin.update_staff, args=(ctx,), kwargs={
            "staff_no": "1005", "active": False, "by": ADMIN})
        signing.start()
        assert at_write.wait(30)
        disabling.start()
        _until(lambda: not disabling.is_alive() or waiting_on_a_lock())
        go.set()
        signing.join(30)
        disabling.join(30)
    finally:
        go.set()
        event.remove(ctx.db.engine, "before_cursor_execute", pause_the_sign_in)
    assert _held_by(ctx, "1005") == []
    with pytest.raises(NotPermitted):
        calling.call_next(ctx, window=5, staff_no="1005")
