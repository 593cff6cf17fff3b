"""实时监控: after tickets are issued, called, served and marked no-show, the live tables
show what plain SELECTs say, and they follow the event feed (bursts coalesced)."""
import pytest
from sqlalchemy import text

from kiosk.queue.actions import calling, windows
from tests.helpers import open_window, serve_next, take
from tests.ui.manager.figures import when

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def expected_services(ctx, clock) -> dict[str, list[str]]:
    """prefix -> the service row's figures, from plain SELECTs."""
    with ctx.db.read() as session:
        rows = session.execute(text(
            "SELECT s.prefix, s.name, s.daily_limit, t.state, t.issued_at, t.called_at, "
            "t.no_show_count FROM service s LEFT JOIN ticket t ON t.service_id = s.id "
            "AND t.day = '2026-11-23' WHERE s.active ORDER BY s.sort")).all()
    found: dict[str, dict] = {}
    for prefix, name, limit, state, issued, called, no_shows in rows:
        entry = found.setdefault(prefix, {"name": name, "limit": limit, "tickets": []})
        if state is not None:
            entry["tickets"].append((state, when(issued), when(called), no_shows))
    expected = {}
    for prefix, entry in found.items():
        tickets = entry["tickets"]
        waiting = [t for t in tickets if t[0] in ("waiting", "transferred")]
        waits = [(t[2] - t[1]).total_seconds() for t in tickets if t[2]]
        longest = f"{(clock.now() - min(t[1] for t in waiting)).total_seconds() / 60:.0f} 分" \
            if waiting else "—"
        average = f"{sum(waits) / len(waits) / 60:.0f} 分" if waits else "—"
        left = str(max(entry["limit"] - len(tickets), 0)) if entry["limit"] else "不限"
        expected[prefix] = [f"{prefix} {entry['name']}", str(len(waiting)), longest, average,
                            str(sum(1 for t in tickets if t[0] == "finished")),
                            str(sum(1 for t in tickets if t[3] > 0)), str(len(tickets)), left]
    return expected


def shown(table) -> dict[str, list[str]]:
    return {table.item(r, 0).text().split()[0]: [table.item(r, c).text()
                                                 for c in range(table.columnCount())]
            for r in range(table.rowCount())}


def test_live_figures_match_plain_selects_and_follow_the_feed(qtbot, sqlite_ctx, clock,
                                                              make_console):
    console = make_console("9001", pages={"live"})
    page = console.page("live")
    assert shown(page.services) == expected_services(sqlite_ctx, clock)

    open_window(sqlite_ctx, 1)
    open_window(sqlite_ctx, 6)
    for _ in range(5):
        take(sqlite_ctx)                  # A
    for _ in range(3):
        take(sqlite_ctx, "RSJ-001")       # C
    clock.advance(minutes=12)
    serve_next(sqlite_ctx, 1)
    calling.call_next(sqlite_ctx, window=1, staff_no="1001")
    calling.no_show(sqlite_ctx, window=1, staff_no="1001", confirmed=True)
    calling.call_next(sqlite_ctx, window=6, staff_no="1006")
    windows.pause(sqlite_ctx, window=1, staff_no="1001", reason="用餐")
    before = page.refresh_count
    clock.advance(minutes=3)
    take(sqlite_ctx, "RSJ-001")           # the last event: the view must show it
    qtbot.waitUntil(lambda: shown(page.services)["C"][1] == "3", timeout=5000)
    # 17 events in a burst, a handful of redraws
    assert page.refresh_count - before < 10

    assert shown(page.services) == expected_services(sqlite_ctx, clock)
    assert shown(page.services)["A"][1:] == ["3", "15 分", "12 分", "1", "1", "5", "295"]
    rows = {page.windows.item(r, 0).text().split()[0]: [
        page.windows.item(r, c).text() for c in range(page.windows.columnCount())]
        for r in range(page.windows.rowCount())}
    assert rows["1"][0] == "1 企业开办1号窗口"
    assert rows["1"][1] == "Ⅱ 暂停" and "用餐" in rows["1"][4]
    assert rows["1"][5] == "1"
    assert rows["6"][1:4] == ["● 服务中", "杨磊 1006", "C001 已叫号 · 3 分"]
    assert rows["2"][1] == "○ 未登录"
    with sqlite_ctx.db.read() as session:
        waiting = session.scalar(text(
            "SELECT COUNT(*) FROM ticket WHERE state IN ('waiting', 'transferred')"))
    assert page.tiles.views["waiting"].value.text() == f"{waiting} 人"
    hourly = page.hourly.values
    # the hall's whole day, 09:00-17:00, not only the hours with tickets
    assert hourly[0] == [f"{h}时" for h in range(9, 17)]
    assert hourly[1] == [9, 0, 0, 0, 0, 0, 0, 0]  # nine tickets issued 09:30-09:45


def test_ratings_line_counts_todays_ratings(qtbot, sqlite_ctx, clock, make_console):
    from kiosk.queue.actions import rating

    open_window(sqlite_ctx, 1)
    for _ in range(3):
        take(sqlite_ctx)
    levels = [5, 4, 1]
    console = make_console("9000", pages={"live"})
    page = console.page("live")
    for level in levels:
        finished = serve_next(sqlite_ctx, 1)
        rating.rate(sqlite_ctx, ticket_id=finished.ticket.id, level=level,
                    reasons=["服务态度差"] if level == 1 else None)
    qtbot.waitUntil(lambda: "非常不满意 1" in page.ratings.text(), timeout=5000)
    text_ = page.ratings.text()
    assert "非常满意 1 · 满意 1 · 基本满意 0 · 不满意 0 · 非常不满意 1 · 未评 0" in text_
    assert "星" not in text_
    satisfaction = page.tiles.views["satisfaction"]
    assert satisfaction.value.text() == "66.7%"
    assert satisfaction.note.text() == "已评 3 · 差评 1"
