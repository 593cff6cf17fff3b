"""Refuse before the third tap: each tile says whether its queue takes tickets now, a
tap on a refused one explains why, and the counts follow the hall live."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint

from kiosk.queue.actions import admin
from kiosk.ui.touch.look import WORD_JOINER
from tests.conftest import HALL_TZ
from tests.helpers import take
from tests.ui.kiosk.conftest import WAIT_MS, click, feed_from_start, tap_and_wait

ADMIN = "9001"


def department_tile(kiosk, code):
    return kiosk.window.home.department_pager.tile_for(code)


def open_department(qtbot, kiosk, code):
    w = kiosk.window
    click(qtbot, department_tile(kiosk, code))
    assert w.current() is w.department
    return w.department.pager


def reload_queues(qtbot, kiosk):
    with qtbot.waitSignal(kiosk.controller.queues_shown, timeout=WAIT_MS):
        kiosk.controller.load_queues()


def test_a_sold_out_tile_says_so_before_any_tap_and_a_tap_explains(
        qtbot, make_kiosk, sqlite_ctx):
    admin.update_service(sqlite_ctx, prefix="A", by=ADMIN, daily_limit=1)
    take(sqlite_ctx, "SCJG-002")
    kiosk = make_kiosk()
    w = kiosk.window
    pager = open_department(qtbot, kiosk, "SCJG")
    tile = pager.tile_for("SCJG-001")
    assert "已满" in tile.status() and tile.refused
    assert tile.property("refused") is True       # looks different …
    assert "已满" in tile.accessibleName()           # … and says so in words
    guides: list = []
    kiosk.controller.guide_shown.connect(guides.append)
    click(qtbot, tile)                               # the second tap explains
    assert w.message.isVisible() and w.current() is w.department
    text = w.message.text()
    assert "“个体工商户设立登记”今日号已取完" in text        # names the item chosen
    assert "明天 09:00 后可取号" in text                   # and when tickets resume
    assert not guides
    # the guide stays one tap away (materials can be read while tickets are out)
    with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS):
        click(qtbot, w.message.action_button)
    assert w.current() is w.guide
    # 取号办理 on that guide explains again instead of the 取号 screen
    click(qtbot, w.guide.take_button)
    assert w.current() is w.guide and w.message.isVisible()
    assert "今日号已取完" in w.message.text()


def test_an_out_of_hours_tile_says_when_tickets_resume(qtbot, make_kiosk, clock):
    clock.set(dt.datetime(2026, 11, 23, 12, 10, tzinfo=HALL_TZ))
    kiosk = make_kiosk()
    w = kiosk.window
    tile = department_tile(kiosk, "SCJG")
    assert tile.status() == "5 项事项 · 13:30 后可取号" and tile.refused
    pager = open_department(qtbot, kiosk, "SCJG")
    assert "13:30 后可取号" in w.department.hint_label.plain_text()
    item = pager.tile_for("SCJG-001")
    assert item.status() == "13:30 后可取号"
    click(qtbot, item)
    text = w.message.text()
    assert "现在不是“个体工商户设立登记”的取号时间" in text and "13:30 后可取号" in text
    assert "周一至周五 09:00-12:00、13:30-17:00" in text


def test_tiles_change_when_the_clock_passes_a_period_end(qtbot, make_kiosk, clock):
    clock.set(dt.datetime(2026, 11, 23, 11, 59, 50, tzinfo=HALL_TZ))
    kiosk = make_kiosk()
    assert not department_tile(kiosk, "SCJG").refused
    clock.set(dt.datetime(2026, 11, 23, 12, 0, 1, tzinfo=HALL_TZ))
    with qtbot.waitSignal(kiosk.controller.queues_shown, timeout=WAIT_MS):
        kiosk.controller.show_clock()   # the clock's tick notices the period ended
    assert department_tile(kiosk, "SCJG").status() == "5 项事项 · 13:30 后可取号"


def test_waiting_counts_are_shown_and_follow_tickets_taken(qtbot, make_kiosk, sqlite_ctx):
    take(sqlite_ctx, "SCJG-002")
    take(sqlite_ctx, "SCJG-003")
    feed = feed_from_start(sqlite_ctx)
    kiosk = make_kiosk(feed=feed)
    feed.start()
    w = kiosk.window
    assert department_tile(kiosk, "SCJG").status() == "5 项事项 · 等候 2 人"
    pager = open_department(qtbot, kiosk, "SCJG")
    assert pager.tile_for("SCJG-001").status() == "等候 2 人"
    # a ticket taken on this kiosk
    with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS):
        click(qtbot, pager.tile_for("SCJG-001"))
    click(qtbot, w.guide.take_button)
    tap_and_wait(qtbot, kiosk, w.take.ordinary_button)
    qtbot.waitUntil(lambda: department_tile(kiosk, "SCJG").status().endswith("等候 3 人"),
                    timeout=WAIT_MS)
    # and one on another kiosk: the feed reports it
    take(sqlite_ctx, "SCJG-004")
    qtbot.waitUntil(lambda: department_tile(kiosk, "SCJG").status().endswith("等候 4 人"),
                    timeout=WAIT_MS)
    assert department_tile(kiosk, "RSJ").status() == "5 项事项 · 无需等候"


def test_a_refusal_at_the_last_tap_names_the_item_and_the_resume_time(
        qtbot, kiosk, sqlite_ctx):
    """The queue sold out between the tile and 普通取号 (another kiosk, no feed)."""
    w = kiosk.window
    pager = open_department(qtbot, kiosk, "SCJG")
    with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS):
        click(qtbot, pager.tile_for("SCJG-001"))
    click(qtbot, w.guide.take_button)
    admin.update_service(sqlite_ctx, prefix="A", by=ADMIN, daily_limit=1)
    take(sqlite_ctx, "SCJG-002")
    tap_and_wait(qtbot, kiosk, w.take.ordinary_button)
    assert w.message.isVisible()
    assert "个体工商户设立登记" in w.message.text()
    qtbot.waitUntil(lambda: "明天 09:00 后可取号" in w.message.text(), timeout=WAIT_MS)
    assert "“个体工商户设立登记”今日号已取完" in w.message.text()


def test_taps_from_home_to_ticket(qtbot, kiosk):
    """Counted: department, item, 取号办理, 普通取号 (four); from 常办事项, three."""
    w = kiosk.window
    taps = []

    def tap(widget):
        taps.append(widget)
        click(qtbot, widget)

    tap(department_tile(kiosk, "SCJG"))
    with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS):
        tap(w.department.pager.tile_for("SCJG-001"))
    tap(w.guide.take_button)
    with qtbot.waitSignal(kiosk.controller.action_ended, timeout=WAIT_MS):
        tap(w.take.ordinary_button)
    assert w.current() is w.ticket and len(taps) == 4
    click(qtbot, w.ticket.done_button)
    taps.clear()
    qtbot.waitUntil(lambda: bool(w.home.favourite_pager.tiles), timeout=WAIT_MS)
    with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS):
        tap(w.home.favourite_pager.tiles[0])
    tap(w.guide.take_button)
    with qtbot.waitSignal(kiosk.controller.action_ended, timeout=WAIT_MS):
        tap(w.take.ordinary_button)
    assert w.current() is w.ticket and len(taps) == 3


def test_elder_guide_reaches_the_materials_in_one_tap(qtbot, make_kiosk):
    kiosk = make_kiosk(elder=True)
    w = kiosk.window
    with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS):
        kiosk.controller.open_guide("SCJG-001")
    guide = w.guide
    bar = guide.browser.verticalScrollBar()
    assert bar.maximum() > 5 * bar.pageStep()  # many screens of 下翻 …
    assert guide.part_buttons["name"].isChecked()
    click(qtbot, guide.part_buttons["materials"])  # … one tap
    top = guide.part_top("materials")
    assert top > 0 and bar.value() == min(top, bar.maximum())
    heading = guide.browser.cursorForPosition(QPoint(10, 10)).block().text()
    assert heading.startswith("七、全部材料目录"), heading
    assert guide.part_buttons["materials"].isChecked()
    click(qtbot, guide.part_buttons["basis"])
    assert guide.browser.cursorForPosition(QPoint(10, 10)).block().text() == "二、法律依据"


def test_search_by_item_code_typed_on_the_keys(qtbot, kiosk):
    w = kiosk.window
    qtbot.waitUntil(lambda: w.search.index is not None, timeout=WAIT_MS)
    click(qtbot, w.home.search_button)
    keys = w.search.keyboard.keys
    for key in "SCJG-00":
        click(qtbot, keys[key])
    assert w.search.field.text() == "scjg-00"
    assert w.search.pager.visible_titles()[0] == "个体工商户设立登记"
    click(qtbot, keys["1"])
    assert w.search.pager.visible_titles() == ["个体工商户设立登记"]
    assert w.search.pager.tiles[0].status() == "无需等候"
    with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS):
        click(qtbot, w.search.pager.tiles[0])
    assert w.guide.guide.code == "SCJG-001"


def test_the_portrait_header_is_one_row(qtbot, make_kiosk):
    for elder in (False, True):
        kiosk = make_kiosk(portrait=True, elder=elder)
        w = kiosk.window
        w.go_home()
        kiosk.controller.open_department("SCJG")  # every header widget is on screen
        qtbot.waitUntil(w.back_button.isVisible, timeout=WAIT_MS)
        widgets = (w.back_button, w.home_button, w.hall_label, w.clock_label, w.elder_button)
        rows = {w._bar.getItemPosition(w._bar.indexOf(x))[0] for x in widgets}
        assert rows == {0}
        bar = w.top_bar.geometry()
        for widget in widgets:
            rect = widget.geometry()
            assert 0 <= rect.top() and rect.bottom() <= bar.height(), (elder, widget)
            assert rect.right() <= bar.width(), (elder, widget)
            assert widget.sizeHint().width() <= rect.width() or widget is w.hall_label \
                or widget is w.clock_label, (elder, widget, widget.sizeHint(), rect)
        # side by side: each starts where the one before it ends
        lefts = [x.geometry().left() for x in widgets]
        assert lefts == sorted(lefts)
        assert bar.height() < 200, bar  # two rows of elder buttons would be over 200
        assert w.hall_label.heightForWidth(w.hall_label.width()) <= w.hall_label.height() + 2


def test_window_numbers_keep_together(qtbot, kiosk):
    from kiosk.ui.touch.look import BodyLabel

    label = BodyLabel("办理窗口：9号、10号、19号窗口")
    assert f"1{WORD_JOINER}9{WORD_JOINER}号{WORD_JOINER}窗{WORD_JOINER}口" in label.text()
    assert label.plain_text() == "办理窗口：9号、10号、19号窗口"
