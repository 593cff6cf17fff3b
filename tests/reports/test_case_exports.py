"""限时办结 in the exports: the xlsx's own sheet read back with openpyxl and the PDF's own
section extracted as text hold the month's 按时/提前办结率, overdue cases and average
days by department, item and clerk, against a hand count of a known week."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from kiosk.errors import NotPermitted
from kiosk.queue.actions import calling, case_moves, serving
from kiosk.queue.demo import clerk_no
from kiosk.reports import pdf, report, xlsx
from kiosk.reports.case_report import CASE_FIGURES, case_report, months_of
from tests.conftest import HALL_TZ
from tests.helpers import open_window, take

D = dt.date
ITEMS = {11: "GJJ-001", 6: "RSJ-003", 2: "SCJG-004"}   # 1, 3 and 5 working days
START, END = D(2026, 11, 16), D(2026, 12, 2)


def _accept(ctx, window):
    take(ctx, ITEMS[window])
    calling.call_next(ctx, window=window, staff_no=clerk_no(window))
    return serving.finish(ctx, window=window, staff_no=clerk_no(window),
                          outcome="accepted").case_no


def _at(clock, day, hour=15):
    clock.set(dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=HALL_TZ))


@pytest.fixture
def week(ctx, clock):
    """Monday 23rd: a, b (GJJ, due 24th), c (RSJ, due 26th), d (SCJG, due 30th).
    a concluded early on the 23rd, b late on the 25th, c on time on the 26th; d stays
    open and is overdue by 2 December."""
    for window in ITEMS:
        open_window(ctx, window)
    a, b, c, d = (_accept(ctx, w) for w in (11, 11, 6, 2))
    for day, case_no, window in ((D(2026, 11, 23), a, 11), (D(2026, 11, 25), b, 11),
                                 (D(2026, 11, 26), c, 6)):
        _at(clock, day)
        case_moves.conclude(ctx, case_no, by=clerk_no(window), approved=True)
    _at(clock, END, 10)
    return ctx


def _figures(row):
    return dict(zip((f.name for f in CASE_FIGURES), row[1:1 + len(CASE_FIGURES)]))


def _tables(sheet) -> dict[str, dict[str, dict[str, list]]]:
    """month title -> group header -> label -> figures, from the sheet's rows."""
    found, month, header = {}, None, None
    for row in sheet.iter_rows(values_only=True):
        first = row[0] if row else None
        if isinstance(first, str) and first.startswith("2026年"):
            month, header = found.setdefault(first, {}), None
        elif month is not None and len(row) > 1 and row[1] == "办结数":
            header = month.setdefault(first, {})
        elif header is not None and first is not None:
            header[first] = _figures(row)
        else:
            header = None
    return found


def test_the_xlsx_has_a_sheet_of_its_own_with_the_hand_count(week, tmp_path):
    result = report.build_report(week, start=START, end=END, group_by="hall", by="9001")
    path = xlsx.export_report(week, result, tmp_path / "r.xlsx", by="9001", details=False)
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["汇总", "限时办结", "说明"]
    sheet = book["限时办结"]
    assert sheet["A1"].value == "示例市政务服务中心 限时办结统计"
    tables = _tables(sheet)
    assert list(tables) == ["2026年11月", "2026年12月"]
    november = tables["2026年11月"]
    assert list(november) == ["部门", "事项", "经办人"]
    total = november["部门"]["合计"]
    assert total["concluded"] == 3 and total["on_time"] == 2 and total["early"] == 1
    assert total["late"] == 1 and total["open_overdue"] == 1
    assert total["on_time_rate"] == pytest.approx(2 / 3)
    assert total["early_rate"] == pytest.approx(1 / 3)
    assert total["average_workdays"] == pytest.approx(5 / 3)   # 0 + 2 + 3 working days
    for header in ("事项", "经办人"):
        assert november[header]["合计"] == total
    departments = november["部门"]
    gjj = departments["住房公积金管理中心"]
    assert (gjj["concluded"], gjj["on_time"], gjj["early"], gjj["late"]) == (2, 1, 1, 1)
    assert gjj["on_time_rate"] == pytest.approx(0.5) and gjj["average_workdays"] == 1
    scjg = departments["市场监督管理局"]
    assert scjg["concluded"] == 0 and scjg["open_overdue"] == 1
    assert scjg["on_time_rate"] is None and scjg["average_workdays"] is None  # no 0 %
    clerks = november["经办人"]
    assert [k for k in clerks if k != "合计"] == sorted(
        (k for k in clerks if k != "合计"), key=lambda k: k.split("（")[1])
    assert any(k.endswith(f"（{clerk_no(6)}）") and v["on_time"] == 1
               for k, v in clerks.items())
    december = tables["2026年12月"]["部门"]["合计"]
    assert december["concluded"] == 0 and december["open_overdue"] == 1
    notes = [r[0] for r in sheet.iter_rows(values_only=True) if r and r[0]]
    assert "口径" in notes and "按时办结率" in notes


def test_the_pdf_has_a_section_of_its_own(week, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    result = report.build_report(week, start=START, end=END, group_by="department",
                                 by="9001")
    cases = case_report(week, start=START, end=END, by="9001")
    reader = pypdf.PdfReader(pdf.write_report(tmp_path / "r.pdf", result, cases=cases))
    assert len(reader.pages) >= 2          # the report, then the section on its own page
    first = reader.pages[0].extract_text()
    assert "限时办结统计" not in first
    text = "".join(page.extract_text() for page in reader.pages[1:])
    for needle in ("限时办结统计", "2026年11月", "2026年12月", "按时办结率", "提前办结率",
                   "超期未办结数", "住房公积金管理中心", "66.7%", "33.3%", "1.7", "50.0%"):
        assert needle in text, needle


def test_months_and_who_may_ask(week):
    assert months_of(D(2026, 11, 30), D(2027, 2, 1)) == [
        (2026, 11), (2026, 12), (2027, 1), (2027, 2)]
    with pytest.raises(NotPermitted):
        case_report(week, start=START, end=END, by=clerk_no(2))
