"""实时监控: today's queues, windows and ratings, with the hourly and wait charts, from
``kiosk.reports.live.live_status``. It refreshes only from the event feed (bursts
coalesced by the console) and once a minute, since waits grow without any event. The
read runs off the GUI thread (``ConsoleCalls``); the tables change when it returns."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.reports.live import LiveStatus, ServiceLive, WindowLive, live_status
from kiosk.reports.stats import format_value
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.live_charts import hourly_chart, show_hourly, show_waits, wait_chart
from kiosk.ui.manager.look import WARN_MARK, WINDOW_STATE_MARK
from kiosk.ui.manager.tasks import ConsoleCalls
from kiosk.ui.manager.widgets import fill_table, hm, make_table, minutes_text, page_title

#: actions that change nothing the live view shows
IGNORED = {"manager_signed_in", "setting_changed", "rater_details_viewed",
           "alert_acknowledged", "calendar_day_set", "calendar_day_cleared",
           "followup_advanced", "first_inquiry_recorded"}


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
    clerk = f"{w.staff_name}（{w.staff_no}）" if w.staff_no else ""
    return (w.number, w.name, state, clerk, ticket,
            minutes_text(w.ticket_for_s) if w.ticket_code else "", pause, w.served)


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
        self.ratings = QLabel()
        self.ratings.setWordWrap(True)
        self.services = make_table([translate("ManagerLive", "业务"),
                                    translate("ManagerLive", "等候人数"),
                                    translate("ManagerLive", "最长等候"),
                                    translate("ManagerLive", "今日平均等候"),
                                    translate("ManagerLive", "已办结"),
                                    translate("ManagerLive", "过号"),
                                    translate("ManagerLive", "已取号"),
                                    translate("ManagerLive", "剩余号数")], stretch=0)
        self.windows = make_table([translate("ManagerLive", "窗口"),
                                   translate("ManagerLive", "名称"),
                                   translate("ManagerLive", "状态"),
                                   translate("ManagerLive", "工作人员"),
                                   translate("ManagerLive", "当前号"),
                                   translate("ManagerLive", "已用时"),
                                   translate("ManagerLive", "暂停情况"),
                                   translate("ManagerLive", "今日办结")], stretch=6)
        self.hourly = hourly_chart()
        self.waits = wait_chart()
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(self.services)
        tables.addWidget(self.windows)
        tables.setSizes([380, 560])
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.hourly)
        charts.addWidget(self.waits)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(tables)
        body.addWidget(charts)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([1200, 520])
        title = QHBoxLayout()
        title.addWidget(page_title(translate("ManagerLive", "实时监控")))
        title.addWidget(self.headline, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(title)
        layout.addWidget(self.ratings)
        layout.addWidget(body, 1)
        self.refresh()

    def refresh(self) -> None:
        """Read the live figures again (a burst of requests costs two reads)."""
        self.calls.read(self, "live", live_with_zone, self.ctx, by=self.user.staff_no,
                        done=self._show)

    def _show(self, found: tuple[str, LiveStatus]) -> None:
        self._tz, status = found
        self.status = status
        self.refresh_count += 1
        waiting = sum(s.waiting for s in status.services)
        served = sum(s.served for s in status.services)
        staffed = sum(1 for w in status.windows if w.state != "closed")
        self.headline.setText(
            translate("ManagerLive", "%1　等候 %2 人　已办结 %3 件　在岗窗口 %4 / %5　更新于 %6")
            .replace("%1", f"{status.day:%Y-%m-%d}").replace("%2", str(waiting))
            .replace("%3", str(served)).replace("%4", str(staffed))
            .replace("%5", str(len(status.windows))).replace("%6", hm(status.at, self._tz)))
        r = status.ratings
        self.ratings.setText(
            translate("ManagerLive", "今日评价：非常满意 %1，满意 %2，基本满意 %3，不满意 %4，非常不满意 %5；"
                              "已评 %6 / 办结 %7（参评率 %8），未评 %9；满意率 %10，好评率 %11，差评 %12")
            .replace("%10", format_value("rate", r.satisfaction_rate))
            .replace("%11", format_value("rate", r.good_rate)).replace("%12", str(r.bad))
            .replace("%1", str(r.levels[5])).replace("%2", str(r.levels[4]))
            .replace("%3", str(r.levels[3])).replace("%4", str(r.levels[2]))
            .replace("%5", str(r.levels[1])).replace("%6", str(r.rated))
            .replace("%7", str(r.finished)).replace("%8", format_value("rate", r.rating_rate))
            .replace("%9", str(r.unrated)))
        fill_table(self.services, [service_row(s) for s in status.services],
                   keys=[s.prefix for s in status.services], right=range(1, 8))
        fill_table(self.windows, [window_row(w, self._tz) for w in status.windows],
                   keys=[w.number for w in status.windows], right=(5, 7))
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
