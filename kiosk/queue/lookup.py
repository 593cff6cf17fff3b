"""Finding and locking the rows an action acts on, with the errors a person can read."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from kiosk.errors import NotFound, NotPermitted
from kiosk.queue.context import Scope
from kiosk.queue.models import Item, Role, Service, Staff, Ticket, Window, WindowState


_WINDOW_FOR_UPDATE = (
    select(Window).where(Window.hall_id == bindparam("hall_id"),
                         Window.number == bindparam("number"), Window.active.is_(True))
    .options(joinedload(Window.staff), joinedload(Window.services))
    .with_for_update(of=Window))


def window_for_update(scope: Scope, number: int) -> Window:
    """The window row, locked for this transaction (two clients of one window queue up)."""
    window = scope.session.scalars(_WINDOW_FOR_UPDATE, {
        "hall_id": scope.hall.id, "number": number}).unique().one_or_none()
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
    """The window, locked, after checking that ``staff_no`` is the one signed in there."""
    window = window_for_update(scope, number)
    if window.state == WindowState.CLOSED or window.staff is None \
            or window.staff.staff_no != staff_no:
        raise NotPermitted(f"您（工号 {staff_no}）未在 {number} 号窗口登录",
                           f"staff {staff_no} is not signed in at window {number}",
                           window=number, staff_no=staff_no)
    return window


def require_role(scope: Scope, staff_no: str, *roles: Role) -> Staff:
    staff = staff_by_no(scope, staff_no)
    if staff.role not in roles:
        raise NotPermitted("您没有执行此操作的权限",
                           f"staff {staff_no} ({staff.role.value}) may not do this; "
                           f"needs {', '.join(r.value for r in roles)}", staff_no=staff_no)
    return staff


def item_by_code(scope: Scope, code: str) -> Item:
    """The item with its queues (what issuing needs) in one query."""
    item = scope.session.scalars(select(Item).where(
        Item.hall_id == scope.hall.id, Item.code == code, Item.active.is_(True))
        .options(joinedload(Item.services))).unique().one_or_none()
    if item is None:
        raise NotFound(f"没有编号为 {code} 的事项", f"unknown item {code!r}", item=code)
    return item


def service_by_prefix(scope: Scope, prefix: str) -> Service:
    service = scope.session.scalar(select(Service).where(
        Service.hall_id == scope.hall.id, Service.prefix == prefix.upper()))
    if service is None:
        raise NotFound(f"没有 {prefix} 类业务", f"unknown service prefix {prefix!r}",
                       prefix=prefix)
    return service


def parse_code(code: str) -> tuple[str, int]:
    code = code.strip().upper()
    prefix = code.rstrip("0123456789")
    digits = code[len(prefix):]
    if not prefix or not digits:
        raise NotFound(f"号码“{code}”格式不对，应为字母加数字，如 A012",
                       f"ticket code {code!r} is not a letter prefix and a number")
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
