"""远程取号 from the phone: a ticket of a queue that allows it, in opening hours only.

The ticket is a ticket like any other (counted in the queue's limits, called in
turn); the phone it is taken with gets its call reminders. After taking one the
citizen lands on the ticket's own page (``/t/<token>``). When no queue takes remote
tickets now, the page says when the hall's queues next open.
"""
from __future__ import annotations

import datetime as dt

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from kiosk.errors import KioskError
from kiosk.queue.actions import remote
from kiosk.queue.reads.kiosk import queue_states
from kiosk.queue.store.events import Actor
from kiosk.web import security
from kiosk.web.pages import render, status_of
from kiosk.web.routes.booking_common import day_label, grouped, hall_context, limit_post
from kiosk.web.security import RateLimited

WEB = Actor("web", "remote")
PHONE_MAX = 32
ITEM_MAX = 40


def _offer(ctx) -> tuple[list, str | None]:
    """The items open for remote tickets now, or (none, when queues next open)."""
    items = remote.remote_items(ctx)
    if items:
        return items, None
    states = queue_states(ctx)
    later = [s.reopens_at for s in states.states.values() if s.reopens_at is not None]
    if not later:
        return [], None
    first: dt.datetime = min(later)
    same_day = first.date() == states.checked_at.date()
    when = f"{first:%H:%M}"
    return [], when if same_day else f"{day_label(first.date())} {when}"


async def remote_page(request: Request) -> Response:
    return await _page(request)


async def _page(request: Request, *, error: str | None = None, status: int = 200,
                chosen: str = "", phone: str = "") -> Response:
    items, reopens = await run_in_threadpool(_offer, hall_context(request))
    return render(request, "remote.html", status, groups=grouped(items), reopens=reopens,
                  error=error, chosen=chosen, phone=phone)


async def take(request: Request) -> Response:
    form = await security.checked_form(request)
    item_code = request.path_params["item"][:ITEM_MAX]
    phone = form.get("phone")
    phone = phone[:PHONE_MAX].strip() if isinstance(phone, str) else ""
    try:
        limit_post(request, "remote", phone)
        result = await run_in_threadpool(lambda: remote.take_remote_ticket(
            hall_context(request), item_code=item_code, phone=phone, actor=WEB))
    except RateLimited as error:
        return await _page(request, error=error.message_zh, status=429, chosen=item_code,
                           phone=phone)
    except KioskError as error:
        return await _page(request, error=error.message_zh, status=status_of(error),
                           chosen=item_code, phone=phone)
    return RedirectResponse(f"/t/{result.ticket.web_token}", status_code=303)


ROUTES = [
    Route("/remote", remote_page, methods=["GET"]),
    Route("/remote/{item}", take, methods=["POST"]),
]
