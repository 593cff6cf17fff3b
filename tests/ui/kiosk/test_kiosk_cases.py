"""办件查询 at the kiosk: the 办件编号 on the letter keyboard, the phone's last four on
the digit keypad, read off the GUI thread; one refusal for a wrong number or wrong
digits, a pause after too many; a scanned notice opens its case; the idle reset."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk.queue.reads import case_lookup
from kiosk.queue.store.models import CaseFile
from tests.helpers import open_window
from tests.queue.test_cases import accept
from tests.ui.kiosk.conftest import WAIT_MS, click

REFUSAL = "办件编号或手机号后四位不正确，请核对后重试"


@pytest.fixture
def case(sqlite_ctx):
    """A 容缺受理 case with the phone 13812345678: (number, link token)."""
    open_window(sqlite_ctx, 2)
    case_no = accept(sqlite_ctx, 2, outcome="supply_later", phone="13812345678").case_no
    with sqlite_ctx.db.read() as session:
        token = session.scalar(select(CaseFile.web_token).where(CaseFile.case_no == case_no))
    return case_no, token


def _open(qtbot, kiosk) -> None:
    w = kiosk.window
    click(qtbot, w.home.case_button)
    assert w.current() is w.case_lookup and w.case_lookup.step == "number"


def _number(qtbot, kiosk, case_no: str) -> None:
    w = kiosk.window
    for char in case_no:
        click(qtbot, w.case_lookup.keyboard.keys[char])
    assert w.case_lookup.field.text() == case_no
    click(qtbot, w.case_lookup.next_button)
    assert w.case_lookup.step == "digits"


def _digits(qtbot, kiosk, digits: str) -> None:
    """Type the digits and tap 查询; wait for the answer on screen."""
    w = kiosk.window
    for digit in digits:
        click(qtbot, w.case_lookup.keypad.keys[digit])
    with qtbot.waitSignal(kiosk.controller.cases.lookup_ended, timeout=WAIT_MS):
        click(qtbot, w.case_lookup.search_button)


def test_the_number_and_the_digits_show_the_case_read_off_the_gui_thread(
        qtbot, kiosk, case, monkeypatch):
    case_no, _ = case
    threads = []
    real = case_lookup.lookup_for_citizen

    def lookup(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(case_lookup, "lookup_for_citizen", lookup)
    w = kiosk.window
    _open(qtbot, kiosk)
    assert "DEMO2026000123" in w.case_lookup.example_label.plain_text()
    _number(qtbot, kiosk, case_no)
    assert w.case_lookup.case_label.plain_text() == f"办件编号：{case_no}"
    _digits(qtbot, kiosk, "5678")
    assert threads and threads[0] is not threading.main_thread()
    r = w.case_result
    assert w.current() is r, w.message.text()
    assert r.state_label.plain_text() == "当前状态：已受理"
    assert r.promised_label.plain_text() == "承诺办结日期：2026年11月30日 星期一"
    assert r.missing_label.plain_text().count("· ") == 2
    assert "138" not in r.case_label.plain_text() + r.item_label.plain_text()
    click(qtbot, r.done_button)
    assert w.current() is w.home


def test_a_wrong_number_and_wrong_digits_get_the_same_refusal_then_a_pause(
        qtbot, kiosk, case, sqlite_ctx):
    case_no, _ = case
    w = kiosk.window
    _open(qtbot, kiosk)
    _number(qtbot, kiosk, case_no)
    seen = []
    for digits in ("0000", "1111", "2222"):
        _digits(qtbot, kiosk, digits)
        seen.append(w.message.text())
        assert w.case_lookup.digits_field.text() == ""  # typed afresh, the number kept
        click(qtbot, w.message.ok_button)
    click(qtbot, w.case_lookup.change_button)
    click(qtbot, w.case_lookup.keyboard.clear_button)
    _number(qtbot, kiosk, "DEMO2026999999")
    _digits(qtbot, kiosk, "5678")
    seen.append(w.message.text())
    assert seen[:2] == [REFUSAL] * 2
    assert seen[2] == REFUSAL + "\n再输错 2 次，本机将暂停办件查询 10 分钟"
    assert seen[3] == REFUSAL + "\n再输错 1 次，本机将暂停办件查询 10 分钟"
    click(qtbot, w.message.ok_button)
    _digits(qtbot, kiosk, "5678")       # the fifth wrong try
    assert w.message.text() == REFUSAL + "\n输错次数过多，本机暂停办件查询 10 分钟，可到服务台咨询"
    click(qtbot, w.message.ok_button)
    click(qtbot, kiosk.window.back_button)  # 返回: back to the number, as typed
    assert w.case_lookup.step == "number"
    click(qtbot, w.case_lookup.keyboard.clear_button)
    _number(qtbot, kiosk, case_no)
    _digits(qtbot, kiosk, "5678")       # right, but the kiosk is paused
    assert "输错次数过多，办件查询已暂停，请 10 分钟后再试" in w.message.text()
    assert w.current() is w.case_lookup
    click(qtbot, w.message.ok_button)
    sqlite_ctx.clock.advance(minutes=10)
    _digits(qtbot, kiosk, "5678")
    assert w.current() is w.case_result


def test_too_few_digits_are_asked_for_without_a_lookup(qtbot, kiosk, case, monkeypatch):
    called = []
    monkeypatch.setattr(case_lookup, "lookup_for_citizen", lambda *a: called.append(a))
    _open(qtbot, kiosk)
    _number(qtbot, kiosk, case[0])
    click(qtbot, kiosk.window.case_lookup.keypad.keys["5"])
    click(qtbot, kiosk.window.case_lookup.search_button)
    assert "请输入手机号码后四位数字" in kiosk.window.message.text()
    assert called == [] and kiosk.controller.cases.tries.left("kiosk") == 5


def test_a_scanned_notice_opens_its_case_from_any_screen(qtbot, kiosk, case):
    case_no, token = case
    w = kiosk.window
    click(qtbot, w.home.search_button)
    with qtbot.waitSignal(kiosk.controller.cases.case_shown, timeout=WAIT_MS) as shown:
        kiosk.devices.code_scanned(f"https://zwfw.example.gov.cn/c/{token}")
    assert shown.args[0].case_no == case_no
    assert w.current() is w.case_result
    click(qtbot, w.back_button)
    assert w.current() is w.search


def test_a_notice_scanned_into_the_focused_number_field_opens_its_case(qtbot, kiosk, case):
    case_no, token = case
    w = kiosk.window
    _open(qtbot, kiosk)
    w.case_lookup.field.setFocus()
    with qtbot.waitSignal(kiosk.controller.cases.case_shown, timeout=WAIT_MS):
        qtbot.keyClicks(w.case_lookup.field, f"https://zwfw.example.gov.cn/c/{token}")
        qtbot.keyClick(w.case_lookup.field, Qt.Key.Key_Return)
    assert w.current() is w.case_result
    assert w.case_result.case_label.plain_text() == f"办件编号：{case_no}"


def test_the_idle_timeout_takes_a_shown_case_home_and_forgets_it(qtbot, kiosk, case):
    w = kiosk.window
    _open(qtbot, kiosk)
    _number(qtbot, kiosk, case[0])
    _digits(qtbot, kiosk, "5678")
    assert w.current() is w.case_result
    with qtbot.waitSignal(kiosk.controller.reset_done):
        kiosk.controller.idle.timer.timeout.emit()
    assert w.current() is w.home
    assert w.case_result.view is None
    assert w.case_lookup.field.text() == "" and w.case_lookup.step == "number"


def test_an_answer_nobody_waits_for_is_dropped(qtbot, kiosk, case, monkeypatch):
    gate = threading.Event()
    real = case_lookup.lookup_for_citizen

    def slow(*args, **kwargs):
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(case_lookup, "lookup_for_citizen", slow)
    w = kiosk.window
    _open(qtbot, kiosk)
    _number(qtbot, kiosk, case[0])
    for digit in "5678":
        click(qtbot, w.case_lookup.keypad.keys[digit])
    click(qtbot, w.case_lookup.search_button)
    assert not w.case_lookup.search_button.isEnabled()  # no second lookup meanwhile
    qtbot.waitUntil(w.message.isVisible, timeout=WAIT_MS)  # 请稍候
    assert "正在查询办件" in w.message.text()
    kiosk.controller.reset()  # the citizen walked away
    gate.set()
    qtbot.waitUntil(lambda: kiosk.controller.cases.runner.idle, timeout=WAIT_MS)
    assert w.current() is w.home and not w.message.isVisible()
