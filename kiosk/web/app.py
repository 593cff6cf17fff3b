"""The hall's web service for phones: ``create_app(ctx)`` builds the Starlette app.

Routes come from every ``kiosk.web.routes.<module>.ROUTES``; pages are rendered on the
server (``pages.render``); the one live part, the ticket page's updates, comes from a
single feed subscription per process (``feed_hub.FeedHub``). Core calls block
(SQLAlchemy), so routes run them with ``run_in_threadpool``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import logging
import pkgutil
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kiosk.errors import KioskError, NotFound
from kiosk.fonts import SHIPPED_DIR
from kiosk.queue.rules.lookup_tries import WrongTries
from kiosk.queue.store.context import HallContext
from kiosk.settings import Settings
from kiosk.web import pages, routes
from kiosk.web.feed_hub import FeedHub, PageCache
from kiosk.web.security import (
    CsrfRefused,
    RateLimited,
    RateLimiter,
    SecurityMiddleware,
    parse_networks,
)

log = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("static")


def collect_routes() -> list:
    """Every ``ROUTES`` list of the modules in ``kiosk.web.routes``, by module name."""
    found = []
    for info in sorted(pkgutil.iter_modules(routes.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{routes.__name__}.{info.name}")
        found.extend(getattr(module, "ROUTES", []))
    return found


async def _kiosk_error(request: Request, exc: KioskError):
    if isinstance(exc, NotFound):
        return pages.not_found(request)
    return pages.error_page(request, pages.status_of(exc), exc.message_zh)


async def _http_error(request: Request, exc: HTTPException):
    if exc.status_code == 404:
        return pages.not_found(request)
    if exc.status_code == 405:
        return pages.error_page(request, 405, "不支持这种访问方式。")
    return pages.error_page(request, exc.status_code, "请求有误，请返回重试。")


async def _csrf_refused(request: Request, exc: CsrfRefused):
    return pages.error_page(request, 403, exc.message_zh, title="无法提交")


async def _rate_limited(request: Request, exc: RateLimited):
    response = pages.error_page(request, 429, exc.message_zh, title="请稍后再试")
    response.headers["retry-after"] = "60"
    return response


async def _server_error(request: Request, exc: Exception):
    log.error("web request failed: %s", type(exc).__name__, exc_info=exc)
    return pages.error_page(request, 500, "系统繁忙，请稍后再试。")


async def healthz(request: Request):
    return PlainTextResponse("ok")


def create_app(ctx: HallContext, *, settings: Mapping[str, Any] | None = None,
               hub: FeedHub | None = None, follow_feed: bool = True,
               limiter: RateLimiter | None = None) -> Starlette:
    """The app over ``ctx``; ``settings`` override this machine's options (tests);
    ``follow_feed=False`` starts no feed thread (pages then are not live)."""
    machine = dict(ctx.machine_settings)
    machine.update(settings or {})
    options = Settings(machine=machine)
    networks = parse_networks(options.get("web.trusted_proxies"))
    limiter = limiter or RateLimiter()
    hub = hub or FeedHub(ctx)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        from kiosk.queue.reads.hall import hall_info

        try:
            app.state.hall_name = (await run_in_threadpool(hall_info, ctx))[0]
        except KioskError as exc:
            log.warning("web service without the hall's name: %s", exc.message_en)
        if follow_feed:
            await hub.start()
        try:
            yield
        finally:
            await hub.stop()

    app = Starlette(
        routes=[Route("/healthz", healthz), *collect_routes(),
                Mount("/static/fonts", StaticFiles(directory=str(SHIPPED_DIR)), name="fonts"),
                Mount("/static", StaticFiles(directory=str(STATIC)), name="static")],
        middleware=[Middleware(SecurityMiddleware, limiter=limiter, networks=networks,
                               per_minute=options.get("web.rate_per_minute"),
                               secure_cookie=options.get("web.secure_cookies"))],
        exception_handlers={KioskError: _kiosk_error, HTTPException: _http_error,
                            CsrfRefused: _csrf_refused, RateLimited: _rate_limited,
                            Exception: _server_error},
        lifespan=lifespan)
    app.state.ctx = ctx
    app.state.options = options
    app.state.limiter = limiter
    app.state.hub = hub
    app.state.page_cache = PageCache(hub)
    app.state.hall_name = ""
    app.state.csrf_secret = secrets.token_bytes(32)
    app.state.phone_secret = secrets.token_bytes(32)
    #: wrong 办件查询 digits per case number (limits: the hall's, read with each lookup)
    app.state.case_tries = WrongTries(options.get("cases.lookup_tries"), dt.timedelta(
        minutes=options.get("cases.lookup_minutes")), clock=ctx.clock.now)
    return app

