"""The live view's headline figures (KPI tiles): what a manager checks first, each with
the threshold it breaches, computed in the live read's own snapshot so the tiles agree
with the tables under them."""
from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk.queue.actions import alerts as hall_alerts
from kiosk.queue.store.context import Scope


@dataclasses.dataclass(frozen=True)
class SpeechDown:
    """A machine whose speech is unavailable (an open ``speech_fault``): who and why."""

    machine: str
    message_zh: str
    since: dt.datetime


@dataclasses.dataclass(frozen=True)
class Kpis:
    waiting: int                      # tickets waiting now
    longest_wait_s: float | None      # the longest wait now (None: nobody waits)
    longest_prefix: str | None        # ... in this queue
    wait_limit_s: float               # alerts.wait_minutes, in seconds
    over_limit: int                   # tickets waiting longer than the limit
    served: int                       # tickets finished today
    issued: int                       # tickets taken today
    open_windows: int                 # windows serving now
    paused_windows: int
    windows: int                      # active windows
    satisfaction_rate: float | None   # (非常满意 + 满意) / rated, today
    rated: int
    bad: int                          # 不满意 + 非常不满意 today
    open_alerts: int                  # alerts not acknowledged
    critical_alerts: int              # ... of them critical
    speech_down: tuple[SpeechDown, ...]   # shown even once acknowledged: a state

    @property
    def wait_breached(self) -> bool:
        return self.longest_wait_s is not None and self.longest_wait_s > self.wait_limit_s


def kpis(scope: Scope, services, windows, ratings) -> Kpis:
    """The tiles from the live read's rows (``services``, ``windows``, ``ratings``)
    and the alerts in force in the same snapshot."""
    limit = scope.settings.get("alerts.wait_minutes") * 60.0
    waits = [s for s in services if s.longest_wait_s is not None]
    longest = max(waits, key=lambda s: s.longest_wait_s, default=None)
    in_force = hall_alerts.in_force(scope, include_acknowledged=True)
    open_alerts = [a for a in in_force if not a.acknowledged]
    over = sum(s.over_limit for s in services)
    return Kpis(
        waiting=sum(s.waiting for s in services),
        longest_wait_s=longest.longest_wait_s if longest else None,
        longest_prefix=longest.prefix if longest else None,
        wait_limit_s=limit, over_limit=over,
        served=sum(s.served for s in services), issued=sum(s.issued for s in services),
        open_windows=sum(1 for w in windows if w.state == "open"),
        paused_windows=sum(1 for w in windows if w.state == "paused"),
        windows=len(windows),
        satisfaction_rate=ratings.satisfaction_rate, rated=ratings.rated, bad=ratings.bad,
        open_alerts=len(open_alerts),
        critical_alerts=sum(1 for a in open_alerts if a.level == "critical"),
        speech_down=tuple(_speech_down(a) for a in in_force
                          if a.kind == "speech_fault"))


def _speech_down(alert: hall_alerts.Alert) -> SpeechDown:
    # the key is device:speech:<actor>:<event id>; the actor names the machine
    actor = alert.key.split(":")[2:-1]
    machine = ":".join(actor).removeprefix("machine:")
    message = alert.message_zh.split("：", 1)[1] if "：" in alert.message_zh else ""
    return SpeechDown(machine, message, alert.raised_at)
