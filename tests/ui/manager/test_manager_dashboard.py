"""The live page as a dashboard on a manager's 1366x768 PC: the KPI tiles fully shown,
nothing to scroll sideways, a breached wait said in words and in red (tile and table),
and a display's lost speech shown on the page, not only among the alerts."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractScrollArea

from kiosk.queue.actions import faults, windows
from kiosk.queue.store.events import Actor
from kiosk.ui.manager.look import ALERT_BG, BREACH_INK
from tests.helpers import open_window, serve_next, take
from tests.ui.manager.boxes import settle

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def breached(qtbot, sqlite_ctx, clock, make_console):
    """09:30 four A tickets; window 1 serves one, window 6 pauses with a long note, C001
    at 09:50; at 10:05 three have waited 35 minutes (over the 30-minute threshold); the console at
    1366x768 on the live page."""
    open_window(sqlite_ctx, 1)
    open_window(sqlite_ctx, 6)
    for _ in range(4):
        take(sqlite_ctx)
    serve_next(sqlite_ctx, 1)
    windows.pause(sqlite_ctx, window=6, staff_no="1006", reason="临时离岗参加业务培训会议",
                  back_at=clock.now() + dt.timedelta(minutes=20))
    clock.advance(minutes=20)
    take(sqlite_ctx, "RSJ-001")        # C001 at 09:50: 15 minutes at 10:05
    clock.advance(minutes=15)
    console = make_console("9001")
    console.resize(1366, 768)
    page = console.show_page("live")
    page.refresh()
    settle(qtbot, console)
    qtbot.waitUntil(lambda: page.tiles.views["longest"].state == "breach", timeout=5000)
    return console, page


def test_the_tiles_are_whole_and_nothing_scrolls_sideways_at_1366x768(qtbot, breached):
    console, page = breached
    assert (console.width(), console.height()) == (1366, 768)
    assert page.width() >= page.minimumSizeHint().width()
    scrolling = [area for area in page.findChildren(QAbstractScrollArea)
                 if area.isVisible() and area.horizontalScrollBar().isVisible()]
    assert scrolling == []
    for table in (page.services, page.windows):
        header = table.horizontalHeader()
        assert header.length() <= table.viewport().width()
    assert page.tiles.columns == 6          # one row of tiles, even with long notes
    page_rect = page.rect()
    for key, tile in page.tiles.views.items():
        assert tile.isVisible(), key
        assert tile.visibleRegion().boundingRect() == tile.rect(), key
        assert page_rect.contains(tile.geometry().translated(page.tiles.pos())), key
        for label in (tile.caption, tile.value, tile.note):
            assert label.sizeHint().width() <= label.width(), (key, label.text())


def test_a_breached_wait_is_said_in_words_and_red(qtbot, breached):
    _console, page = breached
    longest = page.tiles.views["longest"]
    assert longest.value.text() == "35 分钟"
    assert longest.note.text() == "⚠ A 类 · 超时（阈值 30 分钟）"
    waiting = page.tiles.views["waiting"]
    assert waiting.state == "breach" and waiting.note.text() == "⚠ 3 人超时（超过 30 分钟）"
    assert page.tiles.views["served"].state == "ok"
    image = longest.grab().toImage()
    assert image.pixelColor(6, image.height() // 2) == QColor(ALERT_BG)

    rows = {page.services.item(r, 0).text()[0]: r for r in range(page.services.rowCount())}
    over = page.services.item(rows["A"], 2)
    assert over.text() == "⚠ 35 分 超时"
    assert over.foreground().color() == QColor(BREACH_INK)
    fine = page.services.item(rows["C"], 2)
    assert "超时" not in fine.text() and fine.foreground().color() != QColor(BREACH_INK)


def test_the_tiles_turn_plain_once_the_queue_is_served(qtbot, sqlite_ctx, breached):
    _console, page = breached
    for _ in range(3):
        serve_next(sqlite_ctx, 1)
    qtbot.waitUntil(lambda: page.tiles.views["longest"].state == "ok", timeout=5000)
    rows = {page.services.item(r, 0).text()[0]: r for r in range(page.services.rowCount())}
    cell = page.services.item(rows["A"], 2)
    assert "超时" not in cell.text() and cell.foreground().color() != QColor(BREACH_INK)


def test_speech_unavailable_is_shown_on_the_live_page(qtbot, sqlite_ctx, breached):
    _console, page = breached
    assert not page.speech.isVisible()
    faults.record_device_fault(sqlite_ctx, device="speech", kind="no_voice",
                               message_en="no Chinese voice", message_zh="没有可用的中文语音",
                               actor=Actor("display"))
    qtbot.waitUntil(page.speech.isVisible, timeout=5000)
    assert page.speech.text().startswith("‼ 语音播报不可用：综合屏（没有可用的中文语音")
    assert page.tiles.views["alerts"].state == "breach"


@pytest.mark.parametrize("key", ["alerts", "followups", "windows", "settings", "audit"])
def test_the_other_pages_do_not_scroll_sideways_at_1366x768(qtbot, sqlite_ctx, make_console,
                                                             key):
    """The statistics table (18 figures) and the catalog editor are wider than a
    1366 screen by nature; the pages a manager watches during the day are not."""
    from kiosk.queue.actions import followup, rating

    open_window(sqlite_ctx, 1)
    take(sqlite_ctx)
    served = serve_next(sqlite_ctx, 1)
    rating.rate(sqlite_ctx, ticket_id=served.ticket.id, level=1, reasons=["服务态度差"])
    followup.open_followups_for_new_bad_ratings(sqlite_ctx)
    console = make_console("9000")
    console.resize(1366, 768)
    page = console.show_page(key)
    if key == "followups":
        page.refresh()
        settle(qtbot, console)
        qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
        page.table.selectRow(0)
    settle(qtbot, console)
    assert (console.width(), console.height()) == (1366, 768)

    def scrolling() -> list[str]:
        return [type(area).__name__ for area in page.findChildren(QAbstractScrollArea)
                if area.isVisible() and area.horizontalScrollBar().isVisible()]

    # a table lays its columns out once the page is shown: wait for that, not a time
    qtbot.waitUntil(lambda: scrolling() == [], timeout=3000)
