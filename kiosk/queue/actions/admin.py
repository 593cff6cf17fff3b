"""Administration from the manager console: catalog edits, staff accounts, hall settings
and the audit trail (电子监察).

Every catalog edit rebuilds the hall's catalog in the file's shape, applies the change
and runs the catalog loader's own validation (``catalog_schema.validate``), so the
console can never store what ``catalog import`` would refuse. Roles are checked here,
not only by hiding buttons: items and windows are the admin's; daily limits, hours and
unlocking are also the manager's.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select

from kiosk.clock import at_hall_time, hall_time
from kiosk.errors import CatalogInvalid, InvalidInput, NotFound, NotPermitted
from kiosk.queue.actions.windows import sign_out_disabled
from kiosk.queue.catalog.transfer import catalog_data, import_catalog
from kiosk.queue.catalog.schema import validate
from kiosk.queue.rules.text_input import STAFF_NAME, clean_text
from kiosk.queue.store.context import HallContext, Scope, hall_settings, load_hall
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.events import append_event, prior_event, staff_actor
from kiosk.queue.store.lookup import (
    item_by_code, parse_code, require_manager, require_role, service_by_prefix,
    window_for_update,
)
from kiosk.queue.store.models import (
    Department, Event, Hall, Item, ItemKind, Material, MaterialForm, Role, Staff,
    Ticket, Window,
)
from kiosk.settings import OPTIONS, Option, Settings

#: the 八公开 fields an admin may edit on one item (``code`` is the item's identity)
ITEM_EDITABLE = ("department", "name", "kind", "legal_days", "promised_days",
                 "legal_basis", "conditions", "procedure", "materials", "sample_form",
                 "fees", "contact")
SOURCE = "<管理端>"


# --- the catalog -------------------------------------------------------------------

def _catalog_data(scope: Scope) -> dict[str, Any]:
    """The active catalog in the file's shape, read in this transaction so the check and
    the write see the same rows."""
    return catalog_data(scope.session, scope.hall)


def _check(data: dict[str, Any]) -> None:
    problems = validate(data, SOURCE)
    if problems:
        raise CatalogInvalid(problems)


def _entry(entries: list[dict], key: str, value: Any) -> dict:
    for entry in entries:
        if entry.get(key) == value:
            return entry
    raise NotFound(f"目录中没有 {value}", f"no catalog entry with {key} {value!r}")


def _changes(old: Mapping, new: Mapping, fields: Sequence[str]) -> dict[str, dict]:
    return {f: {"old": old.get(f), "new": new.get(f)} for f in fields
            if old.get(f) != new.get(f)}


def update_item(ctx: HallContext, *, code: str, changes: Mapping[str, Any], by: str,
                request_id: str | None = None) -> list[str]:
    """Change fields of an item's 八公开 guide; returns the names of the fields that
    changed (none: nothing is written). ``request_id``: a retried request that committed
    before is replayed, not repeated."""
    unknown = sorted(set(changes) - set(ITEM_EDITABLE))
    if unknown:
        raise InvalidInput(f"不能修改这些字段：{'、'.join(unknown)}",
                           f"fields not editable: {', '.join(unknown)}")
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return list(prior.payload["fields"])
        require_role(scope, by, Role.ADMIN)
        data = _catalog_data(scope)
        entry = _entry(data["items"], "code", code)
        old = dict(entry)
        entry.update(changes)
        if not entry.get("contact"):
            entry.pop("contact", None)
        _check(data)
        diff = _changes(old, entry, ITEM_EDITABLE)
        if not diff:
            return []
        _apply_item(scope, item_by_code(scope, code), entry)
        append_event(scope, staff_actor(by), "item_updated",
                     payload={"code": code, "fields": list(diff), "changes": diff},
                     request_id=request_id)
        return list(diff)


def _apply_item(scope: Scope, item: Item, entry: dict[str, Any]) -> None:
    item.department = scope.session.scalar(select(Department).where(
        Department.hall_id == scope.hall.id, Department.code == entry["department"]))
    item.name, item.kind = entry["name"], ItemKind(entry["kind"])
    item.legal_days, item.promised_days = entry["legal_days"], entry["promised_days"]
    item.legal_basis, item.conditions = entry["legal_basis"], entry["conditions"]
    item.procedure = list(entry["procedure"])
    item.sample_form, item.fees = entry["sample_form"], entry["fees"]
    item.contact = entry.get("contact")
    item.materials = [
        Material(seq=seq, name=m["name"], form=MaterialForm(m["form"]), copies=m["copies"],
                 required=m["required"], may_supply_later=m["may_supply_later"],
                 note=m.get("note"))
        for seq, m in enumerate(entry["materials"], start=1)]


def update_service(ctx: HallContext, *, prefix: str, by: str, name: str | None = None,
                   daily_limit: int | None = None, hours: Mapping[str, Any] | None = None,
                   request_id: str | None = None) -> list[str]:
    """Change a queue's name, daily limit (限号, 0 = none) or opening hours; a manager
    may do this too, since limits change with the day's staffing. ``request_id``: a
    retried request that committed before is replayed, not repeated."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return list(prior.payload["fields"])
        require_role(scope, by, Role.MANAGER, Role.ADMIN)
        data = _catalog_data(scope)
        entry = _entry(data["services"], "prefix", prefix.upper())
        old = {**entry, "hours": dict(entry["hours"])}
        for field, value in (("name", name), ("daily_limit", daily_limit),
                             ("hours", hours)):
            if value is not None:
                entry[field] = dict(value) if field == "hours" else value
        _check(data)
        diff = _changes(old, entry, ("name", "daily_limit", "hours"))
        if not diff:
            return []
        row = service_by_prefix(scope, prefix)
        row.name, row.daily_limit = entry["name"], entry["daily_limit"]
        row.hours = {"weekdays": list(entry["hours"]["weekdays"]),
                     "periods": list(entry["hours"]["periods"])}
        append_event(scope, staff_actor(by), "service_updated",
                     payload={"prefix": row.prefix, "fields": list(diff), "changes": diff},
                     request_id=request_id)
        return list(diff)


def set_window_services(ctx: HallContext, *, window: int, prefixes: Sequence[str],
                        by: str, name: str | None = None,
                        request_id: str | None = None) -> list[str]:
    """Which queues a window serves (and its name); every queue must keep a window.
    ``request_id``: a retried request that committed before is replayed, not repeated."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return list(prior.payload["fields"])
        require_role(scope, by, Role.ADMIN)
        data = _catalog_data(scope)
        entry = _entry(data["windows"], "number", window)
        old = {**entry, "services": list(entry["services"])}
        entry["services"] = [p.upper() for p in prefixes]
        if name is not None:
            entry["name"] = name.strip()
        _check(data)
        diff = _changes(old, entry, ("name", "services"))
        if not diff:
            return []
        row = window_for_update(scope, window)
        row.name = entry["name"]
        row.services = [service_by_prefix(scope, p) for p in entry["services"]]
        append_event(scope, staff_actor(by), "window_updated", window_id=row.id,
                     payload={"window": window, "fields": list(diff), "changes": diff},
                     request_id=request_id)
        return list(diff)


def import_catalog_as(ctx: HallContext, data: dict[str, Any], *, by: str) -> dict:
    """Replace this hall's catalog from a file (validated, all or nothing), as an admin;
    a file of another hall is refused rather than creating a second hall."""
    code = (data.get("hall") or {}).get("code") if isinstance(data, dict) else None
    if code != ctx.hall_code:
        raise InvalidInput(f"该目录属于大厅“{code}”，不是本大厅（{ctx.hall_code}）",
                           f"catalog is for hall {code!r}, not {ctx.hall_code!r}")
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        require_role(Scope(session, hall, Settings(), ctx.clock.now()), by, Role.ADMIN)
    return import_catalog(ctx, data, actor=staff_actor(by))

@dataclasses.dataclass(frozen=True)
class WindowRow:
    """A window as the administration page lists it."""

    number: int
    name: str
    department_name: str | None
    service_prefixes: tuple[str, ...]
    primary: tuple[str, str] | None    # A岗 (staff number, name)
    backup: tuple[str, str] | None     # B岗
    state: str
    signed_in: tuple[str, str] | None  # who sits there now


def window_rows(ctx: HallContext, *, by: str) -> list[WindowRow]:
    """Every window with its A/B岗 and who sits there; managers and admins only."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        require_manager(scope, by)
        hall = scope.hall
        people = {s.id: (s.staff_no, s.name) for s in session.scalars(
            select(Staff).where(Staff.hall_id == hall.id))}
        departments = dict(session.execute(select(Department.id, Department.name).where(
            Department.hall_id == hall.id)).all())
        rows = session.scalars(select(Window).where(
            Window.hall_id == hall.id, Window.active.is_(True)).order_by(Window.number))
        return [WindowRow(
            w.number, w.name, departments.get(w.department_id),
            tuple(s.prefix for s in w.services if s.active),
            people.get(w.primary_staff_id), people.get(w.backup_staff_id), w.state.value,
            people.get(w.staff_id)) for w in rows]


# --- staff accounts ----------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class StaffRow:
    staff_no: str
    name: str
    role: str
    department_code: str | None
    department_name: str | None
    active: bool
    locked_until: dt.datetime | None   # None or in the past: not locked
    failed_logins: int
    primary_windows: tuple[int, ...]   # windows where this person is A岗
    backup_windows: tuple[int, ...]    # ... and B岗


def staff_list(ctx: HallContext, *, by: str) -> list[StaffRow]:
    """Every account of the hall, disabled ones too, by staff number; managers and
    admins only."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        require_manager(scope, by)
        hall = scope.hall
        departments = {d.id: d for d in session.scalars(
            select(Department).where(Department.hall_id == hall.id))}
        primary: dict[int, list[int]] = {}
        backup: dict[int, list[int]] = {}
        for number, first, second in session.execute(select(
                Window.number, Window.primary_staff_id, Window.backup_staff_id).where(
                Window.hall_id == hall.id, Window.active.is_(True))
                .order_by(Window.number)):
            for posts, staff_id in ((primary, first), (backup, second)):
                if staff_id is not None:
                    posts.setdefault(staff_id, []).append(number)
        rows = session.scalars(select(Staff).where(Staff.hall_id == hall.id)
                               .order_by(Staff.staff_no))
        return [StaffRow(
            s.staff_no, s.name, s.role.value,
            departments[s.department_id].code if s.department_id else None,
            departments[s.department_id].name if s.department_id else None,
            s.active, s.locked_until, s.failed_logins,
            tuple(primary.get(s.id, ())), tuple(backup.get(s.id, ())))
            for s in rows]


def update_staff(ctx: HallContext, *, staff_no: str, by: str, name: str | None = None,
                 role: str | None = None, department: str | None = None,
                 active: bool | None = None, request_id: str | None = None) -> list[str]:
    """Rename, change role or department (``""`` = none), disable or re-enable an account.
    An admin cannot demote or disable themself, and the hall keeps one active admin.
    ``request_id``: a retried request that committed before is replayed, not repeated."""
    if name is not None:
        name = clean_text(name, STAFF_NAME, missing=("请填写姓名", "staff needs a name"))
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return list(prior.payload["fields"])
        require_role(scope, by, Role.ADMIN)
        # FOR NO KEY UPDATE: a window action holding its window row only takes KEY SHARE
        # on its clerk's row, so it never waits on this (nor this on it, deadlocked)
        staff = session.scalar(select(Staff).where(
            Staff.hall_id == scope.hall.id, Staff.staff_no == staff_no)
            .with_for_update(key_share=True))
        if staff is None:
            raise NotFound(f"工号 {staff_no} 不存在", f"staff {staff_no!r} does not exist")
        old = _staff_fields(session, staff)
        if name is not None:
            staff.name = name
        if role is not None:
            try:
                staff.role = Role(role)
            except ValueError:
                raise InvalidInput(f"未知角色：{role}", f"unknown role {role!r}") from None
        if department is not None:
            staff.department_id = _department_id(scope, department)
        if active is not None:
            staff.active = active
        new = _staff_fields(session, staff)
        diff = _changes(old, new, tuple(new))
        if not diff:
            return []
        if staff_no == by and (staff.role != Role.ADMIN or not staff.active):
            raise NotPermitted("不能取消自己的管理员身份或停用自己的账号",
                               "an admin cannot demote or disable themself")
        session.flush()
        if not session.scalar(select(func.count()).select_from(Staff).where(
                Staff.hall_id == scope.hall.id, Staff.role == Role.ADMIN,
                Staff.active.is_(True))):
            raise NotPermitted("至少要保留一名启用的系统管理员", "the hall needs an active admin")
        if "active" in diff and not staff.active:
            sign_out_disabled(scope, staff, staff_actor(by))
        append_event(scope, staff_actor(by), "staff_updated",
                     payload={"staff_no": staff_no, "fields": list(diff), "changes": diff},
                     request_id=request_id)
        return list(diff)


def _staff_fields(session, staff: Staff) -> dict[str, Any]:
    department = session.get(Department, staff.department_id) if staff.department_id \
        else None
    return {"name": staff.name, "role": staff.role.value,
            "department": department.code if department else None, "active": staff.active}


def _department_id(scope: Scope, code: str) -> int | None:
    if not code:
        return None
    dept = scope.session.scalar(select(Department).where(
        Department.hall_id == scope.hall.id, Department.code == code))
    if dept is None:
        raise InvalidInput(f"没有部门 {code}", f"unknown department {code!r}")
    return dept.id


# --- hall settings -----------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class OptionValue:
    option: Option
    value: Any      # the effective value: stored, else the declared default
    stored: bool    # False: the default applies


def hall_options(ctx: HallContext, *, by: str) -> list[OptionValue]:
    """The hall-scope options with their values, in declaration order (the settings
    page edits these and writes through ``staff.set_hall_setting``); managers and
    admins only."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        require_manager(scope, by)
        stored = hall_settings(session, scope.hall.id)
    values = []
    for opt in OPTIONS.values():
        if opt.scope != "hall":
            continue
        try:
            value = opt.parse(stored[opt.name]) if opt.name in stored else opt.default
        except InvalidInput:  # a value an older release stored: show the default
            value = opt.default
        values.append(OptionValue(opt, value, opt.name in stored))
    return values


# --- the audit trail (电子监察) ----------------------------------------------------

#: Chinese names of the actions, for the audit viewer and its exports
ACTION_ZH = {
    "ticket_issued": "取号", "appointment_checked_in": "预约签到",
    "appointment_booked": "预约", "ticket_called": "叫号", "ticket_recalled": "重呼",
    "ticket_no_show": "过号", "ticket_requeued": "过号重排", "service_started": "开始办理",
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
    "rater_details_viewed": "查看评价人信息", "calendar_day_set": "设置工作日历",
    "calendar_day_cleared": "取消工作日历设置",
    "personal_key_rotated": "轮换个人信息密钥",
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
