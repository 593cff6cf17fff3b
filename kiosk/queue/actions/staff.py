"""Staff accounts and hall settings: administration actions, with roles checked here in
the service layer (hiding a button is not security)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from kiosk.errors import AlreadyExists, InvalidInput
from kiosk.queue.rules.passwords import hash_password
from kiosk.queue.rules.text_input import STAFF_NAME, clean_text
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.events import SYSTEM, Actor, append_event, prior_event, staff_actor
from kiosk.queue.store.lookup import require_role, staff_by_no, window_for_update
from kiosk.queue.store.models import Department, HallSetting, Role, Staff
from kiosk.settings import option

MIN_PASSWORD = 6
NAME_MISSING = ("请填写姓名", "staff needs a name")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"密码至少 {MIN_PASSWORD} 位", f"password shorter than {MIN_PASSWORD}")


def _admin_actor(ctx_scope, by: str | None) -> Actor:
    """``by`` None means the local command line (``python -m kiosk``), trusted as system."""
    if by is None:
        return SYSTEM
    require_role(ctx_scope, by, Role.ADMIN)
    return staff_actor(by)


def create_staff(ctx: HallContext, *, staff_no: str, name: str, role: str, password: str,
                 department: str | None = None, by: str | None = None,
                 request_id: str | None = None) -> int:
    """Add an account; ``by`` is the admin doing it (None = the local command line).
    ``request_id``: a retried request that committed before is replayed, not repeated."""
    staff_no = staff_no.strip()
    if not staff_no.isalnum() or len(staff_no) > 20:
        raise InvalidInput("工号只能由字母和数字组成（最多 20 位）", f"bad staff number {staff_no!r}")
    name = clean_text(name, STAFF_NAME, missing=NAME_MISSING)
    try:
        staff_role = Role(role)
    except ValueError:
        raise InvalidInput(f"未知角色：{role}", f"unknown role {role!r}") from None
    _check_password(password)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return staff_by_no(scope, prior.payload["staff_no"]).id
        actor = _admin_actor(scope, by)
        if session.scalar(select(Staff).where(Staff.hall_id == scope.hall.id,
                                              Staff.staff_no == staff_no)):
            raise AlreadyExists(f"工号 {staff_no} 已存在", f"staff {staff_no} exists already")
        department_id = None
        if department:
            dept = session.scalar(select(Department).where(
                Department.hall_id == scope.hall.id, Department.code == department))
            if dept is None:
                raise InvalidInput(f"没有部门 {department}", f"unknown department {department}")
            department_id = dept.id
        staff = Staff(hall_id=scope.hall.id, staff_no=staff_no, name=name, role=staff_role,
                      department_id=department_id, password_hash=hash_password(password))
        session.add(staff)
        session.flush()
        append_event(scope, actor, "staff_created",
                     payload={"staff_no": staff_no, "name": name, "role": role},
                     request_id=request_id)
        return staff.id


def reset_password(ctx: HallContext, *, staff_no: str, password: str,
                   by: str | None = None, request_id: str | None = None) -> None:
    """Set a new password (and unlock). ``request_id``: a retried request that committed
    before is replayed, not repeated."""
    _check_password(password)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if prior_event(scope, request_id) is not None:
            return
        actor = _admin_actor(scope, by)
        staff = staff_by_no(scope, staff_no)
        staff.password_hash = hash_password(password)
        staff.failed_logins = 0
        staff.locked_until = None
        append_event(scope, actor, "password_reset", payload={"staff_no": staff_no},
                     request_id=request_id)


def unlock_staff(ctx: HallContext, *, staff_no: str, by: str,
                 request_id: str | None = None) -> None:
    """A manager unlocks an account locked by failed logins. ``request_id``: a retried
    request that committed before is replayed, not repeated."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if prior_event(scope, request_id) is not None:
            return
        require_role(scope, by, Role.MANAGER, Role.ADMIN)
        staff = staff_by_no(scope, staff_no)
        staff.failed_logins = 0
        staff.locked_until = None
        append_event(scope, staff_actor(by), "staff_unlocked", payload={"staff_no": staff_no},
                     request_id=request_id)


def assign_window_staff(ctx: HallContext, *, window: int, primary: str | None,
                        backup: str | None, by: str | None = None,
                        request_id: str | None = None) -> None:
    """Set a window's A岗 (primary) and B岗 (backup) staff. ``request_id``: a retried request
    that committed before is replayed, not repeated."""
    if primary and primary == backup:
        raise InvalidInput("A岗和B岗不能是同一人", "primary and backup must differ")
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if prior_event(scope, request_id) is not None:
            return
        actor = _admin_actor(scope, by)
        row = window_for_update(scope, window)
        row.primary_staff_id = staff_by_no(scope, primary).id if primary else None
        row.backup_staff_id = staff_by_no(scope, backup).id if backup else None
        append_event(scope, actor, "window_staffing_set", window_id=row.id,
                     payload={"window": window, "primary": primary, "backup": backup},
                     request_id=request_id)


def set_hall_setting(ctx: HallContext, *, name: str, value: Any, by: str | None = None,
                     request_id: str | None = None) -> Any:
    """Change a hall-scope option for every machine of the hall; returns the parsed value.
    ``request_id``: a retried request that committed before is replayed, not repeated."""
    opt = option(name)
    if opt.scope != "hall":
        raise InvalidInput(f"“{opt.label_zh}”是本机设置，请在该电脑的配置文件中修改",
                           f"{name} is a machine option")
    parsed = opt.parse(value)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return prior.payload["new"]
        if by is None:
            actor = SYSTEM
        else:
            require_role(scope, by, Role.MANAGER, Role.ADMIN)
            actor = staff_actor(by)
        row = session.get(HallSetting, (scope.hall.id, name))
        old = row.value if row else opt.default
        if row is None:
            session.add(HallSetting(hall_id=scope.hall.id, name=name, value=parsed))
        else:
            row.value = parsed
        append_event(scope, actor, "setting_changed",
                     payload={"name": name, "old": old, "new": parsed}, request_id=request_id)
        return parsed
