"""差评 follow-up: opened for bad ratings, moved step by step with working-day deadlines
across a weekend, a holiday and a make-up workday; managers only."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kiosk.errors import IllegalTransition, InvalidInput, NotPermitted
from kiosk.queue.actions import appointments, calendar, followup, rating
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.models import Event
from tests.conftest import HALL_TZ
from tests.helpers import open_window, serve_next, take

FRI = dt.datetime(2026, 11, 27, 10, 0, tzinfo=HALL_TZ)
HOLIDAY = dt.date(2026, 11, 30)        # the Monday after
MAKE_UP = dt.date(2026, 12, 6)         # a Sunday worked (调休)


def _on(clock, month: int, day: int, hour: int = 10) -> None:
    clock.set(dt.datetime(2026, month, day, hour, 0, tzinfo=HALL_TZ))


def _bad_ticket(ctx, window: int = 1, level: int = 2, item: str = "SCJG-001") -> int:
    take(ctx, item)
    served = serve_next(ctx, window)
    rating.rate(ctx, ticket_id=served.ticket.id, level=level, reasons=["服务态度差"],
                comment="等了很久" if level <= 2 else None)
    return served.ticket.id


@pytest.fixture
def friday(ctx, clock):
    clock.set(FRI)
    calendar.set_day(ctx, HOLIDAY, False, "节假日", by="9001")
    calendar.set_day(ctx, MAKE_UP, True, "调休上班", by="9001")
    open_window(ctx, 1)
    return ctx


def _opened(ctx) -> list[int]:
    """Every follow-up, oldest first: the sweep opens any the rating hook has not."""
    followup.open_followups_for_new_bad_ratings(ctx)
    assert followup.open_followups_for_new_bad_ratings(ctx) == []  # idempotent
    return sorted(v.id for v in followup.list_followups(ctx, by="9001"))


def _events(ctx, action: str) -> list[tuple[str, dict]]:
    with ctx.db.read() as session:
        return [(e.actor, dict(e.payload)) for e in session.scalars(
            select(Event).where(Event.action == action).order_by(Event.id))]


def test_a_bad_rating_is_followed_to_the_end(friday, clock):
    ctx = friday
    _bad_ticket(ctx)
    _bad_ticket(ctx, level=4)  # a good rating opens nothing
    opened = _opened(ctx)
    assert len(opened) == 1
    (view,) = followup.list_followups(ctx, by="9001")
    assert (view.id, view.state, view.state_zh, view.level) == (opened[0], "to_verify",
                                                                "待核实", 2)
    assert (view.window_number, view.staff_no, view.department_code) == (1, "1001", "SCJG")
    assert view.reasons == ("服务态度差",) and view.comment == "等了很久"
    # one working day from Friday: not Monday (a holiday) but Tuesday
    assert view.verify_due == view.due == dt.date(2026, 12, 1) and not view.overdue

    _on(clock, 12, 2)
    late = followup.followup_detail(ctx, view.id, by="9001")
    assert late.overdue and [v.id for v in followup.list_followups(
        ctx, by="9001", overdue_only=True)] == [view.id]

    verified = followup.verify(ctx, view.id, by="9001", note="调取录像，属实")
    # fifteen working days from Wednesday 2 December, counting the Sunday worked
    assert verified.state == "verified" and verified.fix_due == dt.date(2026, 12, 22)
    assert verified.due == dt.date(2026, 12, 22) and not verified.overdue
    with pytest.raises(IllegalTransition) as skipped:
        followup.revisit(ctx, view.id, by="9001", note="跳过整改")
    assert "已核实" in skipped.value.message_zh
    with pytest.raises(InvalidInput):
        followup.start_fix(ctx, view.id, by="9001", note="  ")
    with pytest.raises(InvalidInput):
        followup.advance(ctx, view.id, to="closed", by="9001", note="x")

    _on(clock, 12, 3)
    followup.start_fix(ctx, view.id, by="9000", note="窗口人员服务规范培训")
    _on(clock, 12, 10)
    followup.complete_fix(ctx, view.id, by="9001", note="培训完成，已考核")
    _on(clock, 12, 11)
    done = followup.revisit(ctx, view.id, by="9001", note="电话回访，群众表示满意")
    assert done.state == "revisited" and done.due is None and not done.overdue
    assert done.closed_at == dt.datetime(2026, 12, 11, 10, tzinfo=HALL_TZ)
    assert [(s.actor, s.from_state, s.to_state) for s in done.steps] == [
        ("system", None, "to_verify"), ("staff:9001", "to_verify", "verified"),
        ("staff:9000", "verified", "fixing"), ("staff:9001", "fixing", "fixed"),
        ("staff:9001", "fixed", "revisited")]
    assert [s.note for s in done.steps[1:]] == [
        "调取录像，属实", "窗口人员服务规范培训", "培训完成，已考核", "电话回访，群众表示满意"]
    assert [s.at.astimezone(HALL_TZ).date().day for s in done.steps] == [27, 2, 3, 10, 11]
    assert done.steps[2].staff_name == "系统管理员"
    moves = _events(ctx, "followup_advanced")
    assert [(actor, p["from"], p["to"]) for actor, p in moves] == [
        (s.actor, s.from_state, s.to_state) for s in done.steps[1:]]


def test_fixing_past_its_deadline_is_overdue_and_an_appeal_closes(friday, clock):
    ctx = friday
    _bad_ticket(ctx, level=1)
    _bad_ticket(ctx, level=2)
    first, second = _opened(ctx)
    _on(clock, 12, 1)
    followup.verify(ctx, first, by="9001", note="属实")
    followup.start_fix(ctx, first, by="9001", note="整改中")
    assert followup.followup_detail(ctx, first, by="9001").fix_due == dt.date(2026, 12, 21)
    _on(clock, 12, 21)
    assert not followup.followup_detail(ctx, first, by="9001").overdue
    _on(clock, 12, 22)
    assert followup.followup_detail(ctx, first, by="9001").overdue
    appealed = followup.appeal(ctx, second, by="9001", note="群众误触评价器，已申诉")
    assert (appealed.state, appealed.state_zh, appealed.overdue) == ("appealed", "申诉", False)
    assert appealed.closed_at is not None
    with pytest.raises(IllegalTransition):
        followup.verify(ctx, second, by="9001", note="再核实")
    states = {v.id: v.state for v in followup.list_followups(
        ctx, by="9001", states=["fixing", "appealed"])}
    assert states == {first: "fixing", second: "appealed"}
    assert [v.id for v in followup.list_followups(ctx, by="9001", department="RSJ")] == []


def test_the_rating_hook_opens_it_in_the_same_transaction_once(friday):
    ctx = friday
    ticket_id = _bad_ticket(ctx, level=1)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        opened = followup.open_for_ticket(scope, ticket_id)
        again = followup.open_for_ticket(scope, ticket_id)
        assert opened is again and opened.verify_due == dt.date(2026, 12, 1)
    assert followup.open_followups_for_new_bad_ratings(ctx) == []
    good = _bad_ticket(ctx, level=5)
    with ctx.db.write() as session:
        assert followup.open_for_ticket(open_scope(ctx, session), good) is None


def test_a_shared_window_assigns_the_items_department(friday):
    ctx = friday
    open_window(ctx, 19)  # 综合受理: no department of its own
    take(ctx, "RSJ-001")  # a queue C ticket nobody at window 19 serves...
    take(ctx, "JTJ-002")  # ...and a 交通运输 one it does
    served = serve_next(ctx, 19)
    rating.rate(ctx, ticket_id=served.ticket.id, level=1, reasons=["其他"])
    _opened(ctx)
    (view,) = followup.list_followups(ctx, by="9001")
    assert (view.window_number, view.department_code) == (19, "JTJ")


def test_rater_details_are_for_managers_and_each_viewing_is_recorded(friday, clock):
    ctx = friday
    clock.set(FRI - dt.timedelta(days=1))
    code = appointments.record_booking(
        ctx, item_code="SCJG-001", day=FRI.date(), slot_start=dt.time(10, 0),
        slot_minutes=30, name="张某某", phone="13912345678", id_number="110101199001011234")
    clock.set(FRI)
    appointments.check_in(ctx, code=code, phone_last_four="5678")
    served = serve_next(ctx, 1)
    rating.rate(ctx, ticket_id=served.ticket.id, level=1, reasons=["等候时间长"])
    (followup_id,) = _opened(ctx)

    for clerk in ("1001", "1002"):
        with pytest.raises(NotPermitted):
            followup.rater_details(ctx, followup_id, by=clerk)
    assert _events(ctx, "rater_details_viewed") == []
    details = followup.rater_details(ctx, followup_id, by="9001")
    assert (details.ticket_code, details.applicant_name, details.phone_masked) == (
        served.ticket.code, "张某某", "139****5678")
    assert details.id_number_masked == "1101**********1234"
    assert details.level == 1 and details.reasons == ("等候时间长",)
    followup.rater_details(ctx, followup_id, by="9000")
    assert _events(ctx, "rater_details_viewed") == [
        ("staff:9001", {"followup_id": followup_id}),
        ("staff:9000", {"followup_id": followup_id})]
    # the list a manager browses carries no rater details
    (view,) = followup.list_followups(ctx, by="9001")
    assert not hasattr(view, "applicant_name") and not hasattr(view, "ticket_code")


def test_window_clerks_are_refused_every_follow_up_action(friday):
    ctx = friday
    _bad_ticket(ctx)
    (followup_id,) = _opened(ctx)
    for action in (followup.verify, followup.start_fix, followup.complete_fix,
                   followup.revisit, followup.appeal):
        with pytest.raises(NotPermitted):
            action(ctx, followup_id, by="1001", note="我来处理")
    with pytest.raises(NotPermitted):
        followup.list_followups(ctx, by="1001")
    with pytest.raises(NotPermitted):
        followup.followup_detail(ctx, followup_id, by="1001")
    assert followup.followup_detail(ctx, followup_id, by="9001").state == "to_verify"
    assert _events(ctx, "followup_advanced") == []


def test_a_follow_up_note_keeps_its_lines_and_loses_its_control_characters(friday):
    ctx = friday
    _bad_ticket(ctx)
    (followup_id,) = _opened(ctx)
    with pytest.raises(InvalidInput) as refused:
        followup.verify(ctx, followup_id, by="9001", note="核实\x00")
    assert "无法识别的字符" in refused.value.message_zh
    view = followup.verify(ctx, followup_id, by="9001",
                           note="1. 调取录像\x1b[0m\r\n2.\t与窗口人员谈话 👍\n")
    assert view.state == "verified"
    assert view.steps[-1].note == "1. 调取录像[0m\n2. 与窗口人员谈话 👍"
