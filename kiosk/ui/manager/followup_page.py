"""差评跟踪: every bad rating's follow-up (待核实 → 已核实 → 整改中 → 已整改 → 已回访, or
申诉), its deadlines in working days and an overdue flag; a second tab holds the work
calendar those deadlines count on."""
from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from kiosk.clock import hall_day, hall_time
from kiosk.queue.actions import followup
from kiosk.queue.rules.names import LEVEL_ZH
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.calendar_editor import CalendarEditor
from kiosk.ui.manager.flow import flow_row
from kiosk.ui.manager.followup_detail import FollowupDetail, due_text
from kiosk.ui.manager.look import WARN_MARK
from kiosk.ui.manager.tasks import ConsoleCalls
from kiosk.ui.manager.widgets import fill_table, make_table, page_title, selected_key

log = logging.getLogger(__name__)

FOLLOWUP_EVENTS = {"followups_opened", "followup_advanced", "calendar_day_set",
                   "calendar_day_cleared", "day_closed"}
OPEN_STATES = [s.value for s in followup.S if s not in followup.CLOSED]


def followups_shown(ctx: HallContext, **wanted) -> tuple[str, list[followup.FollowupView]]:
    """(the hall's time zone, the follow-ups ``wanted``): the page's one read."""
    return hall_reads.hall_info(ctx)[1], followup.list_followups(ctx, **wanted)


def department_choices(ctx: HallContext) -> list[tuple[str, str]]:
    return [(code, name) for code, name, _ in hall_reads.departments_with_items(ctx)]


class FollowupPage(QWidget):
    def __init__(self, ctx: HallContext, settings: Settings, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self._tz: str | None = None       # the hall's, once read
        self._day: dt.date | None = None
        self.views: list[followup.FollowupView] = []
        self.which = QComboBox()
        self.which.addItem(translate("ManagerFollowup", "未结案"), "open")
        self.which.addItem(translate("ManagerFollowup", "已逾期"), "overdue")
        self.which.addItem(translate("ManagerFollowup", "全部"), "all")
        for state, name in followup.STATE_ZH.items():
            self.which.addItem(name, state.value)
        self.department = QComboBox()
        self.department.addItem(translate("ManagerFollowup", "全部部门"), None)
        self.calls.read(self, "departments", department_choices, ctx,
                        done=self._departments_read)
        for box in (self.which, self.department):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        # the longest department's name would set the console's width (its list shows whole)
        self.department.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.department.setMinimumContentsLength(8)
        self.summary = QLabel()
        self.table = make_table([translate("ManagerFollowup", "编号"),
                                 translate("ManagerFollowup", "评价时间"),
                                 translate("ManagerFollowup", "窗口"),
                                 translate("ManagerFollowup", "工作人员"),
                                 translate("ManagerFollowup", "责任部门"),
                                 translate("ManagerFollowup", "评价"),
                                 translate("ManagerFollowup", "状态"),
                                 translate("ManagerFollowup", "当前期限")],
                                stretch=4)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.detail = FollowupDetail(ctx, user, "Asia/Shanghai", self.calls)
        self.detail.followup_moved.connect(lambda _id: self.refresh())
        filters = flow_row([(QLabel(translate("ManagerFollowup", "显示")), self.which),
                            self.department], [self.summary])
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self._laid_out: Qt.Orientation | None = None
        self.calendar = CalendarEditor(ctx, user, self.calls)
        self.tabs = QTabWidget()
        self.tabs.addTab(split, translate("ManagerFollowup", "差评跟踪"))
        self.tabs.addTab(self.calendar, translate("ManagerFollowup", "工作日历"))
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("ManagerFollowup", "差评跟踪")))
        layout.addWidget(self.tabs, 1)
        self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Portrait: the detail under the list, so neither is squeezed to half of 1080
        pixels; landscape: beside it, the list's eight columns whole at 1366x768."""
        super().resizeEvent(event)
        portrait = self.height() > self.width()
        orientation = Qt.Orientation.Vertical if portrait else Qt.Orientation.Horizontal
        if orientation != self._laid_out:     # first, or turned: the manager's drag stays
            self._laid_out = orientation
            self.split.setOrientation(orientation)
            self.split.setSizes([1200, 560] if not portrait else [1000, 800])

    def _departments_read(self, departments: list[tuple[str, str]]) -> None:
        for code, name in departments:
            if self.department.findData(code) < 0:
                self.department.addItem(name, code)

    def refresh(self) -> None:
        """Read the follow-ups the filters ask for (shown when the read returns)."""
        which = self.which.currentData()
        self.calls.read(self, "followups", followups_shown, self.ctx, by=self.user.staff_no,
                        states=OPEN_STATES if which == "open" else
                        None if which in ("all", "overdue") else [which],
                        overdue_only=which == "overdue",
                        department=self.department.currentData(), done=self._show)

    def _show(self, found: tuple[str, list[followup.FollowupView]]) -> None:
        self._tz, self.views = found
        self.detail.tz = self._tz
        if self._day is None:
            self._day = hall_day(self.ctx.clock.now(), self._tz)
        fill_table(self.table, [
            (v.id, f"{hall_time(v.rated_at, self._tz):%m-%d %H:%M}",
             f"{v.window_number}" if v.window_number else "—",
             f"{v.staff_name or ''} {v.staff_no}" if v.staff_no else "—",
             v.department_name or "—",
             translate("Rating", LEVEL_ZH[v.level]),
             v.state_zh, due_text(v, short=True)) for v in self.views], keys=[v.id for v in self.views])
        overdue = sum(1 for v in self.views if v.overdue)
        summary = translate("ManagerFollowup", "共 %1 条").replace("%1", str(len(self.views)))
        if overdue:
            summary += f"，{WARN_MARK} " + translate("ManagerFollowup", "逾期 %1 条").replace(
                "%1", str(overdue))
        self.summary.setText(summary)
        self._chosen()

    def _chosen(self) -> None:
        key = selected_key(self.table)
        self.detail.show_followup(next((v for v in self.views if v.id == key), None))

    def select(self, followup_id: int) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == str(followup_id):
                self.table.selectRow(row)
                return

    def minute_ticked(self) -> None:
        """Overdue flags change at midnight, with no event: redraw when the day turns."""
        if self._tz is None:
            return
        today = hall_day(self.ctx.clock.now(), self._tz)
        if today != self._day:
            self._day = today
            self.refresh()

    def on_events(self, events: list) -> None:
        actions = {e.action for e in events}
        # a bad rating opened its follow-up in the rating's own transaction
        bad = any(e.action == "ticket_rated" and e.payload.get("bad") for e in events)
        if bad or actions & FOLLOWUP_EVENTS:
            self.refresh()
        self.calendar.on_events(events)


def build(ctx: HallContext, settings: Settings, user: ManagerView,
          calls: ConsoleCalls | None = None) -> FollowupPage:
    return FollowupPage(ctx, settings, user, calls)
