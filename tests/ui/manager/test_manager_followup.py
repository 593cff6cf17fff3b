"""差评跟踪 in the console: a Friday bad rating, with the Monday marked a holiday in the
work calendar, is due on Tuesday, turns overdue, and is moved through every step in the
UI; rater details are shown only on request and each viewing is recorded."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from kiosk.queue.actions import rating
from tests.helpers import open_window, serve_next, take
from tests.ui.manager.boxes import WAIT_MS, close_boxes, settle

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
HALL = ZoneInfo("Asia/Shanghai")


def _row(page):
    table = page.table
    return [table.item(0, c).text() for c in range(table.columnCount())] \
        if table.rowCount() else None


def test_bad_rating_followed_to_the_end(qtbot, sqlite_ctx, clock, make_console):
    console = make_console("9001", pages={"followups"})
    page = console.show_page("followups")
    page.calendar.set_day(dt.date(2026, 11, 30), False, "测试假日")   # Monday
    settle(qtbot, page)                # set on the worker, then the year read again
    assert page.calendar.table.item(0, 2).text() == "休息日"

    clock.set(dt.datetime(2026, 11, 27, 10, 0, tzinfo=HALL))          # Friday
    open_window(sqlite_ctx, 3)
    take(sqlite_ctx, "WJW-001")
    finished = serve_next(sqlite_ctx, 3)
    rating.rate(sqlite_ctx, ticket_id=finished.ticket.id, level=2,
                reasons=["等候时间长"], comment="排了很久", callback_phone="13912345678")
    qtbot.waitUntil(lambda: _row(page) is not None, timeout=5000)
    row = _row(page)
    assert row[2:8] == ["3", "张伟 1003", "市场监督管理局", "不满意", "待核实", "12-01"]

    clock.set(dt.datetime(2026, 12, 2, 9, 0, tzinfo=HALL))            # Wednesday
    page.refresh()
    settle(qtbot, page)
    assert _row(page)[7] == "⚠ 12-01 已逾期"
    assert "逾期 1 条" in page.summary.text()

    page.table.selectRow(0)
    detail = page.detail
    assert "差评（不满意）" in detail.heading.text() and "排了很久" in detail.heading.text()
    assert [b.isVisible() for b in detail.move_buttons.values()] == \
        [True, False, False, False, True]            # 核实 or 申诉 from 待核实
    with qtbot.waitSignal(detail.move_refused, timeout=WAIT_MS):
        detail.move("verified")                       # no note: refused, nothing moves
    assert "处理情况" in close_boxes()[0]
    steps = [("verified", "核实属实，已约谈窗口人员"), ("fixing", "开展业务培训"),
             ("fixed", "培训完成，调整排班"), ("revisited", "电话回访，群众表示满意")]
    for target, note in steps:
        detail.note.setPlainText(note)
        with qtbot.waitSignal(detail.followup_moved, timeout=WAIT_MS):
            detail.move(target)
        if target == "verified":
            assert "整改期限：2026-12-23" in detail.deadlines.text()  # 15 working days
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=5000)  # closed: not open
    page.which.setCurrentIndex(page.which.findData("all"))
    settle(qtbot, page)
    page.table.selectRow(0)
    assert _row(page)[6] == "已回访" and _row(page)[7] == "已结案"
    shown = [[detail.steps.item(r, c).text() for c in range(4)]
             for r in range(detail.steps.rowCount())]
    assert [s[2] for s in shown] == ["待核实", "待核实 → 已核实", "已核实 → 整改中",
                                     "整改中 → 已整改", "已整改 → 已回访"]
    assert shown[1][1] == "周主任 9001" and shown[4][3] == "电话回访，群众表示满意"

    assert not detail.rater.isVisible()               # only on request
    with qtbot.waitSignal(detail.rater_shown, timeout=WAIT_MS):
        detail.show_rater(confirmed=True)
    assert detail.rater.isVisible() and "B001" in detail.rater.text()
    assert "回访电话：139****5678" in detail.rater.text()   # left on the pad, masked
    assert "13912345678" not in detail.rater.text()
    with sqlite_ctx.db.read() as session:
        viewed = session.execute(text(
            "SELECT actor FROM event WHERE action = 'rater_details_viewed'")).all()
        states = session.execute(text("SELECT state FROM followup")).all()
    assert [v[0] for v in viewed] == ["staff:9001"] and states == [("revisited",)]
