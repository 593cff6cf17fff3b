"""What a scanned code means for the kiosk (扫码): check in a booking, show a ticket's
status, or say the code is not one of ours.

One read transaction, no writes, and every answer a typed result (never an exception,
except the database's own): a scanner types whatever a citizen holds up, so very long
text, control characters, a stranger's QR code, another hall's or another day's ticket
and a number never issued are all ordinary answers here.

A booking code is recognised by its form alone and is not looked up: checking in by
code also asks for the phone's last four digits, and ``appointments.check_in`` gives
one answer to a wrong code and to wrong digits, so that a scan never tells whether a
code exists. The kiosk asks for the digits, then calls
``appointments.check_in(ctx, code=route.code, phone_last_four=...)``.

A ticket is read from the machine tag or link its QR code holds (``rules.ticket_code``):
a link names it by its web token, looked up here and then routed as the tag would be;
its people ahead and wait are the estimate the kiosk showed when it was taken
(``queue.position.queue_position``), read again now.

A case notice's link (``<base>/c/<token>``) shows that case's 办件查询 view: the
paper is the key, as on the phone page, so no phone digits are asked for.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

from sqlalchemy import select

from kiosk.errors import NotFound

# the wait estimate lives with issuing, which shows it first; the one read-side import
# of an action module, allowed in setup.cfg (queue-parts contract)
from kiosk.queue.position import queue_position
from kiosk.queue.reads.case_lookup import CitizenView, case_by_token
from kiosk.queue.rules import limits, ticket_code
from kiosk.queue.snapshots import TicketView
from kiosk.queue.store.context import HallContext, Scope
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.lookup import ticket_by_code
from kiosk.queue.store.models import Hall, Ticket, TicketState, Window

#: longer than any QR code's text; a longer "scan" is a stuck key or noise
MAX_SCAN_CHARS = 4096
#: the form of ``appointments.new_code`` (8 random digits): ASCII digits only
BOOKING_CODE = re.compile(r"[0-9]{8}")
#: a ticket code as issued: prefix letters and a daily number (A012, AB1234)
_TICKET = re.compile(rf"[A-Z]{{1,{limits.SERVICE_PREFIX_MAX}}}[0-9]{{1,6}}")
#: what scanners add around a code (STX/ETX, GS, CR/LF) and no code contains
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

# TicketStatus.status
WAITING, CALLED, SERVING, FINISHED, NO_SHOW, EXPIRED = (
    "waiting", "called", "serving", "finished", "no_show", "expired")
_STATUS = {TicketState.WAITING: WAITING, TicketState.TRANSFERRED: WAITING,
           TicketState.CALLED: CALLED, TicketState.SERVING: SERVING,
           TicketState.FINISHED: FINISHED, TicketState.NO_SHOW: NO_SHOW,
           TicketState.EXPIRED: EXPIRED}

# TicketNotValid.reason
OTHER_HALL, OTHER_DAY, NOT_FOUND = "other_hall", "other_day", "not_found"


@dataclasses.dataclass(frozen=True)
class CheckIn:
    """A booking confirmation code: ask for the booking phone's last four digits and
    check it in (see the module)."""

    code: str


@dataclasses.dataclass(frozen=True)
class TicketStatus:
    """One of today's tickets of this hall, as it stands now.

    ``status``: WAITING (``people_ahead``, ``estimated_wait_minutes``, and the windows
    that may call it in ``window_numbers``), CALLED or SERVING (``window_number``: where
    to go), FINISHED (``outcome``, ``window_number``), NO_SHOW (过号: a window may
    requeue it) or EXPIRED (the day was closed). ``ticket_id`` lets the kiosk refresh
    it when the feed reports a change to that ticket.
    """

    ticket_id: int
    code: str
    day: dt.date
    status: str
    service_name: str
    item_name: str | None
    people_ahead: int | None = None
    estimated_wait_minutes: int | None = None
    window_numbers: tuple[int, ...] = ()
    window_number: int | None = None
    outcome: str | None = None


@dataclasses.dataclass(frozen=True)
class TicketNotValid:
    """A ticket code of ours that names no ticket usable here today: ``reason`` is
    OTHER_HALL, OTHER_DAY or NOT_FOUND; the messages say so."""

    reason: str
    code: str
    day: dt.date
    message_zh: str
    message_en: str


@dataclasses.dataclass(frozen=True)
class Unrecognised:
    """Neither a booking code nor a ticket code."""

    message_zh: str = "无法识别此二维码"
    message_en: str = "the scanned code is neither a booking code nor a ticket code"


@dataclasses.dataclass(frozen=True)
class CaseFound:
    """A case notice's QR code: what the applicant may see of that case."""

    view: CitizenView


ScanRoute = CheckIn | TicketStatus | TicketNotValid | CaseFound | Unrecognised


def route_scan(ctx: HallContext, text: str) -> ScanRoute:
    """What the kiosk does with ``text``, as a scanner delivered it."""
    if not isinstance(text, str) or len(text) > MAX_SCAN_CHARS:
        return Unrecognised()
    cleaned = _CONTROL.sub(" ", text).strip()
    if BOOKING_CODE.fullmatch(cleaned):
        return CheckIn(cleaned)
    # a keyboard scanner typing with Caps Lock on swaps every letter's case
    named = ticket_code.parse(cleaned) or ticket_code.parse(cleaned.swapcase())
    if named is None:
        return Unrecognised()
    if isinstance(named, ticket_code.CaseLink):
        return _case_route(ctx, named.web_token)
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        if isinstance(named, ticket_code.TicketLink):
            # the token is case-sensitive: Caps Lock swapped it, or did not
            named = (_linked(scope, named.web_token)
                     or _linked(scope, named.web_token.swapcase()))
            if named is None:
                return TicketNotValid(NOT_FOUND, "", scope.today,
                                      "找不到该号票，请核对号票或重新取号",
                                      "no ticket for the scanned link")
        return _ticket_route(scope, named)


def _case_route(ctx: HallContext, web_token: str) -> CaseFound | Unrecognised:
    """The case a notice's link names; the token is case-sensitive, so Caps Lock may
    have swapped it, or not."""
    refusal = None
    for token in (web_token, web_token.swapcase()):
        try:
            return CaseFound(case_by_token(ctx, token))
        except NotFound as exc:
            refusal = refusal or exc
    return Unrecognised(refusal.message_zh, refusal.message_en)


def _linked(scope: Scope, web_token: str) -> ticket_code.TicketCode | None:
    """The ticket a link's token names, in the tag's terms (any hall on this database)."""
    row = scope.session.execute(
        select(Hall.code, Ticket.day, Ticket.code).join(Hall, Hall.id == Ticket.hall_id)
        .where(Ticket.web_token == web_token)).first()
    return ticket_code.TicketCode(*row) if row else None


def _ticket_route(scope: Scope, named: ticket_code.TicketCode) -> ScanRoute:
    code, day = _shown(named.code), named.day
    if named.hall_code != scope.hall.code:
        return _other_hall(scope, named)
    if day != scope.today:
        when = f"{day.month}月{day.day}日" if day.year == scope.today.year else (
            f"{day.year}年{day.month}月{day.day}日")
        later = day > scope.today
        return TicketNotValid(
            OTHER_DAY, code, day,
            f"这是 {when} 的号票，不是今天的号" if later
            else f"这是 {when} 的号票，已失效，请重新取号",
            f"ticket {code} is of {day.isoformat()}, not of today")
    if not (named.code.isascii() and _TICKET.fullmatch(named.code)):
        return _not_found(code, day)
    try:
        ticket = ticket_by_code(scope, named.code, day, for_update=False)
    except NotFound:
        return _not_found(code, day)
    view = TicketView.of(ticket)
    status = _STATUS[ticket.state]
    result = TicketStatus(ticket_id=view.id, code=view.code, day=view.day, status=status,
                          service_name=view.service_name, item_name=view.item_name)
    if status == WAITING:
        position = queue_position(scope, view)
        windows = position.window_numbers
        if view.target_window_id is not None:  # transferred to one window by number
            windows = (_window_number(scope, view.target_window_id),)
        return dataclasses.replace(
            result, people_ahead=position.people_ahead,
            estimated_wait_minutes=position.estimated_wait_minutes, window_numbers=windows)
    return dataclasses.replace(result, outcome=view.outcome,
                               window_number=_window_number(scope, view.window_id))


def _window_number(scope: Scope, window_id: int | None) -> int | None:
    if window_id is None:
        return None
    return scope.session.scalar(select(Window.number).where(
        Window.id == window_id, Window.hall_id == scope.hall.id))


def _other_hall(scope: Scope, named: ticket_code.TicketCode) -> TicketNotValid:
    """Named by the other hall's name when it is on this database (one LAN, many halls)."""
    name = None
    if len(named.hall_code) <= limits.HALL_CODE_MAX:
        name = scope.session.scalar(select(Hall.name).where(Hall.code == named.hall_code))
    where = f"“{name}”" if name else "其他大厅"
    code = _shown(named.code)
    return TicketNotValid(
        OTHER_HALL, code, named.day,
        f"这是{where}的号票，请到取号的大厅办理，或在本大厅重新取号",
        f"ticket {code} was issued by another hall")


def _not_found(code: str, day: dt.date) -> TicketNotValid:
    return TicketNotValid(NOT_FOUND, code, day, f"今天没有 {code} 号，请核对号票",
                          f"no ticket {code} today")


def _shown(code: str) -> str:
    """A scanned ticket code as messages quote it: a forged one may be any length."""
    return code if len(code) <= 12 else code[:12] + "…"

