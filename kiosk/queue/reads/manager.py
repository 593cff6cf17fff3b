"""What the manager console's administration pages read: windows with their A/B岗,
staff accounts, hall options. Managers and admins only (checked here)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import select

from kiosk.errors import InvalidInput
from kiosk.queue.store.context import HallContext, hall_settings
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.lookup import require_manager
from kiosk.queue.store.models import Department, Staff, Window
from kiosk.settings import OPTIONS, Option


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
