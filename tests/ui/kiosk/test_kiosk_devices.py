"""Scans and ID cards driving the real kiosk: key bursts through qtbot on any screen
(timed by a clock the test controls), a serial scanner and a GA 450 reader simulated
on pseudo-terminal pairs. The GUI-thread database guard is on for every test."""
from __future__ import annotations

import datetime as dt
import logging
import os
import tty

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

pytest.importorskip("serial", reason="pyserial (setup.cfg extra 'serial') is not installed")

from kiosk.devices.idcard import protocol as p
from kiosk.printing import PrintFormat, PrintQueue
from kiosk.queue.actions import staff
from kiosk.queue.reads import hall as hall_reads
from kiosk.ui.kiosk.app import build_kiosk
from kiosk.ui.kiosk.card_bridge import card_bridge, scan_bridge
from kiosk.ui.kiosk.slips_from import ticket_qr_payload
from kiosk.ui.touch.look import WORD_JOINER
from tests.devices.idcard_sim import SimulatedReader, citizen_number, resident_block
from tests.helpers import take
from tests.queue.test_id_card_rules import set_rules
from tests.ui.kiosk.conftest import WAIT_MS, click, open_guide, settled

TODAY = dt.date(2026, 11, 23)
BORN_1951 = dt.date(1951, 6, 1)  # 75 on the test day
FAST_READER = {"poll_s": 0.02, "timeout_s": 0.3, "retry_s": 0.2}


class KeyClock:
    """The scan detector's clock: each key press reads it once and moves it on by
    ``step`` seconds (5 ms: a scanner; 300 ms: a person)."""

    def __init__(self, step: float = 0.005) -> None:
        self.now, self.step = 1000.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def clock_keys():
    return KeyClock()


@pytest.fixture
def build(qtbot, sqlite_ctx, printer, clock_keys):
    """``build(settings=None, **build_kiosk options)``: a kiosk shown at its design
    size whose keyboard scanner is timed by ``clock_keys``."""
    made, bridges = [], []

    def make(settings=None, **options):
        settings = settings or hall_reads.effective_settings(sqlite_ctx)
        queue = PrintQueue(printer, PrintFormat(80, "gb18030"), 2.0)
        kiosk = build_kiosk(sqlite_ctx, settings, queue, scan_clock=clock_keys, **options)
        made.append(kiosk)
        bridges.extend(b for b in (options.get("card"), options.get("serial_scan")) if b)
        kiosk.window.resize(*kiosk.window.design_size())
        kiosk.window.show()
        qtbot.waitExposed(kiosk.window)
        settled(qtbot, kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()
    for bridge in bridges:  # the device threads end before their pty goes
        device = getattr(bridge, "reader", None) or bridge.scanner
        assert (device.stop(5) if hasattr(device, "stop") else device.close(5))


def scan(qtbot, widget, text: str) -> None:
    """A keyboard-wedge scanner: the code's keys, then Enter, 5 ms apart."""
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


# --- keyboard scans on each screen ----------------------------------------------------

def test_a_ticket_scanned_on_home_shows_its_status(qtbot, build, sqlite_ctx):
    take(sqlite_ctx)                      # A001 ahead
    mine = take(sqlite_ctx).ticket        # A002
    kiosk = build()
    w = kiosk.window
    # a scanner in keyboard mode types ASCII: what it keeps of the QR text is its tag
    with qtbot.waitSignal(kiosk.controller.scan_shown, timeout=WAIT_MS) as shown:
        scan(qtbot, w.home, f"KH1:{sqlite_ctx.hall_code}:2026-11-23:{mine.code}")
    assert shown.args[0].code == "A002" and shown.args[0].people_ahead == 1
    assert w.message.isVisible()
    assert w.message.title_label.text() == "A002 号 · 等候中"
    assert "前面还有 1 人等候" in w.message.text() and "预计等候" in w.message.text()
    assert "办理窗口：1号、2号、4号、19号窗口" in w.message.text()
    assert w.current() is w.home


def test_a_booking_code_scanned_on_a_guide_opens_check_in_at_the_digits(qtbot, build):
    kiosk = build()
    w = kiosk.window
    open_guide(qtbot, kiosk, "SCJG-001")
    scan(qtbot, w.guide, "26112342")
    qtbot.waitUntil(lambda: w.current() is w.check_in, timeout=WAIT_MS)
    assert w.check_in.step == "digits"
    assert "26112342" in w.check_in.code_label.plain_text()
    # the citizen types the phone's last four digits as today, into the focused field
    assert w.focusWidget() is w.check_in.digits_field
    qtbot.keyClicks(w.check_in.digits_field, "1234")
    assert w.check_in.digits_field.text() == "1234"


def test_a_stranger_code_on_a_department_is_not_recognised(qtbot, build):
    kiosk = build()
    w = kiosk.window
    kiosk.controller.open_department(kiosk.controller.catalog.departments[0].code)
    with qtbot.waitSignal(kiosk.controller.error_shown, timeout=WAIT_MS) as shown:
        scan(qtbot, w.department, "https://example.com/promo?id=42")
    assert shown.args[0] == "无法识别此二维码"
    assert w.current() is w.department


def test_another_days_ticket_says_why(qtbot, build, sqlite_ctx):
    kiosk = build()
    with qtbot.waitSignal(kiosk.controller.error_shown, timeout=WAIT_MS) as shown:
        scan(qtbot, kiosk.window.home, f"KH1:{sqlite_ctx.hall_code}:2026-11-20:A001")
    assert "11月20日" in shown.args[0] and "已失效" in shown.args[0]


def test_a_scan_into_the_focused_search_field_is_typed_not_routed(qtbot, build):
    kiosk = build()
    w = kiosk.window
    routed = []
    kiosk.controller.scan_shown.connect(routed.append)
    kiosk.controller.error_shown.connect(routed.append)
    kiosk.controller.open_search()
    assert w.focusWidget() is w.search.field
    scan(qtbot, w.search.field, "SCJG001")
    assert w.search.field.text() == "SCJG001"
    assert kiosk.devices.runner.idle and not routed


def test_slow_keys_are_handed_back_as_typed(qtbot, build, clock_keys):
    """A person's keys (300 ms apart) are no scan: each reaches its widget, pressed
    and released, and nothing is routed."""
    kiosk = build()
    w = kiosk.window
    clock_keys.step = 0.3
    routed, pressed = [], []
    kiosk.controller.scan_shown.connect(routed.append)
    target = w.home.search_button
    original = QPushButton.keyPressEvent
    target.keyPressEvent = lambda event: (pressed.append(event.text()),
                                          original(target, event))
    scan(qtbot, target, "2611234")
    qtbot.waitUntil(lambda: len(pressed) == 8, timeout=WAIT_MS)
    assert "".join(pressed) == "2611234\r" and not routed


# --- a serial scanner on a pseudo-terminal --------------------------------------------

def test_a_serial_scanner_routes_its_codes(qtbot, build, sqlite_ctx, tmp_path):
    mine = take(sqlite_ctx).ticket
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        settings = hall_reads.effective_settings(sqlite_ctx).with_values(
            scanner__kind="serial", scanner__serial_device=os.ttyname(slave))
        bridge = scan_bridge(settings, timeout_s=0.2, retry_s=0.05)
        kiosk = build(settings, serial_scan=bridge)
        w = kiosk.window
        assert kiosk.devices.scan_keys is None  # the keyboard is left alone
        open_guide(qtbot, kiosk, "SCJG-002")
        payload = ticket_qr_payload(sqlite_ctx.hall_code, TODAY, mine.code,
                                    hall_name="示例市政务服务中心", queue_name="企业开办")
        with qtbot.waitSignal(kiosk.controller.scan_shown, timeout=WAIT_MS) as shown:
            os.write(master, f"{payload}\r".encode())  # the whole QR text, in UTF-8
        assert shown.args[0].status == "waiting"
        assert "前面无人等候" in w.message.text()
        w.message.dismiss()
        os.write(master, b"26112342\r")
        qtbot.waitUntil(lambda: w.current() is w.check_in and w.check_in.step == "digits",
                        timeout=WAIT_MS)
    finally:
        os.close(master)
        os.close(slave)


# --- the ID card reader on a pseudo-terminal -------------------------------------------

@pytest.fixture
def sim():
    reader = SimulatedReader()
    yield reader
    reader.close()


def reader_kiosk(build, sqlite_ctx, sim):
    settings = hall_reads.effective_settings(sqlite_ctx).with_values(
        idcard__kind="serial", idcard__serial_device=sim.path)
    return build(settings, card=card_bridge(settings, **FAST_READER))


def on_take_screen(qtbot, kiosk, item: str = "SCJG-001") -> None:
    open_guide(qtbot, kiosk, item)
    click(qtbot, kiosk.window.guide.take_button)
    assert kiosk.window.current() is kiosk.window.take


def test_a_75_year_olds_card_takes_a_green_channel_ticket_by_age(qtbot, build, sqlite_ctx,
                                                                 sim, printer, caplog):
    caplog.set_level(logging.DEBUG)
    set_rules(sqlite_ctx, "A", "optional")
    staff.set_hall_setting(sqlite_ctx, name="queue.green_channel_age", value=70)
    kiosk = reader_kiosk(build, sqlite_ctx, sim)
    w = kiosk.window
    on_take_screen(qtbot, kiosk)
    assert w.take.card_label.plain_text() == "也可在读卡区刷身份证取号"
    number = citizen_number(BORN_1951)
    with qtbot.waitSignal(kiosk.controller.ticket_shown, timeout=WAIT_MS) as shown:
        sim.place(resident_block(name="王大爷", birth=BORN_1951))
    result = shown.args[0]
    assert w.current() is w.ticket
    assert (result.ticket.priority, result.priority_check) == ("elderly", "by_age")
    assert result.holder_masked == "王**"
    caption = w.ticket.caption_label.plain_text().replace(WORD_JOINER, "")
    assert caption.startswith("王**，取号成功")
    assert w.ticket.badge_label.plain_text() == "绿色通道（按年龄自动）"
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=WAIT_MS)
    slip = printer.jobs[0]
    assert "王**".encode("gb18030") in slip
    assert "绿色通道（按年龄自动）".encode("gb18030") in slip
    assert "王大爷".encode("gb18030") not in slip and number.encode() not in slip
    assert number[-4:].encode() not in slip
    assert "王大爷" not in caplog.text and number not in caplog.text


def test_a_second_card_over_the_per_person_limit_is_refused(qtbot, build, sqlite_ctx, sim):
    set_rules(sqlite_ctx, "A", "required", 1)
    kiosk = reader_kiosk(build, sqlite_ctx, sim)
    w, c = kiosk.window, kiosk.controller
    on_take_screen(qtbot, kiosk)
    assert w.take.card_box.isVisible() and not w.take.card_label.isVisible()
    assert not w.take.ordinary_button.isVisible()
    card = resident_block(name="李四", birth=dt.date(1985, 3, 3))
    with qtbot.waitSignal(c.ticket_shown, timeout=WAIT_MS):
        sim.place(card)
    c.go_home()
    on_take_screen(qtbot, kiosk, "SCJG-002")
    with qtbot.waitSignal(kiosk.devices.card.card_removed, timeout=WAIT_MS):
        sim.remove()
    with qtbot.waitSignal(c.error_shown, timeout=WAIT_MS) as refused:
        sim.place(card)
    assert "您今日已取号 1 个" in refused.args[0] and "A 企业开办 1 个" in refused.args[0]
    assert "每人每日限取 1 个" in refused.args[0]
    assert w.current() is w.take and w.message.isVisible()


def test_a_card_on_home_says_where_to_place_it_and_takes_nothing(qtbot, build, sqlite_ctx,
                                                                  sim):
    kiosk = reader_kiosk(build, sqlite_ctx, sim)
    with qtbot.waitSignal(kiosk.controller.error_shown, timeout=WAIT_MS) as shown:
        sim.place(resident_block())
    assert "在取号页面将身份证放在读卡区" in shown.args[0]
    assert kiosk.window.current() is kiosk.window.home
    assert kiosk.controller.taps.runner.idle


def test_a_bad_read_asks_for_the_card_again(qtbot, build, sqlite_ctx, sim):
    kiosk = reader_kiosk(build, sqlite_ctx, sim)
    on_take_screen(qtbot, kiosk)
    sim.corrupt_read = True
    with qtbot.waitSignal(kiosk.controller.error_shown, timeout=WAIT_MS) as shown:
        sim.place(resident_block())
    assert "重新放在读卡区" in shown.args[0]
    assert kiosk.window.current() is kiosk.window.take


def test_a_reader_that_stops_answering_leaves_the_kiosk_responsive(qtbot, build,
                                                                   sqlite_ctx, sim):
    set_rules(sqlite_ctx, "A", "optional")
    kiosk = reader_kiosk(build, sqlite_ctx, sim)
    w, c = kiosk.window, kiosk.controller
    assert sim.wait_for(p.FIND_CARD, 1)
    sim.silent = True
    on_take_screen(qtbot, kiosk)
    qtbot.waitUntil(lambda: "身份证阅读器无响应" in w.take.card_label.plain_text(),
                    timeout=WAIT_MS)
    assert not w.message.isVisible()  # no pop-up for a fault the citizen cannot fix
    # the kiosk goes on: back to the guide, and a tap still takes a ticket
    click(qtbot, w.back_button)
    assert w.current() is w.guide
    click(qtbot, w.guide.take_button)
    with qtbot.waitSignal(c.ticket_shown, timeout=WAIT_MS) as shown:
        click(qtbot, w.take.ordinary_button)
    assert shown.args[0].holder_masked is None
    c.go_home()
    sim.silent = False  # the reader answers again: the prompt says so
    with qtbot.waitSignal(kiosk.devices.card.reader_back, timeout=WAIT_MS):
        pass
    on_take_screen(qtbot, kiosk)
    assert w.take.card_label.plain_text() == "也可在读卡区刷身份证取号"


def test_a_required_queue_without_a_reader_says_so(qtbot, build, sqlite_ctx):
    set_rules(sqlite_ctx, "A", "required")
    kiosk = build()
    w = kiosk.window
    on_take_screen(qtbot, kiosk)
    assert "本机未连接身份证阅读器" in w.take.card_label.plain_text()
    assert not w.take.ordinary_button.isVisible() and not w.take.green_card.isVisible()
