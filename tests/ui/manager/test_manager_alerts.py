"""告警: an alert raised anywhere in the hall shows at once through the feed, counts on
the page list, and stays until a manager acknowledges it; the acknowledgement is
recorded with who and when."""
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from kiosk.queue.actions import alerts, faults, rating
from tests.helpers import open_window, serve_next, take
from tests.ui.manager.boxes import settle

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _rows(page):
    table = page.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_a_printer_fault_shows_and_is_acknowledged(qtbot, sqlite_ctx, make_console):
    console = make_console("9001", pages={"live", "alerts"})
    page = console.page("alerts")
    assert _rows(page) == [] and "没有待确认" in page.summary.text()
    faults.record_device_fault(sqlite_ctx, device="printer", kind="paper_out",
                               message_en="paper out", message_zh="缺纸")
    qtbot.waitUntil(lambda: len(_rows(page)) == 1, timeout=5000)
    [row] = _rows(page)
    assert row[0] == "‼ 严重" and row[1] == "打印机故障" and "缺纸" in row[3]
    assert row[4] == "待确认"
    assert console.nav.item(1).text() == "告警  ⚠1"  # a symbol and a number, not colour

    page.table.selectRow(0)
    with qtbot.waitSignal(page.acknowledged, timeout=5000):
        assert page.acknowledge_selected() == 1   # sent to the worker
    settle(qtbot, page)                           # and the table read again
    assert _rows(page) == [] and console.nav.item(1).text() == "告警"
    page.with_acknowledged.setChecked(True)
    settle(qtbot, page)
    assert _rows(page)[0][4] == "✓ 9001 于 09:30 确认"
    with sqlite_ctx.db.read() as session:
        acks = session.execute(text(
            "SELECT actor, payload FROM event WHERE action = 'alert_acknowledged'")).all()
    assert len(acks) == 1 and acks[0][0] == "staff:9001"


def test_a_bad_rating_raises_an_alert_through_the_feed(qtbot, sqlite_ctx, make_console):
    console = make_console("9000", pages={"alerts"})
    page = console.page("alerts")
    open_window(sqlite_ctx, 3)
    take(sqlite_ctx, "WJW-001")
    finished = serve_next(sqlite_ctx, 3)
    rating.rate(sqlite_ctx, ticket_id=finished.ticket.id, level=1, reasons=["服务态度差"])
    qtbot.waitUntil(lambda: any(r[1] == "差评" for r in _rows(page)), timeout=5000)
    [row] = [r for r in _rows(page) if r[1] == "差评"]
    assert "3号窗口" in row[3] and "服务态度差" in row[3] and "B001" in row[3]


def test_acknowledging_runs_on_the_worker_and_a_lost_answer_is_replayed(
        qtbot, sqlite_ctx, make_console, monkeypatch):
    real = alerts.acknowledge
    seen: list[tuple[bool, str]] = []   # (on the GUI thread?, request id) of each try

    def answer_lost_once(ctx, key, *, by, request_id=None):
        seen.append((threading.current_thread() is threading.main_thread(), request_id))
        done = real(ctx, key, by=by, request_id=request_id)   # committed ...
        if len(seen) == 1:                                     # ... the answer is lost
            raise OperationalError("COMMIT", {}, ConnectionResetError("connection lost"))
        return done

    monkeypatch.setattr(alerts, "acknowledge", answer_lost_once)
    console = make_console("9001", pages={"alerts"})
    page = console.page("alerts")
    faults.record_device_fault(sqlite_ctx, device="printer", kind="paper_out",
                               message_en="paper out", message_zh="缺纸")
    qtbot.waitUntil(lambda: len(_rows(page)) == 1, timeout=5000)
    page.table.selectRow(0)
    with qtbot.waitSignal(page.acknowledged, timeout=10_000):
        page.acknowledge_selected()
        assert console.calls.busy          # sent to the worker; the console answers
    settle(qtbot, page)
    assert [on_gui for on_gui, _ in seen] == [False, False]
    assert seen[0][1] and seen[1][1] == seen[0][1]   # the retry carried the same id
    assert _rows(page) == []
    with sqlite_ctx.db.read() as session:
        acks = session.execute(text(
            "SELECT request_id FROM event WHERE action = 'alert_acknowledged'")).all()
    assert acks == [(seen[0][1],)]                   # replayed, not recorded twice
