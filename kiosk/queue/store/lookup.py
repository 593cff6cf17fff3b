"""Finding and locking the rows an action acts on, with the errors a person can read."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, joinedload

from kiosk.errors import NotFound, NotPermitted
from kiosk.queue.store.context import HALL_AND_SETTINGS, HallContext, Scope, scope_of
from kiosk.queue.store.models import (
    Hall,
    Item,
    Role,
    Service,
    Staff,
    Ticket,
    Window,
    WindowState,
    service_item,
)

#: The window row locked by a statement of its own; what it points to (clerk, queues,
#: ticket in hand) is read after the lock is granted. On PostgreSQL a locking statement
#: reads the rows it joins as they were when it began, so an action that waited for
#: another one at the same window would see the clerk from before it. FOR NO KEY
#: UPDATE: a window's key never changes, and a plain FOR UPDATE would block the KEY
#: SHARE lock another window's transfer takes to point a ticket here.
def _window_lock(hall_id: Any) -> Select:
    return (select(Window.id).where(Window.hall_id == hall_id,
                                    Window.number == bindparam("number"),
                                    Window.active.is_(True))
            .with_for_update(key_share=True))


_LOCK_WINDOW = _window_lock(bindparam("hall_id"))
_WINDOW_WITH_CLERK = (select(Window).where(Window.id == bindparam("window_id"))
                      .options(joinedload(Window.staff), joinedload(Window.services))
                      .execution_options(populate_existing=True))


_WINDOW = select(Window).where(Window.hall_id == bindparam("hall_id"),
                               Window.number == bindparam("number"),
                               Window.active.is_(True))


#: the same lock taken by the action's first statement, beside its hall and settings
_HALL_AND_LOCKED_WINDOW = HALL_AND_SETTINGS.add_columns(_window_lock(
    select(Hall.id).where(Hall.code == bindparam("hall_code")).scalar_subquery())
    .scalar_subquery().label("window_id"))


def scope_with_window(ctx: HallContext, session: Session,
                      number: int) -> tuple[Scope, int | None]:
    """``context.scope`` and the id of window ``number`` (None when there is none), in
    one round trip: a clerk's press. The window row is locked for this transaction
    (PostgreSQL; SQLite's write transaction holds the database's lock from its start,
    and a read needs none). As with ``lock_window``, what the window points to is read
    afterwards."""
    rows = session.connection().execute(_HALL_AND_LOCKED_WINDOW, {
        "hall_code": ctx.hall_code, "number": number}).all()
    return scope_of(ctx, session, rows), rows[0].window_id if rows else None


def lock_window(conn: Connection, hall_id: int, number: int) -> int | None:
    """Lock the window row for this transaction (two clients of one window queue up
    here); its id, or None when there is no such window."""
    return conn.scalar(_LOCK_WINDOW, {"hall_id": hall_id, "number": number})


def window_for_update(scope: Scope, number: int) -> Window:
    """The window row, locked for this transaction, with its clerk and queues."""
    window_id = lock_window(scope.session.connection(), scope.hall.id, number)
    window = None if window_id is None else scope.session.scalars(
        _WINDOW_WITH_CLERK, {"window_id": window_id}).unique().one()
    return _one_window(window, number)


def window_by_number(scope: Scope, number: int) -> Window:
    """The window row, not locked: for reading another window (a transfer's target),
    so two windows acting on each other never wait on each other's locks."""
    return _one_window(scope.session.scalars(_WINDOW, {
        "hall_id": scope.hall.id, "number": number}).one_or_none(), number)


def _one_window(window: Window | None, number: int) -> Window:
    if window is None:
        raise NotFound(f"没有 {number} 号窗口", f"window {number} does not exist",
                       window=number)
    return window


def staff_by_no(scope: Scope, staff_no: str) -> Staff:
    staff = scope.session.scalar(select(Staff).where(
        Staff.hall_id == scope.hall.id, Staff.staff_no == staff_no, Staff.active.is_(True)))
    if staff is None:
        raise NotFound(f"工号 {staff_no} 不存在或已停用",
                       f"staff {staff_no!r} does not exist or is disabled", staff_no=staff_no)
    return staff


def staffed_window(scope: Scope, number: int, staff_no: str) -> Window:
    """The window, locked, after checking that ``staff_no`` is the one signed in there
    and that the account is still enabled (a disabled clerk stops at once)."""
    window = window_for_update(scope, number)
    clerk = window.staff if window.state != WindowState.CLOSED else None
    if clerk is not None and clerk.staff_no == staff_no:
        if clerk.active:
            return window
        raise _disabled(staff_no, number)
    if scope.session.scalar(select(Staff.active).where(  # signed out by disabling: say so
            Staff.hall_id == scope.hall.id, Staff.staff_no == staff_no)) is False:
        raise _disabled(staff_no, number)
    raise NotPermitted(f"您（工号 {staff_no}）未在 {number} 号窗口登录",
                       f"staff {staff_no} is not signed in at window {number}",
                       window=number, staff_no=staff_no)


def _disabled(staff_no: str, number: int) -> NotPermitted:
    return NotPermitted(f"工号 {staff_no} 的账号已停用，不能继续办理，请联系管理员",
                        f"staff {staff_no} is disabled", window=number, staff_no=staff_no)


def require_manager(scope: Scope, staff_no: str) -> Staff:
    """The console's reads (staff, audit trail, settings, live figures, alerts) are for
    managers and admins: checked here, since hiding a page is not security."""
    return require_role(scope, staff_no, Role.MANAGER, Role.ADMIN)


def require_role(scope: Scope, staff_no: str, *roles: Role) -> Staff:
    staff = staff_by_no(scope, staff_no)
    if staff.role not in roles:
        raise NotPermitted("您没有执行此操作的权限",
                           f"staff {staff_no} ({staff.role.value}) may not do this; "
                           f"needs {', '.join(r.value for r in roles)}", staff_no=staff_no)
    return staff


def item_by_code(scope: Scope, code: str) -> Item:
    """The item with its queues, in one query."""
    item = scope.session.scalars(select(Item).where(
        Item.hall_id == scope.hall.id, Item.code == code, Item.active.is_(True))
        .options(joinedload(Item.services))).unique().one_or_none()
    if item is None:
        raise _unknown_item(code)
    return item


def _unknown_item(code: str) -> NotFound:
    return NotFound(f"没有编号为 {code} 的事项", f"unknown item {code!r}", item=code)


def _unknown_prefix(prefix: str) -> NotFound:
    return NotFound(f"没有 {prefix} 类业务", f"unknown service prefix {prefix!r}",
                    prefix=prefix)


def service_by_prefix(scope: Scope, prefix: str) -> Service:
    service = scope.session.scalar(select(Service).where(
        Service.hall_id == scope.hall.id, Service.prefix == prefix.upper()))
    if service is None:
        raise _unknown_prefix(prefix)
    return service


#: a prefix is at most 4 letters (ticket.prefix), a day's number at most 6 digits: a
#: longer one would overflow the integer column and fail in the database, not here
PREFIX_MAX, DIGITS_MAX = 4, 6


def parse_code(code: str) -> tuple[str, int]:
    code = code.strip().upper()
    prefix = code.rstrip("0123456789")
    digits = code[len(prefix):]
    if not prefix or not digits or not (prefix.isascii() and prefix.isalpha()) or len(prefix) > PREFIX_MAX \
            or len(digits) > DIGITS_MAX:
        shown = code if len(code) <= 16 else code[:16] + "…"
        raise NotFound(f"号码“{shown}”格式不对，应为字母加数字，如 A012",
                       f"ticket code {shown!r} is not a letter prefix and a number")
    return prefix, int(digits)


def ticket_by_code(scope: Scope, code: str, day: dt.date | None = None,
                   for_update: bool = True) -> Ticket:
    prefix, number = parse_code(code)
    query = select(Ticket).where(Ticket.hall_id == scope.hall.id,
                                 Ticket.day == (day or scope.today),
                                 Ticket.prefix == prefix, Ticket.number == number)
    if for_update:
        query = query.with_for_update()
    ticket = scope.session.scalar(query)
    if ticket is None:
        raise NotFound(f"今天没有 {code.upper()} 号", f"no ticket {code} today", code=code)
    return ticket


def ticket_by_id(scope: Scope, ticket_id: int, for_update: bool = True) -> Ticket:
    query = select(Ticket).where(Ticket.id == ticket_id, Ticket.hall_id == scope.hall.id)
    if for_update:
        query = query.with_for_update()
    ticket = scope.session.scalar(query)
    if ticket is None:
        raise NotFound("找不到该号票", f"no ticket with id {ticket_id}", ticket_id=ticket_id)
    return ticket


@dataclasses.dataclass(frozen=True)
class QueueRules:
    """What issuing needs of a queue (取号业务), read as plain columns: issuing is the
    hot path, and loading ORM rows there costs more than the statements themselves."""

    id: int
    prefix: str
    name: str
    daily_limit: int
    hours: dict[str, Any]
    active: bool
    sort: int
    id_card: str                 # "required", "optional" or "off"
    per_person_daily_limit: int  # 0 = unlimited


@dataclasses.dataclass(frozen=True)
class ItemRef:
    id: int
    code: str
    name: str
    queues: tuple[QueueRules, ...]  # in the catalog's order


_QUEUE_COLUMNS = (Service.id, Service.prefix, Service.name, Service.daily_limit,
                  Service.hours, Service.active, Service.sort, Service.id_card,
                  Service.per_person_daily_limit)
_ITEM_QUEUES = (
    select(Item.id.label("item_id"), Item.code.label("item_code"),
           Item.name.label("item_name"), *_QUEUE_COLUMNS)
    .select_from(Item)
    .outerjoin(service_item, service_item.c.item_id == Item.id)
    .outerjoin(Service, Service.id == service_item.c.service_id)
    .where(Item.hall_id == bindparam("hall_id"), Item.code == bindparam("code"),
           Item.active.is_(True))
    .order_by(Service.sort, Service.id))
_QUEUE_BY_PREFIX = select(*_QUEUE_COLUMNS).where(
    Service.hall_id == bindparam("hall_id"), Service.prefix == bindparam("prefix"))


def item_with_queues(scope: Scope, code: str) -> ItemRef:
    """The item and the queues that serve it, in one query."""
    rows = scope.session.connection().execute(
        _ITEM_QUEUES, {"hall_id": scope.hall.id, "code": code}).all()
    if not rows:
        raise _unknown_item(code)
    item_id, item_code, item_name = rows[0][:3]
    queues = tuple(QueueRules(*row[3:]) for row in rows if row[3] is not None)
    return ItemRef(item_id, item_code, item_name, queues)


def queue_by_prefix(scope: Scope, prefix: str) -> QueueRules:
    row = scope.session.connection().execute(
        _QUEUE_BY_PREFIX, {"hall_id": scope.hall.id, "prefix": prefix.upper()}).first()
    if row is None:
        raise _unknown_prefix(prefix)
    return QueueRules(*row)
