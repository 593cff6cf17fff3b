"""This PC's clock against the hall clock (the database's): a manager alert naming the
PC when they differ by more than ``SKEW_LIMIT``, cleared once it is back within limits.

Stamps and the call order never take a PC's time (``kiosk.clock``), but a wrong clock
still shows a wrong time on that PC's screen and in its logs. The alert is a
``device_fault`` / ``device_recovered`` event of device ``clock`` by actor
``machine:<name>`` (as ``faults`` records printers), shown by ``alerts``. An event is
appended only when the state changes, so every app of every PC may check every few
minutes. On SQLite the database's time is this PC's own, so the skew is always nil.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import bindparam, select

from kiosk.clock import ServerClock, at_hall_time
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import Actor, append_event
from kiosk.queue.store.models import Event

#: how far a PC's clock may be off before the manager is told
SKEW_LIMIT = dt.timedelta(seconds=30)
DEVICE = "clock"


@dataclasses.dataclass(frozen=True)
class ClockCheck:
    machine: str
    #: this PC's clock minus the hall clock
    skew: dt.timedelta
    #: off by more than the limit
    faulty: bool
    #: the fault or recovery event just appended (None: nothing changed)
    event_id: int | None


def machine_actor(machine: str) -> Actor:
    return Actor("machine", machine[:50])


def check_clock(ctx: HallContext, *, machine: str,
                limit: dt.timedelta = SKEW_LIMIT) -> ClockCheck | None:
    """Compare this PC's clock with the hall clock and raise or clear its alert. None
    when ``ctx`` has no PC clock to compare (a ``ManualClock`` of a test or simulation)."""
    clock = ctx.clock
    if not isinstance(clock, ServerClock):
        return None
    actor = machine_actor(machine)
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)      # reads the hall clock: ``skew`` is fresh
        skew = clock.skew
        was_faulty = _fault_open(scope, actor)
    faulty = abs(skew) > limit
    if faulty == was_faulty:
        return ClockCheck(machine, skew, faulty, None)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if _fault_open(scope, actor) == faulty:  # another app of this PC was quicker
            return ClockCheck(machine, skew, faulty, None)
        seconds = round(skew.total_seconds(), 1)
        if faulty:
            zh, en = _describe(skew)
            event = append_event(scope, actor, "device_fault", payload={
                "device": DEVICE, "kind": "skew", "machine": machine, "skew_s": seconds,
                "message": en, "message_zh": zh})
        else:
            event = append_event(scope, actor, "device_recovered", payload={
                "device": DEVICE, "machine": machine, "skew_s": seconds})
        return ClockCheck(machine, skew, faulty, event.id)


_CLOCK_EVENTS = (select(Event.action, Event.payload).where(
    Event.hall_id == bindparam("hall_id"), Event.actor == bindparam("actor"),
    Event.action.in_(("device_fault", "device_recovered")),
    Event.at >= bindparam("since")).order_by(Event.id.desc()))


def _fault_open(scope: Scope, actor: Actor) -> bool:
    """Whether today's alerts show a clock fault of this PC (``alerts`` looks at today's
    events only, so a fault left open yesterday is raised again)."""
    since = at_hall_time(scope.today, dt.time(0), scope.hall.timezone)
    rows = scope.session.execute(_CLOCK_EVENTS, {
        "hall_id": scope.hall.id, "actor": str(actor), "since": since})
    for action, payload in rows:
        if (payload or {}).get("device") == DEVICE:
            return action == "device_fault"
    return False


def _describe(skew: dt.timedelta) -> tuple[str, str]:
    seconds = round(abs(skew.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [(days, "天", "d"), (hours, "小时", "h"), (minutes, "分", "min"),
             (seconds, "秒", "s")]
    shown = [(n, zh, en) for n, zh, en in parts if n] or [(0, "秒", "s")]
    zh = " ".join(f"{n} {unit}" for n, unit, _ in shown)
    en = " ".join(f"{n} {unit}" for n, _, unit in shown)
    if skew > dt.timedelta(0):
        return (f"时钟比服务器快 {zh}，请校准该电脑的系统时间",
                f"clock {en} ahead of the server's: set it right")
    return (f"时钟比服务器慢 {zh}，请校准该电脑的系统时间",
            f"clock {en} behind the server's: set it right")
