"""The network transport against real TCP peers on 127.0.0.1 (tests/printing/printer_peers):
only a job the printer's own status confirms counts as printed."""
import socket
import time

import pytest

from kiosk.printing.errors import (
    CoverOpen, CutterError, PaperOut, PrinterNoResponse, PrinterOffline, PrinterTimeout,
)
from kiosk.printing.render import PrintFormat, render
from kiosk.printing.runner import FAILED, PRINTED, UNCONFIRMED, PrintQueue
from kiosk.printing.status import REQUESTS, check_status, is_status_byte
from kiosk.printing.transports.network import NetworkTransport
from tests.printing.printer_peers import (
    COVER_OPEN, CUTTER_ERROR, GOOD, PAPER_OUT, PrinterPeer, closed_port,
)
from tests.printing.slip_samples import notice, ticket

WAIT = 10  # generous upper bound for thread joins; never reached when things work
STATUS = b"".join(REQUESTS.values())  # DLE EOT 1, 2, 3, 4
RASTER = PrintFormat(80, "raster")
TEXT = PrintFormat(58, "gb18030")


def test_a_good_printer_confirms_and_gets_status_job_status():
    data = render(ticket(), RASTER)
    with PrinterPeer(status=GOOD) as peer:
        assert NetworkTransport("127.0.0.1", peer.port).send(data, timeout=5) is True
        assert bytes(peer.received) == STATUS + data + STATUS


@pytest.mark.parametrize("slip, fmt", [(ticket(), TEXT), (notice(), RASTER)])
def test_a_printer_that_never_reads_is_not_printing(slip, fmt):
    data = render(slip, fmt)  # fits in the socket buffers (the notice is ~60 KB)
    with PrinterPeer(reads=False) as peer:
        started = time.monotonic()
        with pytest.raises(PrinterNoResponse) as caught:
            NetworkTransport("127.0.0.1", peer.port, status_timeout=0.3).send(data, 5)
    assert time.monotonic() - started < 0.3 + 0.4
    assert caught.value.kind == "no_response" and "状态" in caught.value.message_zh


def test_without_status_queries_a_swallowed_job_is_only_unconfirmed():
    with PrinterPeer(reads=False) as peer:
        transport = NetworkTransport("127.0.0.1", peer.port, status_query=False)
        assert transport.send(render(notice(), RASTER), 5) is False


def test_status_that_stops_after_the_job_is_no_response():
    """Answers before the job, then silence: the slip was not taken in."""
    with PrinterPeer(status=GOOD, answers=4) as peer:
        with pytest.raises(PrinterNoResponse) as caught:
            NetworkTransport("127.0.0.1", peer.port).send(render(ticket(), TEXT), 0.5)
    assert "after the job" in caught.value.message_en


@pytest.mark.parametrize("status, then, error", [
    (PAPER_OUT, None, PaperOut),
    (GOOD, PAPER_OUT, PaperOut),  # ran out during the job
    (COVER_OPEN, None, CoverOpen),
    (CUTTER_ERROR, None, CutterError),
    ({**GOOD, 1: 0x1A}, None, PrinterOffline),  # offline, no cause given
])
def test_a_printer_fault_is_reported_as_itself(status, then, error):
    data = render(ticket(), TEXT)
    with PrinterPeer(status=status, then=then) as peer:
        with pytest.raises(error):
            NetworkTransport("127.0.0.1", peer.port).send(data, timeout=5)
        assert len(peer.requests) == (8 if then else 4)
        if then is None:
            assert data not in peer.received  # refused before the job: nothing sent


def test_a_reset_mid_ticket_is_a_broken_connection():
    data = render(ticket(), RASTER)
    with PrinterPeer(status=GOOD, reset_after=len(STATUS) + 100) as peer:
        with pytest.raises(PrinterOffline) as caught:
            NetworkTransport("127.0.0.1", peer.port).send(data, timeout=5)
    assert caught.value.kind == "offline" and "中断" in caught.value.message_zh


def test_status_answered_too_slowly_is_no_response():
    with PrinterPeer(status=GOOD, gated=True) as peer:
        started = time.monotonic()
        with pytest.raises(PrinterNoResponse):
            NetworkTransport("127.0.0.1", peer.port, status_timeout=0.2).send(b"x", 5)
        assert time.monotonic() - started < 0.2 + 0.4
        assert peer.asked.is_set()


def test_status_answered_slowly_within_the_timeout_is_fine():
    with PrinterPeer(status=GOOD, delay=0.05) as peer:
        assert NetworkTransport("127.0.0.1", peer.port, status_timeout=1.0).send(
            render(ticket(), TEXT), timeout=5) is True


def test_garbage_instead_of_a_status_byte_is_no_response():
    with PrinterPeer(status={**GOOD, 3: 0x00}) as peer:
        with pytest.raises(PrinterNoResponse) as caught:
            NetworkTransport("127.0.0.1", peer.port).send(b"x", timeout=5)
    assert "0x00" in caught.value.message_en


@pytest.mark.parametrize("peer_args, status, fault", [
    (dict(status=GOOD), PRINTED, None),
    (dict(reads=False), FAILED, "no_response"),
    (dict(status=PAPER_OUT), FAILED, "paper_out"),
    (dict(status=GOOD, then=PAPER_OUT), FAILED, "paper_out"),
    (dict(status=COVER_OPEN), FAILED, "cover_open"),
    (dict(status=CUTTER_ERROR), FAILED, "cutter_error"),
    (dict(status=GOOD, reset_after=len(STATUS) + 100), FAILED, "offline"),
    (dict(status=GOOD, gated=True), FAILED, "no_response"),
    (dict(status=GOOD, delay=0.05), PRINTED, None),
])
def test_the_print_queue_reports_what_the_printer_said(peer_args, status, fault):
    faults = []
    with PrinterPeer(**peer_args) as peer, PrintQueue(
            NetworkTransport("127.0.0.1", peer.port, status_timeout=0.3), RASTER, 2.0,
            on_fault=lambda *args: faults.append(args)) as queue:
        result = queue.submit(notice()).result(timeout=WAIT)
    assert (result.status, result.fault_kind) == (status, fault)
    assert result.printed is (status == PRINTED)
    assert [kind for kind, _en, _zh in faults] == ([fault] if fault else [])


def test_the_print_queue_over_a_printer_that_cannot_answer_is_unconfirmed():
    with PrinterPeer(reads=False) as peer, PrintQueue(
            NetworkTransport("127.0.0.1", peer.port, status_query=False), TEXT, 2.0) as queue:
        result = queue.submit(ticket()).result(timeout=WAIT)
    assert result.status == UNCONFIRMED and not result.printed
    assert result.citizen_hint_zh == "请确认号票已打印，如未出票请拍照记下号码"


def test_refused_connection_is_offline_at_once():
    transport = NetworkTransport("127.0.0.1", closed_port())
    started = time.monotonic()
    with pytest.raises(PrinterOffline) as caught:
        transport.send(b"x", timeout=5)
    assert time.monotonic() - started < 1
    assert "refused" in caught.value.message_en.lower()
    assert caught.value.kind == "offline"


def test_printer_that_stops_reading_times_out_within_the_timeout():
    with PrinterPeer(reads=False, rcvbuf=1) as peer:
        timeout = 0.5
        started = time.monotonic()
        with pytest.raises(PrinterTimeout):
            NetworkTransport("127.0.0.1", peer.port, status_query=False).send(
                b"\0" * (32 << 20), timeout)
        elapsed = time.monotonic() - started
    assert timeout * 0.8 <= elapsed < timeout + 0.4


def test_printer_that_never_accepts_times_out_within_the_timeout():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    address = server.getsockname()
    fillers = []
    for _ in range(3):  # fill the accept backlog; later SYNs go unanswered
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(address)
        fillers.append(filler)
    timeout = 0.5
    started = time.monotonic()
    with pytest.raises(PrinterTimeout) as caught:
        NetworkTransport(*address).send(b"x", timeout)
    elapsed = time.monotonic() - started
    assert timeout * 0.8 <= elapsed < timeout + 0.4
    assert "connect" in caught.value.message_en
    for filler in fillers:
        filler.close()
    server.close()


def test_status_bits():
    assert is_status_byte(0x12) and is_status_byte(0x72) and not is_status_byte(0x00)
    assert not is_status_byte(0x93)
    check_status(GOOD, "p")
    check_status({**GOOD, 4: 0x1E}, "p")  # paper near end: still prints
    for replies, error in [(PAPER_OUT, PaperOut), ({**GOOD, 4: 0x72}, PaperOut),
                           (COVER_OPEN, CoverOpen), (CUTTER_ERROR, CutterError),
                           ({**GOOD, 1: 0x1A}, PrinterOffline)]:
        with pytest.raises(error):
            check_status(replies, "p")
