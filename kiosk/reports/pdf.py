"""PDF exports (fpdf2) with an embedded Chinese font: the report table and the registers.

The report is A4 landscape, one row per group and the total, every page headed by the
column titles and numbered, then (when given) its 限时办结 section on pages of its own:
each month by department, item and clerk; registers are A4 portrait in the paper form's
columns.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TextEmphasis, WrapMode
from fpdf.fonts import FontFace

from kiosk.reports.case_report import CASE_FIGURES, CaseGroup, CaseReport, format_figure
from kiosk.reports.cjkfont import FontChoice, find_cjk_font
from kiosk.reports.registers import Register
from kiosk.reports.report import GROUPINGS, Report
from kiosk.reports.stats import FIGURES, format_value

FAMILY = "cjk"
HEADING = FontFace(emphasis=TextEmphasis.NONE, fill_color=(225, 230, 238))
TOTAL = FontFace(emphasis=TextEmphasis.NONE, fill_color=(242, 242, 242))


class _Document(FPDF):
    def __init__(self, orientation: str, font: FontChoice, footer_text: str) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.footer_text = footer_text
        self.set_margins(10, 12, 10)
        self.set_auto_page_break(True, margin=14)
        self.add_font(FAMILY, "", str(font.path), collection_font_number=font.index)
        self.set_font(FAMILY, size=9)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FAMILY, size=8)
        self.cell(0, 5, f"{self.footer_text}    第 {self.page_no()} 页 / 共 {{nb}} 页",
                  align="C")


def _save(document: _Document, path: str | os.PathLike) -> Path:
    path = Path(path)
    # fontTools warns about tables it drops while subsetting CFF fonts (Noto): harmless
    quiet = logging.getLogger("fontTools.subset")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        document.output(str(path))
    finally:
        quiet.setLevel(level)
    return path


def _heading(document: _Document, title: str, subtitle: str) -> None:
    document.add_page()
    document.set_font(FAMILY, size=15)
    document.cell(0, 9, title, align="C", new_x="LMARGIN", new_y="NEXT")
    document.set_font(FAMILY, size=9)
    document.cell(0, 6, subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
    document.ln(2)


def write_report(path: str | os.PathLike, report: Report, *,
                 font: FontChoice | None = None, cases: CaseReport | None = None) -> Path:
    """The report's figures as a table; durations in minutes, rates in percent; then
    the 限时办结 section when ``cases`` is given."""
    font = font or find_cjk_font()
    document = _Document("L", font, f"{report.hall_name} {report.period_zh}")
    _heading(document, report.title_zh, f"统计区间：{report.period_zh}    生成时间："
             f"{report.generated_local:%Y-%m-%d %H:%M}")
    document.set_font(FAMILY, size=7)
    label_width = 46
    widths = (label_width, *([(document.epw - label_width) / len(FIGURES)] * len(FIGURES)))
    with document.table(col_widths=widths, text_align="CENTER", line_height=4,
                        headings_style=HEADING, wrapmode=WrapMode.CHAR,
                        padding=0.8) as table:
        header = table.row()
        header.cell(GROUPINGS[report.group_by])
        for figure in FIGURES:
            header.cell(figure.header_zh)
        for row in (*report.rows, report.total):
            line = table.row()
            style = TOTAL if row is report.total else None
            line.cell(row.label, align="LEFT", style=style)
            for figure in FIGURES:
                line.cell(format_value(figure.kind, getattr(row, figure.name)), style=style)
    document.ln(3)
    document.set_font(FAMILY, size=7)
    document.multi_cell(0, 4, "说明：等候 = 叫号时间 - 取号时间；办理 = 办结时间 - 开始办理时间；"
                        "90% 为最近秩第 90 百分位；参评率 = 已评 / 办结；满意率 = (非常满意 + 满意) / 已评；"
                        "好评率 = (非常满意 + 满意 + 基本满意) / 已评；未评率 = (办结 - 已评) / 办结；"
                        "差评 = 不满意 + 非常不满意。", wrapmode=WrapMode.CHAR)
    if cases is not None:
        _cases(document, report, cases)
    return _save(document, path)


def _cases(document: _Document, report: Report, cases: CaseReport) -> None:
    """限时办结 on a new page: per month, one table by department, item and clerk."""
    _heading(document, cases.title_zh, f"统计区间：{report.period_zh}（按办结月份）")
    label_width = 80
    widths = (label_width, *([(document.epw - label_width) / len(CASE_FIGURES)]
                             * len(CASE_FIGURES)))
    for month in cases.months:
        document.set_font(FAMILY, size=11)
        document.cell(0, 7, month.title_zh, new_x="LMARGIN", new_y="NEXT")
        document.set_font(FAMILY, size=7)
        for header, groups in month.sections:
            with document.table(col_widths=widths, text_align="CENTER", line_height=4,
                                headings_style=HEADING, wrapmode=WrapMode.CHAR,
                                padding=0.8) as table:
                heading = table.row()
                heading.cell(header)
                for figure in CASE_FIGURES:
                    heading.cell(figure.header_zh)
                for group in (*groups, CaseGroup(None, "合计", month.total)):
                    style = TOTAL if group.key is None else None
                    line = table.row()
                    line.cell(group.label, align="LEFT", style=style)
                    for figure in CASE_FIGURES:
                        line.cell(format_figure(figure, group.value(figure)), style=style)
            document.ln(2)
    document.set_font(FAMILY, size=7)
    document.multi_cell(0, 4, "说明：按办结月份统计；按时办结 = 在应办结日期（含补正顺延）当日或之前办结；"
                        "提前办结 = 在应办结日期之前办结；按时办结率 = 按时办结数 / 办结数；"
                        "提前办结率 = 提前办结数 / 办结数；超期未办结 = 月末（本月为今天）仍未办结且已超期；"
                        "平均用时为受理到办结的工作日数，不含补正停止计时的天数。",
                        wrapmode=WrapMode.CHAR)


def write_register(path: str | os.PathLike, register: Register, *,
                   font: FontChoice | None = None) -> Path:
    """A register in the paper form's columns, with room for the totals line."""
    font = font or find_cjk_font()
    document = _Document("P", font, f"{register.hall_name} {register.title}")
    _heading(document, f"{register.hall_name} {register.title}",
             f"登记月份：{register.period_zh}    共 {len(register.rows)} 条")
    document.set_font(FAMILY, size=8)
    widths = (10, 38, 24, 30) if len(register.columns) == 5 else (10, 34, 20, 26, 28)
    with document.table(col_widths=(*widths, document.epw - sum(widths)), line_height=4.5,
                        headings_style=HEADING, wrapmode=WrapMode.CHAR, text_align="LEFT",
                        padding=1) as table:
        header = table.row()
        for column in register.columns:
            header.cell(column, align="CENTER")
        for row in register.rows:
            line = table.row()
            line.cell(str(row.seq), align="CENTER")
            for value in row.values()[1:]:
                line.cell(value)
        if not register.rows:
            table.row().cell("本月无记录", colspan=len(register.columns), align="CENTER")
    return _save(document, path)
