"""Cases (办件): registered in the finishing transaction, moved through their states,
warned about on the working-day calendar, looked up by the citizen, reported monthly."""
from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing as mp
import traceback

import pytest

from kiosk.errors import IllegalTransition, InvalidInput, NotFound
from kiosk.queue.actions import calendar, calling, case_moves, reminders, serving, staff
from kiosk.queue.demo import clerk_no
from kiosk.queue.reads import case_lookup, case_month, cases
from tests.conftest import HALL_TZ, KEYED, MONDAY_0930
from tests.helpers import open_window, take

D = dt.date
#: window -> (item, its 承诺期限): SCJG-004 5 days (queue B), RSJ-003 3 (C), GJJ-001 1 (E)
DESKS = {2: ("SCJG-004", 5), 6: ("RSJ-003", 3), 11: ("GJJ-001", 1)}
MANAGER = "9001"


@contextlib.contextmanager
def refused(kind, words):
    """The action is refused with ``kind``, saying ``words`` in Chinese."""
    with pytest.raises(kind) as caught:
        yield
    assert words in caught.value.message_zh, caught.value.message_zh


def accept(ctx, window, outcome="accepted", phone=None, **options):
    """One citizen taken, called and finished as 受理 (or ``outcome``) at ``window``."""
    ticket = take(ctx, DESKS[window][0])
    if phone:
        reminders.leave_phone(ctx, ticket_id=ticket.ticket.id, phone=phone)
    staff_no = clerk_no(window)
    calling.call_next(ctx, window=window, staff_no=staff_no)
    serving.start(ctx, window=window, staff_no=staff_no)
    return serving.finish(ctx, window=window, staff_no=staff_no, outcome=outcome, **options)


def test_accepting_registers_a_case_with_its_promised_date(ctx):
    open_window(ctx, 2)
    done = accept(ctx, 2)
    assert done.case_no == "DEMO2026000001"
    detail = cases.case_detail(ctx, done.case_no)
    assert detail.kind == "promised" and detail.row.state == "accepted"
    assert detail.row.accepted_day == D(2026, 11, 23)
    assert detail.row.promised_date == detail.row.due_date == D(2026, 11, 30)  # 5 workdays
    assert detail.row.window == 2 and detail.row.staff_no == clerk_no(2)
    assert detail.materials == []
    assert accept(ctx, 2).case_no == "DEMO2026000002"


def at(clock, day, hour=9, minute=30):
    clock.set(dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=HALL_TZ))


def test_supply_later_records_the_missing_materials_and_their_due_date(ctx, clock):
    open_window(ctx, 2)
    with refused(InvalidInput, "可容缺后补"):
        accept(ctx, 2, outcome="supply_later", missing_materials=["营业执照或其他主体资格证明"])
    everything = serving.finish(ctx, window=2, staff_no=clerk_no(2), outcome="supply_later")
    owed = cases.case_detail(ctx, everything.case_no).materials
    assert [m.name[:8] for m in owed] == ["食品安全管理制度", "食品安全管理人员"]
    assert {m.due_date for m in owed} == {D(2026, 11, 30)}  # cases.supply_later_workdays 5
    one = accept(ctx, 2, outcome="supply_later", missing_materials=[owed[0].name])
    detail = cases.case_detail(ctx, one.case_no)
    assert [m.name for m in detail.materials] == [owed[0].name]
    with refused(IllegalTransition, "容缺材料尚未补齐"):
        case_moves.conclude(ctx, one.case_no, by=clerk_no(2), approved=True)
    at(clock, D(2026, 11, 30))
    assert cases.case_detail(ctx, one.case_no).row.supply_card == "yellow"
    at(clock, D(2026, 12, 1))
    red = cases.supervision(ctx, card="red")
    assert {r.case_no for r in red.rows} == {everything.case_no, one.case_no}
    assert red.total.supply_red == 2 and red.by_department["SCJG"].supply_red == 2
    moved = case_moves.receive_supplied(ctx, one.case_no, by=clerk_no(2), material=owed[0].name)
    assert cases.case_detail(ctx, one.case_no).row.supply_due is None
    assert case_moves.conclude(ctx, one.case_no, by=clerk_no(2), approved=True).state \
        == "concluded" != moved.state


def test_finish_and_call_next_names_the_case_of_the_finished_ticket(ctx):
    open_window(ctx, 2)
    take(ctx, "SCJG-004"), take(ctx, "SCJG-004")
    calling.call_next(ctx, window=2, staff_no=clerk_no(2))
    done = serving.finish_and_call_next(ctx, window=2, staff_no=clerk_no(2),
                                        outcome="accepted", request_id="press-1")
    assert done.case_no == "DEMO2026000001" and done.ticket.code != done.finished.code
    again = serving.finish_and_call_next(ctx, window=2, staff_no=clerk_no(2),
                                         outcome="accepted", request_id="press-1")
    assert again.replayed and again.case_no == "DEMO2026000001"


def test_moves_follow_the_table_and_refuse_in_chinese(ctx):
    open_window(ctx, 2)
    case_no = accept(ctx, 2).case_no
    by = clerk_no(2)
    case_moves.start_processing(ctx, case_no, by=by)
    with refused(IllegalTransition, "办理中，不能开始办理"):
        case_moves.start_processing(ctx, case_no, by=by)
    with refused(IllegalTransition, "不能送达"):
        case_moves.deliver(ctx, case_no, by=by)
    with refused(InvalidInput, "须写明理由"):
        case_moves.conclude(ctx, case_no, by=by, approved=False, reason="  ")
    done = case_moves.conclude(ctx, case_no, by=by, approved=False, reason="不符合许可条件")
    assert done.state == "concluded"
    assert cases.case_detail(ctx, case_no).refusal_reason == "不符合许可条件"
    case_moves.collect(ctx, case_no, by=by)
    with refused(IllegalTransition, "已领取，不能送达"):
        case_moves.deliver(ctx, case_no, by=by)
    with pytest.raises(NotFound):
        case_moves.deliver(ctx, "DEMO2026999999", by=by)


def test_a_correction_notice_stops_the_clock_until_the_materials_arrive(ctx, clock):
    open_window(ctx, 2)
    case_no = accept(ctx, 2).case_no  # Mon 23 Nov, due Mon 30 Nov
    by = clerk_no(2)
    at(clock, D(2026, 11, 24))
    case_moves.start_processing(ctx, case_no, by=by)
    case_moves.notice_correction(ctx, case_no, by=by, materials=["经营场所平面布局图"])
    with refused(IllegalTransition, "一次性告知"):
        case_moves.notice_correction(ctx, case_no, by=by, materials=["另一份材料"])
    with refused(IllegalTransition, "补正材料尚未收到"):
        case_moves.conclude(ctx, case_no, by=by, approved=True)
    at(clock, D(2026, 11, 27))  # one working day before the old due date: no card
    assert cases.case_detail(ctx, case_no).row.card is None
    at(clock, D(2026, 11, 30))  # Wed 25, Thu 26, Fri 27, Mon 30 stood still
    moved = case_moves.receive_correction(ctx, case_no, by=by)
    assert moved.due_date == D(2026, 12, 4) and moved.state == "processing"
    detail = cases.case_detail(ctx, case_no)
    assert (detail.stopped_days, detail.row.promised_date) == (4, D(2026, 11, 30))
    assert detail.materials[0].received_at is not None
    assert detail.row.card is None  # 4 working days left of 5
    at(clock, D(2026, 12, 4))
    assert cases.case_detail(ctx, case_no).row.card == "yellow"
    case_moves.conclude(ctx, case_no, by=by, approved=True)
    detail = cases.case_detail(ctx, case_no)
    assert detail.workdays_used == 9 - 4 and detail.row.card is None
    report = case_month.monthly_report(ctx, 2026, 12)
    assert (report.total.concluded, report.total.on_time, report.total.early) == (1, 1, 0)


def test_the_citizen_sees_only_their_case_with_the_right_four_digits(ctx):
    open_window(ctx, 2)
    mine = accept(ctx, 2, outcome="supply_later", phone="13812345678").case_no
    theirs = accept(ctx, 2, phone="13900001111").case_no
    no_phone = accept(ctx, 2).case_no
    view = case_lookup.lookup_for_citizen(ctx, mine, "5678")
    assert (view.state, view.promised_date) == ("已受理", D(2026, 11, 30))
    assert len(view.missing) == 2
    refusals = []
    for case_no, digits in ((mine, "5679"), (theirs, "5678"), ("DEMO2026000999", "5678"),
                            (no_phone, "5678"), (no_phone, "0000")):
        with pytest.raises(NotFound) as refused:
            case_lookup.lookup_for_citizen(ctx, case_no, digits)
        refusals.append((refused.value.message_zh, refused.value.message_en))
    assert len(set(refusals)) == 1 and "后四位" in refusals[0][0]
    with pytest.raises(InvalidInput):
        case_lookup.lookup_for_citizen(ctx, mine, "56a8")


# --- a simulated month, recounted plainly -----------------------------------------------
HOLIDAYS = {D(2026, 12, 10), D(2026, 12, 11)}      # Thu, Fri
WORKING_SUNDAY = D(2026, 12, 13)                   # 调休上班
FIRST, LAST = D(2026, 11, 23), D(2026, 12, 18)
DEPARTMENT = {2: "SCJG", 6: "RSJ", 11: "GJJ"}


def plain_workday(day):
    return day == WORKING_SUNDAY or (day.weekday() < 5 and day not in HOLIDAYS)


def plain_days(start, end):
    """Working days after ``start`` up to and including ``end``."""
    return sum(plain_workday(start + dt.timedelta(days=n))
               for n in range(1, (end - start).days + 1))


def plain_add(start, n):
    day = start
    while n:
        day += dt.timedelta(days=1)
        n -= plain_workday(day)
    return day


def plain_card(due, today, limit):
    """Red when overdue; yellow with 1 working day left, or 40 % of the limit."""
    if due < today:
        return "red"
    return "yellow" if plain_days(today, due) <= max(1, limit * 40 // 100) else None


@pytest.mark.slow
def test_a_month_of_cases_over_a_holiday_and_a_working_sunday(ctx, clock):
    for day in sorted(HOLIDAYS):
        calendar.set_day(ctx, day, False, "测试假日", by=MANAGER)
    calendar.set_day(ctx, WORKING_SUNDAY, True, "调休上班", by=MANAGER)
    staff.set_hall_setting(ctx, name="cases.yellow_share", value=40, by=MANAGER)
    made, plan, n = {}, {}, 0   # case_no -> facts; day -> cases to conclude that day
    day = FIRST
    while day <= LAST:
        if plain_workday(day):
            at(clock, day)
            for window, (_, limit) in DESKS.items():
                open_window(ctx, window)
                case_no = accept(ctx, window).case_no
                due = plain_add(day, limit)
                made[case_no] = {"window": window, "limit": limit, "accepted": day,
                                 "due": due, "concluded": None}
                # early, on time, late, left open, very late
                offset = [limit - 1, limit, limit + 1, None, limit + 3][n % 5]
                n += 1
                if offset is not None:
                    plan.setdefault(plain_add(day, max(offset, 0)), []).append(case_no)
            at(clock, day, 15)
            for case_no in plan.get(day, []):
                case_moves.conclude(ctx, case_no, by=clerk_no(made[case_no]["window"]),
                                    approved=True)
                made[case_no]["concluded"] = day
        day += dt.timedelta(days=1)
    assert len(made) == 3 * sum(plain_workday(FIRST + dt.timedelta(days=k))
                                for k in range((LAST - FIRST).days + 1))
    for case_no, facts in made.items():
        row = cases.case_detail(ctx, case_no).row
        assert row.promised_date == facts["due"], case_no

    # the 电子监察 page on the last day, against a recount
    page = cases.supervision(ctx)
    still_open = {c: f for c, f in made.items() if f["concluded"] is None}
    expected = {c: plain_card(f["due"], LAST, f["limit"]) for c, f in still_open.items()}
    assert {"red", "yellow", None} <= set(expected.values())
    assert page.matching == len(still_open) == page.total.open
    assert {r.case_no: r.card for r in page.rows} == expected
    for department in DEPARTMENT.values():
        mine = [c for c, f in still_open.items() if DEPARTMENT[f["window"]] == department]
        cards = page.by_department[department]
        assert cards.open == len(mine)
        assert cards.red == sum(expected[c] == "red" for c in mine)
        assert cards.yellow == sum(expected[c] == "yellow" for c in mine)
    for card in ("red", "yellow"):
        listed = cases.supervision(ctx, card=card)
        assert {r.case_no for r in listed.rows} == {c for c, k in expected.items() if k == card}
    by_window = cases.supervision(ctx, window=6, card="any")
    assert {r.case_no for r in by_window.rows} == {
        c for c, k in expected.items() if k and made[c]["window"] == 6}
    due_today = cases.supervision(ctx, due_today=True)
    assert {r.case_no for r in due_today.rows} == {
        c for c, f in still_open.items() if f["due"] == LAST}

    # the monthly reports, against a recount
    for year, month in ((2026, 11), (2026, 12)):
        report = case_month.monthly_report(ctx, year, month)
        done = [f for f in made.values()
                if f["concluded"] and (f["concluded"].year, f["concluded"].month) == (year, month)]
        assert report.total.concluded == len(done) > 0
        assert report.total.on_time == sum(f["concluded"] <= f["due"] for f in done)
        assert report.total.early == sum(f["concluded"] < f["due"] for f in done)
        assert report.total.workdays == sum(plain_days(f["accepted"], f["concluded"])
                                            for f in done)
        assert 0 < report.total.early < report.total.on_time < len(done)
        assert report.total.on_time_rate == pytest.approx(report.total.on_time / len(done))
        for window, department in DEPARTMENT.items():
            here = [f for f in done if f["window"] == window]
            assert report.by_department[department].concluded == len(here)
            assert report.by_staff[clerk_no(window)].late == sum(
                f["concluded"] > f["due"] for f in here)
        month_end = D(2026, 11, 30) if month == 11 else D(2026, 12, 31)
        assert report.total.open_overdue == sum(
            f["due"] < min(month_end + dt.timedelta(days=1), LAST) and f["accepted"] <= month_end
            for f in still_open.values())


def _finisher(url: str, key_file: str, window: int, barrier, results) -> None:
    from kiosk.clock import ManualClock
    from kiosk.queue.actions import serving
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database

    ctx = HallContext(db=Database(url), clock=ManualClock(MONDAY_0930), hall_code="demo",
                      machine_settings={"security.key_file": key_file})
    barrier.wait()
    try:
        results.put(serving.finish(ctx, window=window, staff_no=f"10{window:02d}",
                                   outcome="accepted").case_no)
    except Exception:  # noqa: BLE001 - reported to the test, never hidden
        results.put(traceback.format_exc(limit=4))
    ctx.db.dispose()


@pytest.mark.slow
def test_two_windows_accepting_at_once_get_consecutive_case_numbers(ctx):
    for window in (2, 3):  # both serve queue B
        open_window(ctx, window)
        take(ctx, "SCJG-004")
        calling.call_next(ctx, window=window, staff_no=clerk_no(window))
    url = ctx.db.url
    ctx.db.dispose()
    spawn = mp.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    workers = [spawn.Process(target=_finisher, args=(url, KEYED["security.key_file"], w,
                                                     barrier, results)) for w in (2, 3)]
    for worker in workers:
        worker.start()
    numbers = sorted(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=30)
    assert numbers == ["DEMO2026000001", "DEMO2026000002"]


def test_the_cases_migration_goes_down_and_up_again(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect

    from kiosk.queue.store import migrate
    from kiosk.queue.store.db import Database
    from kiosk.queue.store.models import Base

    db = Database(db_url)
    try:
        from alembic import command

        command.downgrade(migrate.alembic_config(db), "0011")
        assert "case_file" not in inspect(db.engine).get_table_names()
        migrate.upgrade(db)
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        db.dispose()


def test_cases_list_on_the_command_line(sqlite_ctx, capsys):
    import json

    from kiosk.cli import main

    open_window(sqlite_ctx, 2)
    case_no = accept(sqlite_ctx, 2).case_no  # due 30 Nov 2026: overdue by the real clock
    url = sqlite_ctx.db.url
    sqlite_ctx.db.dispose()
    assert main(["--db", url, "cases", "list", "--overdue", "--due-within", "2",
                 "--department", "SCJG", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["case_no"], r["card"], r["due_date"]) for r in listed] == [
        (case_no, "red", "2026-11-30")]
    assert main(["--db", url, "cases", "list", "--department", "RSJ"]) == 0
    assert capsys.readouterr().out.strip().endswith("0 case(s)")


def test_every_move_has_its_name_in_the_audit_viewer():
    from kiosk.queue.reads.audit import ACTION_ZH

    assert set(case_moves.MOVES) <= set(ACTION_ZH)
