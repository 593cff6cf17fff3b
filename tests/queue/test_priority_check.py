"""绿色通道核验 at the window, and the 过号 guard: a no-show right after the call needs the
clerk's confirmation."""
import pytest
from sqlalchemy import select

from kiosk.errors import IllegalTransition, NotPermitted
from kiosk.queue.actions import calling, serving, staff
from kiosk.queue.actions.priority_check import confirm_priority, reject_priority
from kiosk.queue.rules.at_counter import needs_check
from kiosk.queue.store.models import Event, Ticket
from tests.helpers import open_window, take


def call(ctx, window=1, staff_no="1001"):
    return calling.call_next(ctx, window=window, staff_no=staff_no)


def ticket_row(ctx, code):
    with ctx.db.read() as session:
        row = session.scalar(select(Ticket).where(Ticket.code == code))
        return row.priority.value, row.priority_check, row.state.value, row.queue_at


def refuse(kind, zh, action, *args, **kwargs):
    """The action's refusal, of ``kind``, whose Chinese message says ``zh``."""
    with pytest.raises(kind) as refused:
        action(*args, **kwargs)
    assert zh in refused.value.message_zh, refused.value.message_zh
    return refused.value


def last_event(ctx):
    with ctx.db.read() as session:
        event = session.scalar(select(Event).order_by(Event.id.desc()).limit(1))
        return event.action, event.payload


def test_confirm_keeps_the_priority_and_marks_it_checked(ctx):
    open_window(ctx, 1)
    take(ctx, priority="elderly")
    call(ctx)
    done = confirm_priority(ctx, window=1, staff_no="1001", code="A001")
    assert done.ticket.state == "called" and done.window.current_ticket_id == done.ticket.id
    assert ticket_row(ctx, "A001")[:2] == ("elderly", "confirmed")
    assert last_event(ctx) == ("priority_confirmed",
                               {"code": "A001", "window": 1, "priority": "elderly"})
    refuse(IllegalTransition, "已核验", confirm_priority,
        ctx, window=1, staff_no="1001", code="A001")


def test_reject_at_the_counter_makes_it_wait_as_an_ordinary_ticket(ctx, clock):
    open_window(ctx, 1)
    take(ctx)                                   # A001 ordinary, 09:30:00
    clock.advance(seconds=10)
    take(ctx, priority="military")              # A002 claims priority, 09:30:10
    clock.advance(seconds=10)
    take(ctx)                                   # A003 ordinary, 09:30:20
    assert call(ctx).ticket.code == "A002"      # priority goes first
    issued = ticket_row(ctx, "A002")[3]
    clock.advance(seconds=30)
    back = reject_priority(ctx, window=1, staff_no="1001", code="A002")
    assert back.ticket.state == "waiting" and back.ticket.priority == "none"
    assert back.ticket.called_at is None and back.window.current_ticket_id is None
    assert ticket_row(ctx, "A002") == ("none", None, "waiting", issued)
    assert last_event(ctx) == ("priority_rejected", {
        "code": "A002", "window": 1, "priority": "military", "was_current": True})
    # its place in line is the one an ordinary ticket taken at 09:30:10 has
    order = []
    for _ in range(3):
        order.append(call(ctx).ticket.code)
        serving.finish(ctx, window=1, staff_no="1001", outcome="completed")
    assert order == ["A001", "A002", "A003"]


def test_a_waiting_claim_can_be_rejected_from_the_list(ctx, clock):
    open_window(ctx, 1)
    take(ctx)
    clock.advance(seconds=10)
    take(ctx, priority="pregnant")
    done = reject_priority(ctx, window=1, staff_no="1001", code="A002")
    assert done.ticket.state == "waiting" and done.window.current_ticket_id is None
    assert call(ctx).ticket.code == "A001"


def test_refusals_name_the_reason(ctx):
    open_window(ctx, 1)
    open_window(ctx, 2)
    take(ctx)                                   # A001 ordinary
    take(ctx, priority="disabled")              # A002
    take(ctx, "RSJ-001", priority="elderly")    # C001: a queue window 1 does not serve
    refuse(IllegalTransition, "不是绿色通道", confirm_priority,
        ctx, window=1, staff_no="1001", code="A001")
    refuse(NotPermitted, "不属于本窗口", reject_priority, ctx, window=1, staff_no="1001", code="C001")
    assert call(ctx, 2, "1002").ticket.code == "A002"     # in hand at window 2
    refuse(NotPermitted, "不在本窗口", confirm_priority, ctx, window=1, staff_no="1001", code="A002")
    serving.finish(ctx, window=2, staff_no="1002", outcome="completed")
    refuse(IllegalTransition, "已办理完毕", reject_priority,
        ctx, window=2, staff_no="1002", code="A002")
    assert ticket_row(ctx, "A002")[:2] == ("disabled", "claimed")  # nothing changed


def test_the_kiosk_records_a_chosen_priority_as_claimed(ctx):
    take(ctx)
    take(ctx, priority="elderly")
    assert ticket_row(ctx, "A001")[:2] == ("none", None)
    assert ticket_row(ctx, "A002")[:2] == ("elderly", "claimed")


def test_needs_check():
    assert needs_check("elderly", None) and needs_check("elderly", "claimed")
    assert not needs_check("elderly", "confirmed") and not needs_check("elderly", "by_age")
    assert not needs_check("none", None)


# --- 过号 guard ------------------------------------------------------------------------


def test_no_show_right_after_the_call_needs_confirmation(ctx, clock):
    open_window(ctx, 1)
    take(ctx)
    call(ctx)
    clock.advance(seconds=5)
    refused = refuse(IllegalTransition, "叫号才 5 秒", calling.no_show,
        ctx, window=1, staff_no="1001")
    assert refused.details == {"needs_confirmation": True}
    assert ticket_row(ctx, "A001")[2] == "called"
    gone = calling.no_show(ctx, window=1, staff_no="1001", confirmed=True)
    assert gone.ticket.state == "no_show"
    assert last_event(ctx) == ("ticket_no_show",
                               {"code": "A001", "window": 1, "confirmed": True})


def test_one_recall_or_a_minute_meets_the_guard(ctx, clock):
    open_window(ctx, 1)
    take(ctx)
    take(ctx)
    call(ctx)
    calling.recall(ctx, window=1, staff_no="1001")
    assert calling.no_show(ctx, window=1, staff_no="1001").ticket.state == "no_show"
    call(ctx)
    clock.advance(seconds=59)
    with pytest.raises(IllegalTransition):
        calling.no_show(ctx, window=1, staff_no="1001")
    clock.advance(seconds=1)
    assert calling.no_show(ctx, window=1, staff_no="1001").ticket.state == "no_show"
    assert last_event(ctx)[1]["confirmed"] is False


def test_the_guard_follows_the_hall_settings(ctx, clock):
    staff.set_hall_setting(ctx, name="queue.no_show_min_recalls", value=2)
    staff.set_hall_setting(ctx, name="queue.no_show_min_seconds", value=120)
    open_window(ctx, 1)
    take(ctx)
    take(ctx)
    call(ctx)
    calling.recall(ctx, window=1, staff_no="1001")
    clock.advance(seconds=90)
    refuse(IllegalTransition, "满 2 次", calling.no_show, ctx, window=1, staff_no="1001")
    calling.recall(ctx, window=1, staff_no="1001")
    calling.no_show(ctx, window=1, staff_no="1001")
    staff.set_hall_setting(ctx, name="queue.no_show_min_recalls", value=0)  # guard off
    call(ctx)
    assert calling.no_show(ctx, window=1, staff_no="1001").ticket.state == "no_show"
