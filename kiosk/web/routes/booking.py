"""网上预约 from the phone: choose an item, a day, a slot; book; see or cancel it.

Pages work without JavaScript (the item search is a plain GET form). Every core call
blocks (SQLAlchemy) and so runs in the thread pool. A refusal is the core's KioskError,
shown in Chinese above the form kept as typed, except the ID number: it is never sent
back to the browser, the citizen types it again.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from kiosk.errors import KioskError, NotFound
from kiosk.queue.actions import appointments
from kiosk.queue.reads import booking as reads
from kiosk.queue.store.events import Actor
from kiosk.web import security
from kiosk.web.pages import not_found, render, status_of
from kiosk.web.routes import booking_form as form_rules
from kiosk.web.routes.booking_common import (
    day_label,
    grouped,
    hall_context,
    limit_post,
    valid_token,
)
from kiosk.web.routes.booking_qr import qr_svg
from kiosk.web.security import RateLimited

#: the search box's longest query (anything longer is cut, not refused)
SEARCH_MAX = 40
_ITEM_CODE = re.compile(r"[A-Za-z0-9_.-]{1,40}")
WEB = Actor("web", "booking")
STATES = {"booked": "已预约，待签到", "checked_in": "已签到取号", "cancelled": "已取消",
          "missed": "已过期（未签到）"}


@dataclasses.dataclass(frozen=True)
class DayChoice:
    day: dt.date
    left: int

    @property
    def label(self) -> str:
        return day_label(self.day)


@dataclasses.dataclass(frozen=True)
class SlotChoice:
    value: str        # "09:00", what the form posts
    label: str        # "09:00-09:30"
    left: int

    @property
    def bookable(self) -> bool:
        return self.left > 0


# -- reads (thread pool) ------------------------------------------------------------

def _item(ctx, item_code: str) -> reads.BookableItem:
    if _ITEM_CODE.fullmatch(item_code):
        for item in reads.bookable_items(ctx):
            if item.code == item_code:
                return item
    raise NotFound("没有这个可预约的事项，请重新选择", "no bookable item with that code")


def _days(ctx, item_code: str) -> tuple[reads.BookableItem, list[DayChoice]]:
    item = _item(ctx, item_code)
    return item, [DayChoice(day, sum(s.left for s in reads.slots(ctx, item_code, day)))
                  for day in reads.booking_days(ctx)]


def _day(ctx, item_code: str, day_text: str):
    item = _item(ctx, item_code)
    try:
        day = dt.date.fromisoformat(day_text) if len(day_text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise NotFound("该日期不可预约，请重新选择日期", f"{day_text[:20]!r} is not a day")
    slots = [SlotChoice(f"{s.start:%H:%M}", f"{s.start:%H:%M}-{s.end:%H:%M}", s.left)
             for s in reads.slots(ctx, item_code, day)]
    return item, day, slots


# -- pages ----------------------------------------------------------------------------

async def items_page(request: Request) -> Response:
    query = request.query_params.get("q", "")[:SEARCH_MAX].strip()
    items = await run_in_threadpool(reads.bookable_items, hall_context(request))
    groups = grouped(items, query)
    return render(request, "booking_items.html", query=query, groups=groups,
                  found=sum(len(g) for _, g in groups))


async def days_page(request: Request) -> Response:
    item, days = await run_in_threadpool(_days, hall_context(request),
                                         request.path_params["item"])
    return render(request, "booking_days.html", item=item, days=days)


async def slots_page(request: Request) -> Response:
    return await _slots(request)


async def _slots(request: Request, *, values: dict | None = None, error: str | None = None,
                 status: int = 200) -> Response:
    item, day, slots = await run_in_threadpool(
        _day, hall_context(request), request.path_params["item"],
        request.path_params["day"])
    return render(request, "booking_slots.html", status, item=item, day=day,
                  day_label=day_label(day), slots=slots, values=values or {}, error=error)


async def book(request: Request) -> Response:
    form = await security.checked_form(request)
    values = form_rules.kept(form)
    try:
        limit_post(request, "book", values["phone"])
        given = form_rules.parse(form)
        booking = await run_in_threadpool(
            _book, hall_context(request), request.path_params["item"],
            request.path_params["day"], given)
    except RateLimited as error:
        return await _slots(request, values=values, error=error.message_zh, status=429)
    except KioskError as error:
        return await _slots(request, values=values, error=error.message_zh,
                            status=status_of(error))
    return RedirectResponse(f"/b/{booking.web_token}", status_code=303)


def _book(ctx, item_code: str, day_text: str, given: form_rules.BookingInput):
    _, day, _ = _day(ctx, item_code, day_text)
    return appointments.book_appointment(
        ctx, item_code=item_code, day=day, slot_start=given.slot_start, name=given.name,
        phone=given.phone, id_number=given.id_number, actor=WEB)


async def confirmation_page(request: Request) -> Response:
    return await _confirmation(request)


async def _confirmation(request: Request, *, error: str | None = None,
                        status: int = 200) -> Response:
    token = request.path_params["token"]
    if not valid_token(token):
        return not_found(request)
    try:
        booking = await run_in_threadpool(reads.booking_by_token, hall_context(request),
                                          token)
    except NotFound:
        return not_found(request)
    return render(
        request, "booking_done.html", status, booking=booking, token=token, error=error,
        qr=qr_svg(booking.code), day_label=day_label(booking.day),
        slot_label=f"{booking.slot_start:%H:%M}-{booking.slot_end:%H:%M}",
        state_label=STATES.get(booking.state, booking.state),
        can_cancel=booking.cancellable,
        cancel_until_label=_when(booking.can_cancel_until, booking.day),
        cancelled=request.query_params.get("c") == "1")


def _when(moment: dt.datetime, day: dt.date) -> str:
    """The cancel deadline: "11月24日 07:00", or only the time when it is on the day."""
    text = f"{moment:%H:%M}"
    return text if moment.date() == day else f"{day_label(moment.date())[:-3]} {text}"


async def cancel(request: Request) -> Response:
    await security.checked_form(request)
    token = request.path_params["token"]
    if not valid_token(token):
        return not_found(request)
    try:
        limit_post(request, "cancel", None)
        await run_in_threadpool(lambda: appointments.cancel_booking(
            hall_context(request), web_token=token, actor=WEB))
    except RateLimited as error:
        return await _confirmation(request, error=error.message_zh, status=429)
    except NotFound:
        return not_found(request)
    except KioskError as error:
        return await _confirmation(request, error=error.message_zh, status=status_of(error))
    return RedirectResponse(f"/b/{token}?c=1", status_code=303)


ROUTES = [
    Route("/book", items_page, methods=["GET"]),
    Route("/book/{item}", days_page, methods=["GET"]),
    Route("/book/{item}/{day}", slots_page, methods=["GET"]),
    Route("/book/{item}/{day}", book, methods=["POST"]),
    Route("/b/{token}", confirmation_page, methods=["GET"]),
    Route("/b/{token}/cancel", cancel, methods=["POST"]),
]
