"""The monthly registers against the rows, in xlsx and PDF."""
from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import text

from kiosk.errors import InvalidInput, NotPermitted
from kiosk.reports import pdf, registers, xlsx
from tests.reports.pdfcheck import mapped_text, page_count


def _rows(ctx, sql: str):
    with ctx.db.read() as session:
        return session.execute(text(sql)).all()


def test_appointment_register_lists_every_booked_ticket_of_the_month(sim_ctx):
    register = registers.appointment_register(sim_ctx, year=2026, month=11, by="9001")
    booked = _rows(sim_ctx, """
        SELECT t.code, a.name, a.code, i.name FROM ticket t
        JOIN appointment a ON a.id = t.appointment_id JOIN item i ON i.id = a.item_id
        WHERE t.day >= '2026-11-01' AND t.day <= '2026-11-30'""")
    assert len(register.rows) == len(booked) > 30
    assert [r.seq for r in register.rows] == list(range(1, len(booked) + 1))
    assert sorted((r.applicant, r.reason) for r in register.rows) == sorted(
        (name, item) for _, name, _, item in booked)
    contents = " ".join(r.content for r in register.rows)
    for code, _, booking, _ in booked:
        assert f"预约号 {booking}" in contents and f"{code} 号" in contents
    assert register.columns == ("序号", "申请事由", "申请人", "时间", "内容")
    assert registers.appointment_register(sim_ctx, year=2026, month=10, by="9001").rows == ()


def test_supply_later_register_lists_the_tickets_finished_as_supply_later(sim_ctx):
    register = registers.supply_later_register(sim_ctx, year=2026, month=11, by="9001")
    accepted = _rows(sim_ctx, """
        SELECT t.code FROM ticket t WHERE t.state = 'finished'
        AND t.outcome = 'supply_later'
        AND t.day >= '2026-11-01' AND t.day <= '2026-11-30'""")
    assert len(register.rows) == len(accepted) > 0
    assert all("容缺受理，可后补材料：" in r.content for r in register.rows)
    listed = {r.content.split("；")[1].split(" 号")[0] for r in register.rows}
    assert listed == {code for (code,) in accepted}
    assert all(r.applicant.startswith("未登记（") or r.applicant.endswith("*")
               for r in register.rows)


def test_registers_export_to_xlsx_and_pdf(sqlite_sim_ctx, tmp_path):
    made = [registers.appointment_register(sqlite_sim_ctx, year=2026, month=11, by="9001"),
            registers.supply_later_register(sqlite_sim_ctx, year=2026, month=11, by="9001")]
    book = openpyxl.load_workbook(xlsx.write_registers(tmp_path / "r.xlsx", made),
                                  read_only=True)
    assert book.sheetnames == ["预约办理登记表", "容缺后补登记表"]
    for register in made:
        rows = list(book[register.title].iter_rows(values_only=True))
        assert rows[2] == register.columns
        assert [tuple(r) for r in rows[3:]] == [r.values() for r in register.rows]
        data = pdf.write_register(tmp_path / f"{register.kind}.pdf", register).read_bytes()
        assert page_count(data) >= 1
        assert set(register.title + "序号申请事由申请人时间内容") <= mapped_text(data)
    empty = registers.appointment_register(sqlite_sim_ctx, year=2026, month=1, by="9001")
    data = pdf.write_register(tmp_path / "empty.pdf", empty).read_bytes()
    assert set("本月无记录") <= mapped_text(data)


def test_registers_check_month_and_role(sqlite_sim_ctx):
    with pytest.raises(InvalidInput):
        registers.supply_later_register(sqlite_sim_ctx, year=2026, month=13, by="9001")
    with pytest.raises(NotPermitted):
        registers.appointment_register(sqlite_sim_ctx, year=2026, month=11, by="1003")
    assert registers.appointment_register(sqlite_sim_ctx, year=2026, month=11, by="9000").rows


def test_supply_later_register_names_the_applicant_masked_and_the_deadline(ctx, clock):
    """A card holder (张*), a walk-in with no name and a booking (李小明 -> 李**), each
    accepted 容缺 on Monday 11-23; materials are due within the item's 承诺期限 in
    working days, and Wednesday 11-25 is a holiday."""
    import datetime as dt

    from kiosk.queue.actions import appointments, calendar
    from tests.conftest import HALL_TZ
    from tests.helpers import open_window, serve_next, take

    calendar.set_day(ctx, dt.date(2026, 11, 25), False, "临时闭馆", by="9001")
    open_window(ctx, 3)
    open_window(ctx, 11)
    held = take(ctx, "SCJG-004").ticket          # B001, 承诺 5 个工作日
    take(ctx, "SCJG-004")                        # B002
    with ctx.db.write() as session:              # as the kiosk records a card's holder
        session.execute(text("UPDATE ticket SET holder_masked = '张*' WHERE id = :id"),
                        {"id": held.id})
    code = appointments.record_booking(
        ctx, item_code="GJJ-003", day=dt.date(2026, 11, 23), slot_start=dt.time(10, 0),
        slot_minutes=30, name="李小明", phone="13812345678")   # 承诺 7 个工作日
    clock.set(dt.datetime(2026, 11, 23, 9, 45, tzinfo=HALL_TZ))
    appointments.check_in(ctx, code=code, phone_last_four="5678")
    for window in (3, 3, 11):
        assert serve_next(ctx, window, outcome="supply_later").ticket.outcome == "supply_later"

    register = registers.supply_later_register(ctx, year=2026, month=11, by="9001")
    assert register.columns == ("序号", "申请事由", "申请人", "时间", "补齐期限", "内容")
    rows = {r.content.split("；")[1].split(" 号")[0]: r for r in register.rows}
    assert {code: (r.applicant, r.due) for code, r in rows.items()} == {
        "B001": ("张*", "2026-12-01"), "B002": ("未登记（B002 号）", "2026-12-01"),
        "E001": ("李**", "2026-12-03")}
    assert "，5 个工作日内补齐；B001 号" in rows["B001"].content
    assert all(len(r.values()) == 6 for r in register.rows)
    assert "李小明" not in repr(register)
