"""Appointment check-in by code (then the phone's last four digits) or by phone, on the
on-screen keypad."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kiosk.queue.actions import appointments
from kiosk.queue.store.models import Ticket
from tests.ui.kiosk.conftest import click, tap_and_wait

DAY = dt.date(2026, 11, 23)
PHONE = "13800001234"


def book(ctx, slot: dt.time, item: str = "RSJ-001", phone: str = PHONE) -> str:
    return appointments.record_booking(ctx, item_code=item, day=DAY, slot_start=slot,
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


def enter_code(qtbot, screen, code: str) -> None:
    """Type the code and tap 下一步: the screen asks for the phone's last four digits."""
    type_digits(qtbot, screen, code)
    assert screen.field.text() == code
    assert screen.submit_button.text() == "下一步"
    click(qtbot, screen.submit_button)
    assert screen.step == "digits"
    assert code in screen.code_label.plain_text()
    assert "后四位" in screen.digits_prompt.plain_text()


def test_check_in_by_code(qtbot, kiosk, sqlite_ctx):
    code = book(sqlite_ctx, dt.time(9, 45))
    screen = open_check_in(qtbot, kiosk)
    enter_code(qtbot, screen, code)
    type_digits(qtbot, screen, "12349")           # a fifth digit is not taken
    assert screen.digits_field.text() == "1234"
    assert screen.field.text() == code            # the keys type into the digits now
    tap_and_wait(qtbot, kiosk, screen.digits_submit_button)
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


def test_wrong_digits_and_unknown_code_get_one_message_in_chinese(qtbot, kiosk,
                                                                  sqlite_ctx):
    code = book(sqlite_ctx, dt.time(9, 45))
    unknown = "00000000" if code != "00000000" else "00000001"
    w = kiosk.window
    screen = open_check_in(qtbot, kiosk)
    messages = []
    for typed, digits in ((code, "4321"), (unknown, "1234")):
        enter_code(qtbot, screen, typed)
        type_digits(qtbot, screen, digits)
        tap_and_wait(qtbot, kiosk, screen.digits_submit_button)
        assert w.current() is w.check_in and w.message.isVisible()
        messages.append(w.message.text())
        assert screen.step == "digits" and screen.digits_field.text() == ""
        click(qtbot, w.message.ok_button)
        click(qtbot, screen.change_code_button)  # back to the code, as typed
        assert screen.step == "entry" and screen.field.text() == typed
        click(qtbot, screen.keypad.clear_button)
    assert messages[0] == messages[1]
    assert "没有找到您今天的预约" in messages[0] and "后四位" in messages[0]
    with sqlite_ctx.db.read() as session:
        assert session.scalar(select(Ticket)) is None
    enter_code(qtbot, screen, code)               # the right digits: checked in
    type_digits(qtbot, screen, "1234")
    tap_and_wait(qtbot, kiosk, screen.digits_submit_button)
    assert w.current() is w.ticket, w.message.text()


def test_back_from_the_digits_returns_to_the_code(qtbot, kiosk):
    screen = open_check_in(qtbot, kiosk)
    enter_code(qtbot, screen, "12345678")
    type_digits(qtbot, screen, "12")
    click(qtbot, kiosk.window.back_button)
    assert kiosk.window.current() is screen and screen.step == "entry"
    assert screen.field.text() == "12345678"
    click(qtbot, screen.submit_button)
    assert screen.step == "digits" and screen.digits_field.text() == ""


def test_too_early_says_when_check_in_opens(qtbot, kiosk, sqlite_ctx):
    code = book(sqlite_ctx, dt.time(11, 0))
    screen = open_check_in(qtbot, kiosk)
    enter_code(qtbot, screen, code)
    type_digits(qtbot, screen, "1234")
    tap_and_wait(qtbot, kiosk, screen.digits_submit_button)
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
    click(qtbot, kiosk.window.message.ok_button)
    click(qtbot, screen.code_button)
    enter_code(qtbot, screen, "12345678")
    type_digits(qtbot, screen, "12")
    click(qtbot, screen.digits_submit_button)     # refused on the kiosk, no database trip
    assert "后四位" in kiosk.window.message.text()


def test_a_kiosk_without_the_personal_data_key_says_so_and_checks_in_by_code(
        qtbot, kiosk, sqlite_ctx, tmp_path):
    code = book(sqlite_ctx, dt.time(9, 45))
    sqlite_ctx.machine_settings = {"security.key_file": str(tmp_path / "absent.key")}
    w = kiosk.window
    screen = open_check_in(qtbot, kiosk)
    click(qtbot, screen.phone_button)
    type_digits(qtbot, screen, PHONE)
    tap_and_wait(qtbot, kiosk, screen.submit_button)
    assert w.current() is w.check_in and w.message.isVisible()
    assert "本机没有个人信息密钥" in w.message.text()
    assert "预约号和手机号后四位" in w.message.text()
    click(qtbot, w.message.ok_button)
    click(qtbot, screen.code_button)
    enter_code(qtbot, screen, code)
    type_digits(qtbot, screen, "1234")
    tap_and_wait(qtbot, kiosk, screen.digits_submit_button)
    assert w.current() is w.ticket, w.message.text()
