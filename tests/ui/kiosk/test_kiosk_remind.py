"""到号短信提醒 on the kiosk: after a ticket, a phone typed on the digit keypad, checked
in the core on the action worker, and the promise shown masked."""
from __future__ import annotations

import threading

from sqlalchemy import select

from kiosk.queue.actions import reminders, staff
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.models import Reminder
from tests.helpers import take
from tests.ui.kiosk.conftest import click, open_guide, tap_and_wait


def _ticket(qtbot, kiosk) -> None:
    w = kiosk.window
    open_guide(qtbot, kiosk, "SCJG-001")
    click(qtbot, w.guide.take_button)
    tap_and_wait(qtbot, kiosk, w.take.ordinary_button)
    assert w.current() is w.ticket, w.message.text()


def _type(qtbot, keypad, digits: str) -> None:
    for digit in digits:
        click(qtbot, keypad.keys[digit])


def test_a_phone_left_on_the_keypad_is_taken_off_the_gui_thread(qtbot, kiosk, sqlite_ctx,
                                                                 monkeypatch):
    for _ in range(5):
        take(sqlite_ctx, "SCJG-001")  # five ahead: the "3 ahead" message is still due
    threads = []
    real = reminders.leave_phone

    def leave_phone(ctx, **kwargs):
        threads.append(threading.current_thread())
        return real(ctx, **kwargs)

    monkeypatch.setattr(reminders, "leave_phone", leave_phone)
    w = kiosk.window
    _ticket(qtbot, kiosk)
    assert w.ticket.remind_button.isVisible()
    click(qtbot, w.ticket.remind_button)
    assert w.current() is w.remind and not w.ticket.return_timer.isActive()
    assert "A006" in w.remind.code_label.plain_text()
    _type(qtbot, w.remind.keypad, "13812345678")
    assert w.remind.field.text() == "13812345678"
    tap_and_wait(qtbot, kiosk, w.remind.submit_button)
    assert w.remind.taken, w.message.text()
    assert w.remind.done_label.plain_text() == "将在前面还有 3 人时和叫号时发短信至 138****5678"
    assert threads and threads[0] is not threading.main_thread()
    assert not w.remind.keypad.isVisible()
    with sqlite_ctx.db.read() as session:
        row = session.scalar(select(Reminder))
        assert (row.ticket_id, row.phone_masked, row.ahead) == (
            w.ticket.result.ticket.id, "138****5678", 3)
    click(qtbot, w.remind.done_button)
    assert w.current() is w.home


def test_a_wrong_number_is_refused_with_the_cores_message(qtbot, kiosk, sqlite_ctx):
    w = kiosk.window
    _ticket(qtbot, kiosk)
    click(qtbot, w.ticket.remind_button)
    _type(qtbot, w.remind.keypad, "2381234")
    tap_and_wait(qtbot, kiosk, w.remind.submit_button)
    assert "1 开头的 11 位手机号码" in w.message.text()
    assert w.current() is w.remind and not w.remind.taken
    with sqlite_ctx.db.read() as session:
        assert session.scalar(select(Reminder)) is None


def test_nobody_ahead_gets_the_call_message_only(qtbot, kiosk):
    w = kiosk.window
    _ticket(qtbot, kiosk)
    click(qtbot, w.ticket.remind_button)
    _type(qtbot, w.remind.keypad, "13900001111")
    tap_and_wait(qtbot, kiosk, w.remind.submit_button)
    assert w.remind.done_label.plain_text() == "将在叫号时发短信至 139****1111"


def test_no_button_when_the_hall_sends_no_reminders(qtbot, make_kiosk, sqlite_ctx):
    staff.set_hall_setting(sqlite_ctx, name="reminders.enabled", value=False)
    kiosk = make_kiosk(settings=hall_reads.effective_settings(sqlite_ctx))
    _ticket(qtbot, kiosk)
    assert not kiosk.window.ticket.remind_button.isVisible()
    assert kiosk.window.ticket.done_button.isVisible()
