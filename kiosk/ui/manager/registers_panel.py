"""月度登记表: the two monthly registers shaped like the hall's paper forms (预约办理登记表,
容缺后补登记表: 序号, 申请事由, 申请人, 时间, 内容; the 容缺 one adds 补齐期限), shown and
exported to .xlsx or .pdf.
The register is read off the GUI thread (``ConsoleCalls``) and shown when it returns."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox, QHeaderView, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.reports import registers
from kiosk.reports.pdf import write_register
from kiosk.reports.xlsx import write_registers
from kiosk.ui.i18n import translate
from kiosk.ui.manager.file_export import ask_path, export_buttons, start_export
from kiosk.ui.manager.flow import flow_row
from kiosk.ui.manager.tasks import BackgroundTask, ConsoleCalls
from kiosk.ui.manager.widgets import fill_table, make_table


class RegistersPanel(QWidget):
    #: a register was exported: its path
    export_written = Signal(str)
    #: a register was read and is shown
    register_shown = Signal(object)

    def __init__(self, ctx: HallContext, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self.register: registers.Register | None = None
        self.task: BackgroundTask | None = None
        today = dt.date.today()   # until the hall's own day is read
        self._month_chosen = False
        self.kind = QComboBox()
        self.kind.addItem(translate("ManagerReports", "预约办理登记表"), "appointment")
        self.kind.addItem(translate("ManagerReports", "容缺后补登记表"), "supply_later")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setSuffix(translate("ManagerReports", " 年"))
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setValue(today.month)
        self.month.setSuffix(translate("ManagerReports", " 月"))
        for spin in (self.year, self.month):
            spin.valueChanged.connect(self._month_changed)
        self.show_button = QPushButton(translate("ManagerReports", "生成"))
        self.show_button.setObjectName("primary")
        self.show_button.clicked.connect(self.load)
        self.xlsx_button, self.pdf_button = export_buttons(self.export)
        bar = flow_row([self.kind, (self.year, self.month), self.show_button],
                       [self.xlsx_button, self.pdf_button])
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.table = make_table([translate("Registers", h) for h in registers.COLUMNS],
                                stretch=4)
        self.table.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        self._enable()
        self.calls.read(self, "today", hall_reads.today, ctx, done=self._hall_today)

    def _month_changed(self) -> None:
        self._month_chosen = True

    def _hall_today(self, today: dt.date) -> None:
        """This month, unless the manager has chosen one meanwhile."""
        if self._month_chosen:
            return
        blockers = [QSignalBlocker(spin) for spin in (self.year, self.month)]
        self.year.setValue(today.year)
        self.month.setValue(today.month)
        del blockers

    def _enable(self) -> None:
        for button in (self.xlsx_button, self.pdf_button):
            button.setEnabled(self.register is not None)

    def load(self) -> None:
        """Read the chosen register (shown when the read returns)."""
        make = registers.appointment_register if self.kind.currentData() == "appointment" \
            else registers.supply_later_register
        self.calls.read(self, "register", make, self.ctx, year=self.year.value(),
                        month=self.month.value(), by=self.user.staff_no,
                        done=self._show_register)

    def _show_register(self, register: registers.Register) -> None:
        self.register = register
        self.caption.setText(translate("ManagerReports", "%1 %2　登记月份：%3　共 %4 条")
                             .replace("%1", self.register.hall_name)
                             .replace("%2", self.register.title)
                             .replace("%3", self.register.period_zh)
                             .replace("%4", str(len(self.register.rows))))
        self._set_columns(register.columns)
        fill_table(self.table, [r.values() for r in self.register.rows])
        self.table.resizeRowsToContents()
        self._enable()
        self.register_shown.emit(register)

    #: the 申请事由 column's width: an item's long name wraps rather than crowding
    #: 内容 (which takes the slack) off a 1366-wide screen
    REASON_PX = 220

    def _set_columns(self, columns: tuple[str, ...]) -> None:
        """The register's own columns (the 容缺 one has 补齐期限 too)."""
        if self.table.columnCount() != len(columns):
            self.table.setColumnCount(len(columns))
            self.table.setHorizontalHeaderLabels([translate("Registers", h)
                                                  for h in columns])
        header = self.table.horizontalHeader()
        for column in range(len(columns)):
            mode = (QHeaderView.ResizeMode.Stretch if column == len(columns) - 1
                    else QHeaderView.ResizeMode.Interactive if column == 1
                    else QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(column, mode)
        self.table.setColumnWidth(1, self.REASON_PX)

    def export(self, kind: str, path: str | None = None) -> BackgroundTask | None:
        if self.register is None:
            return None
        register = self.register
        if path is None:
            name = f"{register.title}-{register.year}-{register.month:02d}.{kind}"
            path = ask_path(self, translate("ManagerReports", "导出登记表"), name, kind)
        if not path:
            return None
        if kind == "xlsx":
            def job(_progress):
                return write_registers(path, [register])
        else:
            def job(_progress):
                return write_register(path, register)

        self.task = start_export(self, path, job,
                                 translate("ManagerReports", "登记表已导出到 %1"))
        return self.task
