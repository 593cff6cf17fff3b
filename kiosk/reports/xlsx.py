"""Excel exports (openpyxl; the ticket-by-ticket sheet streamed by ``xlsxsheet``).

A report workbook has four sheets: 汇总 (the grouped figures and the total), 限时办结
(cases by department, item and clerk for each month of the range, see ``case_report``),
明细 (one row per ticket) and 说明 (what each figure means). Numbers stay numbers: minutes as
decimals, rates as percentages, times as spreadsheet dates. The file is written under a
temporary name and renamed at the end, so a cancelled or failed export leaves nothing.
``progress(done, total)`` is called every 500 detail rows; returning False cancels.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kiosk.errors import KioskError
from kiosk.queue.store.context import HallContext
from kiosk.reports import details as details_mod, xlsxsheet
from kiosk.reports.case_report import CASE_FIGURES, CaseGroup, CaseReport, case_report
from kiosk.reports.registers import Register
from kiosk.reports.report import Report, ReportRow
from kiosk.reports.stats import FIGURES, LEVEL_HEADERS

Progress = Callable[[int, int], "bool | None"]
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)


class ExportCancelled(KioskError):
    code = "export_cancelled"

    def __init__(self) -> None:
        super().__init__("导出已取消", "export cancelled")


def _cell(sheet, value, font=None, number_format=None, wrap=False):
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if number_format:
        cell.number_format = number_format
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _widths(sheet, widths: Iterable[int]) -> None:
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _discard(book: Workbook) -> None:
    """Close the sheets of an abandoned write-only workbook and drop their temp files
    (otherwise their row writers fail noisily when garbage-collected)."""
    for sheet in book.worksheets:
        try:
            if not sheet.closed:
                sheet.close()
            out = getattr(sheet._writer, "out", None)
            if isinstance(out, str) and os.path.exists(out):
                os.remove(out)
        except Exception:  # best effort: the export already failed
            pass


def _figure_value(row: ReportRow, figure) -> float | int | None:
    value = getattr(row, figure.name)
    if value is not None and figure.kind == "minutes":
        return round(value / 60, 2)
    return value


def _summary(book: Workbook, report: Report) -> None:
    sheet = book.create_sheet("汇总")
    _widths(sheet, [30] + [11] * (len(FIGURES) + len(LEVEL_HEADERS) + 1))
    sheet.append([_cell(sheet, report.title_zh, TITLE)])
    sheet.append([f"统计区间：{report.period_zh}",
                  f"生成时间：{report.generated_local:%Y-%m-%d %H:%M}"])
    headers = [GROUP_HEADER.get(report.group_by, "分组")] + [f.header_zh for f in FIGURES] \
        + [f"{name}数" for _, name in LEVEL_HEADERS] + ["未评数"]
    sheet.append([_cell(sheet, h, BOLD, wrap=True) for h in headers])
    for row in (*report.rows, report.total):
        font = BOLD if row is report.total else None
        cells = [_cell(sheet, row.label, font)]
        for figure in FIGURES:
            fmt = {"minutes": "0.0", "rate": "0.0%"}.get(figure.kind)
            cells.append(_cell(sheet, _figure_value(row, figure), font, fmt))
        cells += [_cell(sheet, row.level(level), font) for level, _ in LEVEL_HEADERS]
        cells.append(_cell(sheet, row.unrated, font))
        sheet.append(cells)


CASES = "限时办结"
CASE_FORMATS = {"rate": "0.0%", "days": "0.0"}


def _cases(book: Workbook, cases: CaseReport) -> None:
    """限时办结: per month, a table by department, item and clerk, each with its total."""
    sheet = book.create_sheet(CASES)
    _widths(sheet, [34] + [12] * len(CASE_FIGURES))
    sheet.append([_cell(sheet, cases.title_zh, TITLE)])
    for month in cases.months:
        sheet.append([])
        sheet.append([_cell(sheet, month.title_zh, TITLE)])
        for header, groups in month.sections:
            sheet.append([_cell(sheet, h, BOLD, wrap=True)
                          for h in (header, *(f.header_zh for f in CASE_FIGURES))])
            for group in (*groups, CaseGroup(None, "合计", month.total)):
                font = BOLD if group.key is None else None
                sheet.append([_cell(sheet, group.label, font)] + [
                    _cell(sheet, group.value(f), font, CASE_FORMATS.get(f.kind))
                    for f in CASE_FIGURES])
            sheet.append([])
    sheet.append([_cell(sheet, "口径", BOLD)])
    for figure in CASE_FIGURES:
        sheet.append([figure.header_zh, figure.definition_zh])
    sheet.append(["比率", "分母为 0 时留空，不计为 0"])


GROUP_HEADER = {"hall": "大厅", "department": "部门", "item": "事项", "window": "窗口",
                "clerk": "工作人员"}


def _notes(book: Workbook) -> None:
    sheet = book.create_sheet("说明")
    _widths(sheet, (16, 10, 70))
    sheet.append([_cell(sheet, h, BOLD) for h in ("指标", "单位", "定义")])
    units = {"count": "个", "minutes": "分钟", "rate": "%"}
    for figure in FIGURES:
        sheet.append([figure.header_zh, units[figure.kind], figure.definition_zh])
    sheet.append(["90%等候/办理", "分钟",
                  "最近秩法：数值从小到大排列，取第 ⌈0.9n⌉ 个"])
    sheet.append(["比率", "%", "分母为 0 时显示“—”，不计为 0"])


DETAILS = "明细"
#: detail columns holding dates and times: column -> letter of the sample cell styled so
DATE_COLUMNS = {1: "A", 12: "L", 13: "M", 14: "N", 15: "O"}
SAMPLE_DAY = dt.date(2026, 1, 1)
SAMPLE_TIME = dt.datetime(2026, 1, 1, 9, 0)


def _details_head(book: Workbook) -> None:
    """The 明细 sheet as openpyxl writes it: widths, the header, and one sample row whose
    date cells give the styles the streamed rows use (see xlsxsheet)."""
    sheet = book.create_sheet(DETAILS)
    _widths(sheet, [w for _, w in details_mod.COLUMNS])
    sheet.append([_cell(sheet, h, BOLD) for h, _ in details_mod.COLUMNS])
    sample = [None] * len(details_mod.COLUMNS)
    for column in DATE_COLUMNS:
        sample[column - 1] = SAMPLE_DAY if column == 1 else SAMPLE_TIME
    sheet.append(sample)


def write_report(path: str | os.PathLike, report: Report,
                 details: Iterable[details_mod.TicketDetail] | None = None,
                 details_total: int = 0, progress: Progress | None = None,
                 cases: CaseReport | None = None) -> Path:
    """Write the workbook; ``details`` (optional) streams the 明细 rows, ``cases``
    (optional) is the 限时办结 sheet."""
    path = Path(path)
    temp = path.with_name(path.name + ".part")
    book = Workbook(write_only=True)

    def tick(done: int) -> None:
        if progress is not None and progress(done, details_total) is False:
            raise ExportCancelled()

    done = 0
    try:
        _summary(book, report)
        if cases is not None:
            _cases(book, cases)
        if details is not None:
            _details_head(book)
        _notes(book)
        book.save(temp)
        if details is not None:
            done = xlsxsheet.fill_sheet(temp, DETAILS, (d.values() for d in details),
                                        DATE_COLUMNS, tick)
        os.replace(temp, path)
    except BaseException:
        _discard(book)
        raise
    finally:
        if temp.exists():
            temp.unlink()
    if progress is not None:
        progress(done, max(done, details_total))
    return path


def export_report(ctx: HallContext, report: Report, path: str | os.PathLike, *,
                  by: str | None, details: bool = True,
                  progress: Progress | None = None,
                  cases: CaseReport | None = None) -> Path:
    """The report, its range's 限时办结 (``cases``, read here when not given) and, with
    ``details``, every ticket of its range. ``progress(done, total)`` is called every
    few hundred rows; return False from it to cancel."""
    if cases is None:
        cases = case_report(ctx, start=report.start, end=report.end, by=by)
    if not details:
        return write_report(path, report, progress=progress, cases=cases)
    total = details_mod.count_tickets(ctx, start=report.start, end=report.end, by=by)
    if progress is not None and progress(0, total) is False:
        raise ExportCancelled()
    rows = details_mod.ticket_details(ctx, start=report.start, end=report.end, by=by)
    try:
        return write_report(path, report, rows, total, progress, cases)
    finally:
        rows.close()


def write_registers(path: str | os.PathLike, registers: Iterable[Register]) -> Path:
    """One sheet per register, laid out like the paper form."""
    path = Path(path)
    temp = path.with_name(path.name + ".part")
    book = Workbook(write_only=True)
    try:
        for register in registers:
            sheet = book.create_sheet(register.title)
            _widths(sheet, (6, 28, 14, 22, 70) if len(register.columns) == 5
                    else (6, 28, 14, 22, 26, 70))
            sheet.append([_cell(sheet, f"{register.hall_name} {register.title}", TITLE)])
            sheet.append([f"登记月份：{register.period_zh}", f"共 {len(register.rows)} 条"])
            sheet.append([_cell(sheet, h, BOLD) for h in register.columns])
            for row in register.rows:
                values = row.values()
                sheet.append([*values[:-1], _cell(sheet, values[-1], wrap=True)])
        book.save(temp)
        os.replace(temp, path)
    finally:
        if temp.exists():
            temp.unlink()
    return path
