"""月度登记表: the two monthly registers shaped like the hall's paper forms (预约办理登记表,
容缺后补登记表: 序号, 申请事由, 申请人, 时间, 内容), shown and exported to .xlsx or .pdf."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from kiosk.errors import KioskError
from kiosk.queue import queries
from kiosk.queue.context import HallContext
from kiosk.queue.manager_auth import ManagerView
from kiosk.reports import registers
from kiosk.reports.pdf import write_register
from kiosk.reports.xlsx import write_registers
from kiosk.ui.i18n import translate
from kiosk.ui.manager.file_export import ask_path, export_buttons, start_export
from kiosk.ui.manager.tasks import BackgroundTask
from kiosk.ui.manager.widgets import fill_table, make_table, show_error


class RegistersPanel(QWidget):
    #: a register was exported: its path
    export_written = Signal(str)

    def __init__(self, ctx: HallContext, user: ManagerView) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.register: registers.Register | None = None
        self.task: BackgroundTask | None = None
        today = queries.today(ctx)
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
        self.show_button = QPushButton(translate("ManagerReports", "生成"))
        self.show_button.setObjectName("primary")
        self.show_button.clicked.connect(self.load)
        self.xlsx_button, self.pdf_button = export_buttons(self.export)
        bar = QHBoxLayout()
        for widget in (self.kind, self.year, self.month, self.show_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.xlsx_button)
        bar.addWidget(self.pdf_button)
        self.caption = QLabel()
        self.table = make_table([translate("Registers", h) for h in registers.COLUMNS],
                                stretch=4)
        self.table.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        self._enable()

    def _enable(self) -> None:
        for button in (self.xlsx_button, self.pdf_button):
            button.setEnabled(self.register is not None)

    def load(self) -> None:
        make = registers.appointment_register if self.kind.currentData() == "appointment" \
            else registers.supply_later_register
        try:
            self.register = make(self.ctx, year=self.year.value(), month=self.month.value(),
                                 by=self.user.staff_no)
        except KioskError as exc:
            show_error(self, exc)
            return
        self.caption.setText(translate("ManagerReports", "%1 %2　登记月份：%3　共 %4 条")
                             .replace("%1", self.register.hall_name)
                             .replace("%2", self.register.title)
                             .replace("%3", self.register.period_zh)
                             .replace("%4", str(len(self.register.rows))))
        fill_table(self.table, [r.values() for r in self.register.rows])
        self.table.resizeRowsToContents()
        self._enable()

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
