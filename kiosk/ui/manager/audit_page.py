"""电子监察: the audit trail, filtered by date, staff number, window, ticket and action,
a page at a time, exported to CSV or Excel off the GUI thread. Read-only: the trail is
never edited. Every page of it is read off the GUI thread too (``ConsoleCalls``)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from kiosk.clock import hall_day
from kiosk.errors import KioskError
from kiosk.queue.reads import audit as audit_reads
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.audit_export import describe_payload, row_values, write_rows
from kiosk.ui.manager.tasks import BackgroundTask, ConsoleCalls
from kiosk.ui.manager.widgets import (
    fill_table, make_table, muted, page_title, show_done, show_error,
)

PAGE_SIZE = 100


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def audit_setup(ctx: HallContext, *, by: str) -> tuple[str, list[tuple[str, str]]]:
    """(the hall's time zone, the actions to filter by): what the page starts from."""
    return hall_reads.hall_info(ctx)[1], audit_reads.audit_actions(ctx, by=by)


class AuditPage(QWidget):
    #: a page of the trail was read and is shown
    rows_shown = Signal()

    def __init__(self, ctx: HallContext, settings: Settings, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self.page_number, self.result, self._behind = 0, None, False
        self._tz: str | None = None           # the hall's, once read
        self._range_chosen = False
        today = dt.date.today()               # until the hall's own day is read
        self.date_from, self.date_to = QDateEdit(_qdate(today)), QDateEdit(_qdate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._range_changed)
        self.staff_no = QLineEdit()
        self.staff_no.setPlaceholderText(translate("ManagerAudit", "全部"))
        self.window = QSpinBox()
        self.window.setRange(0, 999)
        self.window.setSpecialValueText(translate("ManagerAudit", "全部"))
        self.ticket = QLineEdit()
        self.ticket.setPlaceholderText(translate("ManagerAudit", "如 A012"))
        self.action = QComboBox()
        self.action.addItem(translate("ManagerAudit", "全部操作"), None)
        # the longest action's name would set the page's width (a portrait PC is 1080)
        self.action.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.action.setMinimumContentsLength(8)
        self.search_button = QPushButton(translate("ManagerAudit", "查询"))
        self.search_button.setObjectName("primary")
        self.search_button.clicked.connect(self.search)
        self.export_button = QPushButton(translate("ManagerAudit", "导出…"))
        self.export_button.clicked.connect(lambda: self.export())
        self.staff_no.setMaximumWidth(160)
        self.ticket.setMaximumWidth(160)
        filters = QGridLayout()
        cells = ((translate("ManagerAudit", "从"), self.date_from),
                 (translate("ManagerAudit", "到"), self.date_to),
                 (translate("ManagerAudit", "工号"), self.staff_no),
                 (translate("ManagerAudit", "窗口"), self.window),
                 (translate("ManagerAudit", "号票"), self.ticket),
                 (translate("ManagerAudit", "操作"), self.action))
        # two rows of filters: one row set the console's width above a portrait PC's
        for index, (label, widget) in enumerate(cells):
            row, column = divmod(index, 4)
            filters.addWidget(QLabel(label), row, column * 2)
            filters.addWidget(widget, row, column * 2 + 1)
        filters.addWidget(self.search_button, 1, 4)
        filters.addWidget(self.export_button, 1, 5)
        filters.setColumnStretch(8, 1)
        self.table = make_table([translate("ManagerAudit", "序号"), translate("ManagerAudit", "时间"),
                                 translate("ManagerAudit", "操作人"), translate("ManagerAudit", "姓名"),
                                 translate("ManagerAudit", "操作"), translate("ManagerAudit", "号票"),
                                 translate("ManagerAudit", "窗口"), translate("ManagerAudit", "详情")])
        self.previous_button = QPushButton(translate("ManagerAudit", "‹ 上一页"))
        self.next_button = QPushButton(translate("ManagerAudit", "下一页 ›"))
        self.previous_button.clicked.connect(lambda: self.go(self.page_number - 1))
        self.next_button.clicked.connect(lambda: self.go(self.page_number + 1))
        self.position = QLabel()
        pager = QHBoxLayout()
        pager.addWidget(self.position)
        pager.addStretch(1)
        pager.addWidget(self.previous_button)
        pager.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("ManagerAudit", "电子监察")))
        layout.addWidget(muted(translate("ManagerAudit", "每一次操作都有记录：谁、何时、做了什么。记录只能查询和导出，不能修改。")))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(pager)
        self.calls.read(self, "setup", audit_setup, ctx, by=user.staff_no,
                        done=self._set_up)

    def _range_changed(self) -> None:
        self._range_chosen = True

    def _set_up(self, setup: tuple[str, list[tuple[str, str]]]) -> None:
        """Today's trail, unless the manager has chosen a range meanwhile."""
        self._tz, actions = setup
        for action, label in actions:
            if self.action.findData(action) < 0:
                self.action.addItem(label, action)
        if not self._range_chosen:
            today = self._today()
            blockers = [QSignalBlocker(edit) for edit in (self.date_from, self.date_to)]
            self.date_from.setDate(_qdate(today))
            self.date_to.setDate(_qdate(today))
            del blockers
        self.search()

    def _today(self) -> dt.date:
        return hall_day(self.ctx.clock.now(), self._tz or "Asia/Shanghai")

    def wanted(self) -> audit_reads.AuditFilter:
        return audit_reads.AuditFilter(
            date_from=_pydate(self.date_from.date()), date_to=_pydate(self.date_to.date()),
            staff_no=self.staff_no.text().strip() or None,
            window=self.window.value() or None,
            ticket_code=self.ticket.text().strip() or None,
            action=self.action.currentData())

    def search(self) -> None:
        self.go(0)

    def go(self, page: int) -> None:
        """Read one page of the trail (shown when the read returns)."""
        self.calls.read(self, "trail", audit_reads.audit_events, self.ctx, self.wanted(),
                        by=self.user.staff_no, page=max(page, 0), page_size=PAGE_SIZE,
                        done=self._show)

    def _show(self, result: audit_reads.AuditPage) -> None:
        self.result = result
        self.page_number = self.result.page
        fill_table(self.table, [row_values(r) for r in self.result.rows],
                   keys=[r.id for r in self.result.rows])
        for r, row in enumerate(self.result.rows):  # the whole text on hover
            self.table.item(r, 7).setToolTip(describe_payload(row.payload))
        pages = max((self.result.total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
        self.position.setText(translate("ManagerAudit", "第 %1 / %2 页，共 %3 条")
                              .replace("%1", str(self.page_number + 1))
                              .replace("%2", str(pages)).replace("%3", str(self.result.total)))
        self.previous_button.setEnabled(self.page_number > 0)
        self.next_button.setEnabled(self.page_number + 1 < pages)
        self.rows_shown.emit()

    def on_events(self, events: list) -> None:
        """New rows appear when the first page of a range including today is shown;
        while the page is hidden it only notes that it is behind."""
        if self._tz is None or self.page_number != 0 \
                or _pydate(self.date_to.date()) < self._today():
            return
        if self.isVisible():
            self.go(0)
        else:
            self._behind = True

    def page_shown(self) -> None:
        if self._behind:
            self._behind = False
            self.go(self.page_number)

    def export(self, path: str | None = None) -> BackgroundTask | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, translate("ManagerAudit", "导出电子监察记录"), "audit.xlsx",
                translate("ManagerAudit", "Excel 文件 (*.xlsx);;CSV 文件 (*.csv)"))
        if not path:
            return None
        wanted, ctx, by = self.wanted(), self.ctx, self.user.staff_no

        def job(progress):
            found = audit_reads.audit_events(ctx, wanted, by=by, page_size=None,
                                       newest_first=False)
            return write_rows(found.rows, path, progress, found.total)

        task = BackgroundTask(self, translate("ManagerAudit", "正在导出电子监察记录…"), job)
        task.finished_ok.connect(lambda n: show_done(
            self, translate("ManagerAudit", "已导出 %1 条记录到 %2").replace("%1", str(n))
            .replace("%2", path)))
        task.finished_failed.connect(lambda text: show_error(
            self, KioskError(text, text)))
        task.start()
        return task


def build(ctx: HallContext, settings: Settings, user: ManagerView,
          calls: ConsoleCalls | None = None) -> AuditPage:
    return AuditPage(ctx, settings, user, calls)
