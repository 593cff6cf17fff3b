"""Elder mode (长者模式) at every kiosk size, measured on the live widgets: the search
screen's parts never overlap or cut their text, and the ticket shows its whole QR code
and every detail line."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from kiosk.printing import PrintFormat, PrintQueue
from kiosk.printing.transports.network import NetworkTransport
from tests.ui.kiosk.conftest import WAIT_MS, click, closed_port, open_guide, tap_and_wait
from tests.ui.kiosk.test_kiosk_elder import settle

SIZES = [(1366, 768), (1920, 1080), (1080, 1920)]


def elder_kiosk(make_kiosk, qtbot, size):
    kiosk = make_kiosk(portrait=size[1] > size[0], elder=True)
    kiosk.window.resize(*size)
    settle(qtbot, kiosk.window)
    return kiosk


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def text_fits(label) -> bool:
    """The label's (wrapped) text in its font is no taller or wider than its room."""
    room = label.contentsRect().adjusted(label.margin(), label.margin(),
                                         -label.margin(), -label.margin())
    text = getattr(label, "plain_text", label.text)()
    need = QFontMetrics(label.font()).boundingRect(
        QRect(0, 0, room.width(), 100_000), int(Qt.TextFlag.TextWordWrap), text)
    return need.width() <= room.width() and need.height() <= room.height()


def search_parts(search):
    keys = list(search.keyboard.keys.values()) + [search.keyboard.erase_button,
                                                  search.keyboard.clear_button]
    parts = [search.field, search.count_label, search.results_button, search.more_button,
             search.pager.prev_button, search.pager.next_button, search.pager.page_label,
             *search.pager.tiles, *keys]
    return [p for p in parts if p.isVisible()], keys


def assert_no_overlap(search, window):
    parts, keys = search_parts(search)
    rects = [(p, rect_in(p, window)) for p in parts]
    for i, (a, ra) in enumerate(rects):
        assert window.rect().contains(ra), (a, ra)
        for b, rb in rects[i + 1:]:
            assert not ra.intersects(rb), (a, ra, b, rb)
    for key in keys:
        if key.isVisible():
            assert key.height() >= 96, key.size()
    for tile in search.pager.tiles:
        for label in (tile.title_label, tile.subtitle_label):
            assert label.font().pixelSize() >= 32
            assert text_fits(label), (label.plain_text(), label.size())
            assert tile.rect().contains(QRect(label.pos(), label.size()))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_elder_search_fits_and_leads_to_the_guide_by_taps(qtbot, make_kiosk, size):
    kiosk = elder_kiosk(make_kiosk, qtbot, size)
    w = kiosk.window
    search = w.search
    qtbot.waitUntil(lambda: search.index is not None, timeout=WAIT_MS)
    click(qtbot, w.home.search_button)
    for letter in "GTGS":
        click(qtbot, search.keyboard.keys[letter])
    settle(qtbot, w)
    assert_no_overlap(search, w)
    if search.in_turns:  # too short for both: the keyboard, then the results
        assert size == (1366, 768)
        assert not search.pager.isVisible()
        assert search.results_button.text() == "查看 2 个结果"
        click(qtbot, search.results_button)
        settle(qtbot, w)
        assert not search.keyboard.isVisible() and search.more_button.isVisible()
        assert_no_overlap(search, w)
        click(qtbot, search.more_button)
        assert search.keyboard.isVisible() and not search.pager.isVisible()
        click(qtbot, search.results_button)
        settle(qtbot, w)
    assert search.pager.visible_titles()[0] == "个体工商户设立登记"
    with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS):
        click(qtbot, search.pager.tiles[0])
    assert w.current() is w.guide and w.guide.guide.code == "SCJG-001"


def assert_ticket_whole(ticket) -> None:
    pixmap = ticket.qr_label.pixmap()
    assert pixmap.width() == pixmap.height() >= 100
    room = ticket.qr_label.contentsRect()
    drawn = QRect(QPoint(0, 0), pixmap.size())
    drawn.moveCenter(room.center())
    assert room.contains(drawn), (drawn, room)
    labels = [ticket.caption_label, ticket.item_label, ticket.windows_label,
              ticket.ahead_label, ticket.wait_label, ticket.time_label, ticket.qr_caption]
    if ticket.badge_label.isVisible():
        labels.append(ticket.badge_label)
    for label in labels:
        assert label.font().pixelSize() >= 32
        assert label.heightForWidth(label.width()) <= label.height(), \
            (label.plain_text(), label.size(), label.heightForWidth(label.width()))
        assert text_fits(label), label.plain_text()
    buttons = [ticket.done_button]
    if ticket.remind_button.isVisible():  # 到号短信提醒 (reminders.enabled, the default)
        buttons.append(ticket.remind_button)
    for button in buttons:
        assert button.sizeHint().width() <= button.width(), button.text()
        assert button.height() >= button.minimumSizeHint().height(), button.text()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_elder_ticket_shows_the_whole_qr_and_every_detail(qtbot, make_kiosk, size):
    kiosk = elder_kiosk(make_kiosk, qtbot, size)
    w = kiosk.window
    open_guide(qtbot, kiosk, "SCJG-001")
    click(qtbot, w.guide.take_button)
    tap_and_wait(qtbot, kiosk, w.take.ordinary_button)
    assert w.current() is w.ticket
    assert "个体工商户设立登记" in w.ticket.item_label.plain_text()
    qtbot.waitUntil(lambda: assert_ticket_whole(w.ticket), timeout=3000)  # layout passes


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_elder_priority_ticket_with_a_printer_fault_fits(qtbot, make_kiosk, size):
    """The longest ticket screen: a 绿色通道 badge and a two-line print failure."""
    queue = PrintQueue(NetworkTransport("127.0.0.1", closed_port()),
                       PrintFormat(80, "gb18030"), 2.0)
    kiosk = make_kiosk(queue=queue, portrait=size[1] > size[0], elder=True)
    w = kiosk.window
    w.resize(*size)
    open_guide(qtbot, kiosk, "SCJG-001")
    click(qtbot, w.guide.take_button)
    tap_and_wait(qtbot, kiosk, w.take.priority_buttons["elderly"])
    qtbot.waitUntil(lambda: "打印失败" in w.ticket.print_label.plain_text(), timeout=WAIT_MS)
    assert w.ticket.badge_label.isVisible()


    def whole() -> None:
        assert_ticket_whole(w.ticket)
        label = w.ticket.print_label
        assert label.heightForWidth(label.width()) <= label.height() + 4, label.size()

    qtbot.waitUntil(whole, timeout=3000)


def test_a_small_landscape_screen_takes_wider_columns_when_they_show_more(
        qtbot, make_kiosk):
    """At 1366x768 three department tiles a row wrap their names onto two lines and
    only one row fits; two wider columns keep each name on one line and fit two rows:
    four departments a page instead of three, every name whole."""
    kiosk = make_kiosk()
    kiosk.window.resize(1366, 768)
    settle(qtbot, kiosk.window)
    pager = kiosk.window.home.department_pager
    qtbot.waitUntil(lambda: pager.page_size == 4)
    assert len(pager.tiles) == 4 and pager.next_button.isVisible()
    for tile in pager.tiles:
        assert text_fits(tile.title_label), (tile.title(), tile.title_label.size())
    kiosk.window.resize(1920, 1080)               # room for the grid asked for
    qtbot.waitUntil(lambda: pager.page_size == 12)
