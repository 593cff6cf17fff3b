"""工作日历: the holidays and make-up workdays (调休上班) that follow-up deadlines count
on. Monday-Friday is the default; each override is set or cleared through
``kiosk.queue.actions.calendar`` (manager or admin, audited), off the GUI thread with a
request id (``ConsoleCalls``: a retry after a lost answer is replayed)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QVBoxLayout,
    QWidget,
)

from kiosk.queue.actions import calendar
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.ui.i18n import translate
from kiosk.ui.manager.tasks import ConsoleCalls
from kiosk.ui.manager.widgets import fill_table, make_table, muted, selected_key

WEEKDAY = "一二三四五六日"


class CalendarEditor(QWidget):
    #: the year's overrides were read and are shown
    days_shown = Signal()

    def __init__(self, ctx: HallContext, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        today = dt.date.today()   # until the hall's own day is read
        self._year_chosen = False
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
        self.year.valueChanged.connect(self._year_changed)
        self.calls.read(self, "today", hall_reads.today, ctx, done=self._hall_today)
        self.refresh()

    def _year_changed(self) -> None:
        self._year_chosen = True

    def _hall_today(self, today: dt.date) -> None:
        """This year and today, unless the manager has chosen a year meanwhile."""
        if self._year_chosen:
            return
        self.day.setDate(QDate(today.year, today.month, today.day))
        if today.year != self.year.value():
            blocker = QSignalBlocker(self.year)
            self.year.setValue(today.year)
            blocker.unblock()
            self.refresh()

    def refresh(self) -> None:
        """Read the year's overrides (shown when the read returns)."""
        year = self.year.value()
        self.calls.read(self, "days", calendar.list_days, self.ctx, dt.date(year, 1, 1),
                        dt.date(year, 12, 31), done=self._show)

    def _show(self, days: list) -> None:
        fill_table(self.table, [
            (f"{d.day:%Y-%m-%d}", translate("ManagerCalendar", "周%1").replace(
                "%1", WEEKDAY[d.day.weekday()]),
             translate("ManagerCalendar", "工作日") if d.is_workday
             else translate("ManagerCalendar", "休息日"),
             d.note, d.set_by) for d in days], keys=[d.day for d in days])
        self.days_shown.emit()

    def set_day(self, day: dt.date | None = None, is_workday: bool | None = None,
                note: str | None = None) -> None:
        chosen = self.day.date()
        day = day or dt.date(chosen.year(), chosen.month(), chosen.day())
        self.calls.act(self, "calendar_set", calendar.set_day, self.ctx, day,
                       self.kind.currentData() if is_workday is None else is_workday,
                       self.note.text() if note is None else note, by=self.user.staff_no,
                       done=lambda _id: self._day_set(day))

    def _day_set(self, day: dt.date) -> None:
        self.note.clear()
        if day.year != self.year.value():
            self.year.setValue(day.year)  # refreshes
        else:
            self.refresh()

    def clear_selected(self) -> None:
        day = selected_key(self.table)
        if day is None:
            return
        self.calls.act(self, "calendar_clear", calendar.clear_day, self.ctx, day,
                       by=self.user.staff_no, done=lambda _id: self.refresh())

    def on_events(self, events: list) -> None:
        if any(e.action in ("calendar_day_set", "calendar_day_cleared") for e in events):
            self.refresh()
