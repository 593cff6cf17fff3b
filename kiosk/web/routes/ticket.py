"""The ticket's own page (扫码看号): live position and call, the reminder form and the
rating form. Every answer about an unknown or malformed token is the same 404 page."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from kiosk.errors import KioskError, NotFound
from kiosk.queue.actions import rating as rating_actions
from kiosk.queue.reads.phone import TicketPage, live_views, ticket_page
from kiosk.queue.rules.names import LEVEL_ZH
from kiosk.queue.store.events import Actor
from kiosk.web import pages
from kiosk.web.security import checked_form, form_limit
from kiosk.web.sse import EventStream

#: seconds between SSE comments that keep proxies and phones from closing the stream
PING_S = 15
WEB = Actor("web")
CITIZEN = Actor("citizen", "phone")
#: the five levels, best first, as the buttons show them
LEVEL_BUTTONS = [(level, LEVEL_ZH[level]) for level in (5, 4, 3, 2, 1)]
DONE = {"remind": "已登记到号提醒，快到您时会发短信通知。", "rate": "感谢您的评价！"}


async def _page(request: Request, *, cached: bool = False) -> TicketPage:
    """The ticket's page; ``cached``: as last read if nothing happened since (GETs)."""
    token = request.path_params["token"]
    cache = request.app.state.page_cache
    if cached and (page := cache.get(token)) is not None:
        return page
    generation = cache.generation()
    page = await run_in_threadpool(ticket_page, request.app.state.ctx, token)
    cache.put(token, generation, page)
    return page


def _show(request: Request, page: TicketPage, status_code: int = 200, **extra):
    done = DONE.get(request.query_params.get("done", ""))
    return pages.render(request, "ticket.html", status_code, page=page, done=done,
                        levels=LEVEL_BUTTONS, levels_zh=LEVEL_ZH, reasons=rating_actions.BAD_REASONS,
                        token=request.path_params["token"], **extra)


async def ticket(request: Request):
    try:
        page = await _page(request, cached=True)
    except NotFound:
        return pages.not_found(request)
    return _show(request, page)


async def events(request: Request):
    """The live part: a JSON ``update`` each time the page's view changes."""
    try:
        page = await _page(request)
    except NotFound:
        return pages.not_found(request)
    hub = request.app.state.hub
    sub = hub.subscribe(page.ticket_id, None)
    # subscribed first, read second: no change falls between the page and the stream
    try:
        now = await run_in_threadpool(live_views, request.app.state.ctx, [page.ticket_id])
    except BaseException:
        hub.unsubscribe(sub)
        raise
    sub.offer(now.get(page.ticket_id, page.live))
    return EventStream(hub, sub, ping_s=PING_S)


async def remind(request: Request):
    form_limit(request)
    form = await checked_form(request)
    phone = str(form.get("phone", ""))[:40]
    state = request.app.state
    token = request.path_params["token"]
    try:
        from kiosk.queue.actions import reminders

        digits = phone.strip().replace(" ", "").replace("-", "")
        state.limiter.limit(state.limiter.phone_key(state.phone_secret, digits),
                            state.options.get("web.phone_per_hour"), window_s=3600,
                            message_zh="这个手机号登记太频繁，请稍后再试。")
        await run_in_threadpool(reminders.leave_phone, state.ctx, web_token=token,
                                phone=phone, actor=WEB)
    except NotFound:
        return pages.not_found(request)
    except KioskError as exc:
        return await _again(request, exc, phone=phone)
    state.page_cache.drop(token)
    return RedirectResponse(f"/t/{token}?done=remind", status_code=303)


async def rate(request: Request):
    form_limit(request)
    form = await checked_form(request)
    token = request.path_params["token"]
    raw_level = str(form.get("level", ""))[:4]
    reasons = [str(r)[:40] for r in form.getlist("reason")][:10]
    comment = str(form.get("comment", ""))[:400] or None
    try:
        level = int(raw_level) if raw_level.isascii() and raw_level.isdigit() else 0
        await run_in_threadpool(rating_actions.rate_by_token, request.app.state.ctx,
                                web_token=token, level=level, reasons=reasons,
                                comment=comment, actor=CITIZEN)
    except NotFound:
        return pages.not_found(request)
    except KioskError as exc:
        return await _again(request, exc, level=raw_level, chosen=reasons,
                            comment=comment or "")
    request.app.state.page_cache.drop(token)
    return RedirectResponse(f"/t/{token}?done=rate", status_code=303)


async def _again(request: Request, error: KioskError, **kept):
    """The page again with the refusal's Chinese message and what was typed."""
    try:
        page = await _page(request)
    except NotFound:
        return pages.not_found(request)
    return _show(request, page, pages.status_of(error), error=error.message_zh, kept=kept)


ROUTES = [
    Route("/t/{token}", ticket),
    Route("/t/{token}/events", events),
    Route("/t/{token}/remind", remind, methods=["POST"]),
    Route("/t/{token}/rate", rate, methods=["POST"]),
]
