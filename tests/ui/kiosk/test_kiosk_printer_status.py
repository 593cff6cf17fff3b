"""The kiosk says "printed" only when the printer confirmed it. Each case drives the
real kiosk offscreen against a real TCP printer peer (tests/printing/printer_peers):
what the print queue reports, the fault event and the manager's alert it raises, what
the citizen reads, and an event loop that never stalls over 100 ms while printing,
even with another thread keeping a CPU busy."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.printing import PrintFormat, PrintQueue
from kiosk.printing.status import REQUESTS
from kiosk.printing.transports.network import NetworkTransport
from kiosk.queue.actions import alerts
from kiosk.settings import Settings
from tests.printing.printer_peers import GOOD, PAPER_OUT, PrinterPeer
from tests.ui.kiosk.conftest import WAIT_MS, click, open_guide
from tests.ui.kiosk.test_kiosk_printer_fault import HINT, printer_events, take_ticket

PRINTED = "号票已打印，请从下方出票口取走"
UNCONFIRMED = "请确认号票已打印，如未出票请拍照记下号码"
MAX_STALL_S = 0.100
STATUS_BYTES = len(b"".join(REQUESTS.values()))


class StallProbe(QObject):
    """Ticks every 5 ms on the GUI thread; ``max_gap`` is the longest wait between ticks.
    Owned by a widget, so Python's collector (on whatever thread) never deletes it."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.max_gap = 0.0
        self._last: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.max_gap = max(self.max_gap, now - self._last)
        self._last = now

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


def settled_probe(kiosk) -> StallProbe:
    """A probe started once the screen the tap opened is painted: a first paint is the
    screen's own cost (bench/kiosk_bench.py measures it), not the printer's."""
    QApplication.processEvents()
    probe = StallProbe(kiosk.window)
    probe.start()
    return probe


@pytest.fixture
def busy_cpu():
    """Another Python thread spinning for the GIL and a core while the kiosk prints."""
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            sum(range(1000))

    spinner = threading.Thread(target=spin, daemon=True)
    spinner.start()
    yield
    stop.set()
    spinner.join()


@pytest.fixture
def peer(request):
    with PrinterPeer(**request.param) as made:
        yield made


def printer_alerts(ctx) -> list[str]:
    return [a.message_zh for a in alerts.evaluate(ctx, by="9001") if a.kind == "printer_fault"]


@pytest.mark.parametrize("peer, shown, fault, reason", [
    (dict(status=GOOD), PRINTED, None, None),
    (dict(reads=False), HINT, "no_response", "打印机无响应"),
    (dict(status=PAPER_OUT), HINT, "paper_out", "打印机缺纸"),
    (dict(status=GOOD, then=PAPER_OUT), HINT, "paper_out", "打印机缺纸"),
    (dict(status=GOOD, reset_after=STATUS_BYTES + 100), HINT, "offline", "打印机连接中断"),
    (dict(status=GOOD, gated=True), HINT, "no_response", "打印机无响应"),
    (dict(status=GOOD, delay=0.05), PRINTED, None, None),
], indirect=["peer"], ids=["good", "never-reads", "paper-out", "paper-out-after-job",
                           "reset-mid-ticket", "status-too-slow", "status-slow-in-time"])
def test_the_kiosk_tells_what_the_printer_said(qtbot, make_kiosk, sqlite_ctx, peer, busy_cpu,
                                               shown, fault, reason):
    queue = PrintQueue(NetworkTransport("127.0.0.1", peer.port, status_timeout=0.3),
                       PrintFormat(80, "raster"), 2.0)  # raster: real rendering work
    kiosk = make_kiosk(queue=queue)
    label = kiosk.window.ticket.print_label
    results = []
    kiosk.printer.job_finished.connect(lambda _token, result: results.append(result))
    take_ticket(qtbot, kiosk)
    probe = settled_probe(kiosk)  # from here on the GUI only waits for the printer
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    (result,) = results
    qtbot.waitUntil(lambda: shown in label.plain_text(), timeout=WAIT_MS)
    if fault is None:
        assert result.printed and label.property("tone") == "ok"
        assert printer_events(sqlite_ctx) == [] and printer_alerts(sqlite_ctx) == []
    else:
        assert (result.status, result.fault_kind) == ("failed", fault)
        assert reason in label.plain_text() and "已打印" not in label.plain_text()
        assert label.property("tone") == "warning"
        qtbot.waitUntil(lambda: printer_events(sqlite_ctx) == [("device_fault", fault)],
                        timeout=WAIT_MS)
        assert [reason in message for message in printer_alerts(sqlite_ctx)] == [True]
    probe.stop()
    assert probe.max_gap < MAX_STALL_S, f"event loop stalled {probe.max_gap * 1000:.0f} ms"


def test_a_raster_notice_slip_swallowed_by_a_silent_printer_is_not_printed(
        qtbot, make_kiosk, sqlite_ctx, busy_cpu):
    with PrinterPeer(reads=False) as peer:
        kiosk = make_kiosk(queue=PrintQueue(
            NetworkTransport("127.0.0.1", peer.port, status_timeout=0.3),
            PrintFormat(80, "raster"), 2.0))
        status = kiosk.window.guide.notice_status
        open_guide(qtbot, kiosk, "SCJG-001")
        click(qtbot, kiosk.window.guide.notice_button)
        probe = settled_probe(kiosk)
        qtbot.waitUntil(lambda: "打印失败" in status.plain_text(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: printer_events(sqlite_ctx) == [("device_fault", "no_response")],
                        timeout=WAIT_MS)
        probe.stop()
    assert "已打印" not in status.plain_text()
    assert probe.max_gap < MAX_STALL_S, f"event loop stalled {probe.max_gap * 1000:.0f} ms"


def test_a_printer_configured_without_status_is_never_claimed_printed(qtbot, make_kiosk,
                                                                      sqlite_ctx):
    with PrinterPeer(reads=False) as peer:  # swallows the slip, answers nothing
        settings = Settings(machine={"printer.kind": "network", "printer.port": peer.port,
                                     "printer.text_mode": "gb18030",
                                     "printer.status_query": "false"})
        kiosk = make_kiosk(queue=PrintQueue.from_settings(settings))
        label = kiosk.window.ticket.print_label
        take_ticket(qtbot, kiosk)
        qtbot.waitUntil(lambda: UNCONFIRMED in label.plain_text(), timeout=WAIT_MS)
        assert "已打印，请" not in label.plain_text() and label.property("tone") == "warning"
        open_guide(qtbot, kiosk, "SCJG-001")
        click(qtbot, kiosk.window.guide.notice_button)
        qtbot.waitUntil(lambda: "请确认一次性告知单已打印" in
                        kiosk.window.guide.notice_status.plain_text(), timeout=WAIT_MS)
    assert printer_events(sqlite_ctx) == []  # configured so: not a fault
