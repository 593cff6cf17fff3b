"""好差评上报 in the console, driven as a manager would: a report the platform refused
shows its reason and is reported again; a reconciliation with an acknowledgement the
platform's file lacks lists it; a burst of top ratings from one pad is flagged, with
why."""
import datetime as dt

import pytest
from sqlalchemy import select

from kiosk.queue.actions import rating
from kiosk.queue.store import outbox
from kiosk.queue.store.models import Rating
from tests.helpers import open_window, serve_next, take
from tests.ui.manager.boxes import WAIT_MS, wait_boxes

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def rated(ctx, clock, n, window=1, level=5, gap_s=0):
    """``n`` tickets finished at ``window`` and rated ``gap_s`` seconds apart."""
    open_window(ctx, window)
    for _ in range(n):
        take(ctx)
    tickets = [serve_next(ctx, window).ticket for _ in range(n)]
    for ticket in tickets:
        rating.rate(ctx, ticket_id=ticket.id, level=level)
        clock.advance(seconds=gap_s)
    with ctx.db.read() as session:
        ids = [session.scalar(select(Rating.id).where(Rating.ticket_id == t.id))
               for t in tickets]
    return tickets, ids


def deliver(ctx, outcomes):
    """Mark the due reports as the deliverer would: "ack:X" or "fail:why"."""
    claimed = outbox.claim(ctx, "province", limit=50, lease=dt.timedelta(minutes=1))
    for message, outcome in zip(claimed, outcomes):
        if outcome.startswith("ack:"):
            outbox.mark_sent(ctx, message.id, outcome[4:])
        else:
            outbox.mark_failed(ctx, message.id, outcome[5:])


def cells(table, row):
    return [table.item(row, c).text() for c in range(table.columnCount())]


def column(table, number):
    return [table.item(r, number).text() for r in range(table.rowCount())]


def test_a_refused_report_shows_why_and_is_reported_again(qtbot, sqlite_ctx, clock,
                                                          make_console):
    console = make_console("9001", pages={"ratings"})
    page = console.show_page("ratings")
    tickets, ids = rated(sqlite_ctx, clock, 2, gap_s=600)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=WAIT_MS)  # the feed
    assert set(column(page.table, 5)) == {"○ 未上报"}
    deliver(sqlite_ctx, ["ack:P-1", "fail:platform answered HTTP 400: 事项编码不存在"])
    console._minute_ticked()  # deliveries append no event: the minute brings them
    qtbot.waitUntil(lambda: "⚠ 失败" in column(page.table, 5), timeout=WAIT_MS)
    rows = {int(cells(page.table, r)[0]): cells(page.table, r) for r in range(2)}
    assert rows[ids[0]][5:] == ["✓ 已上报", "1", "11-23 09:50", "P-1"]
    assert rows[ids[1]][1] == tickets[1].code
    assert rows[ids[1]][5:7] == ["⚠ 失败", "1"]
    assert rows[ids[1]][8] == "平台拒收（HTTP 400）：事项编码不存在"
    assert "已上报 1 条" in page.summary.text() and "失败 1 条" in page.summary.text()
    assert console.nav.item(console.page_keys.index("ratings")).text().endswith("⚠1")

    page.state.setCurrentIndex(page.state.findData("failed"))
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=WAIT_MS)
    assert not page.resend_button.isEnabled()          # nothing chosen yet
    page.table.selectRow(0)
    assert "失败原因：平台拒收（HTTP 400）：事项编码不存在" in page.detail.text()
    assert page.resend_button.isEnabled()
    with qtbot.waitSignal(page.requeued, timeout=WAIT_MS) as sent:
        page.resend_button.click()
    assert sent.args == [(ids[1],)]
    assert "已重新排队上报 1 条评价" in wait_boxes(qtbot)[0]
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=WAIT_MS)  # none failed
    assert console.nav.item(console.page_keys.index("ratings")).text() == "好差评"
    page.state.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=WAIT_MS)
    again = {int(cells(page.table, r)[0]): cells(page.table, r) for r in range(2)}
    assert again[ids[1]][5:7] == ["○ 未上报", "0"]
    assert not page.resend_all_button.isEnabled()


def test_a_reconciliation_lists_what_the_platform_lacks(qtbot, sqlite_ctx, clock,
                                                        make_console, tmp_path):
    console = make_console("9001", pages={"ratings"})
    page = console.show_page("ratings")
    tickets, ids = rated(sqlite_ctx, clock, 3, gap_s=300)
    deliver(sqlite_ctx, ["ack:P-1", "ack:P-2", "ack:P-3"])
    export = tmp_path / "回执.csv"  # the platform lost P-2 and lists one of another hall
    export.write_bytes("评价时间,回执编号\n2026-11-23,P-1\n2026-11-23,P-3\n2026-11-23,P-9\n"
                       .encode("gb18030"))
    page.tabs.setCurrentIndex(1)
    panel = page.reconcile
    panel.column.setText("回执编号")
    with qtbot.waitSignal(panel.reconciled, timeout=WAIT_MS):
        panel.choose_file(str(export))
    assert panel.missing.rowCount() == 1
    assert cells(panel.missing, 0)[:2] == [str(ids[1]), tickets[1].code]
    assert cells(panel.missing, 0)[4:] == ["✓ 已上报", "P-2"]
    assert column(panel.unknown, 0) == ["P-9"]
    summary = panel.summary.text()
    assert "2026-11（回执.csv）：本地评价 3 条，平台已确认 2 条" in summary
    assert summary.startswith("⚠") and "平台没有的 1 条，本地没有的回执 1 条" in summary

    page.month.setCurrentIndex(1)  # another month: this file no longer holds
    assert panel.missing.rowCount() == 0 and "月份已改变" in panel.summary.text()


def test_a_burst_of_top_ratings_is_flagged_with_why(qtbot, sqlite_ctx, clock, make_console):
    console = make_console("9001", pages={"ratings"})
    page = console.show_page("ratings")
    rated(sqlite_ctx, clock, 3, gap_s=10)    # three 非常满意 within 20 s from one pad
    clock.advance(minutes=10)
    rated(sqlite_ctx, clock, 1, window=2)    # another pad, alone
    qtbot.waitUntil(lambda: page.patterns.table.rowCount() == 1, timeout=WAIT_MS)
    page.tabs.setCurrentIndex(2)
    row = cells(page.patterns.table, 0)
    assert row[:3] == ["⚠ 疑似刷好评", "11-23 09:30:20", "1"]
    assert "1 号窗口评价器在 20 秒内" in row[3] and "3 个非常满意" in row[3]
    assert "同一设备 60 秒内收到 3 个及以上“非常满意”" in row[4] and "刷好评" in row[4]
    assert page.tabs.tabText(2) == "异常评价 ⚠1"
    assert page.patterns.summary.text() == "⚠ 该月有 1 处值得核实"
