"""Administration from the manager console: catalog edits and staff accounts. What its
pages read (windows, staff, hall options) is ``reads.manager``; the audit trail
(电子监察) is ``reads.audit``.

Every catalog edit rebuilds the hall's catalog in the file's shape, applies the change
and runs the catalog loader's own validation (``catalog_schema.validate``), so the
console can never store what ``catalog import`` would refuse. Roles are checked here,
not only by hiding buttons: items and windows are the admin's; daily limits, hours and
unlocking are also the manager's.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select

from kiosk.errors import CatalogInvalid, InvalidInput, NotFound, NotPermitted
from kiosk.queue.actions.windows import sign_out_disabled
from kiosk.queue.catalog.transfer import catalog_data, import_catalog
from kiosk.queue.catalog.schema import validate
from kiosk.queue.rules.text_input import STAFF_NAME, clean_text
from kiosk.queue.store.context import HallContext, HallRow, Scope, load_hall
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.events import append_event, prior_event, staff_actor
from kiosk.queue.store.lookup import (
    item_by_code, require_role, service_by_prefix,
    window_for_update,
)
from kiosk.queue.store.models import (
    Department, Item, ItemKind, Material, MaterialForm, Role, Staff,
)
from kiosk.settings import Settings

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
        require_role(Scope(session, HallRow.of(hall), Settings(), ctx.clock.now()), by,
                     Role.ADMIN)
    return import_catalog(ctx, data, actor=staff_actor(by))



# --- staff accounts ----------------------------------------------------------------

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
