"""好差评上报: each rating's delivery to the provincial platform (未上报 / 已上报 / 失败,
with the platform's reason), 重新上报 for the failed, the month's reconciliation against
the platform's acknowledgements, and the ratings that look made up.

Deliveries are marked by the deliverer without an event, so besides the feed (a new
rating, a report queued again) the page reads again each minute while it is shown; a
hidden page only keeps the nav's count of failed reports current.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.queue.actions import rating_report
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.reads import rating_patterns, rating_reports
from kiosk.queue.reads.rating_reports import FAILED, REPORTED, UNREPORTED, ReportRow
from kiosk.queue.rules.names import LEVEL_ZH
from kiosk.queue.store.context import HallContext
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.look import WARN_MARK
from kiosk.ui.manager.rating_checks import (
    PatternsPanel,
    ReconcilePanel,
    Thresholds,
    reason_zh,
    state_names,
    when,
)
from kiosk.ui.manager.tasks import ConsoleCalls
from kiosk.ui.manager.widgets import (
    fill_table,
    make_table,
    muted,
    page_title,
    selected_key,
    show_done,
)

#: the events after which what this page shows may differ
RATING_EVENTS = {"ticket_rated", "rating_report_requeued", "setting_changed"}
SHOWN_MAX = 1000  # rows listed; the counts cover the whole month
MONTHS = 13       # this month and the twelve before it
NARROW_PX = 1050  # the page narrower than this hides NARROW_HIDDEN (渠道, 上报时间)
NARROW_HIDDEN = (4, 7)


@dataclasses.dataclass(frozen=True)
class Shown:
    """The page's one read: a month's reports (the state filter applied), their counts
    by state, every failed report's count (the nav badge) and the month's patterns."""

    tz: str
    today: dt.date
    month: tuple[int, int]
    rows: list[ReportRow]
    counts: dict[str, int]
    failed_ids: tuple[int, ...]     # of the month
    failed_total: int               # of every month
    patterns: list[rating_patterns.PatternRow]
    thresholds: Thresholds


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def page_data(ctx: HallContext, month: tuple[int, int] | None, state: str | None) -> Shown:
    """What the page shows for ``month`` (None: this month) and ``state`` (None: all)."""
    tz = hall_reads.hall_info(ctx)[1]
    today = hall_reads.today(ctx)
    month = month or (today.year, today.month)
    start, end = month_range(*month)
    rows = rating_reports.report_states(ctx, start=start, end=end)
    settings = hall_reads.effective_settings(ctx)
    return Shown(
        tz, today, month, [r for r in rows if state in (None, r.state)][:SHOWN_MAX],
        dict(Counter(r.state for r in rows)),
        tuple(r.rating_id for r in rows if r.state == FAILED),
        failed_count(ctx), rating_patterns.suspicious(ctx, start=start, end=end),
        Thresholds(settings.get("rating.burst_seconds"), settings.get("rating.burst_count"),
                   settings.get("rating.late_days")))


def failed_count(ctx: HallContext) -> int:
    return len(rating_reports.report_states(ctx, state=FAILED))


def channel_name(channel: str) -> str:
    return {"pad": translate("ManagerRatings", "评价器"),
            "phone": translate("ManagerRatings", "手机扫码")}.get(channel, channel)


class RatingReportsPage(QWidget):
    #: how many reports failed (the console shows it on the nav)
    count_changed = Signal(int)
    #: these ratings' reports were queued again
    requeued = Signal(tuple)

    def __init__(self, ctx: HallContext, settings: Settings, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self.data: Shown | None = None
        self.open_count = -1
        self._stale = False
        self.month = QComboBox()
        self.month.currentIndexChanged.connect(lambda _i: self._month_chosen())
        self.state = QComboBox()
        self.state.addItem(translate("ManagerRatings", "全部状态"), None)
        for state, name in state_names().items():
            self.state.addItem(name, state)
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        self.summary = QLabel()
        self.summary.setWordWrap(True)   # the month's counts: wider than a portrait page
        self.table = make_table([translate("ManagerRatings", "评价编号"),
                                 translate("ManagerRatings", "号票"),
                                 translate("ManagerRatings", "评价时间"),
                                 translate("ManagerRatings", "评价"),
                                 translate("ManagerRatings", "渠道"),
                                 translate("ManagerRatings", "上报状态"),
                                 translate("ManagerRatings", "尝试次数"),
                                 translate("ManagerRatings", "上报时间"),
                                 translate("ManagerRatings", "平台回执 / 原因")], stretch=8)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.detail = muted()
        self.resend_button = QPushButton(translate("ManagerRatings", "重新上报所选"))
        self.resend_button.setObjectName("primary")
        self.resend_button.clicked.connect(self.resend_selected)
        self.resend_all_button = QPushButton()
        self.resend_all_button.clicked.connect(self.resend_all_failed)
        self.reconcile = ReconcilePanel(ctx, self.calls)
        self.patterns = PatternsPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._states_tab(), translate("ManagerRatings", "上报状态"))
        self.tabs.addTab(self.reconcile, translate("ManagerRatings", "月度对账"))
        self.tabs.addTab(self.patterns, translate("ManagerRatings", "异常评价"))
        top = QHBoxLayout()
        top.addWidget(page_title(translate("ManagerRatings", "好差评上报")))
        top.addStretch(1)
        top.addWidget(QLabel(translate("ManagerRatings", "月份")))
        top.addWidget(self.month)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    def _states_tab(self) -> QWidget:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(translate("ManagerRatings", "显示")))
        bar.addWidget(self.state)
        bar.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.resend_button)
        buttons.addWidget(self.resend_all_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(muted(translate(
            "ManagerRatings", "每条评价都要上报省一体化政务服务平台。失败的多是平台拒收"
                              "（如事项编码不符）：在“设置”中改正后点“重新上报”。")))
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        return tab

    def resizeEvent(self, event) -> None:
        """A narrow (portrait) console leaves out 渠道 and 上报时间, so the platform's
        answer keeps room; the chosen row's line below says them."""
        super().resizeEvent(event)
        for column in NARROW_HIDDEN:
            self.table.setColumnHidden(column, self.width() < NARROW_PX)

    # --- reading ------------------------------------------------------------------------
    def chosen_month(self) -> tuple[int, int] | None:
        return self.month.currentData()

    def refresh(self) -> None:
        """Read the chosen month again (shown when the read returns)."""
        self._stale = False
        self.calls.read(self, "rating_reports", page_data, self.ctx, self.chosen_month(),
                        self.state.currentData(), done=self._show)

    def _month_chosen(self) -> None:
        self.reconcile.set_month(self.chosen_month())
        self.refresh()

    def _show(self, data: Shown) -> None:
        self.data = data
        self.reconcile.tz = data.tz
        if self.month.count() == 0:
            self._fill_months(data.today, data.month)
        names = state_names()
        fill_table(self.table, [
            (r.rating_id, r.ticket_code, when(r.rated_at, data.tz),
             translate("Rating", LEVEL_ZH[r.level]), channel_name(r.channel),
             names[r.state], r.attempts, when(r.sent_at, data.tz),
             r.ack_id or (reason_zh(r.reason) if r.reason else "")) for r in data.rows],
            keys=[r.rating_id for r in data.rows])
        count = data.counts.get
        summary = translate("ManagerRatings", "共 %1 条评价：%2 %3 条，%4 %5 条，%6 %7 条") \
            .replace("%1", str(sum(data.counts.values())))
        for number, state in enumerate((REPORTED, UNREPORTED, FAILED)):
            summary = summary.replace(f"%{2 * number + 2}", names[state]) \
                .replace(f"%{2 * number + 3}", str(count(state, 0)))
        if len(data.rows) >= SHOWN_MAX:
            summary += translate("ManagerRatings", "（只列出最新 %1 条）").replace(
                "%1", str(SHOWN_MAX))
        self.summary.setText(summary)
        failed = len(data.failed_ids)
        self.resend_all_button.setText(translate("ManagerRatings", "该月失败的全部重新上报（%1 条）")
                                       .replace("%1", str(failed)))
        self.resend_all_button.setEnabled(failed > 0)
        self.patterns.show_rows(data.patterns, data.thresholds, data.tz)
        self.tabs.setTabText(2, translate("ManagerRatings", "异常评价") + (
            f" {WARN_MARK}{len(data.patterns)}" if data.patterns else ""))
        self._chosen()
        self._count(data.failed_total)

    def _fill_months(self, today: dt.date, month: tuple[int, int]) -> None:
        blocked = self.month.blockSignals(True)
        year, number = today.year, today.month
        for _ in range(MONTHS):
            self.month.addItem(translate("ManagerRatings", "%1年%2月")
                               .replace("%1", str(year)).replace("%2", f"{number:02d}"),
                               (year, number))
            year, number = (year, number - 1) if number > 1 else (year - 1, 12)
        self.month.setCurrentIndex(max(self.month.findData(month), 0))
        self.month.blockSignals(blocked)
        self.reconcile.set_month(month)

    def _count(self, failed: int) -> None:
        if failed != self.open_count:
            self.open_count = failed
            self.count_changed.emit(failed)

    def selected_row(self) -> ReportRow | None:
        key = selected_key(self.table)
        rows = self.data.rows if self.data else []
        return next((r for r in rows if r.rating_id == key), None)

    def _chosen(self) -> None:
        row = self.selected_row()
        self.resend_button.setEnabled(row is not None and row.state == FAILED)
        if row is None:
            self.detail.setText(translate("ManagerRatings", "选中一行查看上报详情。"))
            return
        text = translate("ManagerRatings", "%1 号（评价编号 %2）：%3，已尝试 %4 次") \
            .replace("%1", row.ticket_code).replace("%2", str(row.rating_id)) \
            .replace("%3", state_names()[row.state]).replace("%4", str(row.attempts))
        text += translate("ManagerRatings", "，%1评价").replace("%1", channel_name(row.channel))
        if row.sent_at is not None:
            text += translate("ManagerRatings", "，%1 上报").replace(
                "%1", when(row.sent_at, self.data.tz))
        if row.ack_id:
            text += translate("ManagerRatings", "，平台回执 %1").replace("%1", row.ack_id)
        if row.reason:
            label = translate("ManagerRatings", "失败原因") if row.state == FAILED \
                else translate("ManagerRatings", "上次出错")
            text += f"。{label}：{reason_zh(row.reason)}"
        self.detail.setText(text)

    # --- 重新上报 -----------------------------------------------------------------------
    def resend_selected(self) -> bool:
        row = self.selected_row()
        return row is not None and row.state == FAILED and self._resend((row.rating_id,))

    def resend_all_failed(self) -> bool:
        return bool(self.data and self.data.failed_ids) and self._resend(self.data.failed_ids)

    def _resend(self, rating_ids: tuple[int, ...]) -> bool:
        return self.calls.act(self, "rating_report_requeue", rating_report.requeue, self.ctx,
                              list(rating_ids), by=self.user.staff_no, done=self._resent)

    def _resent(self, rating_ids: tuple[int, ...]) -> None:
        self.refresh()
        self.requeued.emit(tuple(rating_ids))
        show_done(self, translate("ManagerRatings", "已重新排队上报 %1 条评价，稍后在此查看结果。")
                  .replace("%1", str(len(rating_ids))))

    # --- following the hall -------------------------------------------------------------
    def page_shown(self) -> None:
        if self._stale:
            self.refresh()

    def _follow(self) -> None:
        if self.isVisible():
            self.refresh()
        else:  # read when shown; keep the nav's count current meanwhile
            self._stale = True
            self.calls.read(self, "rating_reports_failed", failed_count, self.ctx,
                            done=self._count)

    def on_events(self, events: list) -> None:
        if any(e.action in RATING_EVENTS for e in events):
            self._follow()

    def minute_ticked(self) -> None:
        self._follow()


def build(ctx: HallContext, settings: Settings, user: ManagerView,
          calls: ConsoleCalls | None = None) -> RatingReportsPage:
    return RatingReportsPage(ctx, settings, user, calls)
