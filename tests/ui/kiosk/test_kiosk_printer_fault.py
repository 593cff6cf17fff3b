"""A printer that fails never costs a citizen their number: the ticket is shown with
"请拍照或记下您的号码", the fault is recorded for the manager, the kiosk keeps going."""
from __future__ import annotations

from sqlalchemy import select

from kiosk.printing import PrintFormat, PrintQueue
from kiosk.printing.transports.network import NetworkTransport
from kiosk.printing.transports.none import NoPrinter
from kiosk.queue.store.models import Event, Ticket
from tests.ui.kiosk.conftest import (
    WAIT_MS, RecordingPrinter, click, closed_port, open_guide, tap_and_wait,
)

HINT = "请拍照或记下您的号码"


def printer_events(ctx) -> list[tuple[str, str | None]]:
    with ctx.db.read() as session:
        rows = session.scalars(select(Event).where(
            Event.action.in_(("device_fault", "device_recovered"))).order_by(Event.id))
        return [(e.action, e.payload.get("kind")) for e in rows
                if e.payload.get("device") == "printer"]


def waiting_codes(ctx) -> list[str]:
    with ctx.db.read() as session:
        return [t.code for t in session.scalars(select(Ticket).order_by(Ticket.id))
                if t.state.value == "waiting"]


def take_ticket(qtbot, kiosk, item_code="SCJG-001"):
    w = kiosk.window
    kiosk.controller.go_home()
    open_guide(qtbot, kiosk, item_code)
    click(qtbot, w.guide.take_button)
    tap_and_wait(qtbot, kiosk, w.take.ordinary_button)
    assert w.current() is w.ticket  # shown at once, before the printer answers


def test_refused_connection_still_gives_the_ticket(qtbot, make_kiosk, sqlite_ctx):
    queue = PrintQueue(NetworkTransport("127.0.0.1", closed_port()),
                       PrintFormat(80, "gb18030"), 2.0)
    kiosk = make_kiosk(queue=queue)
    w = kiosk.window
    take_ticket(qtbot, kiosk)
    assert w.ticket.code_label.text() == "A001"
    qtbot.waitUntil(lambda: HINT in w.ticket.print_label.plain_text(), timeout=WAIT_MS)
    assert "打印机未连接或未开机" in w.ticket.print_label.plain_text()
    assert w.ticket.print_label.property("tone") == "warning"
    assert w.ticket.code_label.text() == "A001"  # the number stays on screen
    assert waiting_codes(sqlite_ctx) == ["A001"]
    qtbot.waitUntil(lambda: printer_events(sqlite_ctx) == [("device_fault", "offline")],
                    timeout=WAIT_MS)

    with qtbot.waitSignal(kiosk.printer.job_finished, timeout=WAIT_MS):
        take_ticket(qtbot, kiosk)  # the kiosk keeps working; one fault event, not two
    assert w.ticket.code_label.text() == "A002"
    assert HINT in w.ticket.print_label.plain_text()
    assert waiting_codes(sqlite_ctx) == ["A001", "A002"]
    assert printer_events(sqlite_ctx) == [("device_fault", "offline")]


def test_hung_printer_times_out_while_the_kiosk_stays_responsive(qtbot, make_kiosk,
                                                                 sqlite_ctx, printer):
    printer.gate.clear()  # the printer takes the job and never finishes
    kiosk = make_kiosk(queue=PrintQueue(printer, PrintFormat(80, "gb18030"), 0.5))
    w = kiosk.window
    take_ticket(qtbot, kiosk)
    assert "正在打印" in w.ticket.print_label.plain_text()
    take_ticket(qtbot, kiosk, "RSJ-001")  # meanwhile the next citizen is served
    assert w.ticket.code_label.text() == "C001"
    qtbot.waitUntil(lambda: HINT in w.ticket.print_label.plain_text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: ("device_fault", "timeout") in printer_events(sqlite_ctx),
                    timeout=WAIT_MS)
    assert waiting_codes(sqlite_ctx) == ["A001", "C001"]

    printer.gate.set()  # the paper is back in, the printer answers again
    assert printer.wait_idle(WAIT_MS / 1000)
    take_ticket(qtbot, kiosk, "YBJ-001")
    qtbot.waitUntil(lambda: "已打印" in w.ticket.print_label.plain_text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: printer_events(sqlite_ctx)[-1] == ("device_recovered", None),
                    timeout=WAIT_MS)


def test_no_printer_configured_shows_the_hint_without_a_fault(qtbot, make_kiosk,
                                                              sqlite_ctx):
    kiosk = make_kiosk(queue=PrintQueue(NoPrinter(), PrintFormat(80, "gb18030"), 1.0))
    w = kiosk.window
    take_ticket(qtbot, kiosk)
    assert HINT in w.ticket.print_label.plain_text()
    open_guide(qtbot, kiosk, "SCJG-001")
    click(qtbot, w.guide.notice_button)
    assert "未连接打印机" in w.guide.notice_status.plain_text()
    assert printer_events(sqlite_ctx) == []


def test_notice_slip_failure_is_reported_on_the_guide(qtbot, make_kiosk, sqlite_ctx):
    queue = PrintQueue(NetworkTransport("127.0.0.1", closed_port()),
                       PrintFormat(58, "gb18030"), 2.0)
    kiosk = make_kiosk(queue=queue)
    w = kiosk.window
    open_guide(qtbot, kiosk, "SCJG-001")
    click(qtbot, w.guide.notice_button)
    qtbot.waitUntil(lambda: "打印失败" in w.guide.notice_status.plain_text(),
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: printer_events(sqlite_ctx) == [("device_fault", "offline")],
                    timeout=WAIT_MS)


def test_the_recording_printer_prints_in_the_background(qtbot, kiosk, printer):
    assert isinstance(printer, RecordingPrinter)
    take_ticket(qtbot, kiosk)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=WAIT_MS)
