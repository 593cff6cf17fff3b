"""What a case's 受理通知书 / 补正告知书 says: gathered in one read, names and phone
masked, the QR opening the case's phone page (or holding the 办件编号)."""
from __future__ import annotations

import datetime as dt

import pytest

from kiosk.errors import IllegalTransition, NotFound
from kiosk.queue import catalog
from kiosk.queue.actions import calling, case_moves, issuing, reminders, serving, staff
from kiosk.queue.demo import clerk_no
from kiosk.queue.reads import case_lookup
from kiosk.queue.reads.case_notice import ACCEPTANCE, CORRECTION, notice
from kiosk.queue.rules.personal import CardReading
from tests.conftest import HALL_TZ
from tests.helpers import open_window

D = dt.date
BASE = "https://zwfw.example.gov.cn/"
CARD = CardReading(id_number="110101198005171233", name="欧阳修远", birth_date=D(1980, 5, 17))


def accept(ctx, outcome="accepted", phone=None, card=None, **options) -> str:
    """One citizen finished as 受理 (or ``outcome``) at window 2 (SCJG-004, 5 days)."""
    ticket = issuing.issue_ticket(ctx, item_code="SCJG-004", card=card)
    if phone:
        reminders.leave_phone(ctx, ticket_id=ticket.ticket.id, phone=phone)
    by = clerk_no(2)
    calling.call_next(ctx, window=2, staff_no=by)
    serving.start(ctx, window=2, staff_no=by)
    return serving.finish(ctx, window=2, staff_no=by, outcome=outcome, **options).case_no


def card_optional(ctx) -> None:
    data = catalog.export_catalog(ctx)
    next(s for s in data["services"] if s["prefix"] == "B")["id_card"] = "optional"
    catalog.import_catalog(ctx, data)


def test_the_acceptance_notice_names_the_case_masked_and_links_to_its_page(ctx):
    card_optional(ctx)
    open_window(ctx, 2)
    case_no = accept(ctx, phone="13812345678", card=CARD)
    found = notice(ctx, case_no)
    assert (found.kind, found.title, found.case_no) == (ACCEPTANCE, "受理通知书", case_no)
    assert found.hall_name and found.item_code == "SCJG-004" and found.department
    assert (found.applicant, found.phone) == ("欧***", "138****5678")
    assert "修远" not in repr(found) and "12345678" not in repr(found)
    assert (found.case_kind, found.promised_days) == ("承诺件", 5)
    assert (found.accepted_day, found.due_date) == (D(2026, 11, 23), D(2026, 11, 30))
    assert (found.window, found.staff_no) == (2, clerk_no(2))
    assert found.supply_later == () == found.corrections and found.supply_due is None
    assert found.printed_at == dt.datetime(2026, 11, 23, 9, 30, tzinfo=HALL_TZ)
    # without the web service the QR holds the number; the kiosk needs the phone digits
    assert (found.qr_payload, found.qr_is_link) == (case_no, False)
    assert "办件编号和手机号后四位" in found.how_to_check and "扫描" not in found.how_to_check
    staff.set_hall_setting(ctx, name="web.base_url", value=BASE)
    linked = notice(ctx, case_no)
    assert linked.qr_is_link and linked.qr_payload.startswith(BASE + "c/")
    assert "扫描" in linked.how_to_check and "手机号后四位" in linked.how_to_check
    token = linked.qr_payload.rsplit("/", 1)[1]
    assert case_lookup.case_by_token(ctx, token).case_no == case_no  # the QR opens this case


def test_a_supply_later_notice_lists_what_is_owed_and_by_when(ctx):
    open_window(ctx, 2)
    case_no = accept(ctx, outcome="supply_later")
    found = notice(ctx, case_no)
    assert found.kind == ACCEPTANCE and found.applicant is None and found.phone is None
    assert [name[:8] for name in found.supply_later] == ["食品安全管理制度", "食品安全管理人员"]
    assert found.supply_due == D(2026, 11, 30)
    assert found.how_to_check == "查询办理进度：请凭办件编号到服务窗口查询。"
    owed = found.supply_later[0]
    case_moves.receive_supplied(ctx, case_no, by=clerk_no(2), material=owed)
    assert notice(ctx, case_no).supply_later == found.supply_later[1:]


def test_an_open_correction_gives_the_correction_notice_each_material_once(ctx, clock):
    open_window(ctx, 2)
    case_no = accept(ctx, phone="13812345678")
    by = clerk_no(2)
    clock.set(dt.datetime(2026, 11, 24, 10, 0, tzinfo=HALL_TZ))
    asked = ["经营场所平面布局图", "法定代表人身份证复印件", "经营场所平面布局图"]
    case_moves.notice_correction(ctx, case_no, by=by, materials=asked)
    found = notice(ctx, case_no)
    assert (found.kind, found.title) == (CORRECTION, "补正告知书")
    assert found.corrections == ("经营场所平面布局图", "法定代表人身份证复印件")
    assert found.noticed_day == D(2026, 11, 24) and found.due_date == D(2026, 11, 30)
    clock.set(dt.datetime(2026, 11, 26, 10, 0, tzinfo=HALL_TZ))
    case_moves.receive_correction(ctx, case_no, by=by)
    after = notice(ctx, case_no)
    assert (after.kind, after.corrections, after.noticed_day) == (ACCEPTANCE, (), None)
    assert (after.stopped_days, after.due_date) == (2, D(2026, 12, 2))


def test_no_notice_for_a_concluded_or_unknown_case(ctx):
    open_window(ctx, 2)
    case_no = accept(ctx)
    case_moves.conclude(ctx, case_no, by=clerk_no(2), approved=True)
    with pytest.raises(IllegalTransition) as refused:
        notice(ctx, case_no)
    assert "已办结" in refused.value.message_zh
    with pytest.raises(NotFound) as missing:
        notice(ctx, "DEMO2026999999")
    assert "找不到办件" in missing.value.message_zh
