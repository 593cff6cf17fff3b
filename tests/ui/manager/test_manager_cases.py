"""办件监察: the open cases with their cards in words and shapes, the filters, the
counts, the cases due today and one case in detail; cases moving at a window reach the
page through the feed, the turn of the day repaints the cards, and a red card is an
alert acknowledged on the 告警 page."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kiosk.queue.actions import calling, case_moves, serving
from kiosk.queue.demo import clerk_no
from kiosk.queue.reads import cases as case_reads
from tests.conftest import HALL_TZ
from tests.helpers import open_window, take
from tests.ui.manager.boxes import settle

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

D = dt.date
#: window -> item: GJJ-001 1 working day, RSJ-003 3, SCJG-004 5 (容缺 materials: 5)
ITEMS = {11: "GJJ-001", 6: "RSJ-003", 2: "SCJG-004"}


def accept(ctx, window, outcome="accepted"):
    take(ctx, ITEMS[window])
    calling.call_next(ctx, window=window, staff_no=clerk_no(window))
    return serving.finish(ctx, window=window, staff_no=clerk_no(window),
                          outcome=outcome).case_no


def at(clock, day, hour=9):
    clock.set(dt.datetime(day.year, day.month, day.day, hour, 30, tzinfo=HALL_TZ))


@pytest.fixture
def hall_cases(sqlite_ctx, clock):
    """Monday 23rd: two 1-day cases (red from Wednesday 25th), a 3-day case (due
    Thursday 26th), a 容缺 case and a plain one (both due Monday 30th); then Thursday."""
    for window in ITEMS:
        open_window(sqlite_ctx, window)
    made = {"gjj": [accept(sqlite_ctx, 11), accept(sqlite_ctx, 11)],
            "rsj": accept(sqlite_ctx, 6),
            "owing": accept(sqlite_ctx, 2, "supply_later"), "plain": accept(sqlite_ctx, 2)}
    at(clock, D(2026, 11, 26))
    return made


def _rows(table, column=None):
    rows = [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]
    return rows if column is None else [r[column] for r in rows]


def _by_case(page):
    return {r[0]: r for r in _rows(page.table)}


def test_cards_in_words_filters_counts_and_due_today(qtbot, make_console, hall_cases):
    console = make_console("9001", pages={"cases"})
    page = console.page("cases")
    shown = _by_case(page)
    assert len(shown) == 5
    for case_no in hall_cases["gjj"]:
        assert shown[case_no][1] == "■ 红牌"               # a shape and a word
    assert shown[hall_cases["rsj"]][1] == "▲ 黄牌"
    assert shown[hall_cases["plain"]][1] == "—"
    assert shown[hall_cases["owing"]][7] == "11-30"   # 容缺 due, no card yet
    assert shown[hall_cases["rsj"]][2] == "已受理"
    assert shown[hall_cases["gjj"][0]][5].endswith(f"（{clerk_no(11)}）")  # name (number)
    assert page.table.isColumnHidden(8)                    # no timed steps yet
    summary = page.summary.text()
    assert "在办 5 件" in summary and "■ 红牌 2 件" in summary and "▲ 黄牌 1 件" in summary
    assert "今日到期 1 件" in summary and page.summary.objectName() == "alert"
    assert _rows(page.today_table, 0) == [hall_cases["rsj"]]
    assert page.tabs.tabText(1) == "今日到期（1）"

    departments = {r[0]: r for r in _rows(page.count_tables["department"])}
    assert departments["住房公积金管理中心"][1:4] == ["2", "2", "0"]
    windows = {r[0]: r for r in _rows(page.count_tables["window"])}
    assert [k for k in windows if k.startswith("2号")] and \
        next(v for k, v in windows.items() if k.startswith("2号"))[1] == "2"

    page.set_filter(which="red")
    settle(qtbot, page)
    assert sorted(_by_case(page)) == sorted(hall_cases["gjj"])
    page.set_filter(which="due_today")
    settle(qtbot, page)
    assert list(_by_case(page)) == [hall_cases["rsj"]]
    page.set_filter(window=2)
    settle(qtbot, page)
    assert sorted(_by_case(page)) == sorted([hall_cases["owing"], hall_cases["plain"]])
    assert page.window.currentText().startswith("2号")
    page.set_filter(staff=clerk_no(11), which="red")
    settle(qtbot, page)
    assert sorted(_by_case(page)) == sorted(hall_cases["gjj"])
    page.set_filter(department="SCJG")
    settle(qtbot, page)
    assert len(_by_case(page)) == 2 and page.department.currentText() == "市场监督管理局"

    # a double-click on a count row filters by it
    page.set_filter()
    settle(qtbot, page)
    page.tabs.setCurrentIndex(3)
    table = page.count_tables["window"]
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text().startswith("11号"))
    table.selectRow(row)
    table.doubleClicked.emit(table.model().index(row, 0))
    settle(qtbot, page)
    assert page.tabs.currentIndex() == 0 and page.window.currentData() == 11
    assert sorted(_by_case(page)) == sorted(hall_cases["gjj"])


def test_a_selected_case_shows_what_it_owes(qtbot, make_console, hall_cases):
    console = make_console("9001", pages={"cases"})
    page = console.page("cases")
    assert page.detail.body.isHidden()
    assert page.select(hall_cases["owing"])
    settle(qtbot, page)
    pane = page.detail
    assert not pane.body.isHidden() and hall_cases["owing"] in pane.heading.text()
    assert pane.facts["due"].text() == "2026-11-30" and pane.facts["state"].text() == "已受理"
    assert pane.facts["result"].text() == "未办结"
    owed = _rows(pane.materials)
    assert len(owed) == 2 and {r[1] for r in owed} == {"容缺后补"}
    assert {r[2] for r in owed} == {"2026-11-30"} and {r[3] for r in owed} == {"未收到"}
    assert "2 项未收到" in pane.materials_title.text()
    assert pane.steps.isHidden()
    # a case on show never makes the console taller or wider than a 1366x768 screen
    # or a portrait 1080x1920 one leaves a page
    assert page.minimumSizeHint().height() < 600 and page.minimumSizeHint().width() < 900

    page.select(hall_cases["gjj"][0])
    settle(qtbot, page)
    assert "■ 红牌" in pane.heading.text() and pane.heading.objectName() == "alert"
    assert pane.facts["due"].text() == "■ 红牌 2026-11-24"


def test_moves_at_the_window_and_the_turn_of_the_day_reach_the_page(
        qtbot, sqlite_ctx, clock, make_console, hall_cases):
    console = make_console("9001", pages={"cases"})
    page = console.page("cases")
    page.select(hall_cases["owing"])
    settle(qtbot, page)
    case_moves.conclude(sqlite_ctx, hall_cases["gjj"][0], by=clerk_no(11), approved=True)
    qtbot.waitUntil(lambda: len(_by_case(page)) == 4, timeout=10_000)
    owed = case_reads.case_detail(sqlite_ctx, hall_cases["owing"]).materials[0].name
    case_moves.receive_supplied(sqlite_ctx, hall_cases["owing"], by=clerk_no(2), material=owed)
    qtbot.waitUntil(lambda: "1 项未收到" in page.detail.materials_title.text(), timeout=10_000)
    open_window(sqlite_ctx, 6)
    new = accept(sqlite_ctx, 6)
    qtbot.waitUntil(lambda: new in _by_case(page), timeout=10_000)

    at(clock, D(2026, 12, 1))
    page.minute_ticked()                          # the console's minute, a new day
    settle(qtbot, page)
    shown = _by_case(page)
    assert shown[hall_cases["owing"]][1] == "■ 红牌"
    assert shown[hall_cases["owing"]][7] == "■ 红牌 11-30"
    assert "容缺逾期 1 件" in page.summary.text()
    page.set_filter(which="supply_red")
    settle(qtbot, page)
    assert list(_by_case(page)) == [hall_cases["owing"]]


def test_a_running_step_shows_with_its_card(qtbot, make_console, hall_cases, monkeypatch):
    real = case_reads.supervision

    def with_steps(ctx, **kwargs):
        found = real(ctx, **kwargs)
        rows = [dataclasses.replace(r, step="审查", step_due=D(2026, 11, 25),
                                    step_card="red") for r in found.rows]
        return dataclasses.replace(found, rows=rows)

    monkeypatch.setattr(case_reads, "supervision", with_steps)
    console = make_console("9001", pages={"cases"})
    page = console.page("cases")
    assert not page.table.isColumnHidden(8)
    assert set(_rows(page.table, 8)) == {"审查 ■ 红牌 11-25"}


def test_a_red_card_is_an_alert_acknowledged_on_the_alerts_page(
        qtbot, make_console, hall_cases):
    console = make_console("9001", pages={"alerts", "cases"})
    alerts_page = console.page("alerts")
    rows = [r for r in _rows(alerts_page.table) if r[1] == "办件超期"]
    assert len(rows) == 1
    assert rows[0][0] == "‼ 严重" and "住房公积金管理中心：2 件办件超期未办结（红牌）" in rows[0][3]
    assert rows[0][2] == "11-25 00:00"           # red since Wednesday: the date is said
    assert console.nav.item(0).text() == "告警  ⚠1"
    alerts_page.table.selectRow(_rows(alerts_page.table, 1).index("办件超期"))
    with qtbot.waitSignal(alerts_page.acknowledged, timeout=10_000):
        assert alerts_page.acknowledge_selected() == 1
    settle(qtbot, alerts_page)
    assert "办件超期" not in _rows(alerts_page.table, 1)
    assert console.nav.item(0).text() == "告警"


def test_the_reports_page_shows_and_exports_the_cases(qtbot, sqlite_ctx, hall_cases,
                                                      tmp_path):
    import openpyxl
    from PySide6.QtCore import QDate

    from kiosk.queue.actions.manager_auth import sign_in_manager
    from kiosk.settings import Settings
    from kiosk.ui.manager.reports_page import ReportsPage
    from tests.helpers import PASSWORD
    from tests.ui.manager.boxes import close_boxes

    case_moves.conclude(sqlite_ctx, hall_cases["gjj"][0], by=clerk_no(11), approved=True)
    page = ReportsPage(sqlite_ctx, Settings(), sign_in_manager(sqlite_ctx, "9001", PASSWORD))
    qtbot.addWidget(page)
    page.resize(1190, 700)                 # what a 1366x768 console leaves a page
    page.show()
    page.date_from.setDate(QDate(2026, 11, 23))
    page.date_to.setDate(QDate(2026, 11, 26))
    with qtbot.waitSignal(page.report_shown, timeout=20_000):
        page.run()
    page.tabs.setCurrentIndex(2)
    panel = page.case_panel
    assert page.tabs.tabText(2) == "限时办结" and panel.month.currentText() == "2026年11月"
    rows = {r[0]: r for r in _rows(panel.table)}
    assert ["按部门", "按事项", "按经办人"] == [k for k in rows if k.startswith("按")]
    # 办结 1 (late), 按时 0, 按时率 0.0%, 提前 0, 提前率 0.0%, 超期办结 1, 超期未办结 1, 3 days
    assert rows["合计"][1:] == ["1", "0", "0.0%", "0", "0.0%", "1", "1", "3.0"]
    assert rows["住房公积金管理中心"][1:4] == ["1", "0", "0.0%"]
    assert not panel.table.horizontalScrollBar().isVisible()

    path = tmp_path / "report.xlsx"
    with qtbot.waitSignal(page.export_written, timeout=30_000):
        page.export("xlsx", str(path))
    close_boxes()
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames[:2] == ["汇总", "限时办结"]
    lines = list(book["限时办结"].iter_rows(values_only=True))
    total = next(r for r in lines if r and r[0] == "合计")
    assert total[1:9] == (1, 0, 0, 0, 0, 1, 1, 3)

    pdf_path = tmp_path / "report.pdf"
    with qtbot.waitSignal(page.export_written, timeout=30_000):
        page.export("pdf", str(pdf_path))
    close_boxes()
    from pypdf import PdfReader

    words = "".join(p.extract_text() for p in PdfReader(pdf_path).pages)
    assert "限时办结统计" in words and "按时办结率" in words and "住房公积金管理中心" in words
