"""统计报表: the figures of ``kiosk.reports`` for any date range, grouped by hall,
department, item, window or clerk, with a total row, and the range's 限时办结 (cases)
beside them; exported to .xlsx and .pdf (the 限时办结 as a sheet / section). The
query and the exports run off the GUI thread behind a progress dialog (each runs once:
reports are reads, and a failed export is simply started again); the hall's day that
the date range starts from is read through ``ConsoleCalls``."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QLabel, QPushButton, QTabWidget, QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.reports import report as reports
from kiosk.reports.case_report import CaseReport, case_report
from kiosk.reports.pdf import write_report
from kiosk.reports.xlsx import export_report
from kiosk.reports.stats import FIGURES, format_value
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.case_report_panel import CaseReportPanel
from kiosk.ui.manager.file_export import ask_path, export_buttons, start_export
from kiosk.ui.manager.flow import flow_row
from kiosk.ui.manager.registers_panel import RegistersPanel
from kiosk.ui.manager.tasks import BackgroundTask, ConsoleCalls
from kiosk.ui.manager.widgets import fill_table, make_table, muted, page_title, show_error


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def report_cells(row: reports.ReportRow) -> list[str]:
    """One row as the table shows it: the label, then every figure formatted the way
    ``kiosk.reports.stats`` formats it for the PDF."""
    return [row.label] + [format_value(f.kind, getattr(row, f.name)) for f in FIGURES]


class ReportsPage(QWidget):
    #: a report was computed and shown
    report_shown = Signal(object)
    #: an export finished: its path
    export_written = Signal(str)

    def __init__(self, ctx: HallContext, settings: Settings, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self.report: reports.Report | None = None
        self.cases: CaseReport | None = None     # the shown report's 限时办结
        self.task: BackgroundTask | None = None
        self.with_details = True  # the xlsx carries every ticket of the range (明细)
        today = dt.date.today()   # until the hall's own day is read
        self.date_from = QDateEdit(_qdate(today.replace(day=1)))
        self.date_to = QDateEdit(_qdate(today))
        self._range_chosen = False
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._range_changed)
        self.group_by = QComboBox()
        for key, label in reports.GROUPINGS.items():
            self.group_by.addItem(translate("ManagerReports", "按%1").replace("%1", label), key)
        self.group_by.setCurrentIndex(self.group_by.findData("window"))
        self.run_button = QPushButton(translate("ManagerReports", "统计"))
        self.run_button.setObjectName("primary")
        self.run_button.clicked.connect(lambda: self.run())
        self.xlsx_button, self.pdf_button = export_buttons(self.export)
        for button in (self.xlsx_button, self.pdf_button):
            button.setEnabled(False)
        bar = flow_row([(QLabel(translate("ManagerReports", "从")), self.date_from),
                        (QLabel(translate("ManagerReports", "到")), self.date_to),
                        self.group_by, self.run_button],
                       [self.xlsx_button, self.pdf_button])
        self.caption = QLabel()
        self.caption.setWordWrap(True)  # the hall's name and the range: long in portrait
        # "平均等候(分)" on two lines: the 17 figures then fit a 1920-pixel screen
        self.table = make_table([translate("ManagerReports", "分组")]
                                + [f.header_zh.replace("(", "\n(") for f in FIGURES])
        self.table.horizontalHeader().setStretchLastSection(False)
        self.notes = muted(translate(
            "ManagerReports", "口径：等候 = 叫号时间 − 取号时间；办理 = 办结时间 − 开始办理时间；"
            "90% 为最近秩百分位；参评率 = 已评 / 办结；满意率 = (非常满意 + 满意) / 已评；"
            "好评率 = (非常满意 + 满意 + 基本满意) / 已评；差评 = 不满意 + 非常不满意；无分母时显示“—”。"))
        grouped = QWidget()
        grouped_layout = QVBoxLayout(grouped)
        grouped_layout.setContentsMargins(0, 0, 0, 0)
        grouped_layout.addLayout(bar)
        grouped_layout.addWidget(self.caption)
        grouped_layout.addWidget(self.table, 1)
        grouped_layout.addWidget(self.notes)
        self.registers = RegistersPanel(ctx, user, self.calls)
        self.tabs = QTabWidget()
        self.tabs.addTab(grouped, translate("ManagerReports", "分组统计"))
        self.tabs.addTab(self.registers, translate("ManagerReports", "月度登记表"))
        self.case_panel = CaseReportPanel()
        self.tabs.addTab(self.case_panel, translate("ManagerReports", "限时办结"))
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("ManagerReports", "统计报表")))
        layout.addWidget(self.tabs, 1)
        self.calls.read(self, "today", hall_reads.today, ctx, done=self._hall_today)

    def _range_changed(self) -> None:
        self._range_chosen = True

    def _hall_today(self, today: dt.date) -> None:
        """This month so far, unless the manager has chosen a range meanwhile."""
        if self._range_chosen:
            return
        blockers = [QSignalBlocker(edit) for edit in (self.date_from, self.date_to)]
        self.date_from.setDate(_qdate(today.replace(day=1)))
        self.date_to.setDate(_qdate(today))
        del blockers

    def set_range(self, start: dt.date, end: dt.date) -> None:
        self.date_from.setDate(_qdate(start))
        self.date_to.setDate(_qdate(end))

    def range(self) -> tuple[dt.date, dt.date]:
        return _pydate(self.date_from.date()), _pydate(self.date_to.date())

    def run(self) -> BackgroundTask:
        """Compute the report and its 限时办结 in a worker thread; the tables fill when
        it is done."""
        start, end = self.range()
        group_by, ctx, by = self.group_by.currentData(), self.ctx, self.user.staff_no

        def job(progress):
            found = reports.build_report(ctx, start=start, end=end, group_by=group_by, by=by)
            return found, case_report(ctx, start=start, end=end, by=by, progress=progress)

        self.task = BackgroundTask(self, translate("ManagerReports", "正在统计…"), job)
        self.task.finished_ok.connect(lambda found: self.show_report(*found))
        self.task.finished_failed.connect(lambda text: show_error(self, KioskError(text, text)))
        self.task.start()
        return self.task

    def show_report(self, report: reports.Report, cases: CaseReport | None = None) -> None:
        """Show ``report`` and its range's 限时办结 (``cases``; None: the exports read
        it themselves)."""
        self.report, self.cases = report, cases
        if cases is not None:
            self.case_panel.show_report(cases)
        else:
            self.case_panel.clear()
        self.caption.setText(f"{report.title_zh}　{report.period_zh}")
        rows = [report_cells(r) for r in report.rows] + [
            [translate("ManagerReports", "合计")] + report_cells(report.total)[1:]]
        fill_table(self.table, rows, right=range(1, len(FIGURES) + 1))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for column in range(self.table.columnCount()):
            self.table.item(len(rows) - 1, column).setFont(bold)
        for button in (self.xlsx_button, self.pdf_button):
            button.setEnabled(True)
        self.report_shown.emit(report)

    def export(self, kind: str, path: str | None = None) -> BackgroundTask | None:
        """Write the shown report to .xlsx or .pdf in a worker thread."""
        if self.report is None:
            return None
        if path is None:
            name = f"report-{self.report.group_by}-{self.report.start}-{self.report.end}.{kind}"
            path = ask_path(self, translate("ManagerReports", "导出报表"), name, kind)
        if not path:
            return None
        report, ctx, by, details = self.report, self.ctx, self.user.staff_no, self.with_details
        cases = self.cases
        if kind == "xlsx":
            def job(progress):
                return export_report(ctx, report, path, details=details,
                                     progress=progress, by=by, cases=cases)
        else:
            def job(progress):
                return write_report(path, report, cases=cases or case_report(
                    ctx, start=report.start, end=report.end, by=by))

        self.task = start_export(self, path, job, translate("ManagerReports", "报表已导出到 %1"))
        return self.task


def build(ctx: HallContext, settings: Settings, user: ManagerView,
          calls: ConsoleCalls | None = None) -> ReportsPage:
    return ReportsPage(ctx, settings, user, calls)
