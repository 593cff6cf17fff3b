"""Appointment check-in by code or phone on the on-screen keypad."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kiosk.queue.actions import appointments
from kiosk.queue.store.models import Ticket
from tests.ui.kiosk.conftest import click, tap_and_wait

DAY = dt.date(2026, 11, 23)
PHONE = "13800001234"


def book(ctx, slot: dt.time, item: str = "RSJ-001", phone: str = PHONE) -> str:
    return appointments.book_appointment(ctx, item_code=item, day=DAY, slot_start=slot,
                                         slot_minutes=30, name="张三", phone=phone)


def type_digits(qtbot, screen, digits: str) -> None:
    for digit in digits:
        click(qtbot, screen.keypad.keys[digit])


def open_check_in(qtbot, kiosk):
    w = kiosk.window
    click(qtbot, w.home.check_in_button)
    assert w.current() is w.check_in
    assert "30 分钟" in w.check_in.rules_label.plain_text()
    assert "15 分钟" in w.check_in.rules_label.plain_text()
    return w.check_in


def test_check_in_by_code(qtbot, kiosk, sqlite_ctx):
    code = book(sqlite_ctx, dt.time(9, 45))
    screen = open_check_in(qtbot, kiosk)
    type_digits(qtbot, screen, code)
    assert screen.field.text() == code
    tap_and_wait(qtbot, kiosk, screen.submit_button)
    w = kiosk.window
    assert w.current() is w.ticket, w.message.text()
    assert w.ticket.code_label.text() == "C001"
    assert "预约签到" in w.ticket.badge_label.plain_text()
    assert "09:45" in w.ticket.badge_label.plain_text()
    with sqlite_ctx.db.read() as session:
        ticket = session.scalar(select(Ticket))
        assert ticket.appointment_id is not None and ticket.code == "C001"


def test_check_in_by_phone(qtbot, kiosk, sqlite_ctx):
    book(sqlite_ctx, dt.time(9, 30), item="GAJ-001")
    screen = open_check_in(qtbot, kiosk)
    click(qtbot, screen.phone_button)
    assert "手机号" in screen.prompt_label.plain_text()
    type_digits(qtbot, screen, PHONE + "9")  # one digit too many is not taken
    assert screen.field.text() == PHONE
    click(qtbot, screen.keypad.erase_button)
    type_digits(qtbot, screen, "4")
    tap_and_wait(qtbot, kiosk, screen.submit_button)
    w = kiosk.window
    assert w.current() is w.ticket, w.message.text()
    assert w.ticket.code_label.text() == "H001"


def test_unknown_code_is_refused_with_a_message(qtbot, kiosk):
    screen = open_check_in(qtbot, kiosk)
    type_digits(qtbot, screen, "261123999")
    tap_and_wait(qtbot, kiosk, screen.submit_button)
    w = kiosk.window
    assert w.current() is w.check_in
    assert w.message.isVisible()
    assert "没有找到您今天的预约" in w.message.text()


def test_too_early_says_when_check_in_opens(qtbot, kiosk, sqlite_ctx):
    code = book(sqlite_ctx, dt.time(11, 0))
    screen = open_check_in(qtbot, kiosk)
    type_digits(qtbot, screen, code)
    tap_and_wait(qtbot, kiosk, screen.submit_button)
    assert "请于 10:30 后签到" in kiosk.window.message.text()


def test_bad_phone_and_empty_input(qtbot, kiosk):
    screen = open_check_in(qtbot, kiosk)
    click(qtbot, screen.submit_button)
    assert "请先输入" in kiosk.window.message.text()
    click(qtbot, kiosk.window.message.ok_button)
    click(qtbot, screen.phone_button)
    type_digits(qtbot, screen, "123")
    tap_and_wait(qtbot, kiosk, screen.submit_button)
    assert "11 位手机号" in kiosk.window.message.text()
