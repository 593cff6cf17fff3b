"""Staff accounts and hall settings: administration actions, with roles checked here in
the service layer (hiding a button is not security)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from kiosk.errors import AlreadyExists, IllegalTransition, InvalidInput, NotFound
from kiosk.queue.rules.passwords import hash_password
from kiosk.queue.rules.text_input import STAFF_NAME, clean_text
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.events import SYSTEM, Actor, append_event, prior_event, staff_actor
from kiosk.queue.store.lookup import require_role, staff_by_no, window_for_update
from kiosk.queue.store.models import Department, HallSetting, Role, Staff, Window
from kiosk.settings import option

MIN_PASSWORD = 6
NAME_MISSING = ("请填写姓名", "staff needs a name")


def clean_staff_no(staff_no: str) -> str:
    staff_no = staff_no.strip()
    if not staff_no.isalnum() or not staff_no.isascii() or len(staff_no) > 20:
        raise InvalidInput("工号只能由字母和数字组成（最多 20 位）", f"bad staff number {staff_no!r}")
    return staff_no


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
    staff_no = clean_staff_no(staff_no)
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


#: a photo as the console sends it: a JPEG scaled to about 240x320 (some 20 KB)
PHOTO_MAX_BYTES = 200_000


def _staff_for_update(scope, staff_no: str) -> Staff:
    staff = scope.session.scalar(select(Staff).where(
        Staff.hall_id == scope.hall.id, Staff.staff_no == staff_no)
        .with_for_update(key_share=True))
    if staff is None:
        raise NotFound(f"工号 {staff_no} 不存在", f"staff {staff_no!r} does not exist")
    return staff


def set_staff_photo(ctx: HallContext, *, staff_no: str, jpeg: bytes | None, by: str,
                    request_id: str | None = None) -> None:
    """Set (or, with None, remove) the photo the rating pads show for ``staff_no``.
    Stored in the database, so a pad on any PC of the hall shows it; managers and
    admins only."""
    if jpeg is not None and not jpeg.startswith(b"\xff\xd8"):
        raise InvalidInput("照片应为 JPEG 图片", "a staff photo must be a JPEG")
    if jpeg is not None and len(jpeg) > PHOTO_MAX_BYTES:
        raise InvalidInput("照片太大，请选择较小的图片",
                           f"photo of {len(jpeg)} bytes > {PHOTO_MAX_BYTES}")
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if prior_event(scope, request_id) is not None:
            return
        require_role(scope, by, Role.MANAGER, Role.ADMIN)
        staff = _staff_for_update(scope, staff_no)
        staff.photo_jpeg = jpeg
        change = {"old": None, "new": f"JPEG {len(jpeg)} B" if jpeg else None}
        append_event(scope, staff_actor(by), "staff_updated",
                     payload={"staff_no": staff_no, "fields": ["photo"],
                              "changes": {"photo": change}},
                     request_id=request_id)


def change_staff_no(ctx: HallContext, *, staff_no: str, new_staff_no: str, by: str,
                    request_id: str | None = None) -> str:
    """Give an account a new 工号 (the number on the pad, the login name); admins only.
    Refused while the person is signed in at a window, whose app acts under the old
    number; past events keep the number they were made under, the event links both."""
    new_staff_no = clean_staff_no(new_staff_no)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return prior.payload["new"]
        require_role(scope, by, Role.ADMIN)
        if staff_no == by:
            raise IllegalTransition("不能修改自己正在登录使用的工号",
                                    "an admin cannot renumber the account in use")
        staff = _staff_for_update(scope, staff_no)
        if new_staff_no == staff.staff_no:
            return new_staff_no
        if session.scalar(select(Staff.id).where(Staff.hall_id == scope.hall.id,
                                                 Staff.staff_no == new_staff_no)):
            raise AlreadyExists(f"工号 {new_staff_no} 已存在",
                                f"staff {new_staff_no} exists already")
        if session.scalar(select(Window.number).where(Window.staff_id == staff.id)):
            raise IllegalTransition(f"工号 {staff_no} 正在窗口登录，请先退出窗口再修改工号",
                                    f"staff {staff_no} is signed in at a window")
        staff.staff_no = new_staff_no
        append_event(scope, staff_actor(by), "staff_updated",
                     payload={"staff_no": new_staff_no, "old": staff_no, "new": new_staff_no,
                              "fields": ["staff_no"],
                              "changes": {"staff_no": {"old": staff_no, "new": new_staff_no}}},
                     request_id=request_id)
        return new_staff_no

