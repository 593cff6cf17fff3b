"""统计报表's 限时办结 tab: the range's cases month by month (按时办结率, 提前办结率,
overdue, average working days) by department, item and clerk, as the exports print
them. Computed with the report, off the GUI thread, by the reports page."""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.reports.case_report import CASE_FIGURES, CaseGroup, CaseReport, format_figure
from kiosk.ui.i18n import translate
from kiosk.ui.manager.widgets import fill_table, make_table, muted


def _two_lines(header: str) -> str:
    """A header over two lines (按时 / 办结率): narrow figure columns leave the names room."""
    if "(" in header:
        return header.replace("(", "\n(")
    return header if len(header) <= 3 else header[:2] + "\n" + header[2:]


class CaseReportPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.report: CaseReport | None = None
        self.month = QComboBox()
        self.month.currentIndexChanged.connect(lambda _i: self._fill())
        self.caption = QLabel(translate("ManagerReports", "点击“统计”后显示所选区间各月的限时办结情况"))
        self.caption.setWordWrap(True)   # a long hall name must not widen the console
        self.table = make_table([translate("ManagerReports", "分组")]
                                + [_two_lines(f.header_zh) for f in CASE_FIGURES], stretch=0)
        self.table.horizontalHeader().setStretchLastSection(False)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(translate("ManagerReports", "办结月份")))
        bar.addWidget(self.month)
        bar.addWidget(self.caption, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(muted(translate(
            "ManagerReports", "口径：按办结月份统计；按时办结 = 在应办结日期（含补正顺延）当日或之前办结；"
            "提前办结 = 在应办结日期之前办结；超期未办结 = 月末（本月为今天）仍未办结且已超期；"
            "平均用时为受理到办结的工作日数，不含补正停止计时的天数；无分母时显示“—”。"
            "导出的 Excel 和 PDF 含各月全部分组。")))

    def clear(self) -> None:
        self.report = None
        self.month.clear()
        self.table.setRowCount(0)
        self.caption.setText(translate("ManagerReports", "点击“统计”后显示所选区间各月的限时办结情况"))

    def show_report(self, report: CaseReport) -> None:
        self.report = report
        blocked = self.month.blockSignals(True)
        self.month.clear()
        for index, month in enumerate(report.months):
            self.month.addItem(month.title_zh, index)
        self.month.setCurrentIndex(self.month.count() - 1)   # the latest month first
        self.month.blockSignals(blocked)
        self.caption.setText(report.title_zh)
        self._fill()

    def _fill(self) -> None:
        if self.report is None or self.month.currentIndex() < 0:
            return
        month = self.report.months[self.month.currentData()]
        rows, heads = [], []
        for header, groups in month.sections:
            heads.append(len(rows))
            rows.append([translate("ManagerReports", "按%1").replace("%1", header)]
                        + [""] * len(CASE_FIGURES))
            rows += [[g.label] + [format_figure(f, g.value(f)) for f in CASE_FIGURES]
                     for g in groups]
        total = CaseGroup(None, translate("ManagerReports", "合计"), month.total)
        rows.append([total.label] + [format_figure(f, total.value(f)) for f in CASE_FIGURES])
        fill_table(self.table, rows, right=range(1, len(CASE_FIGURES) + 1))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row in (*heads, len(rows) - 1):
            for column in range(self.table.columnCount()):
                self.table.item(row, column).setFont(bold)
        for row in range(len(rows)):     # a font set on a refill stays: reset the rest
            if row not in heads and row != len(rows) - 1:
                for column in range(self.table.columnCount()):
                    self.table.item(row, column).setFont(self.table.font())
