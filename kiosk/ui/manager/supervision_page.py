"""办件监察 (电子监察 of 限时办结): the open cases with their 黄牌/红牌, filtered by
department, window, clerk and card; the counts by department, window and clerk; the
cases due today; and the selected case in detail. Everything comes from
``kiosk.queue.reads.cases`` off the GUI thread (``ConsoleCalls``); the page reads
again when a case moves or a ticket is accepted (the feed), when the calendar or the
card thresholds change, and when the hall's day turns (cards are dates, not times)."""
from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from kiosk.clock import hall_day
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.queue.reads import cases as case_reads
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.reads import manager as manager_reads
from kiosk.queue.store.context import HallContext
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.look import DONE_MARK
from kiosk.ui.manager.supervision_detail import (
    CaseDetailPane, card_text, dated_card, paint_cards, short_day, state_text,
)
from kiosk.ui.manager.tasks import ConsoleCalls
from kiosk.ui.manager.widgets import fill_table, make_table, muted, page_title, selected_key

#: events after which the cards or the lists may differ (besides every ``case_*`` move)
REREAD_EVENTS = {"calendar_day_set", "calendar_day_cleared", "setting_changed",
                 "day_closed"}
#: events after which the filters' choices may differ
CHOICE_EVENTS = {"catalog_imported", "item_updated", "window_updated", "staff_updated"}
#: the card filter -> supervision()'s (card, due_today)
WHICH = {"all": (None, False), "red": ("red", False), "yellow": ("yellow", False),
         "due_today": (None, True), "supply_red": ("supply_red", False)}
WIDE_PX = 1500   # a narrower page leaves 经办人 out of the list (the filter, the counts
                 # and the detail still name them)


@dataclasses.dataclass(frozen=True)
class Choices:
    timezone: str
    departments: list[tuple[str, str]]   # (code, name)
    windows: list[tuple[int, str]]       # (number, name)
    staff: list[tuple[str, str]]         # (staff number, name)


@dataclasses.dataclass(frozen=True)
class Shown:
    cases: case_reads.Supervision        # as the filters ask
    due_today: case_reads.Supervision    # the same department, window and clerk, due today


def supervision_choices(ctx: HallContext, *, by: str) -> Choices:
    """What the filters offer, and the hall's time zone (for the turn of the day)."""
    return Choices(
        hall_reads.hall_info(ctx)[1],
        [(code, name) for code, name, _ in hall_reads.departments_with_items(ctx)],
        [(w.number, w.name) for w in hall_reads.windows(ctx)],
        [(s.staff_no, s.name) for s in manager_reads.staff_list(ctx, by=by)
         if s.active and s.role == "window"])


def supervision_shown(ctx: HallContext, *, department: str | None, window: int | None,
                      staff: str | None, which: str) -> Shown:
    """The page's one read: the filtered cases and, beside them, those due today."""
    card, due_today = WHICH[which]
    where = {"department": department, "window": window, "staff": staff}
    shown = case_reads.supervision(ctx, card=card, due_today=due_today, **where)
    today = shown if which == "due_today" else case_reads.supervision(
        ctx, due_today=True, **where)
    return Shown(shown, today)


def which_names() -> list[tuple[str, str]]:
    return [("all", translate("ManagerCases", "全部在办")),
            ("red", card_text("red")),
            ("yellow", card_text("yellow")),
            ("due_today", translate("ManagerCases", "今日到期")),
            ("supply_red", "■ " + translate("ManagerCases", "容缺材料逾期"))]


def case_headers() -> list[str]:
    return [translate("ManagerCases", "办件编号"), translate("ManagerCases", "预警"),
            translate("ManagerCases", "状态"), translate("ManagerCases", "事项"),
            translate("ManagerCases", "窗口"), translate("ManagerCases", "经办人"),
            translate("ManagerCases", "应办结"), translate("ManagerCases", "容缺期限"),
            translate("ManagerCases", "当前环节")]


CARD_COLUMN, CLERK_COLUMN, SUPPLY_COLUMN, STEP_COLUMN = 1, 5, 7, 8


def count_headers(first: str) -> list[str]:
    return [first, translate("ManagerCases", "在办"), card_text("red"), card_text("yellow"),
            translate("ManagerCases", "容缺") + card_text("red"),
            translate("ManagerCases", "容缺") + card_text("yellow"),
            translate("ManagerCases", "今日到期")]


class SupervisionPage(QWidget):
    def __init__(self, ctx: HallContext, settings: Settings, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self.choices: Choices | None = None
        self.shown: Shown | None = None
        self._day: dt.date | None = None
        self._chosen_case: str | None = None
        self._laid_out: Qt.Orientation | None = None

        self.department = QComboBox()
        self.window = QComboBox()
        self.staff = QComboBox()
        self.which = QComboBox()
        for key, name in which_names():
            self.which.addItem(name, key)
        self._reset_choices()
        filters = QHBoxLayout()
        for caption, box in ((translate("ManagerCases", "部门"), self.department),
                             (translate("ManagerCases", "窗口"), self.window),
                             (translate("ManagerCases", "经办人"), self.staff),
                             (translate("ManagerCases", "预警"), self.which)):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
            filters.addWidget(QLabel(caption))
            filters.addWidget(box, 1)
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        filters.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.table = make_table(case_headers(), stretch=3)
        self.table.itemSelectionChanged.connect(lambda: self._picked(self.table))
        self.today_table = make_table(case_headers(), stretch=3)
        self.today_table.itemSelectionChanged.connect(lambda: self._picked(self.today_table))
        self.count_tables = {
            "department": make_table(count_headers(translate("ManagerCases", "部门")), stretch=0),
            "window": make_table(count_headers(translate("ManagerCases", "窗口")), stretch=0),
            "staff": make_table(count_headers(translate("ManagerCases", "经办人")), stretch=0)}
        for key, table in self.count_tables.items():
            table.doubleClicked.connect(lambda _index, k=key: self._filter_by_count(k))
            table.setToolTip(translate("ManagerCases", "双击一行，按其筛选在办办件"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, translate("ManagerCases", "在办办件"))
        self.tabs.addTab(self.today_table, translate("ManagerCases", "今日到期"))
        self.tabs.addTab(self.count_tables["department"], translate("ManagerCases", "按部门"))
        self.tabs.addTab(self.count_tables["window"], translate("ManagerCases", "按窗口"))
        self.tabs.addTab(self.count_tables["staff"], translate("ManagerCases", "按经办人"))
        self.detail = CaseDetailPane()
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.tabs)
        self.split.addWidget(self.detail)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("ManagerCases", "办件监察（限时办结）")))
        layout.addWidget(muted(translate(
            "ManagerCases", "■ 红牌：已超期或容缺材料逾期；▲ 黄牌：临近期限；补正期间停止计时。"
                            "阈值在“设置”页修改，红牌同时记入“告警”。")))
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.split, 1)
        self.calls.read(self, "case-choices", supervision_choices, ctx, by=user.staff_no,
                        done=self._choices_read)
        self.refresh()

    # --- filters -------------------------------------------------------------------
    def _reset_choices(self) -> None:
        for box, everything in ((self.department, translate("ManagerCases", "全部部门")),
                                (self.window, translate("ManagerCases", "全部窗口")),
                                (self.staff, translate("ManagerCases", "全部人员"))):
            if box.count() == 0:
                box.addItem(everything, None)

    def _choices_read(self, choices: Choices) -> None:
        self.choices = choices
        if self._day is None:
            self._day = hall_day(self.ctx.clock.now(), choices.timezone)
        window_text = translate("ManagerCases", "%1号 %2")
        for box, options in (
                (self.department, choices.departments),
                (self.window, [(n, window_text.replace("%1", str(n)).replace("%2", name))
                               for n, name in choices.windows]),
                (self.staff, [(no, f"{name}（{no}）") for no, name in choices.staff])):
            chosen = box.currentData()
            blocked = box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for key, name in options:
                box.addItem(name, key)
            box.setCurrentIndex(max(box.findData(chosen), 0))
            box.blockSignals(blocked)
        self.detail.staff_names = self._names()["staff"]
        if self.shown is not None:
            self._show(self.shown)     # names for the counts' codes

    def set_filter(self, *, department: str | None = None, window: int | None = None,
                   staff: str | None = None, which: str = "all") -> None:
        """Choose the filters (as a manager would in the boxes), then read once."""
        for box, value in ((self.department, department), (self.window, window),
                           (self.staff, staff), (self.which, which)):
            index = box.findData(value)
            if index < 0:            # the choices are not read yet: offer it anyway
                box.addItem(str(value), value)
                index = box.count() - 1
            blocked = box.blockSignals(True)
            box.setCurrentIndex(index)
            box.blockSignals(blocked)
        self.refresh()

    def _filter_by_count(self, key: str) -> None:
        value = selected_key(self.count_tables[key])
        if value is None:
            return
        self.set_filter(which=self.which.currentData(), **{
            "department": {"department": value}, "window": {"window": value},
            "staff": {"staff": value}}[key])
        self.tabs.setCurrentIndex(0)

    # --- reading -------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the cases the filters ask for (shown when the read returns)."""
        self.calls.read(self, "cases", supervision_shown, self.ctx,
                        department=self.department.currentData(),
                        window=self.window.currentData(), staff=self.staff.currentData(),
                        which=self.which.currentData(), done=self._show)
        if self._chosen_case is not None:
            self._read_detail(self._chosen_case)

    def _show(self, shown: Shown) -> None:
        self.shown = shown
        self._fill_cases(self.table, shown.cases.rows)
        self._fill_cases(self.today_table, shown.due_today.rows)
        self.tabs.setTabText(1, translate("ManagerCases", "今日到期（%1）").replace(
            "%1", str(shown.due_today.matching)))
        names = self._names()
        for key, table in self.count_tables.items():
            counted = {"department": shown.cases.by_department, "window": shown.cases.by_window,
                       "staff": shown.cases.by_staff}[key]
            order = {k: i for i, k in enumerate(names[key])}
            keys = sorted(counted, key=lambda k: (order.get(k, len(order)), str(k)))
            fill_table(table, [(names[key].get(k, str(k)), c.open, c.red, c.yellow,
                                c.supply_red, c.supply_yellow, c.due_today)
                               for k, c in ((k, counted[k]) for k in keys)], keys=keys)
            paint_cards(table, 2, ["red" if counted[k].red else None for k in keys])
            paint_cards(table, 3, ["yellow" if counted[k].yellow else None for k in keys])
        self._summarise(shown)

    def _names(self) -> dict[str, dict]:
        choices = self.choices
        if choices is None:
            return {"department": {}, "window": {}, "staff": {}}
        return {"department": dict(choices.departments),
                "window": {n: translate("ManagerCases", "%1号 %2").replace("%1", str(n))
                           .replace("%2", name) for n, name in choices.windows},
                "staff": {no: f"{name}（{no}）" for no, name in choices.staff}}

    def _fill_cases(self, table, rows: list[case_reads.CaseRow]) -> None:
        staff = self._names()["staff"]
        has_steps = any(getattr(r, "step", None) for r in rows)

        def step_text(r) -> str:
            step = getattr(r, "step", None)
            if not step:
                return ""
            due = getattr(r, "step_due", None)
            card = getattr(r, "step_card", None)
            return f"{step} {dated_card(due, card, short=True)}" if due else step

        fill_table(table, [
            (r.case_no, card_text(r.card) or "—", state_text(r.state), r.item,
             r.window if r.window is not None else "—",
             staff.get(r.staff_no, r.staff_no or "—"),
             short_day(r.due_date), dated_card(r.supply_due, r.supply_card, short=True),
             step_text(r)) for r in rows], keys=[r.case_no for r in rows])
        paint_cards(table, CARD_COLUMN, [r.card for r in rows])
        paint_cards(table, SUPPLY_COLUMN, [r.supply_card for r in rows])
        paint_cards(table, STEP_COLUMN, [getattr(r, "step_card", None) for r in rows])
        table.setColumnHidden(STEP_COLUMN, not has_steps)

    def _summarise(self, shown: Shown) -> None:
        total = shown.cases.total
        parts = [translate("ManagerCases", "在办 %1 件").replace("%1", str(total.open)),
                 card_text("red") + " " + translate("ManagerCases", "%1 件").replace(
                     "%1", str(total.red)),
                 card_text("yellow") + " " + translate("ManagerCases", "%1 件").replace(
                     "%1", str(total.yellow)),
                 translate("ManagerCases", "容缺逾期 %1 件").replace("%1", str(total.supply_red)),
                 translate("ManagerCases", "今日到期 %1 件").replace("%1", str(total.due_today))]
        step_red = getattr(total, "step_red", 0)
        if step_red:
            parts.append(translate("ManagerCases", "环节超时 %1 件").replace("%1", str(step_red)))
        text = "　".join(parts)
        listed = len(shown.cases.rows)
        if listed < shown.cases.matching:
            text += "　" + translate("ManagerCases", "（列表显示前 %1 件）") \
                .replace("%1", str(listed))
        alarming = total.red or total.supply_red or step_red
        if not total.open:
            text = DONE_MARK + " " + translate("ManagerCases", "没有在办的办件")
        self.summary.setText(text)
        self.summary.setObjectName("alert" if alarming else "ok")
        self.summary.setStyleSheet("")   # re-read the object name's style

    # --- the detail ----------------------------------------------------------------
    def _picked(self, table) -> None:
        case_no = selected_key(table)
        if case_no is None or case_no == self._chosen_case:
            return
        self._chosen_case = case_no
        other = self.today_table if table is self.table else self.table
        blocked = other.blockSignals(True)
        other.clearSelection()
        other.blockSignals(blocked)
        self._read_detail(case_no)

    def select(self, case_no: str) -> bool:
        """Select ``case_no`` in the list (its detail is read next)."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == case_no:
                self.tabs.setCurrentIndex(0)
                self.table.selectRow(row)
                return True
        return False

    def _read_detail(self, case_no: str) -> None:
        self.calls.read(self, "case-detail", case_reads.case_detail, self.ctx, case_no,
                        done=self._detail_read, failed=lambda _error: self.detail.show_case(None))

    def _detail_read(self, detail: case_reads.CaseDetail) -> None:
        if detail.row.case_no == self._chosen_case:
            self.detail.show_case(detail)

    # --- the console's signals ----------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        portrait = self.height() > self.width()
        orientation = Qt.Orientation.Vertical if portrait else Qt.Orientation.Horizontal
        if orientation != self._laid_out:     # first, or turned: the manager's drag stays
            self._laid_out = orientation
            self.split.setOrientation(orientation)
            along = self.height() - 220 if portrait else self.width()
            # portrait: the detail under the list, half each; landscape: the list's
            # columns first (a 1366x768 console leaves the detail 30 %)
            share = 50 if portrait else 67 if self.width() >= WIDE_PX else 70
            self.split.setSizes([along * share // 100, along * (100 - share) // 100])
        narrow = self.width() < WIDE_PX
        for table in (self.table, self.today_table):
            table.setColumnHidden(CLERK_COLUMN, narrow)

    def on_events(self, events: list) -> None:
        actions = {e.action for e in events}
        if actions & CHOICE_EVENTS:
            self.calls.read(self, "case-choices", supervision_choices, self.ctx,
                            by=self.user.staff_no, done=self._choices_read)
        if actions & REREAD_EVENTS or any(
                e.action.startswith("case_") or (e.action == "service_finished"
                                                 and (e.payload or {}).get("case_no"))
                for e in events):
            self.refresh()

    def minute_ticked(self) -> None:
        """Cards turn with the day, with no event: read again when the day changes."""
        if self.choices is None:
            return
        today = hall_day(self.ctx.clock.now(), self.choices.timezone)
        if today != self._day:
            self._day = today
            self.refresh()


def build(ctx: HallContext, settings: Settings, user: ManagerView,
          calls: ConsoleCalls | None = None) -> SupervisionPage:
    return SupervisionPage(ctx, settings, user, calls)
