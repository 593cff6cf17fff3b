"""A citizen's way through the kiosk: department -> item -> guide -> ticket."""
from __future__ import annotations

from sqlalchemy import select

from kiosk.queue.store.models import Ticket
from kiosk.ui.kiosk.qr import qr_matrix
from kiosk.queue.rules import ticket_code
from kiosk.ui.kiosk.slips_from import ticket_qr_payload
from tests.helpers import open_window, serve_next, take
from tests.ui.kiosk.conftest import WAIT_MS, click, tap_and_wait
from tests.ui.kiosk.conftest import feed_from_start


def tickets(ctx) -> list[tuple[str, str | None, str]]:
    with ctx.db.read() as session:
        rows = session.scalars(select(Ticket).order_by(Ticket.id))
        return [(t.code, t.item.code if t.item else None, t.priority.value) for t in rows]


def open_item(qtbot, kiosk, department: str, item: str) -> None:
    w = kiosk.window
    click(qtbot, w.home.department_pager.tile_for(department))
    assert w.current() is w.department
    pager = w.department.pager
    while pager.tile_for(item) is None:
        click(qtbot, pager.next_button)
    with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS):
        click(qtbot, pager.tile_for(item))  # the guide is read on a worker thread
    assert w.current() is w.guide


def test_department_item_guide_ticket(qtbot, kiosk, sqlite_ctx, printer):
    w = kiosk.window
    assert w.current() is w.home
    assert "示例市政务服务中心" in w.hall_label.plain_text()
    open_item(qtbot, kiosk, "SCJG", "SCJG-001")
    assert w.guide.title_label.plain_text() == "个体工商户设立登记"

    click(qtbot, w.guide.take_button)
    assert w.current() is w.take
    with qtbot.waitSignal(kiosk.controller.ticket_shown, timeout=WAIT_MS) as shown:
        click(qtbot, w.take.ordinary_button)
    assert w.current() is w.ticket
    assert w.ticket.code_label.text() == "A001"
    assert shown.args[0].ticket.code == "A001"
    assert "个体工商户设立登记" in w.ticket.item_label.plain_text()
    assert "1号" in w.ticket.windows_label.plain_text()
    assert "无人等候" in w.ticket.ahead_label.plain_text()
    assert "2026-11-23 09:30" in w.ticket.time_label.plain_text()
    assert tickets(sqlite_ctx) == [("A001", "SCJG-001", "none")]

    qtbot.waitUntil(lambda: "已打印" in w.ticket.print_label.plain_text(), timeout=WAIT_MS)
    assert len(printer.jobs) == 1
    assert "A001".encode() in printer.jobs[0]
    assert "个体工商户设立登记".encode("gb18030") in printer.jobs[0]


def test_the_ticket_screen_shows_the_qr_and_goes_home_by_itself(qtbot, kiosk, sqlite_ctx):
    w = kiosk.window
    open_item(qtbot, kiosk, "RSJ", "RSJ-001")
    click(qtbot, w.guide.take_button)
    tap_and_wait(qtbot, kiosk, w.take.ordinary_button)
    day = w.ticket.result.ticket.day
    payload = ticket_qr_payload("demo", day, "C001", hall_name="示例市政务服务中心",
                                queue_name="社保就业")
    assert w.ticket.qr_payload == payload
    # what a phone shows: the number first, then the queue, hall and day
    assert payload.startswith("号码 C001 · 社保就业 · 示例市政务服务中心 · 2026-11-23")
    assert ticket_code.parse(payload) == ticket_code.TicketCode("demo", day, "C001")
    pixmap = w.ticket.qr_label.pixmap()
    assert not pixmap.isNull()
    modules = len(qr_matrix(payload))
    assert pixmap.width() % modules == 0 and pixmap.width() >= modules * 2
    assert w.ticket.return_timer.isActive()
    w.ticket.return_timer.timeout.emit()
    assert w.current() is w.home


def test_a_ticket_for_an_item_of_every_department(qtbot, kiosk, sqlite_ctx):
    w = kiosk.window
    catalog = kiosk.controller.catalog
    expected = []
    for department in catalog.departments:
        item = department.items[0]
        open_item(qtbot, kiosk, department.code, item.code)
        click(qtbot, w.guide.take_button)
        tap_and_wait(qtbot, kiosk, w.take.ordinary_button)
        assert w.current() is w.ticket, w.message.text()
        expected.append((w.ticket.code_label.text(), item.code, "none"))
        click(qtbot, w.ticket.done_button)
        assert w.current() is w.home
    assert tickets(sqlite_ctx) == expected
    assert len({code for code, _, _ in expected}) == len(expected)


def test_priority_ticket_is_marked_for_staff_to_confirm(qtbot, kiosk, sqlite_ctx):
    w = kiosk.window
    take(sqlite_ctx, "SCJG-002")  # someone is already waiting in queue A
    open_item(qtbot, kiosk, "SCJG", "SCJG-001")
    click(qtbot, w.guide.take_button)
    tap_and_wait(qtbot, kiosk, w.take.priority_buttons["elderly"])
    assert w.ticket.code_label.text() == "A002"
    badge = w.ticket.badge_label.plain_text()
    assert "绿色通道" in badge and "老年人" in badge and "确认" in badge
    assert tickets(sqlite_ctx)[-1] == ("A002", "SCJG-001", "elderly")


def test_back_and_home_buttons(qtbot, kiosk):
    w = kiosk.window
    assert not w.back_button.isVisible()
    open_item(qtbot, kiosk, "SCJG", "SCJG-001")
    click(qtbot, w.back_button)
    assert w.current() is w.department
    click(qtbot, w.home_button)
    assert w.current() is w.home


def test_most_used_item_opens_its_guide(qtbot, kiosk):
    w = kiosk.window
    tile = w.home.favourite_pager.tiles[0]
    with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS):
        click(qtbot, tile)
    assert w.current() is w.guide
    assert w.guide.guide.code == tile.key


def test_guide_shows_every_public_fact(qtbot, kiosk):
    w = kiosk.window
    open_item(qtbot, kiosk, "SCJG", "SCJG-001")
    text = w.guide.browser.toPlainText()
    guide = w.guide.guide
    for heading in ("审批事项", "法律依据", "办事条件", "办理数量", "办理程序", "办理时限",
                    "全部材料目录", "申请书示范文本", "收费标准", "办理窗口"):
        assert heading in text
    assert "《市场主体登记管理条例》第三条、第十九条" in text
    for number, step in enumerate(guide.procedure, start=1):
        assert f"第 {number} 步" in text and str(step) in text
    assert "法定期限：3 个工作日" in text and "承诺期限：当场办结" in text
    assert "即办件" in text
    for material in guide.materials:
        assert material.name in text
    assert "原件和复印件 · 1 份 · 必须提交" in text
    assert "视情况提交（非必需）" in text
    assert "经营者签字：张三" in text
    assert "不收费" in text
    assert "办理数量：今年已办理 0 件，今日 0 件" in w.guide.counts_label.plain_text()


def test_guide_counts_follow_the_event_feed(qtbot, make_kiosk, sqlite_ctx):
    feed = feed_from_start(sqlite_ctx)
    kiosk = make_kiosk(feed=feed)
    feed.start()
    w = kiosk.window
    open_item(qtbot, kiosk, "SCJG", "SCJG-001")
    open_window(sqlite_ctx, 1)
    take(sqlite_ctx, "SCJG-001")
    serve_next(sqlite_ctx, 1)
    qtbot.waitUntil(lambda: "今日 1 件" in w.guide.counts_label.plain_text(), timeout=WAIT_MS)
    assert "今年已办理 1 件" in w.guide.counts_label.plain_text()


def test_guide_scrolls_by_touch_and_by_buttons(qtbot, kiosk):
    from PySide6.QtWidgets import QScroller

    w = kiosk.window
    open_item(qtbot, kiosk, "SCJG", "SCJG-001")
    viewport = w.guide.browser.viewport()
    assert QScroller.hasScroller(viewport)
    bar = w.guide.browser.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    click(qtbot, w.guide.down_button)
    assert bar.value() > 0
    click(qtbot, w.guide.up_button)
    assert bar.value() == 0


def test_notice_slip_prints_every_material(qtbot, kiosk, printer):
    w = kiosk.window
    open_item(qtbot, kiosk, "SCJG", "SCJG-001")
    click(qtbot, w.guide.notice_button)
    qtbot.waitUntil(lambda: "已打印" in w.guide.notice_status.plain_text(), timeout=WAIT_MS)
    data = printer.jobs[-1]
    assert "一次性告知单".encode("gb18030") in data
    for material in w.guide.guide.materials:
        assert material.name.encode("gb18030") in data


def test_a_double_tap_takes_one_ticket(qtbot, kiosk, sqlite_ctx):
    w = kiosk.window
    open_item(qtbot, kiosk, "SCJG", "SCJG-001")
    click(qtbot, w.guide.take_button)
    with qtbot.waitSignal(kiosk.controller.action_ended, timeout=WAIT_MS):
        click(qtbot, w.take.ordinary_button)
        w.take.ticket_requested.emit("SCJG-001", "none")  # the second tap of a double tap
    assert w.current() is w.ticket
    w.take.ticket_requested.emit("SCJG-001", "none")  # a late tap, after the ticket showed
    assert [code for code, _, _ in tickets(sqlite_ctx)] == ["A001"]


def test_most_used_items_follow_the_tickets_taken(qtbot, make_kiosk, sqlite_ctx):
    feed = feed_from_start(sqlite_ctx)
    kiosk = make_kiosk(feed=feed)
    feed.start()
    for _ in range(3):
        take(sqlite_ctx, "JTJ-002")
    pager = kiosk.window.home.favourite_pager
    assert pager.tiles[0].key != "JTJ-002"

    def back_home_shows_it() -> bool:  # the list is reloaded on the way home
        kiosk.controller.go_home()
        return pager.tiles[0].key == "JTJ-002"

    qtbot.waitUntil(back_home_shows_it, timeout=WAIT_MS)
