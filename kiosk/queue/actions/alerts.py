"""Alerts for the hall manager, evaluated from the live tables and today's events.

Each alert has a stable ``key`` (the same situation gives the same key on every
evaluation) and a ``raised_at``. It is shown until acknowledged: ``acknowledge`` stores
the time per key, and an alert shows again only if it is raised again later (for a queue
that was acknowledged, a ticket crossing the wait threshold after the acknowledgement).

Rules (thresholds from settings):

* ``wait``: per queue, tickets waiting longer than ``alerts.wait_minutes`` since issue;
  key ``wait:<day>:<prefix>``; raised when the latest of them crossed the threshold.
* ``pause_overdue``: a paused window ``alerts.pause_overdue_minutes`` past the return
  time its clerk gave; key ``pause:<window>:<paused at>``.
* ``unstaffed``: a window nobody is signed in at, while one of its queues has waiting
  tickets; key ``unstaffed:<day>:<window>``; raised when the oldest of them was issued.
* ``bad_rating``: a rating of level 1-2 of today's tickets; key ``bad_rating:<rating id>``.
* ``printer_fault`` / ``speech_fault`` / ``clock_skew``: a ``device_fault`` event today
  (payload device printer, speech or clock) with no later ``device_recovered`` from the
  same machine; key ``device:<device>:<machine>:<event id>``.
* ``setting_invalid``: a stored hall option this release skips (unknown or not a valid
  value, see ``kiosk.settings``); key ``setting:<name>:<digest of the value>``; raised
  at the start of each hall day while the row stays as it is.
* ``case_overdue`` / ``supply_overdue`` (办件红牌): per department, open cases past
  their due date (a 补正 case: past it on the notice day) / 容缺 materials past
  theirs; key ``case:overdue:<department>`` / ``case:supply:<department>``; raised at
  the midnight the newest of them turned red, so a case turning red after an
  acknowledgement raises it again, as a ticket crossing the wait threshold does.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

from sqlalchemy import and_, func, or_, select

from kiosk.clock import at_hall_time
from kiosk.errors import InvalidInput
from kiosk.queue.rules.names import LEVEL_ZH
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import append_event, prior_event, staff_actor
from kiosk.queue.store.lookup import require_manager, require_role
from kiosk.queue.store.models import (
    OPEN_CASE_STATES, WAITING_STATES, AlertAck, CaseFile, CaseState, Department, Event,
    Rating, Role, Service, Staff, Ticket, Window, WindowState, window_service,
)

KINDS = ("wait", "pause_overdue", "unstaffed", "bad_rating", "printer_fault",
         "speech_fault", "clock_skew", "setting_invalid", "case_overdue", "supply_overdue")
KIND_ZH = {"wait": "等候超时", "pause_overdue": "暂停超时", "unstaffed": "窗口无人",
           "bad_rating": "差评", "printer_fault": "打印机故障", "speech_fault": "语音故障",
           "clock_skew": "时钟偏差", "setting_invalid": "大厅设置无效",
           "case_overdue": "办件超期", "supply_overdue": "容缺材料逾期"}
LEVELS = {"wait": "warning", "pause_overdue": "warning", "unstaffed": "warning",
          "bad_rating": "critical", "printer_fault": "critical", "speech_fault": "critical",
          "clock_skew": "warning", "setting_invalid": "warning",
          "case_overdue": "critical", "supply_overdue": "warning"}
DEVICE_KINDS = {"printer": "printer_fault", "speech": "speech_fault",
                "clock": "clock_skew"}


@dataclasses.dataclass(frozen=True)
class Alert:
    key: str
    kind: str              # one of KINDS
    level: str             # warning / critical
    raised_at: dt.datetime
    title_zh: str          # KIND_ZH[kind]
    message_zh: str
    message_en: str
    window_number: int | None = None
    prefix: str | None = None
    ticket_id: int | None = None
    acknowledged_at: dt.datetime | None = None
    acknowledged_by: str | None = None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None and self.acknowledged_at >= self.raised_at


def _alert(kind: str, key: str, raised_at: dt.datetime, zh: str, en: str, **extra) -> Alert:
    return Alert(key=key, kind=kind, level=LEVELS[kind], raised_at=raised_at,
                 title_zh=KIND_ZH[kind], message_zh=zh, message_en=en, **extra)


def _minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _wait_alerts(scope: Scope) -> list[Alert]:
    threshold = dt.timedelta(minutes=scope.settings.get("alerts.wait_minutes"))
    rows = scope.session.execute(
        select(Service.prefix, Service.name, func.count(), func.min(Ticket.issued_at),
               func.max(Ticket.issued_at))
        .join(Service, Service.id == Ticket.service_id)
        .where(Ticket.hall_id == scope.hall.id, Ticket.day == scope.today,
               Ticket.state.in_(WAITING_STATES), Ticket.issued_at < scope.now - threshold)
        .group_by(Service.prefix, Service.name)).all()
    alerts = []
    for prefix, name, count, oldest, newest in rows:
        longest = _minutes(scope.now - oldest)
        alerts.append(_alert(
            "wait", f"wait:{scope.today.isoformat()}:{prefix}", newest + threshold,
            f"{prefix} {name}：{count} 人等候超过 {_minutes(threshold)} 分钟，最长 {longest} 分钟",
            f"queue {prefix}: {count} waiting over {_minutes(threshold)} min, "
            f"longest {longest} min", prefix=prefix))
    return alerts


def _pause_alerts(scope: Scope) -> list[Alert]:
    grace = dt.timedelta(minutes=scope.settings.get("alerts.pause_overdue_minutes"))
    rows = scope.session.scalars(select(Window).where(
        Window.hall_id == scope.hall.id, Window.active.is_(True),
        Window.state == WindowState.PAUSED, Window.pause_back_at.is_not(None))
        .order_by(Window.number)).all()
    alerts = []
    for window in rows:
        due = window.pause_back_at + grace
        if scope.now <= due:
            continue
        late = _minutes(scope.now - window.pause_back_at)
        back = scope.local(window.pause_back_at)
        alerts.append(_alert(
            "pause_overdue",
            f"pause:{window.number}:{int(window.paused_at.timestamp())}", due,
            f"{window.number}号窗口暂停（{window.pause_reason}）已超过预计恢复时间 "
            f"{back:%H:%M}，超时 {late} 分钟",
            f"window {window.number} paused ({window.pause_reason}) {late} min past its "
            f"return time {back:%H:%M}", window_number=window.number))
    return alerts


def _unstaffed_alerts(scope: Scope) -> list[Alert]:
    rows = scope.session.execute(
        select(Window.number, Window.name, Service.prefix, func.count(Ticket.id),
               func.min(Ticket.issued_at))
        .join(window_service, window_service.c.window_id == Window.id)
        .join(Service, Service.id == window_service.c.service_id)
        .join(Ticket, Ticket.service_id == Service.id)
        .where(Window.hall_id == scope.hall.id, Window.active.is_(True),
               Window.state == WindowState.CLOSED, Ticket.day == scope.today,
               Ticket.hall_id == scope.hall.id, Ticket.state.in_(WAITING_STATES),
               Ticket.target_window_id.is_(None))
        .group_by(Window.number, Window.name, Service.prefix)
        .order_by(Window.number, Service.prefix)).all()
    by_window: dict[int, list] = {}
    for number, name, prefix, count, oldest in rows:
        by_window.setdefault(number, []).append((name, prefix, count, oldest))
    alerts = []
    for number, queues in by_window.items():
        oldest = min(q[3] for q in queues)
        text = "、".join(f"{p} 类 {c} 人" for _, p, c, _ in queues)
        alerts.append(_alert(
            "unstaffed", f"unstaffed:{scope.today.isoformat()}:{number}", oldest,
            f"{number}号窗口（{queues[0][0]}）无人值守，其业务有人等候：{text}",
            f"window {number} has no clerk while its queues have waiting tickets: "
            + ", ".join(f"{p} {c}" for _, p, c, _ in queues), window_number=number))
    return alerts


def _day_start(scope: Scope) -> dt.datetime:
    return at_hall_time(scope.today, dt.time(0), scope.hall.timezone)


def _bad_rating_alerts(scope: Scope) -> list[Alert]:
    rows = scope.session.execute(
        select(Rating.id, Rating.level, Rating.rated_at, Rating.reasons, Ticket.code,
               Ticket.id, Window.number)
        .join(Ticket, Ticket.id == Rating.ticket_id)
        .outerjoin(Window, Window.id == Rating.window_id)
        .where(Ticket.hall_id == scope.hall.id, Ticket.day == scope.today,
               Rating.level.in_((1, 2)))
        .order_by(Rating.id)).all()
    return [_alert(
        "bad_rating", f"bad_rating:{rating_id}", rated_at,
        f"{number or '—'}号窗口收到差评（{LEVEL_ZH[level]}，"
        f"{'、'.join(reasons or []) or '未注明原因'}）"
        f"，号码 {code}",
        f"bad rating ({level}) at window {number} for {code}",
        window_number=number, ticket_id=ticket_id)
        for rating_id, level, rated_at, reasons, code, ticket_id, number in rows]


def _device_alerts(scope: Scope) -> list[Alert]:
    events = scope.session.scalars(select(Event).where(
        Event.hall_id == scope.hall.id,
        Event.action.in_(("device_fault", "device_recovered")),
        Event.at >= _day_start(scope)).order_by(Event.id)).all()
    open_faults: dict[tuple[str, str], Event] = {}
    for event in events:
        device = (event.payload or {}).get("device")
        if device not in DEVICE_KINDS:
            continue
        if event.action == "device_fault":
            open_faults[(device, event.actor)] = event
        else:
            open_faults.pop((device, event.actor), None)
    alerts = []
    for (device, actor), event in open_faults.items():
        kind = DEVICE_KINDS[device]
        message = event.payload.get("message_zh") or event.payload.get("message") or ""
        who = actor.removeprefix("machine:")  # a PC by its name (clock checks)
        alerts.append(_alert(
            kind, f"device:{device}:{actor}:{event.id}", event.at,
            f"{who} {KIND_ZH[kind]}：{message}".rstrip("："),
            f"{device} fault on {who}: {event.payload.get('message', '')}".rstrip(": ")))
    return alerts


def _setting_alerts(scope: Scope) -> list[Alert]:
    alerts = []
    for rejected in scope.settings.rejected.values():
        digest = hashlib.sha1(repr(rejected.raw).encode()).hexdigest()[:8]
        alerts.append(_alert(
            "setting_invalid", f"setting:{rejected.name}:{digest}", _day_start(scope),
            rejected.message_zh,
            f"stored hall option {rejected.name} = {rejected.raw!r} skipped: "
            f"{rejected.message_en}"))
    return alerts


def _case_alerts(scope: Scope) -> list[Alert]:
    """办件红牌 per department: the rule of ``rules.case_clock.card`` for red, in SQL
    over the open cases (ix_case_file_due, ix_case_file_supply)."""
    today, correcting = scope.today, CaseState.CORRECTING.value
    base = (CaseFile.hall_id == scope.hall.id,
            CaseFile.state.in_([s.value for s in OPEN_CASE_STATES]))
    late_case = or_(and_(CaseFile.state != correcting, CaseFile.due_date < today),
                    and_(CaseFile.state == correcting,
                         CaseFile.due_date < CaseFile.paused_since))
    alerts = []
    for kind, key, due, late, what in (
            ("case_overdue", "overdue", CaseFile.due_date, late_case,
             ("件办件超期未办结", "cases overdue")),
            ("supply_overdue", "supply", CaseFile.supply_due, CaseFile.supply_due < today,
             ("件办件的容缺材料逾期未补齐", "cases with supply-later materials overdue"))):
        rows = scope.session.execute(
            select(Department.code, Department.name, func.count(), func.min(due),
                   func.max(due))
            .join(Department, Department.id == CaseFile.department_id)
            .where(*base, late).group_by(Department.code, Department.name)
            .order_by(Department.code)).all()
        for code, name, count, oldest, newest in rows:
            alerts.append(_alert(
                kind, f"case:{key}:{code}",
                at_hall_time(newest + dt.timedelta(days=1), dt.time(0), scope.hall.timezone),
                f"{name}：{count} {what[0]}（红牌），最早于 {oldest:%Y-%m-%d} 到期",
                f"{code}: {count} {what[1]}, the oldest due {oldest}"))
    return alerts


def evaluate(ctx: HallContext, *, by: str,
             include_acknowledged: bool = False) -> list[Alert]:
    """The alerts in force now, most severe and newest first, for ``by`` (a manager or
    admin). Acknowledged ones are left out unless ``include_acknowledged``."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        require_manager(scope, by)
        return in_force(scope, include_acknowledged)


def in_force(scope: Scope, include_acknowledged: bool = False) -> list[Alert]:
    """``evaluate`` inside a read the caller already holds (the live view's figures
    count the alerts in the same snapshot)."""
    alerts = (_wait_alerts(scope) + _pause_alerts(scope) + _unstaffed_alerts(scope)
              + _bad_rating_alerts(scope) + _device_alerts(scope)
              + _setting_alerts(scope) + _case_alerts(scope))
    acks = {key: (at, staff_no) for key, at, staff_no in scope.session.execute(
        select(AlertAck.key, AlertAck.acknowledged_at, Staff.staff_no)
        .join(Staff, Staff.id == AlertAck.staff_id)
        .where(AlertAck.hall_id == scope.hall.id,
               AlertAck.key.in_([a.key for a in alerts])))}
    shown = []
    for alert in alerts:
        if alert.key in acks:
            at, staff_no = acks[alert.key]
            alert = dataclasses.replace(alert, acknowledged_at=at, acknowledged_by=staff_no)
        if include_acknowledged or not alert.acknowledged:
            shown.append(alert)
    shown.sort(key=lambda a: (a.level != "critical", -a.raised_at.timestamp(), a.key))
    return shown


def acknowledge(ctx: HallContext, key: str, *, by: str,
                request_id: str | None = None) -> int:
    """Record that ``by`` (a manager or admin) has seen the alert ``key``; returns the
    ``alert_acknowledged`` event id. ``request_id``: a retried request that committed
    before is replayed, not repeated."""
    key = (key or "").strip()
    if not key or len(key) > 120 or key.split(":", 1)[0] not in (
            "wait", "pause", "unstaffed", "bad_rating", "device", "setting", "case"):
        raise InvalidInput("无效的告警标识", f"not an alert key: {key!r}")
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return prior.id
        staff = require_role(scope, by, Role.MANAGER, Role.ADMIN)
        row = session.get(AlertAck, (scope.hall.id, key))
        if row is None:
            row = AlertAck(hall_id=scope.hall.id, key=key)
            session.add(row)
        row.acknowledged_at = scope.now
        row.staff_id = staff.id
        # the event goes last (append_event flushes the row first)
        return append_event(scope, staff_actor(by), "alert_acknowledged",
                            payload={"key": key}, request_id=request_id).id
