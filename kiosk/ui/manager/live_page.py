"""实时监控: today's KPI tiles (breaches said in words and red), queues, windows and
ratings, with the hourly and wait charts, from ``kiosk.reports.live.live_status``. It
fits a 1366x768 PC without sideways scrolling; on a portrait screen the charts go under
the tables. It refreshes only from the event feed (bursts coalesced by the console) and
once a minute, since waits grow without any event. The read runs off the GUI thread
(``ConsoleCalls``); the page changes when it returns."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QLabel, QSplitter, QVBoxLayout, QWidget,
)

from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.reports.kpis import SpeechDown
from kiosk.reports.live import LiveStatus, ServiceLive, WindowLive, live_status
from kiosk.reports.stats import format_value
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.live_charts import hourly_chart, show_hourly, show_waits, wait_chart
from kiosk.ui.manager.kpi_tiles import TileRow
from kiosk.ui.manager.look import BREACH_BG, BREACH_INK, WARN_MARK, WINDOW_STATE_MARK
from kiosk.ui.manager.tasks import ConsoleCalls
from kiosk.ui.manager.widgets import fill_table, hm, make_table, minutes_text, page_title

#: actions that change nothing the live view shows (an acknowledged alert, a changed
#: wait threshold and a calendar day do: open alerts, breaches and the day's hours)
IGNORED = {"manager_signed_in", "rater_details_viewed", "followup_advanced",
           "first_inquiry_recorded"}


def live_with_zone(ctx: HallContext, *, by: str) -> tuple[str, LiveStatus]:
    """(the hall's time zone, today's live figures): the page's one read."""
    return hall_reads.hall_info(ctx)[1], live_status(ctx, by=by)


def state_names() -> dict[str, str]:
    return {"open": translate("ManagerLive", "服务中"), "paused": translate("ManagerLive", "暂停"),
            "closed": translate("ManagerLive", "未登录")}


def ticket_states() -> dict[str, str]:
    return {"called": translate("ManagerLive", "已叫号"), "serving": translate("ManagerLive", "办理中")}


def service_row(s: ServiceLive) -> tuple:
    left = translate("ManagerLive", "不限") if s.left is None else s.left
    longest = minutes_text(s.longest_wait_s)
    if s.over_limit:
        longest = f"{WARN_MARK} {longest} " + translate("ManagerLive", "超时")
    return (f"{s.prefix} {s.name}", s.waiting, longest, minutes_text(s.avg_wait_s),
            s.served, s.no_shows, s.issued, left)


def window_row(w: WindowLive, tz: str) -> tuple:
    state = f"{WINDOW_STATE_MARK.get(w.state, '')} {state_names().get(w.state, w.state)}"
    ticket = ""
    if w.ticket_code:
        ticket = f"{w.ticket_code} {ticket_states().get(w.ticket_state, '')}"
    pause = ""
    if w.state == "paused":
        pause = translate("ManagerLive", "%1 起 %2").replace("%1", hm(w.paused_at, tz)).replace(
            "%2", w.pause_reason or "")
        if w.pause_back_at:
            pause += translate("ManagerLive", "，预计 %1").replace("%1", hm(w.pause_back_at, tz))
        if w.pause_overdue:
            pause = f"{WARN_MARK} " + translate("ManagerLive", "超时 ") + pause
    if w.ticket_code:
        ticket += " · " + minutes_text(w.ticket_for_s)
    clerk = f"{w.staff_name} {w.staff_no}" if w.staff_no else ""
    return (f"{w.number} {w.name}", state, clerk, ticket, pause, w.served)


def mark_breach(table, row: int, column: int, over: bool) -> None:
    """Red ink on pale red for a cell over its threshold (its text says 超时 too);
    ``over`` False puts a reused cell back to plain."""
    cell = table.item(row, column)
    cell.setForeground(QBrush(QColor(BREACH_INK)) if over else QBrush())
    cell.setBackground(QBrush(QColor(BREACH_BG)) if over else QBrush())
    font = cell.font()
    font.setBold(over)
    cell.setFont(font)


def speech_text(down: tuple[SpeechDown, ...], tz: str) -> str:
    """The 语音播报不可用 strip: which machine, why, since when, and what it means."""
    names = {"display": translate("ManagerLive", "综合屏")}
    parts = [translate("ManagerLive", "%1（%2，%3 起）").replace(
        "%1", names.get(d.machine, d.machine)).replace(
        "%2", d.message_zh or translate("ManagerLive", "原因未报")).replace(
        "%3", hm(d.since, tz)) for d in down]
    return ("‼ " + translate("ManagerLive", "语音播报不可用：") + "；".join(parts)
            + translate("ManagerLive", "。叫号只显示、不播报，请检查音箱和语音。"))


class LivePage(QWidget):
    def __init__(self, ctx: HallContext, settings: Settings, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self.status: LiveStatus | None = None
        self.refresh_count = 0
        self._behind = False
        self._tz = "Asia/Shanghai"
        self.headline = QLabel()
        self.headline.setObjectName("banner")
        self.tiles = TileRow()
        self.speech = QLabel()
        self.speech.setObjectName("alert")
        self.speech.setWordWrap(True)
        self.speech.hide()
        self.ratings = QLabel()
        self.ratings.setWordWrap(True)
        self.services = make_table([translate("ManagerLive", "业务"),
                                    translate("ManagerLive", "等候"),
                                    translate("ManagerLive", "最长等候"),
                                    translate("ManagerLive", "平均等候"),
                                    translate("ManagerLive", "已办结"),
                                    translate("ManagerLive", "过号"),
                                    translate("ManagerLive", "已取号"),
                                    translate("ManagerLive", "剩余")], stretch=0)
        self.windows = make_table([translate("ManagerLive", "窗口"),
                                   translate("ManagerLive", "状态"),
                                   translate("ManagerLive", "工作人员"),
                                   translate("ManagerLive", "当前号"),
                                   translate("ManagerLive", "暂停情况"),
                                   translate("ManagerLive", "办结")], stretch=4)
        # names and pause notes give way (elided, whole in the tooltip) before the
        # table would scroll sideways on a 1366x768 screen
        self.windows.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        for table in (self.services, self.windows):
            table.horizontalHeader().setMinimumSectionSize(40)
            table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.hourly = hourly_chart()
        self.waits = wait_chart()
        for chart in (self.hourly, self.waits):
            chart.setMinimumHeight(200)
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(self.services)
        tables.addWidget(self.windows)
        tables.setSizes([300, 560])
        self.charts = charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.hourly)
        charts.addWidget(self.waits)
        self.body = body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(tables)
        body.addWidget(charts)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([780, 400])
        title = QHBoxLayout()
        title.addWidget(page_title(translate("ManagerLive", "实时监控")))
        title.addWidget(self.headline, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(title)
        layout.addWidget(self.tiles)
        layout.addWidget(self.speech)
        layout.addWidget(self.ratings)
        layout.addWidget(body, 1)
        self.refresh()

    #: narrower than this, the charts go under the tables (a portrait screen)
    SIDE_BY_SIDE_PX = 1000

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Tables beside the charts on a landscape screen; on a narrow one the charts
        go under the tables, side by side, so no table scrolls sideways."""
        super().resizeEvent(event)
        wide = self.width() >= self.SIDE_BY_SIDE_PX
        body = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.body.orientation() != body:
            self.body.setOrientation(body)
            self.charts.setOrientation(Qt.Orientation.Vertical if wide
                                       else Qt.Orientation.Horizontal)
            total = self.width() if wide else self.height()
            self.body.setSizes([total * 3 // 5, total * 2 // 5])

    def refresh(self) -> None:
        """Read the live figures again (a burst of requests costs two reads)."""
        self.calls.read(self, "live", live_with_zone, self.ctx, by=self.user.staff_no,
                        done=self._show)

    def _show(self, found: tuple[str, LiveStatus]) -> None:
        self._tz, status = found
        self.status = status
        self.refresh_count += 1
        k = status.kpis
        self.headline.setText(translate("ManagerLive", "%1　更新于 %2　（每分钟及有变化时刷新）")
                              .replace("%1", f"{status.day:%Y-%m-%d}")
                              .replace("%2", hm(status.at, self._tz)))
        self.tiles.show_kpis(k)
        self.speech.setVisible(bool(k.speech_down))
        if k.speech_down:
            self.speech.setText(speech_text(k.speech_down, self._tz))
        r = status.ratings
        self.ratings.setText(
            translate("ManagerLive", "今日评价：非常满意 %1 · 满意 %2 · 基本满意 %3 · 不满意 %4 · "
                                     "非常不满意 %5 · 未评 %6（参评率 %7，好评率 %8）")
            .replace("%1", str(r.levels[5])).replace("%2", str(r.levels[4]))
            .replace("%3", str(r.levels[3])).replace("%4", str(r.levels[2]))
            .replace("%5", str(r.levels[1])).replace("%6", str(r.unrated))
            .replace("%7", format_value("rate", r.rating_rate))
            .replace("%8", format_value("rate", r.good_rate)))
        fill_table(self.services, [service_row(s) for s in status.services],
                   keys=[s.prefix for s in status.services], right=range(1, 8))
        for row, s in enumerate(status.services):
            for column in (1, 2):
                mark_breach(self.services, row, column, s.over_limit > 0)
        fill_table(self.windows, [window_row(w, self._tz) for w in status.windows],
                   keys=[w.number for w in status.windows], right=(5,))
        for row, w in enumerate(status.windows):
            mark_breach(self.windows, row, 4, w.pause_overdue)
        show_hourly(self.hourly, status.hourly)
        show_waits(self.waits, status.wait_buckets, status.waiting_buckets)

    def on_events(self, events: list) -> None:
        """Redraw for any change it shows; while hidden, only note that it is behind
        (the manager may be on another page for an hour of a busy day)."""
        if any(e.action not in IGNORED for e in events):
            self._refresh_when_seen()

    def minute_ticked(self) -> None:
        self._refresh_when_seen()

    def _refresh_when_seen(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._behind = True

    def page_shown(self) -> None:
        if self._behind:
            self._behind = False
            self.refresh()


def build(ctx: HallContext, settings: Settings, user: ManagerView,
          calls: ConsoleCalls | None = None) -> LivePage:
    return LivePage(ctx, settings, user, calls)
