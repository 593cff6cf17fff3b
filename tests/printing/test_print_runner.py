"""PrintQueue: never blocks the caller, reports faults, keeps going after one."""
import threading

import pytest

from kiosk.printing.errors import CITIZEN_HINT_ZH, PaperOut, PrinterOffline
from kiosk.printing.render import PrintFormat, render
from kiosk.printing.runner import (
    FAILED, NO_PRINTER, PRINTED, UNCONFIRMED, UNCONFIRMED_HINT_ZH, PrintQueue,
)
from kiosk.printing.transports.base import Transport
from kiosk.printing.transports.none import NoPrinter
from kiosk.settings import Settings
from tests.printing.escpos_stream import parse
from tests.printing.slip_samples import notice, ticket

WAIT = 10
FMT = PrintFormat(80, "gb18030")


class ScriptedTransport(Transport):
    """Fails with the queued errors first, then records what it is sent and confirms
    it, as a printer answering status does; optionally holds every job until ``gate``
    is set."""

    kind = "scripted"

    def __init__(self, *errors: BaseException, gated: bool = False) -> None:
        super().__init__()
        self.errors = list(errors)
        self.gate = threading.Event()
        if not gated:
            self.gate.set()
        self.sent: list[bytes] = []

    def describe(self) -> str:
        return "scripted test printer"

    def _write(self, data: bytes, timeout: float) -> None:
        self.gate.wait(WAIT)
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append(data)
        return True


class Faults:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []

    def __call__(self, kind: str, message_en: str, message_zh: str) -> None:
        self.calls.append((kind, message_en, message_zh))


def test_submit_returns_at_once_and_the_job_prints_later():
    transport = ScriptedTransport(gated=True)
    with PrintQueue(transport, FMT, timeout_s=WAIT) as queue:
        future = queue.submit(ticket())
        assert not future.done()  # the printer is still "busy": the caller did not wait
        transport.gate.set()
        result = future.result(timeout=WAIT)
    assert result.status == PRINTED and result.printed and result.citizen_hint_zh is None
    assert transport.sent == [render(ticket(), FMT)]


def test_a_fault_reaches_on_fault_and_the_next_job_still_prints():
    faults = Faults()
    transport = ScriptedTransport(PrinterOffline("打印机未连接或未开机", "printer unplugged"))
    with PrintQueue(transport, FMT, timeout_s=WAIT, on_fault=faults) as queue:
        first = queue.submit(ticket()).result(timeout=WAIT)
        assert queue.last_fault == first
        second = queue.submit(notice()).result(timeout=WAIT)
    assert first.status == FAILED and first.fault_kind == "offline"
    assert first.citizen_hint_zh == CITIZEN_HINT_ZH
    assert faults.calls == [("offline", "printer unplugged", "打印机未连接或未开机")]
    assert second.printed and queue.last_fault is None
    assert parse(transport.sent[0]).qr_payloads == [b"110105-SB-0012"]


def test_a_hanging_printer_fails_the_job_within_the_timeout():
    faults = Faults()
    transport = ScriptedTransport(gated=True)
    with PrintQueue(transport, FMT, timeout_s=0.2, on_fault=faults) as queue:
        hung = queue.submit(ticket()).result(timeout=WAIT)
        still_stuck = queue.submit(ticket()).result(timeout=WAIT)
        transport.gate.set()
        assert transport.wait_idle(WAIT)
        recovered = queue.submit(ticket(code="A013")).result(timeout=WAIT)
    assert hung.fault_kind == "timeout" and still_stuck.fault_kind == "offline"
    assert [kind for kind, _, _ in faults.calls] == ["timeout", "offline"]
    assert recovered.printed
    assert any(line.text == "A013" for line in parse(transport.sent[-1]).lines)


def test_paper_out_is_its_own_kind():
    faults = Faults()
    with PrintQueue(ScriptedTransport(PaperOut("打印机缺纸", "out of paper")), FMT, 1,
                    on_fault=faults) as queue:
        result = queue.submit(ticket()).result(timeout=WAIT)
    assert result.fault_kind == "paper_out" and faults.calls[0][0] == "paper_out"


def test_without_a_printer_nothing_is_rendered_and_no_fault_is_raised():
    faults = Faults()
    with PrintQueue(NoPrinter(), FMT, 1, on_fault=faults) as queue:
        assert queue.printer_present is False
        result = queue.submit(ticket()).result(timeout=WAIT)
    assert result.status == NO_PRINTER and not result.printed
    assert result.citizen_hint_zh == CITIZEN_HINT_ZH and faults.calls == []


def test_a_bug_is_reported_as_internal_and_does_not_stop_the_queue(caplog):
    faults = Faults()
    transport = ScriptedTransport()
    with PrintQueue(transport, FMT, 1, on_fault=faults) as queue:
        broken = queue.submit("not a slip").result(timeout=WAIT)
        fine = queue.submit(ticket()).result(timeout=WAIT)
    assert broken.fault_kind == "internal" and faults.calls[0][0] == "internal"
    assert fine.printed
    assert "printing str failed" in caplog.text


def test_a_failing_on_fault_callback_does_not_break_printing():
    def explode(*_):
        raise RuntimeError("UI gone")

    transport = ScriptedTransport(PrinterOffline("离线", "offline"))
    with PrintQueue(transport, FMT, 1, on_fault=explode) as queue:
        assert queue.submit(ticket()).result(timeout=WAIT).status == FAILED
        assert queue.submit(ticket()).result(timeout=WAIT).printed


def test_from_settings_wires_transport_format_and_timeout(tmp_path):
    target = tmp_path / "slip.bin"
    settings = Settings(machine={"printer.kind": "file", "printer.path": str(target),
                                 "printer.paper_mm": 58, "printer.text_mode": "gb18030",
                                 "printer.timeout_s": 2.5})
    with PrintQueue.from_settings(settings) as queue:
        assert queue.timeout_s == 2.5 and queue.format == PrintFormat(58, "gb18030")
        result = queue.submit(ticket()).result(timeout=WAIT)
    # a file cannot report status: delivered, never claimed as printed
    assert result.status == UNCONFIRMED and not result.printed
    assert result.citizen_hint_zh == UNCONFIRMED_HINT_ZH
    assert target.read_bytes() == render(ticket(), PrintFormat(58, "gb18030"))


def test_closed_queue_refuses_jobs():
    queue = PrintQueue(ScriptedTransport(), FMT, 1)
    queue.close()
    with pytest.raises(RuntimeError):
        queue.submit(ticket())
