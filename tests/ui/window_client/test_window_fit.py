"""At 1366x768 and 1024x768 nothing on the clerk's screen scrolls or is clipped: every
button lies inside the window and its text fits its width, with the 绿色通道 prompt, the
过号 question and the forms open. The buttons run in key order, F1 to F11, then 退出."""
import datetime as dt

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractScrollArea, QPushButton

from kiosk.queue.actions import appointments
from kiosk.queue.reads import hall as hall_reads
from window_client.clerk.action_bar import button_order
from window_client.clerk.keys import key_map
from tests.helpers import take
from tests.ui.window_client.conftest import idle, login, press

SIZES = [(1366, 768), (1024, 768)]


def _in_window(widget, client) -> QRect:
    return QRect(widget.mapTo(client, widget.rect().topLeft()), widget.size())


def assert_fits(client) -> None:
    """Every visible button inside the window with its text unclipped, and no visible
    scroll bar anywhere."""
    window = client.rect()
    buttons = [b for b in client.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) >= 12
    for button in buttons:
        rect = _in_window(button, client)
        assert window.contains(rect), (button.text(), rect, window)
        metrics = button.fontMetrics()
        lines = button.text().splitlines()
        widest = max(metrics.horizontalAdvance(line) for line in lines)
        assert widest + 16 <= rect.width(), (button.text(), widest, rect.width())
        assert len(lines) * metrics.lineSpacing() <= rect.height(), button.text()
    for area in client.findChildren(QAbstractScrollArea):
        if area.isVisible():
            bar = area.verticalScrollBar()
            assert not bar.isVisible() or bar.maximum() == 0, (
                type(area).__name__, area.parentWidget().metaObject().className(),
                area.widget().metaObject().className() if hasattr(area, "widget") else "",
                bar.maximum(), area.height())


@pytest.fixture
def hall_font(qapp):
    """The font the apps start with (``kiosk.ui.startup.qt_app``): sizes are measured
    as the clerk sees them, not in the test runner's default font."""
    from kiosk.ui.theme import NORMAL, app_font, register_shipped_fonts

    before = qapp.font()
    register_shipped_fonts()
    qapp.setFont(app_font(NORMAL.body_px))
    yield
    qapp.setFont(before)


def settle(qtbot, client) -> None:
    idle(qtbot, client)
    for _ in range(3):          # wrapped labels settle their heights over a few passes
        qtbot.wait(1)


@pytest.mark.parametrize("size", SIZES, ids=["1366x768", "1024x768"])
def test_nothing_scrolls_or_is_clipped(qtbot, sqlite_ctx, hall_font, make_client, clock,
                                       size):
    ctx = sqlite_ctx
    booking = appointments.record_booking(
        ctx, item_code="SCJG-001", day=dt.date(2026, 11, 23), slot_start=dt.time(9, 30),
        slot_minutes=30, name="张三", phone="13800138000")
    appointments.check_in(ctx, code=booking, phone_last_four="8000")   # A001
    for priority in ("elderly", "disabled", "none", "military", "none", "pregnant"):
        take(ctx, priority=priority)
    take(ctx, "WJW-002")                                   # a B ticket: window 2's other queue
    client = make_client(ctx, window=2)
    client.resize(*size)
    login(qtbot, client, "1002")
    settle(qtbot, client)
    assert (client.width(), client.height()) == size
    assert client.main.header.text().startswith("企业开办2号窗口 · ")
    assert len(client.main.queue_panel.next_codes.text().splitlines()) == 5
    assert_fits(client)

    press(qtbot, client, "call_next")                       # the appointment
    qtbot.waitUntil(lambda: client.main.ticket_panel.code.text() == "A001")
    press(qtbot, client, "start")
    settle(qtbot, client)
    press(qtbot, client, "finish")                          # the finish form
    settle(qtbot, client)
    assert client.main.forms.currentWidget() is client.main.finish_form
    assert_fits(client)
    press(qtbot, client, "finish")
    qtbot.waitUntil(lambda: client.main.ticket_panel.code.text() == "—")

    press(qtbot, client, "call_next")                       # a 绿色通道 claim
    qtbot.waitUntil(lambda: client.main.ticket_panel.check_box.isVisible())
    settle(qtbot, client)
    assert_fits(client)
    press(qtbot, client, "no_show")                         # asked: called a moment ago
    settle(qtbot, client)
    assert client.main.forms.currentWidget() is client.main.no_show_form
    assert_fits(client)
    client.main.close_form()

    client.main.ticket_panel.check_box.reject_button.click()
    qtbot.waitUntil(lambda: client.main.ticket_panel.code.text() == "—")
    press(qtbot, client, "pause")
    settle(qtbot, client)
    assert client.main.forms.currentWidget() is client.main.pause_form
    assert_fits(client)
    press(qtbot, client, "pause")
    qtbot.waitUntil(lambda: client.main.pause_notice.isVisible())
    settle(qtbot, client)
    assert_fits(client)


def test_buttons_follow_the_keys_left_to_right(qtbot, sqlite_ctx, make_client):
    client = make_client(sqlite_ctx, window=1)
    bar = client.actions
    grid = bar.layout()
    placed = sorted(bar.buttons, key=lambda a: grid.getItemPosition(
        grid.indexOf(bar.buttons[a]))[:2])
    keys = [bar.key_text(a) for a in placed]
    assert keys == [f"F{n}" for n in range(1, 12)] + [""]
    assert placed[0] == "call_next" and placed[-1] == "sign_out"
    # a machine that moves keys moves the buttons with them
    settings = hall_reads.effective_settings(sqlite_ctx).with_values(
        window__keys='{"call_next": "F9", "start": "F1"}')
    order = button_order(key_map(settings))
    assert order[0] == "start" and order[8] == "call_next" and order[-1] == "sign_out"
