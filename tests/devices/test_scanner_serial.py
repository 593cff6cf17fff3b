"""The serial code scanner on a pseudo-terminal pair, and its line cutting.

The kiosk opens a symlink in tmp_path (as a udev rule names a USB scanner) that points
at a pty's terminal end; the test writes the scanner's bytes to the other end, pulls
the "cable" (closes the pty, removes the link) and plugs a new one in. Every wait is on
a condition with a timeout; the line cutter is tested with injected times.
"""
from __future__ import annotations

import logging
import os
import threading
import time
import tty

import pytest

pytest.importorskip("serial", reason="pyserial (setup.cfg extra 'serial') is not installed")

from kiosk.devices.scanner.config import keyboard_detector, serial_scanner
from kiosk.devices.scanner.errors import (
    ScannerConfigError,
    ScannerDisconnected,
    ScannerUnavailable,
)
from kiosk.devices.scanner.lines import LineSplitter, decode
from kiosk.devices.scanner.serial_reader import SerialScanner, open_port
from kiosk.settings import Settings

WAIT = 5.0  # generous: the machine is shared; a pass takes milliseconds
FAST = {"timeout_s": 0.2, "retry_s": 0.02, "max_retry_s": 0.1}
TAG = b"KH1:demo:2026-11-23:A001"


class PluggedScanner:
    """A scanner at ``path``: bytes written here come out of the kiosk's port."""

    def __init__(self, path) -> None:
        self.path = path
        self.master = None
        self.plug_in()

    def plug_in(self) -> None:
        self.master, slave = os.openpty()
        tty.setraw(slave)  # no echo, no line editing: a serial line
        target = os.ttyname(slave)
        os.close(slave)  # the kiosk's open is the only one on the terminal end
        os.symlink(target, self.path)

    def pull_out(self) -> None:
        os.unlink(self.path)
        os.close(self.master)
        self.master = None

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        if self.master is not None:
            self.pull_out()


class Seen:
    """What the scanner handed to the app, with waits on it."""

    def __init__(self) -> None:
        self.codes, self.errors, self.connected = [], [], 0
        self._changed = threading.Condition()

    def code(self, text: str) -> None:
        with self._changed:
            self.codes.append(text)
            self._changed.notify_all()

    def error(self, error) -> None:
        with self._changed:
            self.errors.append(error)
            self._changed.notify_all()

    def opened(self) -> None:
        with self._changed:
            self.connected += 1
            self._changed.notify_all()

    def wait(self, predicate, timeout: float = WAIT) -> bool:
        with self._changed:
            return self._changed.wait_for(predicate, timeout)


class CountingPort:
    """The real port, counting the reads that returned bytes (to split a code across
    two reads without sleeping)."""

    def __init__(self, port) -> None:
        self._port, self.reads = port, threading.Semaphore(0)

    def __getattr__(self, name):
        return getattr(self._port, name)

    def read(self, size: int) -> bytes:
        data = self._port.read(size)
        if data:
            self.reads.release()
        return data


@pytest.fixture
def scanner(tmp_path):
    plugged = PluggedScanner(tmp_path / "ttyScanner")
    yield plugged
    plugged.close()


@pytest.fixture
def run():
    """Start a SerialScanner; every one started is closed (and must end) afterwards."""
    started = []

    def start(url, seen: Seen, **options) -> SerialScanner:
        reader = SerialScanner(str(url), seen.code, seen.error, on_connected=seen.opened,
                               **{**FAST, **options})
        reader.start()
        started.append(reader)
        return reader

    yield start
    for reader in started:
        assert reader.close(WAIT), "the scanner thread did not end"


@pytest.mark.parametrize("suffix, end", [("enter", b"\r"), ("cr", b"\r"), ("lf", b"\n"),
                                         ("crlf", b"\r\n")])
def test_codes_with_each_suffix_reach_the_callback(scanner, run, suffix, end):
    seen = Seen()
    run(scanner.path, seen, suffix=suffix)
    assert seen.wait(lambda: seen.connected == 1)
    scanner.send(b"12345678" + end + TAG + end + "号码 B012".encode() + end)
    assert seen.wait(lambda: len(seen.codes) == 3)
    assert seen.codes == ["12345678", TAG.decode(), "号码 B012"] and seen.errors == []


def test_a_code_split_across_reads_comes_whole(scanner, run):
    seen, ports = Seen(), []

    def opener(*args):
        ports.append(CountingPort(open_port(*args)))
        return ports[-1]

    run(scanner.path, seen, suffix="crlf", opener=opener)
    assert seen.wait(lambda: seen.connected == 1)
    scanner.send(TAG[:9])
    assert ports[0].reads.acquire(timeout=WAIT)
    scanner.send(TAG[9:] + b"\r")  # the CR in one read, the LF in the next
    assert ports[0].reads.acquire(timeout=WAIT)
    assert seen.codes == []
    scanner.send(b"\n")
    assert seen.wait(lambda: seen.codes == [TAG.decode()])


def test_a_port_that_vanishes_is_reported_and_read_again_when_it_comes_back(scanner, run):
    seen = Seen()
    run(scanner.path, seen)
    assert seen.wait(lambda: seen.connected == 1)
    scanner.send(b"11111111\r")
    assert seen.wait(lambda: seen.codes == ["11111111"])
    scanner.pull_out()
    assert seen.wait(lambda: any(isinstance(e, ScannerDisconnected) for e in seen.errors))
    assert seen.wait(lambda: any(isinstance(e, ScannerUnavailable) for e in seen.errors))
    scanner.plug_in()
    assert seen.wait(lambda: seen.connected == 2)
    scanner.send(b"22222222\r")
    assert seen.wait(lambda: seen.codes == ["11111111", "22222222"])
    assert all(e.message_zh for e in seen.errors)


def test_close_returns_promptly_in_the_middle_of_a_long_read(scanner):
    seen = Seen()
    reader = SerialScanner(str(scanner.path), seen.code, seen.error, timeout_s=30,
                           on_connected=seen.opened)
    reader.start()
    assert seen.wait(lambda: seen.connected == 1)
    started = time.monotonic()
    assert reader.close(WAIT)
    assert time.monotonic() - started < 1.0
    assert not reader.running


def test_close_returns_promptly_during_the_back_off(tmp_path):
    seen = Seen()
    reader = SerialScanner(str(tmp_path / "nothing"), seen.code, seen.error, retry_s=60)
    reader.start()
    assert seen.wait(lambda: len(seen.errors) == 1)
    started = time.monotonic()
    assert reader.close(WAIT)
    assert time.monotonic() - started < 1.0


def test_a_missing_port_is_reported_with_a_back_off_that_doubles_and_is_capped(tmp_path):
    seen, pauses = Seen(), []
    enough = threading.Event()

    class Recording(SerialScanner):
        def _pause(self, seconds: float) -> None:
            pauses.append(seconds)
            if len(pauses) >= 6:
                enough.set()
                self._stop.wait(WAIT)

    reader = Recording(str(tmp_path / "nothing"), seen.code, seen.error, retry_s=1,
                       max_retry_s=8)
    reader.start()
    assert enough.wait(WAIT)
    assert reader.close(WAIT)
    assert pauses[:6] == [1, 2, 4, 8, 8, 8]
    assert all(isinstance(e, ScannerUnavailable) for e in seen.errors)
    assert seen.errors[0].message_zh == "扫码器未连接，请联系工作人员"


def test_a_failing_callback_does_not_stop_the_scanner(scanner, run):
    seen = Seen()

    def fussy(text: str) -> None:
        seen.code(text)
        if text == "BAD":
            raise RuntimeError("the app's handler failed")

    reader = run(scanner.path, seen)
    reader.on_code = fussy
    assert seen.wait(lambda: seen.connected == 1)
    scanner.send(b"BAD\rGOOD\r")
    assert seen.wait(lambda: seen.codes == ["BAD", "GOOD"])
    assert reader.running


def test_the_log_never_holds_a_code(scanner, run, caplog):
    caplog.set_level(logging.DEBUG, logger="kiosk.devices.scanner")
    seen = Seen()
    run(scanner.path, seen)
    assert seen.wait(lambda: seen.connected == 1)
    scanner.send(b"87654321\r")
    assert seen.wait(lambda: seen.codes == ["87654321"])
    scanner.pull_out()
    assert seen.wait(lambda: len(seen.errors) >= 2)
    assert "87654321" not in caplog.text


# --- cutting the stream (injected times) -----------------------------------------------

def test_cr_lf_split_anywhere_gives_each_code_once():
    lines = LineSplitter("crlf")
    stream = b"AAAA\r\nBBBB\r\n\r\nCCCC\r\n"
    for cut in range(1, len(stream)):
        lines = LineSplitter("crlf")
        got = lines.feed(stream[:cut], 0.0) + lines.feed(stream[cut:], 0.0)
        assert got == [b"AAAA", b"BBBB", b"CCCC"], cut


def test_a_cr_lf_scanner_behind_a_cr_setting_still_gives_clean_codes():
    lines = LineSplitter("cr")
    assert lines.feed(b"AAAA\r\nBB", 0.0) == [b"AAAA"]
    assert lines.feed(b"BB\r\n", 0.0) == [b"BBBB"]


def test_an_unfinished_piece_left_idle_is_dropped_not_glued_to_the_next_code():
    lines = LineSplitter("cr", stale_s=1.0)
    assert lines.feed(b"12345", 10.0) == [] and lines.pending
    lines.idle(10.5)
    assert lines.pending
    lines.idle(11.5)
    assert not lines.pending and lines.dropped == 1
    assert lines.feed(b"87654321\r", 12.0) == [b"87654321"]


def test_noise_longer_than_any_code_is_dropped_up_to_the_next_suffix():
    lines = LineSplitter("cr", max_bytes=16)
    assert lines.feed(b"x" * 40, 0.0) == [] and lines.dropped == 1
    assert lines.feed(b"yyyy\rGOOD\r", 0.1) == [b"GOOD"]
    lines.feed(b"z" * 40, 1.0)
    lines.idle(5.0)  # noise, then silence: the next code is a code
    assert lines.feed(b"NEXT\r", 5.1) == [b"NEXT"]


def test_codes_are_decoded_as_utf8_or_gb18030():
    assert decode("号码 A001".encode()) == "号码 A001"
    assert decode("号码 A001".encode("gb18030")) == "号码 A001"
    assert decode(b"\xff\xfe12") != ""


def test_an_unknown_suffix_is_refused_before_any_thread_starts():
    with pytest.raises(ValueError):
        SerialScanner("loop://", print, suffix="tab")


# --- from the settings ---------------------------------------------------------------

def test_the_settings_choose_the_scanner():
    assert keyboard_detector(Settings()).max_gap_s == 0.05  # keyboard is the default
    assert serial_scanner(Settings(), print) is None
    slow = Settings(machine={"scanner.max_gap_ms": "120"})
    assert keyboard_detector(slow).max_gap_s == pytest.approx(0.12)
    serial = Settings(machine={"scanner.kind": "serial", "scanner.serial_device": "COM3",
                               "scanner.baudrate": "115200", "scanner.suffix": "crlf"})
    assert keyboard_detector(serial) is None
    reader = serial_scanner(serial, print)
    assert (reader.url, reader.baudrate, reader.suffix) == ("COM3", 115200, "crlf")
    assert not reader.running  # built, not started
    none = Settings(machine={"scanner.kind": "none"})
    assert keyboard_detector(none) is None and serial_scanner(none, print) is None
    with pytest.raises(ScannerConfigError):
        serial_scanner(Settings(machine={"scanner.kind": "serial"}), print)
