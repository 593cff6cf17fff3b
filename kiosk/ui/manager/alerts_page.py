"""告警: the alerts in force (``kiosk.queue.actions.alerts.evaluate``), most severe first, each
shown until a manager acknowledges it (``alerts.acknowledge`` records who and when).
Re-evaluated on every burst of the feed, and once a minute because a wait crossing its
threshold is time passing, not an event. Both run off the GUI thread (``ConsoleCalls``);
an acknowledgement carries a request id, so a retry after a lost answer is replayed."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from kiosk.clock import hall_day, hall_time
from kiosk.queue.actions import alerts
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.look import DONE_MARK, WARN_MARK
from kiosk.ui.manager.tasks import ConsoleCalls, as_kiosk_error
from kiosk.ui.manager.widgets import (
    KEY_ROLE, fill_table, hm, make_table, muted, page_title, show_error,
)


def alerts_in_force(ctx: HallContext, include_acknowledged: bool, *, by: str
                    ) -> tuple[str, list[alerts.Alert]]:
    """(the hall's time zone, the alerts to show): the page's one read, as ``by``."""
    return hall_reads.hall_info(ctx)[1], alerts.evaluate(
        ctx, by=by, include_acknowledged=include_acknowledged)


def acknowledge_all(ctx: HallContext, keys: list[str], *, by: str, request_id: str
                    ) -> int:
    """Acknowledge each alert of ``keys``, each with a request id of its own derived
    from the action's (a retry replays those already done); returns how many."""
    for number, key in enumerate(keys):
        alerts.acknowledge(ctx, key, by=by, request_id=f"{request_id}:{number}")
    return len(keys)


def level_names() -> dict[str, str]:
    return {"critical": "‼ " + translate("ManagerAlerts", "严重"),
            "warning": WARN_MARK + " " + translate("ManagerAlerts", "注意")}


class AlertsPage(QWidget):
    #: how many alerts wait for acknowledgement (the console shows it on the nav)
    count_changed = Signal(int)
    #: this many alerts were acknowledged (the table is read again next)
    acknowledged = Signal(int)

    def __init__(self, ctx: HallContext, settings: Settings, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self._tz = "Asia/Shanghai"
        self.shown: list[alerts.Alert] = []
        self.open_count = -1
        self.table = make_table([translate("ManagerAlerts", "级别"),
                                 translate("ManagerAlerts", "类型"),
                                 translate("ManagerAlerts", "发生时间"),
                                 translate("ManagerAlerts", "内容"),
                                 translate("ManagerAlerts", "处理")], stretch=3)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.acknowledge_selected())
        self.with_acknowledged = QCheckBox(translate("ManagerAlerts", "同时显示已确认的告警"))
        self.with_acknowledged.toggled.connect(lambda _on: self.refresh())
        self.ack_button = QPushButton(translate("ManagerAlerts", "确认所选告警（可多选）"))
        self.ack_button.setObjectName("primary")
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.summary = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.summary)
        bar.addStretch(1)
        bar.addWidget(self.with_acknowledged)
        bar.addWidget(self.ack_button)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("ManagerAlerts", "告警")))
        layout.addWidget(muted(translate(
            "ManagerAlerts", "告警一直显示到有人确认；确认人和时间记入电子监察。"
                             "阈值在“设置”页修改（等候超时、暂停超时）。")))
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        """Read the alerts again (they are shown when the read returns)."""
        self.calls.read(self, "alerts", alerts_in_force, self.ctx,
                        self.with_acknowledged.isChecked(), by=self.user.staff_no,
                        done=self._show)

    def _show(self, found: tuple[str, list[alerts.Alert]]) -> None:
        self._tz, self.shown = found
        levels = level_names()

        def handled(alert: alerts.Alert) -> str:
            if not alert.acknowledged:
                return translate("ManagerAlerts", "待确认")
            return DONE_MARK + " " + translate("ManagerAlerts", "%1 于 %2 确认") \
                .replace("%1", alert.acknowledged_by or "").replace(
                    "%2", hm(alert.acknowledged_at, self._tz))

        today = hall_day(self.ctx.clock.now(), self._tz)

        def raised(alert: alerts.Alert) -> str:
            """HH:MM today; an earlier day's (a case's red card) with its date."""
            if hall_day(alert.raised_at, self._tz) == today:
                return hm(alert.raised_at, self._tz)
            return f"{hall_time(alert.raised_at, self._tz):%m-%d %H:%M}"

        fill_table(self.table, [
            (levels.get(a.level, a.level), a.title_zh, raised(a),
             a.message_zh, handled(a)) for a in self.shown],
            keys=[a.key for a in self.shown])
        count = sum(1 for a in self.shown if not a.acknowledged)
        self.summary.setText(translate("ManagerAlerts", "待确认 %1 条").replace("%1", str(count))
                             if count else DONE_MARK + " " + translate("ManagerAlerts", "没有待确认的告警"))
        self.summary.setObjectName("alert" if count else "ok")
        self.summary.setStyleSheet("")  # re-read the object name's style
        self._selection_changed()
        if count != self.open_count:
            self.open_count = count
            self.count_changed.emit(count)

    def _selection_changed(self) -> None:
        self.ack_button.setEnabled(any(not a.acknowledged for a in self.selected()))

    def selected(self) -> list[alerts.Alert]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        keys = {self.table.item(r, 0).data(KEY_ROLE) for r in rows}
        return [a for a in self.shown if a.key in keys]

    def acknowledge_selected(self) -> int:
        """Acknowledge every selected alert not yet acknowledged, on the worker; returns
        how many were sent (``acknowledged`` follows once they are recorded)."""
        keys = [alert.key for alert in self.selected() if not alert.acknowledged]
        if not keys:
            return 0
        self.ack_button.setEnabled(False)
        if not self.calls.act(self, "acknowledge", acknowledge_all, self.ctx, keys,
                              by=self.user.staff_no, done=self._acknowledged,
                              failed=self._not_acknowledged):
            self._selection_changed()
            return 0
        return len(keys)

    def _acknowledged(self, count: int) -> None:
        self.refresh()
        self.acknowledged.emit(count)

    def _not_acknowledged(self, error: BaseException) -> None:
        show_error(self, as_kiosk_error(error))
        self.refresh()           # those acknowledged before the refusal drop out

    def on_events(self, events: list) -> None:
        self.refresh()

    def minute_ticked(self) -> None:
        self.refresh()


def build(ctx: HallContext, settings: Settings, user: ManagerView,
          calls: ConsoleCalls | None = None) -> AlertsPage:
    return AlertsPage(ctx, settings, user, calls)
