"""统计报表 on a seeded simulated day: every figure on screen equals the independent
computation, the .xlsx export opens back with openpyxl with the same numbers, the PDF
has pages and Chinese text, and the monthly register lists the day's bookings."""
import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import QDate
from sqlalchemy import text

from kiosk.queue.actions.manager_auth import sign_in_manager
from kiosk.reports.simulate import simulate_day
from kiosk.settings import Settings
from kiosk.ui.manager.reports_page import ReportsPage
from tests.helpers import PASSWORD
from tests.ui.manager.boxes import close_boxes
from tests.ui.manager.figures import window_figures

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

DAY = dt.date(2026, 11, 24)


@pytest.fixture
def simulated(sqlite_ctx, clock):
    simulate_day(sqlite_ctx, clock, day=DAY, tickets=160, window_numbers=[1, 2, 3, 6],
                 bookings=6, seed=7)
    return sqlite_ctx


@pytest.fixture
def page(qtbot, simulated):
    page = ReportsPage(simulated, Settings(), sign_in_manager(simulated, "9001", PASSWORD))
    qtbot.addWidget(page)
    page.resize(1600, 900)
    page.show()
    page.date_from.setDate(QDate(2026, 11, 24))
    page.date_to.setDate(QDate(2026, 11, 24))
    page.group_by.setCurrentIndex(page.group_by.findData("window"))
    with qtbot.waitSignal(page.report_shown, timeout=20000):
        page.run()
    return page


def _numbers(ctx):
    with ctx.db.read() as session:
        figures = window_figures(session, DAY, DAY)
        numbers = dict(session.execute(text("SELECT number, id FROM window")).all())
    return figures, numbers


def test_every_figure_on_screen_matches_an_independent_count(page, simulated):
    figures, window_ids = _numbers(simulated)
    table = page.table
    shown = [[table.item(r, c).text() for c in range(table.columnCount())]
             for r in range(table.rowCount())]
    report = page.report
    assert len(shown) == len(report.rows) + 1
    for cells, row in zip(shown, report.rows):
        key = window_ids[int(row.key)] if row.key else None
        assert cells[1:] == figures[key], cells[0]
    assert shown[-1][0] == "合计" and shown[-1][1:] == figures["total"]
    assert int(shown[-1][1]) > 100  # a real day, not an empty table
    assert page.xlsx_button.isEnabled() and page.pdf_button.isEnabled()


def test_exports_open_back_with_the_same_numbers(qtbot, page, simulated, tmp_path):
    figures, window_ids = _numbers(simulated)
    path = tmp_path / "report.xlsx"
    with qtbot.waitSignal(page.export_written, timeout=30000):
        page.export("xlsx", str(path))
    assert "已导出" in close_boxes()[0]
    book = openpyxl.load_workbook(path, read_only=True)
    summary = [list(r) for r in book["汇总"].iter_rows(values_only=True)]
    header = summary[2]
    assert header[:3] == ["窗口", "取号数", "办结数"]
    body = summary[3:3 + len(page.report.rows) + 1]
    for values, row in zip(body, (*page.report.rows, page.report.total)):
        key = "total" if row is page.report.total else (
            window_ids[int(row.key)] if row.key else None)
        expected = figures[key]
        assert [str(v) for v in values[1:6]] == expected[:5]  # the counts
        wait_avg = "—" if values[6] is None else f"{values[6]:.1f}"
        assert wait_avg == expected[5]
    assert body[-1][0] == "合计"
    details = list(book["明细"].iter_rows(values_only=True))
    assert len(details) - 1 == int(figures["total"][0])  # one row per ticket

    pdf_path = tmp_path / "report.pdf"
    with qtbot.waitSignal(page.export_written, timeout=30000):
        page.export("pdf", str(pdf_path))
    close_boxes()
    from pypdf import PdfReader

    reader = PdfReader(pdf_path)
    assert len(reader.pages) >= 1
    words = "".join(p.extract_text() for p in reader.pages)
    assert "合计" in words and "窗口" in words


def test_register_lists_the_months_bookings(qtbot, page, simulated, tmp_path):
    panel = page.registers
    panel.year.setValue(2026)
    panel.month.setValue(11)
    with qtbot.waitSignal(panel.register_shown, timeout=20000):   # read on a worker
        panel.load()
    with simulated.db.read() as session:
        booked = session.scalar(text(
            "SELECT COUNT(*) FROM ticket WHERE appointment_id IS NOT NULL "
            "AND day BETWEEN '2026-11-01' AND '2026-11-30'"))
    assert booked > 0 and panel.table.rowCount() == booked
    assert [panel.table.horizontalHeaderItem(c).text() for c in range(5)] == \
        ["序号", "申请事由", "申请人", "时间", "内容"]
    path = tmp_path / "register.xlsx"
    with qtbot.waitSignal(panel.export_written, timeout=20000):
        panel.export("xlsx", str(path))
    close_boxes()
    sheet = openpyxl.load_workbook(path, read_only=True)["预约办理登记表"]
    assert sum(1 for row in sheet.iter_rows(values_only=True)
               if isinstance(row[0], int)) == booked


def test_supply_later_register_shows_the_applicant_and_the_deadline(qtbot, simulated):
    """At a manager's 1366-wide screen: its own columns, masked or 未登记 applicants, a
    deadline on each row, and no sideways scrolling."""
    page = ReportsPage(simulated, Settings(), sign_in_manager(simulated, "9001", PASSWORD))
    qtbot.addWidget(page)
    page.resize(1190, 700)          # what a 1366x768 console leaves a page
    page.show()
    page.tabs.setCurrentIndex(1)
    panel = page.registers
    panel.kind.setCurrentIndex(panel.kind.findData("supply_later"))
    panel.year.setValue(2026)
    panel.month.setValue(11)
    with qtbot.waitSignal(panel.register_shown, timeout=20000):
        panel.load()
    table = panel.table
    assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())] == \
        ["序号", "申请事由", "申请人", "时间", "补齐期限", "内容"]
    assert table.rowCount() == len(panel.register.rows) > 0
    for r in range(table.rowCount()):
        applicant = table.item(r, 2).text()
        assert applicant.endswith("*") or applicant.startswith("未登记（"), applicant
        assert dt.date.fromisoformat(table.item(r, 4).text()) > DAY
    assert not table.horizontalScrollBar().isVisible()
