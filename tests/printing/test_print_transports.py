"""Transports other than TCP: the deadline guard, file, none, the factory, and the
USB/serial/Windows drivers through their ``_load_driver`` seam (no such hardware here)."""
import importlib.util
import sys
import threading
import time

import pytest
from escpos.exceptions import DeviceNotFoundError

from kiosk.printing.errors import (
    CoverOpen, PaperOut, PrinterConfigError, PrinterNoResponse, PrinterOffline, PrinterTimeout,
)
from kiosk.printing.status import REQUESTS
from kiosk.printing.transports import factory, serial, usb, win32raw
from kiosk.printing.transports.base import Transport
from kiosk.printing.transports.file import FileTransport
from kiosk.printing.transports.network import NetworkTransport
from kiosk.printing.transports.none import NoPrinter
from kiosk.settings import Settings
from tests.printing.printer_peers import COVER_OPEN, GOOD, PAPER_OUT

WAIT = 10
STATUS = b"".join(REQUESTS.values())


class GatedTransport(Transport):
    """Blocks in ``_write`` until the test opens the gate, like a device that hangs."""

    kind = "gated"

    def __init__(self, error: BaseException | None = None) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.error = error
        self.sent: list[bytes] = []

    def describe(self) -> str:
        return "gated test printer"

    def _write(self, data: bytes, timeout: float) -> None:
        self.gate.wait(WAIT)
        if self.error is not None:
            raise self.error
        self.sent.append(data)


def test_a_hanging_transport_times_out_then_reports_busy_then_recovers():
    transport = GatedTransport()
    started = time.monotonic()
    with pytest.raises(PrinterTimeout):
        transport.send(b"one", timeout=0.2)
    assert time.monotonic() - started < 0.2 + 0.3
    with pytest.raises(PrinterOffline) as caught:  # still stuck: fail fast, no new thread
        transport.send(b"two", timeout=0.2)
    assert "stuck" in caught.value.message_en
    transport.gate.set()
    assert transport.wait_idle(WAIT)
    transport.send(b"three", timeout=1)
    assert transport.sent == [b"one", b"three"]


@pytest.mark.parametrize("error, expected", [
    (PrinterOffline("离线", "offline"), PrinterOffline),
    (OSError(5, "I/O error"), PrinterOffline),
    (ValueError("bug"), ValueError),
])
def test_errors_reach_the_caller(error, expected):
    transport = GatedTransport(error)
    transport.gate.set()
    with pytest.raises(expected):
        transport.send(b"x", timeout=1)


def test_file_transport_writes_the_bytes(tmp_path):
    target = tmp_path / "printer.bin"
    transport = FileTransport(str(target))
    assert transport.send(b"\x1b@first", timeout=1) is False  # a file cannot confirm
    transport.send(b"\x1b@second", timeout=1)
    assert target.read_bytes() == b"\x1b@second"  # one job per open, like a device


def test_file_transport_faults(tmp_path):
    with pytest.raises(PrinterOffline):
        FileTransport(str(tmp_path / "no-such-dir" / "lp0")).send(b"x", timeout=1)
    with pytest.raises(PrinterConfigError):
        FileTransport("")


def test_no_printer_accepts_and_says_so():
    transport = NoPrinter()
    transport.send(b"anything", timeout=0.1)
    assert transport.is_printer is False and transport.describe() == "no printer"


def _settings(**values):
    return Settings(machine={f"printer.{k}": v for k, v in values.items()})


def test_factory_builds_each_kind(tmp_path):
    assert isinstance(factory.printer_from_settings(Settings()), NoPrinter)
    net = factory.printer_from_settings(_settings(kind="network", host="10.1.2.3", port=9101))
    assert isinstance(net, NetworkTransport) and (net.host, net.port) == ("10.1.2.3", 9101)
    assert net.status_query is True  # declared default: ask the printer
    assert factory.printer_from_settings(_settings(
        kind="network", status_query="false")).status_query is False
    dev = factory.printer_from_settings(_settings(kind="usb", usb_vendor="0x04b8",
                                                  usb_product="0202"))
    assert isinstance(dev, usb.UsbTransport) and (dev.vendor_id, dev.product_id) == (0x04B8, 0x0202)
    ser = factory.printer_from_settings(_settings(kind="serial", serial_device="/dev/ttyS1",
                                                  baudrate=115200))
    assert isinstance(ser, serial.SerialTransport) and (ser.device, ser.baudrate) == ("/dev/ttyS1",
                                                                                     115200)
    path = str(tmp_path / "out.bin")
    out = factory.printer_from_settings(_settings(kind="file", path=path))
    assert isinstance(out, FileTransport) and out.path == path
    win = factory.printer_from_settings(_settings(kind="win32raw", win32_name="POS-80"))
    assert isinstance(win, win32raw.Win32RawTransport) and win.printer_name == "POS-80"


@pytest.mark.parametrize("raw", ["xyz", "0x10000", "-1"])
def test_bad_usb_ids_are_config_errors(raw):
    with pytest.raises(PrinterConfigError):
        factory.printer_from_settings(_settings(kind="usb", usb_vendor=raw))


class FakeLine:
    """A pyserial line to a printer that answers each DLE EOT n with ``status[n]``."""

    def __init__(self, driver) -> None:
        self.driver = driver
        self.write_timeout = self.timeout = None
        self.pending = bytearray()

    def write(self, data: bytes) -> None:
        self.driver.written += data
        if data[:2] == b"\x10\x04" and FakeDriver.status is not None:
            self.pending.append(FakeDriver.status[data[2]])

    def read(self, size: int) -> bytes:
        reply, self.pending = bytes(self.pending[:size]), self.pending[size:]
        return reply


class FakeDriver:
    """Stands in for escpos.printer.Usb / Serial / Win32Raw at the ``_load_driver`` seam."""

    instances: list = []
    open_error: BaseException | None = None
    write_error: BaseException | None = None
    status: dict[int, int] | None = None  # None: the printer never answers
    then: dict[int, int] | None = None    # the status once the job is written

    def __init__(self, *args, **kwargs) -> None:
        self.args, self.kwargs = args, kwargs
        self.written = b""
        self.closed = False
        self.opened_with = None
        self.device = FakeLine(self)
        FakeDriver.instances.append(self)

    def open(self, **kwargs) -> None:
        self.opened_with = kwargs
        if self.open_error is not None:
            raise self.open_error

    def _raw(self, data: bytes) -> None:
        if self.write_error is not None:
            raise self.write_error
        self.written += data
        if FakeDriver.then is not None:
            FakeDriver.status = FakeDriver.then

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def fake_driver(monkeypatch):
    FakeDriver.instances = []
    FakeDriver.open_error = FakeDriver.write_error = None
    FakeDriver.status, FakeDriver.then = GOOD, None
    for module in (usb, serial, win32raw):
        monkeypatch.setattr(module, "_load_driver", lambda: FakeDriver)
    return FakeDriver


def test_usb_wiring(fake_driver):
    transport = factory.printer_from_settings(_settings(kind="usb"))  # declared defaults
    transport.send(b"slip", timeout=2.5)
    (driver,) = fake_driver.instances
    assert driver.args == (0x0416, 0x5011) and driver.kwargs == {"timeout": 2500}
    assert driver.written == b"slip" and driver.closed


def test_serial_wiring(fake_driver):
    transport = factory.printer_from_settings(_settings(kind="serial", serial_device="COM3"))
    assert transport.send(b"slip", timeout=2) is True  # confirmed by the status after it
    (driver,) = fake_driver.instances
    assert driver.kwargs == {"devfile": "COM3", "baudrate": 9600, "timeout": 2}
    assert driver.device.write_timeout == 2 and driver.closed
    assert driver.written == STATUS + b"slip" + STATUS


@pytest.mark.parametrize("answers, then, error", [
    (None, None, PrinterNoResponse), (PAPER_OUT, None, PaperOut),
    (GOOD, COVER_OPEN, CoverOpen),  # opened during the job
])
def test_serial_status_faults(fake_driver, answers, then, error):
    fake_driver.status, fake_driver.then = answers, then
    with pytest.raises(error):
        serial.SerialTransport("COM3", status_timeout=0.05).send(b"slip", timeout=2)
    assert fake_driver.instances[0].closed


def test_serial_without_status_queries_is_unconfirmed(fake_driver):
    fake_driver.status = None
    transport = factory.printer_from_settings(_settings(kind="serial", status_query="false"))
    assert transport.send(b"slip", timeout=2) is False
    assert fake_driver.instances[0].written == b"slip"


def test_win32raw_wiring(fake_driver):
    transport = factory.printer_from_settings(_settings(kind="win32raw"))
    transport.send(b"slip", timeout=2)
    (driver,) = fake_driver.instances
    assert driver.kwargs == {"printer_name": ""} and driver.opened_with == {"job_name":
                                                                            win32raw.JOB_NAME}
    assert driver.written == b"slip" and driver.closed


@pytest.mark.parametrize("kind", ["usb", "serial", "win32raw"])
def test_driver_faults_become_printer_errors(fake_driver, kind):
    transport = factory.printer_from_settings(_settings(kind=kind))
    fake_driver.open_error = DeviceNotFoundError("unplugged")
    with pytest.raises(PrinterOffline):
        transport.send(b"slip", timeout=1)
    fake_driver.open_error = None
    timeout_name = {"usb": "USBTimeoutError", "serial": "SerialTimeoutException"}.get(kind,
                                                                                       "TimeoutError")
    fake_driver.write_error = type(timeout_name, (OSError,), {})("timed out")
    with pytest.raises(PrinterTimeout):
        transport.send(b"slip", timeout=1)
    fake_driver.write_error = OSError(19, "No such device")
    with pytest.raises(PrinterOffline):
        transport.send(b"slip", timeout=1)
    assert len(fake_driver.instances) == 3 and all(d.closed for d in fake_driver.instances)


@pytest.mark.skipif(importlib.util.find_spec("usb") is not None, reason="pyusb is installed")
def test_missing_pyusb_fails_only_when_used():
    with pytest.raises(PrinterConfigError) as caught:
        usb.UsbTransport(0x0416, 0x5011).send(b"x", timeout=1)
    assert "pyusb" in caught.value.message_en


def test_missing_pyserial_fails_only_when_used(monkeypatch):
    """pyserial is a dependency (the ID card reader needs it); a broken install must
    still fail with a clear message, and only when a serial printer prints."""
    for name in [n for n in sys.modules if n == "serial" or n.startswith("serial.")
                 or n == "escpos.printer.serial"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "serial", None)  # import serial -> ImportError
    with pytest.raises(PrinterConfigError) as caught:
        serial.SerialTransport("/dev/ttyS0").send(b"x", timeout=1)
    assert "pyserial" in caught.value.message_en


@pytest.mark.skipif(sys.platform == "win32", reason="checks the non-Windows refusal")
def test_win32raw_refuses_other_platforms():
    with pytest.raises(PrinterConfigError) as caught:
        win32raw.Win32RawTransport().send(b"x", timeout=1)
    assert "Windows" in caught.value.message_en
