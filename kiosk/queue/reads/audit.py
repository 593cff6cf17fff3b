"""The audit trail (电子监察) as the manager reads and exports it: every event, filtered
and paged, with the actions' Chinese names. Managers and admins only (checked here)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import func, select

from kiosk.clock import at_hall_time, hall_time
from kiosk.errors import InvalidInput
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.events import staff_actor
from kiosk.queue.store.lookup import parse_code, require_manager
from kiosk.queue.store.models import Event, Hall, Staff, Ticket, Window


#: Chinese names of the actions, for the audit viewer and its exports
ACTION_ZH = {
    "ticket_issued": "取号", "appointment_checked_in": "预约签到",
    "appointment_booked": "预约", "appointment_cancelled": "取消预约", "ticket_called": "叫号", "ticket_recalled": "重呼",
    "ticket_no_show": "过号", "ticket_requeued": "过号重排", "service_started": "开始办理",
    "priority_confirmed": "绿色通道核验确认", "priority_rejected": "绿色通道不符合条件",
    "service_finished": "办结", "ticket_transferred": "转办", "ticket_rated": "评价",
    "ticket_unrated": "未评", "window_signed_in": "窗口登录", "window_signed_out": "窗口退出",
    "backup_took_over": "B岗接替", "window_paused": "暂停服务", "window_resumed": "恢复服务",
    "login_failed": "登录失败", "staff_locked": "账号锁定", "staff_unlocked": "账号解锁",
    "staff_created": "新建账号", "staff_updated": "修改账号", "password_reset": "重置密码",
    "window_staffing_set": "设置A/B岗", "setting_changed": "修改设置",
    "catalog_imported": "导入目录", "item_updated": "修改事项", "service_updated": "修改业务",
    "window_updated": "修改窗口", "day_closed": "日结", "ticket_expired": "闭厅作废",
    "device_fault": "设备故障",
    "device_recovered": "设备恢复", "first_inquiry_recorded": "首问登记",
    "manager_signed_in": "管理端登录", "alert_acknowledged": "确认告警",
    "followups_opened": "差评立案", "followup_advanced": "差评跟进",
    "rating_report_requeued": "好差评重新上报", "rating_reports_backfilled": "好差评补报",
    "rater_details_viewed": "查看评价人信息", "calendar_day_set": "设置工作日历",
    "calendar_day_cleared": "取消工作日历设置",
    "personal_key_rotated": "轮换个人信息密钥",
    "case_processing": "办件开始办理", "case_correction_noticed": "补正告知",
    "case_correction_received": "补正材料接收", "case_supply_received": "容缺材料接收",
    "case_step_done": "办理环节完成", "case_concluded": "办件办结",
    "case_delivered": "办件送达", "case_collected": "办件领取",
}


@dataclasses.dataclass(frozen=True)
class AuditFilter:
    """What the viewer asks for: hall days ``date_from``..``date_to`` (inclusive) and
    optionally who did it, at which window, about which ticket, which action."""

    date_from: dt.date
    date_to: dt.date
    staff_no: str | None = None
    window: int | None = None
    ticket_code: str | None = None
    action: str | None = None


@dataclasses.dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime            # on the hall's wall clock
    actor: str                 # "staff:1001", "kiosk:K1", "pad", "system"
    actor_name: str | None     # the staff member's name when the actor is staff
    action: str
    action_zh: str
    ticket_code: str | None
    window_number: int | None
    payload: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int                 # rows matching the filter, over every page
    page: int
    page_size: int


def _audit_query(hall: Hall, wanted: AuditFilter):
    if wanted.date_to < wanted.date_from:
        raise InvalidInput("结束日期不能早于开始日期", "date_to is before date_from")
    tz = hall.timezone
    start = at_hall_time(wanted.date_from, dt.time(0), tz)
    end = at_hall_time(wanted.date_to + dt.timedelta(days=1), dt.time(0), tz)
    query = select(Event, Ticket.code, Window.number).outerjoin(
        Ticket, Ticket.id == Event.ticket_id).outerjoin(
        Window, Window.id == Event.window_id).where(
        Event.hall_id == hall.id, Event.at >= start, Event.at < end)
    if wanted.staff_no:
        query = query.where(Event.actor == str(staff_actor(wanted.staff_no.strip())))
    if wanted.window is not None:
        query = query.where(Window.number == wanted.window)
    if wanted.ticket_code:
        prefix, number = parse_code(wanted.ticket_code)
        query = query.where(Ticket.prefix == prefix, Ticket.number == number)
    if wanted.action:
        query = query.where(Event.action == wanted.action)
    return query


def audit_events(ctx: HallContext, wanted: AuditFilter, *, by: str, page: int = 0,
                 page_size: int | None = 100, newest_first: bool = True) -> AuditPage:
    """One page of the audit trail (``page_size`` None: every matching row, for an
    export); managers and admins only. Read-only: the trail is never edited."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        require_manager(scope, by)
        hall = scope.hall
        query = _audit_query(hall, wanted)
        total = session.scalar(select(func.count()).select_from(
            query.with_only_columns(Event.id).subquery()))
        order = Event.id.desc() if newest_first else Event.id
        query = query.order_by(order)
        if page_size is not None:
            query = query.offset(page * page_size).limit(page_size)
        found = session.execute(query).all()
        numbers = {e.actor.partition(":")[2] for e, _, _ in found
                   if e.actor.startswith("staff:")}
        names = dict(session.execute(select(Staff.staff_no, Staff.name).where(
            Staff.hall_id == hall.id, Staff.staff_no.in_(numbers))).all()) if numbers else {}
        rows = [AuditRow(
            e.id, hall_time(e.at, hall.timezone), e.actor,
            names.get(e.actor.partition(":")[2]) if e.actor.startswith("staff:") else None,
            e.action, ACTION_ZH.get(e.action, e.action), code, number, dict(e.payload or {}))
            for e, code, number in found]
        return AuditPage(rows, total, page, page_size or max(total, 1))


def audit_actions(ctx: HallContext, *, by: str,
                  recent_days: int = 90) -> list[tuple[str, str]]:
    """[(action, Chinese name)] for the viewer's action filter: the known ones plus any
    other action of the last ``recent_days`` (bounded, so a huge log stays quick);
    managers and admins only."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        require_manager(scope, by)
        since = scope.now - dt.timedelta(days=recent_days)
        seen = set(session.scalars(select(Event.action).where(
            Event.hall_id == scope.hall.id, Event.at >= since).distinct()))
    actions = list(ACTION_ZH) + sorted(seen - set(ACTION_ZH))
    return [(a, ACTION_ZH.get(a, a)) for a in actions]
