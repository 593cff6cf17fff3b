"""The rating pad's screens for ``python -m kiosk screenshots``: idle (亮身份) with the
clerk's photo, a ticket to rate, the 差评 reasons, the comment keyboard, the call-back
phone (masked; and a wrong one refused), the thank-you, and the idle pad of a paused and
of a closed window.

The tool's own database work runs off the GUI thread (``off_gui_thread``); the pad reads
through its own action runner, and each screen is saved once the read it needs is back.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.queue.reads import hall as hall_reads
from kiosk.ui.runner import ActionRunner, off_gui_thread
from window_client.pad.pad import RatingPad

MANAGER = "9001"   # the sample hall's demo manager sets the photo


def shoot(session) -> None:
    ctx = session.ctx
    number, staff_no = off_gui_thread(_serving_window, ctx)
    off_gui_thread(_set_photo, ctx, staff_no, _sample_photo())
    pad = _pad(session, number)
    try:
        session.save(pad, "idle")
        ticket_id, code = off_gui_thread(_finish_one, ctx, number, staff_no)
        pad.begin_rating(ticket_id, code)
        session.save(pad, "rate")
        pad.choose_level(2)
        pad.reasons_page.checks[1].setChecked(True)
        pad.reasons_page.checks[4].setChecked(True)
        session.save(pad, "bad-reasons")
        pad.reasons_page.open_keyboard()
        for char in "paidui 40 fenzhong":
            pad.reasons_page.keyboard.type_text(char)
        session.save(pad, "bad-comment")
        pad.reasons_page.close_keyboard()
        pad.reasons_page.phone_button.click()
        for digit in "1391234567":
            pad.phone_page.keypad.type_text(digit)
        pad.phone_page.submit_button.click()      # ten digits: refused in words
        session.save(pad, "phone-wrong")
        pad.phone_page.keypad.type_text("8")
        session.save(pad, "phone")
        pad.phone_page.submit_button.click()
        session.wait(lambda: not pad.runner.busy and not pad._pending)
        session.save(pad, "thank-you")
        off_gui_thread(_pause, ctx, number, staff_no, session.clock)
        pad.refresh()
        session.wait(lambda: pad.screen is not None and pad.screen.state == "paused")
        pad._show_identity()
        session.save(pad, "idle-paused")
    finally:
        _close(pad)
    closed = off_gui_thread(_closed_window, ctx)
    if closed is not None:
        pad = _pad(session, closed)
        try:
            session.save(pad, "idle-closed")
        finally:
            _close(pad)


def _pad(session, number: int) -> RatingPad:
    runner = ActionRunner()
    pad = RatingPad(session.ctx, session.settings, number, runner=runner)
    runner.setParent(pad)
    pad.resize(*session.size)
    pad.show()
    session.wait(lambda: pad.screen is not None)
    session.qt.processEvents()
    return pad


def _close(pad: RatingPad) -> None:
    pad.close()
    pad.deleteLater()


def _serving_window(ctx) -> tuple[int, str]:
    """An open window with a clerk and a citizen in hand or waiting (the simulated
    morning leaves several)."""
    from kiosk.queue.reads.window import window_screen

    staffed = [w for w in hall_reads.windows(ctx) if w.state == "open" and w.staff_no]
    for window in staffed:
        screen = window_screen(ctx, window.number)
        if screen.current is not None or screen.next_codes:
            return window.number, window.staff_no
    raise RuntimeError("no open window has anybody to serve")


def _closed_window(ctx) -> int | None:
    return next((w.number for w in hall_reads.windows(ctx) if w.state == "closed"), None)


def _finish_one(ctx, number: int, staff_no: str) -> tuple[int, str]:
    """The window finishes a ticket (the one in hand, else the next): the pad asks."""
    from kiosk.queue.actions import calling, serving
    from kiosk.queue.reads.window import window_screen

    screen = window_screen(ctx, number)
    if screen.current is None:
        called = calling.call_next(ctx, window=number, staff_no=staff_no)
        if called.ticket is None:
            raise RuntimeError(f"window {number} has nobody waiting")
        screen = window_screen(ctx, number)
    if screen.current.state == "called":
        serving.start(ctx, window=number, staff_no=staff_no)
    done = serving.finish(ctx, window=number, staff_no=staff_no, outcome="completed")
    return done.ticket.id, done.ticket.code


def _set_photo(ctx, staff_no: str, jpeg: bytes) -> None:
    from kiosk.queue.actions import staff

    staff.set_staff_photo(ctx, staff_no=staff_no, jpeg=jpeg, by=MANAGER)


def _pause(ctx, number: int, staff_no: str, clock) -> None:
    from kiosk.queue.actions import windows

    windows.pause(ctx, window=number, staff_no=staff_no, reason="临时离岗",
                  back_at=clock.now() + dt.timedelta(minutes=15))


def _sample_photo() -> bytes:
    """A drawn head-and-shoulders picture standing in for a clerk's photo."""
    image = QImage(240, 320, QImage.Format.Format_RGB32)
    image.fill(QColor("#DCE6F2"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1F3B63"))
    painter.drawEllipse(QRectF(20, 220, 200, 200))
    painter.setBrush(QColor("#F1C9A5"))
    painter.drawEllipse(QPointF(120, 140), 58, 70)
    painter.setBrush(QColor("#2B2B2B"))
    painter.drawChord(QRectF(60, 64, 120, 100), 0, 180 * 16)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    return bytes(data.data())
