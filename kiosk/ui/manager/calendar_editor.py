"""工作日历: the holidays and make-up workdays (调休上班) that follow-up deadlines count
on. Monday-Friday is the default; each override is set or cleared through
``kiosk.queue.calendar`` (manager or admin, audited)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.queue import calendar, queries
from kiosk.queue.context import HallContext
from kiosk.queue.manager_auth import ManagerView
from kiosk.ui.i18n import translate
from kiosk.ui.manager.widgets import fill_table, make_table, muted, selected_key, show_error

WEEKDAY = "一二三四五六日"


class CalendarEditor(QWidget):
    def __init__(self, ctx: HallContext, user: ManagerView) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        today = queries.today(ctx)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setPrefix(translate("ManagerCalendar", "年份 "))
        self.year.valueChanged.connect(lambda _y: self.refresh())
        self.table = make_table([translate("ManagerCalendar", "日期"),
                                 translate("ManagerCalendar", "星期"),
                                 translate("ManagerCalendar", "设为"),
                                 translate("ManagerCalendar", "说明"),
                                 translate("ManagerCalendar", "设置人")], stretch=3)
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        self.kind.addItem(translate("ManagerCalendar", "休息日（节假日）"), False)
        self.kind.addItem(translate("ManagerCalendar", "工作日（调休上班）"), True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(translate("ManagerCalendar", "如：国庆节、春节调休"))
        self.set_button = QPushButton(translate("ManagerCalendar", "设置该日"))
        self.set_button.setObjectName("primary")
        self.set_button.clicked.connect(self.set_day)
        self.clear_button = QPushButton(translate("ManagerCalendar", "恢复所选日期为平常"))
        self.clear_button.clicked.connect(self.clear_selected)
        editor = QHBoxLayout()
        for widget in (self.day, self.kind, self.note, self.set_button):
            editor.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(muted(translate("ManagerCalendar",
                                  "周一至周五为工作日。请每年按国务院办公厅通知录入节假日和调休上班日；"
                                  "差评的核实、整改期限按此计算（已定的期限不变）。")))
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(editor)
        self.refresh()

    def refresh(self) -> None:
        year = self.year.value()
        days = calendar.list_days(self.ctx, dt.date(year, 1, 1), dt.date(year, 12, 31))
        fill_table(self.table, [
            (f"{d.day:%Y-%m-%d}", translate("ManagerCalendar", "周%1").replace(
                "%1", WEEKDAY[d.day.weekday()]),
             translate("ManagerCalendar", "工作日") if d.is_workday
             else translate("ManagerCalendar", "休息日"),
             d.note, d.set_by) for d in days], keys=[d.day for d in days])

    def set_day(self, day: dt.date | None = None, is_workday: bool | None = None,
                note: str | None = None) -> None:
        chosen = self.day.date()
        day = day or dt.date(chosen.year(), chosen.month(), chosen.day())
        try:
            calendar.set_day(self.ctx, day,
                             self.kind.currentData() if is_workday is None else is_workday,
                             self.note.text() if note is None else note, by=self.user.staff_no)
        except KioskError as exc:
            show_error(self, exc)
            return
        self.note.clear()
        if day.year != self.year.value():
            self.year.setValue(day.year)  # refreshes
        else:
            self.refresh()

    def clear_selected(self) -> None:
        day = selected_key(self.table)
        if day is None:
            return
        try:
            calendar.clear_day(self.ctx, day, by=self.user.staff_no)
        except KioskError as exc:
            show_error(self, exc)
            return
        self.refresh()

    def on_events(self, events: list) -> None:
        if any(e.action in ("calendar_day_set", "calendar_day_cleared") for e in events):
            self.refresh()
