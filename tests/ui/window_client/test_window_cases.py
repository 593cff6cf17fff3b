"""Cases (办件) at the window: 容缺受理 with the materials that will follow and the
applicant's mobile, then the 办件 page driven as a clerk would: find the case, move it
through 开始办理, 补正告知, 补正材料接收, 容缺材料接收, 办结 and 领取, refusals shown in
words, and its notice printed as an A4 PDF."""
from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QPushButton

from kiosk.queue.actions import calling, serving
from kiosk.queue.reads import case_lookup, cases as case_reads, hall as hall_reads
from tests.conftest import HALL_TZ
from tests.helpers import open_window, take
from tests.ui.window_client.conftest import idle, login, press
from tests.ui.window_client.test_window_fit import hall_font, settle  # noqa: F401

WINDOW, CLERK = 3, "1003"          # window 3 serves queue B: SCJG-004, a 承诺件
ITEM = "SCJG-004"
OWED = ("食品安全管理制度目录", "食品安全管理人员名单及培训考核证明")   # its 容缺 materials


def shown(client) -> str:
    return client.main.ticket_panel.code.text()


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot, box) -> None:
    """Touch a check box."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())


def test_supply_later_with_the_applicants_phone_from_the_finish_form(qtbot, ctx,
                                                                    make_client):
    take(ctx, ITEM, prefix="B")
    client = make_client(ctx, window=WINDOW)
    login(qtbot, client, CLERK)
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "B001")
    idle(qtbot, client)
    form = client.main.finish_form
    press(qtbot, client, "finish")
    qtbot.keyClick(form.outcomes, Qt.Key.Key_6)                     # 容缺受理
    assert form.outcomes.value() == "supply_later"
    qtbot.keyClick(form.outcomes, Qt.Key.Key_Return)                # on to 受理登记
    assert form.case_step and form.phone.isVisible() and not form.outcomes.isVisible()
    assert "容缺受理 B001" in form.title.text()
    assert form.missing.names() == list(OWED)
    assert all(box.isChecked() for box in form.missing.boxes)      # all owed at first
    tick(qtbot, form.missing.boxes[0])                              # brought after all
    qtbot.keyClicks(form.phone, "1381234567")                       # a digit short
    qtbot.keyClick(form.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "11 位手机号码" in client.main.message.text())
    assert client.main.forms.currentWidget() is form and shown(client) == "B001"
    qtbot.keyClicks(form.phone, "8")
    press(qtbot, client, "finish")                                  # the key confirms too
    qtbot.waitUntil(lambda: "承诺办结日期 2026-11-30" in client.main.message.text())
    text = client.main.message.text()
    assert "B001 已办结（结果：容缺受理）" in text and "办件编号 DEMO2026000001" in text
    assert shown(client) == "—"
    detail = case_reads.case_detail(ctx, "DEMO2026000001")
    assert [m.name for m in detail.materials] == [OWED[1]]
    assert case_lookup.lookup_for_citizen(ctx, "DEMO2026000001", "5678").missing == (OWED[1],)
    assert client.cases.finder.case_no.text() == "DEMO2026000001"   # ready on the 办件 page


def test_accepting_needs_only_the_registration_step(qtbot, sqlite_ctx, make_client):
    """受理 without a phone: the finish key three times (outcome, 受理登记)."""
    take(sqlite_ctx, ITEM, prefix="B")
    client = make_client(sqlite_ctx, window=WINDOW)
    login(qtbot, client, CLERK)
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "B001")
    idle(qtbot, client)
    qtbot.waitUntil(lambda: client.main._item_kind == "promised")
    press(qtbot, client, "finish")
    assert client.main.finish_form.outcomes.value() == "accepted"
    press(qtbot, client, "finish")
    assert client.main.finish_form.case_step
    assert not client.main.finish_form.missing.isVisible()          # 受理 owes nothing
    press(qtbot, client, "finish")
    qtbot.waitUntil(lambda: "承诺办结日期" in client.main.message.text())
    assert hall_reads.ticket(sqlite_ctx, 1).outcome == "accepted"


def supply_later_case(ctx) -> str:
    """A 容缺受理 case at window 3 owing both materials, the phone on file."""
    open_window(ctx, WINDOW)
    take(ctx, ITEM, prefix="B")
    calling.call_next(ctx, window=WINDOW, staff_no=CLERK)
    return serving.finish(ctx, window=WINDOW, staff_no=CLERK, outcome="supply_later",
                          applicant_phone="13812345678").case_no


def open_cases(qtbot, client):
    page = client.cases
    click(qtbot, client.main.cases_button)
    assert client.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.finder.case_list.count() > 0
                    and "在办" in page.finder.list_heading.text())
    return page


def state(page) -> str:
    return page.view.values["state"].text()


def confirm(qtbot, page, move: str, done: str) -> None:
    """Press a move's button, confirm its form with Enter, wait for the new state."""
    click(qtbot, page.buttons[move])
    assert page.right.currentWidget() is page.confirm_form
    qtbot.keyClick(page.confirm_form, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: state(page) == done)


def test_a_case_moved_from_the_cases_page(qtbot, ctx, make_client, clock):
    case_no = supply_later_case(ctx)
    client = make_client(ctx, window=WINDOW)
    login(qtbot, client, CLERK)
    page = open_cases(qtbot, client)
    assert "本窗口在办 1 件" in page.finder.list_heading.text()
    row = page.finder.case_list.item(0)
    assert row.text().startswith(f"{case_no}  已受理")
    found = page.finder.case_list
    qtbot.mouseClick(found.viewport(), Qt.MouseButton.LeftButton,
                     pos=found.visualItemRect(row).center())           # touch the row
    qtbot.waitUntil(lambda: page.view.case_no.text() == case_no)
    assert state(page) == "已受理" and page.view.values["promised"].text() == "2026-11-30"
    assert set(page.view.receive_buttons) == set(OWED)
    enabled = {m for m, b in page.buttons.items() if b.isEnabled()}
    assert enabled == {"case_processing", "case_correction_noticed", "case_concluded", "print"}

    confirm(qtbot, page, "case_processing", "办理中")
    assert "开始办理完成" in page.message.text()

    click(qtbot, page.buttons["case_correction_noticed"])           # 补正告知
    form = page.correction_form
    assert page.right.currentWidget() is form
    assert form.materials.names()[1] == "营业执照或其他主体资格证明文件"
    tick(qtbot, form.materials.boxes[1])
    form.other.insert("法定代表人身份证复印件")          # typed by the input method
    qtbot.keyClick(form.other, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: state(page) == "待补正")
    assert not page.buttons["case_correction_noticed"].isEnabled()   # told once
    assert not page.buttons["case_concluded"].isEnabled()
    owed = [m.name for m in case_reads.case_detail(ctx, case_no).materials
            if m.reason == "correction"]
    assert owed == ["营业执照或其他主体资格证明文件", "法定代表人身份证复印件"]
    assert "起补正停表" in page.view.values["due"].text()

    clock.set(dt.datetime(2026, 11, 25, 10, 0, tzinfo=HALL_TZ))     # two working days on
    confirm(qtbot, page, "case_correction_received", "办理中")
    assert page.view.values["due"].text() == "2026-12-02（补正停表 2 个工作日，已顺延）"

    click(qtbot, page.view.receive_buttons[OWED[0]])                 # 容缺材料接收
    assert OWED[0] in page.confirm_form.explain.text()
    qtbot.keyClick(page.confirm_form, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: set(page.view.receive_buttons) == {OWED[1]})

    click(qtbot, page.buttons["case_concluded"])                    # 准予, but one owed
    qtbot.keyClick(page.conclude_form.decision, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "容缺材料尚未补齐" in page.message.text())
    assert page.message.tone == "error" and state(page) == "办理中"
    assert page.right.currentWidget() is page.conclude_form          # still open
    qtbot.keyClick(page.conclude_form.decision, Qt.Key.Key_2)        # 不予 ...
    assert page.conclude_form.reason.isVisible()
    qtbot.keyClick(page.conclude_form.decision, Qt.Key.Key_Return)   # ... without reason
    qtbot.waitUntil(lambda: "不予办结须写明理由" in page.message.text())
    page.conclude_form.reason.insert("经现场核查，经营场所不符合要求")
    qtbot.keyClick(page.conclude_form.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: state(page) == "已办结")
    assert page.view.values["decision"].text() == "不予（2026-11-25）：经现场核查，经营场所不符合要求"
    assert not page.view.receive_buttons                              # a refusal owes nothing
    assert not page.buttons["print"].isEnabled()                     # no notice after 办结
    qtbot.waitUntil(lambda: "待送达或领取" in page.finder.case_list.item(0).text())

    confirm(qtbot, page, "case_collected", "已领取")
    assert not any(b.isEnabled() for b in page.buttons.values())

    qtbot.keyClick(page.finder.case_no, Qt.Key.Key_Escape)            # back to calling
    assert client.stack.currentWidget() is client.main


def test_an_unknown_number_is_said_and_a_queue_key_goes_back(qtbot, sqlite_ctx,
                                                            make_client):
    take(sqlite_ctx, ITEM, prefix="B")
    client = make_client(sqlite_ctx, window=WINDOW)
    login(qtbot, client, CLERK)
    page = open_cases(qtbot, client)
    assert page.finder.case_list.item(0).text() == "本窗口暂无在办的办件"
    qtbot.keyClicks(page.finder.case_no, "demo2026000999")
    qtbot.keyClick(page.finder.case_no, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "找不到办件 DEMO2026000999" in page.message.text())
    assert not any(b.isEnabled() for b in page.buttons.values())
    press(qtbot, client, "call_next")                                # F1 on the 办件 page
    assert client.stack.currentWidget() is client.main
    qtbot.waitUntil(lambda: shown(client) == "B001")


def test_the_notice_is_saved_as_a_pdf_and_opened(qtbot, sqlite_ctx, make_client,
                                                 tmp_path):
    case_no = supply_later_case(sqlite_ctx)
    settings = hall_reads.effective_settings(sqlite_ctx).with_values(
        window__documents_dir=str(tmp_path / "通知书"))
    client = make_client(sqlite_ctx, window=WINDOW, settings=settings)
    opened = []
    client.cases.open_file = opened.append
    login(qtbot, client, CLERK)
    page = open_cases(qtbot, client)
    qtbot.keyClicks(page.finder.case_no, case_no)
    click(qtbot, page.finder.find_button)
    qtbot.waitUntil(lambda: page.buttons["print"].isEnabled())
    click(qtbot, page.buttons["print"])
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    path = opened[0]
    assert path.parent == tmp_path / "通知书" and path.name.startswith(case_no)
    assert path.read_bytes().startswith(b"%PDF")
    assert "通知书已保存" in page.message.text()


def fits(client) -> None:
    """Every visible button inside the window with its words unclipped."""
    window = client.rect()
    for button in (b for b in client.findChildren(QPushButton) if b.isVisible()):
        rect = QRect(button.mapTo(client, button.rect().topLeft()), button.size())
        assert window.contains(rect), (button.text(), rect)
        lines = button.text().splitlines()
        widest = max(button.fontMetrics().horizontalAdvance(line) for line in lines)
        assert widest + 16 <= rect.width(), (button.text(), widest, rect.width())


@pytest.mark.usefixtures("hall_font")          # the font the app starts with
def test_the_registration_step_and_the_cases_page_fit_1024x768(qtbot, sqlite_ctx,
                                                               make_client):
    supply_later_case(sqlite_ctx)
    take(sqlite_ctx, ITEM, prefix="B")
    client = make_client(sqlite_ctx, window=WINDOW)
    client.resize(1024, 768)
    login(qtbot, client, CLERK)
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "B002")
    idle(qtbot, client)
    form = client.main.finish_form
    press(qtbot, client, "finish")
    qtbot.keyClick(form.outcomes, Qt.Key.Key_6)
    press(qtbot, client, "finish")
    assert form.case_step
    settle(qtbot, client)
    assert not form.body_scroll.verticalScrollBar().isVisible()      # nothing hidden
    fits(client)
    page = open_cases(qtbot, client)
    page.finder.case_list.itemClicked.emit(page.finder.case_list.item(0))
    qtbot.waitUntil(lambda: page._shown is not None)
    settle(qtbot, client)
    fits(client)
    assert not page.finder.case_list.horizontalScrollBar().isVisible()
