"""扫码: what a scanned code routes to, on both databases, hostile input included."""
from __future__ import annotations

import datetime as dt

import pytest

from kiosk.queue.actions import appointments, calling
from kiosk.queue.demo import clerk_no
from kiosk.queue.reads import scan as scan_reads
from kiosk.queue.reads.scan import (
    CALLED,
    FINISHED,
    NOT_FOUND,
    OTHER_DAY,
    OTHER_HALL,
    WAITING,
    CheckIn,
    TicketNotValid,
    TicketStatus,
    Unrecognised,
    route_scan,
)
from kiosk.queue.rules import ticket_code
from kiosk.queue.store.models import Hall
from tests.conftest import HALL_TZ
from tests.helpers import open_window, serve_next, take

MONDAY = dt.date(2026, 11, 23)


def payload(code: str, day: dt.date = MONDAY, hall: str = "demo", **kwargs) -> str:
    """What the ticket's QR code holds (the readable form unless web_base is given)."""
    return ticket_code.build(hall, day, code, hall_name="示例市政务服务中心",
                             queue_name="企业开办", **kwargs)


def test_a_booking_code_routes_to_check_in_and_the_kiosk_can_check_it_in(ctx, clock):
    code = appointments.record_booking(
        ctx, item_code="GJJ-001", day=MONDAY, slot_start=dt.time(10, 0), slot_minutes=30,
        name="赵六", phone="13812345678")
    clock.set(dt.datetime(2026, 11, 23, 9, 45, tzinfo=HALL_TZ))
    route = route_scan(ctx, f"\x02{code}\r\n")  # a scanner's STX prefix and CR LF
    assert route == CheckIn(code)
    assert appointments.check_in(ctx, code=route.code, phone_last_four="5678").ticket.code \
        == "E001"


def test_any_eight_digits_route_to_check_in_without_telling_whether_they_exist(ctx):
    # check-in by code asks for the phone's last four digits and answers a wrong code
    # and wrong digits alike: the scan must not reveal more
    assert route_scan(ctx, "00000000") == CheckIn("00000000")


def test_the_booking_code_form_is_what_appointments_issue():
    code = appointments.new_code()
    assert len(code) == appointments.CODE_DIGITS
    assert scan_reads.BOOKING_CODE.fullmatch(code)
    assert scan_reads.BOOKING_CODE.fullmatch("1" * appointments.CODE_DIGITS)
    assert not scan_reads.BOOKING_CODE.fullmatch("1" * (appointments.CODE_DIGITS + 1))


def test_a_waiting_ticket_shows_people_ahead_and_the_issuing_estimate(ctx):
    open_window(ctx, 1)
    take(ctx)
    take(ctx)
    third = take(ctx)
    route = route_scan(ctx, payload("A003"))
    assert isinstance(route, TicketStatus) and route.status == WAITING
    assert (route.code, route.day, route.ticket_id) == ("A003", MONDAY, third.ticket.id)
    assert route.people_ahead == third.people_ahead == 2
    assert route.estimated_wait_minutes == third.estimated_wait_minutes > 0
    assert route.window_numbers == third.window_numbers == (1, 2, 4, 19)
    assert route.service_name == third.ticket.service_name
    assert route.item_name == "个体工商户设立登记"
    calling.call_next(ctx, window=1, staff_no=clerk_no(1))
    assert route_scan(ctx, payload("A003")).people_ahead == 1


def test_a_called_ticket_says_which_window(ctx):
    open_window(ctx, 2)
    take(ctx)
    calling.call_next(ctx, window=2, staff_no=clerk_no(2))
    route = route_scan(ctx, payload("A001"))
    assert route.status == CALLED and route.window_number == 2
    assert route.people_ahead is None and route.estimated_wait_minutes is None


def test_a_finished_ticket_says_so_with_its_outcome(ctx):
    open_window(ctx, 1)
    take(ctx)
    serve_next(ctx, 1)
    route = route_scan(ctx, payload("A001"))
    assert (route.status, route.outcome, route.window_number) == (FINISHED, "completed", 1)


def test_the_link_form_and_a_scanner_that_drops_the_chinese_route_alike(ctx):
    taken = take(ctx).ticket
    link = payload("A001", web_base="https://zwfw.example.gov.cn",
                   web_token=taken.web_token)
    assert link == f"https://zwfw.example.gov.cn/t/{taken.web_token}"
    ascii_only = payload("A001").encode("ascii", "ignore").decode()
    route = route_scan(ctx, link)
    assert (route.status, route.ticket_id, route.code) == (WAITING, taken.id, "A001")
    assert route_scan(ctx, ascii_only).status == WAITING
    assert route_scan(ctx, f"\x02{link.swapcase()}\r\n").ticket_id == taken.id  # Caps Lock


def test_a_link_whose_token_names_no_ticket_is_not_found(ctx, clock):
    taken = take(ctx).ticket
    route = route_scan(ctx, "https://zwfw.example.gov.cn/t/" + "Q" * 24)
    assert isinstance(route, TicketNotValid) and route.reason == NOT_FOUND
    assert "找不到该号票" in route.message_zh
    clock.set(dt.datetime(2026, 11, 24, 9, 30, tzinfo=HALL_TZ))
    link = payload("A001", web_base="https://x.cn/hall", web_token=taken.web_token)
    assert route_scan(ctx, link).reason == OTHER_DAY


def test_caps_lock_on_the_kiosk_keyboard_does_not_lose_the_ticket(ctx):
    take(ctx)
    swapped = "kh1:DEMO:2026-11-23:a001"  # KH1:demo:2026-11-23:A001 typed with Caps Lock
    assert route_scan(ctx, swapped).code == "A001"


def test_yesterdays_ticket_is_from_another_day(ctx, clock):
    take(ctx)
    clock.set(dt.datetime(2026, 11, 24, 9, 30, tzinfo=HALL_TZ))
    route = route_scan(ctx, payload("A001"))
    assert isinstance(route, TicketNotValid) and route.reason == OTHER_DAY
    assert "11月23日" in route.message_zh and "失效" in route.message_zh
    tomorrow = route_scan(ctx, payload("A001", day=dt.date(2026, 11, 25)))
    assert tomorrow.reason == OTHER_DAY and "不是今天" in tomorrow.message_zh
    last_year = route_scan(ctx, payload("A001", day=dt.date(2025, 11, 24)))
    assert "2025年" in last_year.message_zh


def test_another_halls_ticket_says_so_and_names_the_hall_it_knows(ctx):
    take(ctx)  # A001 exists here: the other hall's A001 must not be shown as ours
    route = route_scan(ctx, payload("A001", hall="west"))
    assert isinstance(route, TicketNotValid) and route.reason == OTHER_HALL
    assert "其他大厅" in route.message_zh
    with ctx.db.write() as session:
        session.add(Hall(code="east", name="东区分中心", timezone="Asia/Shanghai"))
    assert "东区分中心" in route_scan(ctx, payload("A001", hall="east")).message_zh
    assert route_scan(ctx, payload("A001", hall="x" * 200)).reason == OTHER_HALL


def test_a_ticket_never_issued_is_not_found(ctx):
    take(ctx)
    for code in ("A002", "Z001", "A" + "9" * 40, "ABCDEFGH1"):
        route = route_scan(ctx, payload(code))
        assert isinstance(route, TicketNotValid) and route.reason == NOT_FOUND, code
        assert "今天没有" in route.message_zh


@pytest.mark.parametrize("text", [
    "", "   ", "\r\n", "hello", "6901234567892",   # a product's EAN-13
    "1234567", "123456789", "１２３４５６７８",          # too short, too long, full-width
    "1234\x005678", "https://example.com/?q=1", "WIFI:T:WPA;S:guest;P:secret;;",
    "KH1:demo:2026-13-45:A001", "\x00" * 50, "\ud800", "号码 A001",
    "KH1:demo:2026-11-23:A001" * 1000,                  # longer than any QR code
])
def test_anything_else_is_unrecognised_never_an_exception(ctx, text):
    route = route_scan(ctx, text)
    assert isinstance(route, Unrecognised)
    assert route.message_zh == "无法识别此二维码"


def test_control_characters_around_a_ticket_code_are_ignored(ctx):
    take(ctx)
    assert route_scan(ctx, "\x02" + payload("A001") + "\x03\x1d\r").status == WAITING


def test_every_ticket_state_has_a_status():
    from kiosk.queue.store.models import TicketState

    assert set(scan_reads._STATUS) == set(TicketState)


def test_a_forged_code_of_any_length_is_quoted_short(ctx, clock):
    forged = "A" + "9" * 1900  # twice in the payload: still under MAX_SCAN_CHARS
    for route in (route_scan(ctx, payload(forged)),
                  route_scan(ctx, payload(forged, hall="west")),
                  route_scan(ctx, payload(forged, day=dt.date(2026, 11, 1)))):
        assert isinstance(route, TicketNotValid)
        assert len(route.code) <= 13 and len(route.message_zh) < 60
