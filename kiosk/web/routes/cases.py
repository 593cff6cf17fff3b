"""办件查询 on the phone: ``/c/<token>`` (the QR code of the 受理通知书: the paper is the
key) and ``/c``, a form asking for the 办件编号 and the phone's last four digits.

An unknown or malformed token gets the same 404 page as a ticket's. The form is limited
per client address (``security.form_limit``) and, for wrong digits, per case number
(``reads.case_lookup``), so neither one phone nor many can walk the digits of a case.
"""
from __future__ import annotations

import datetime as dt

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.errors import KioskError, NotFound
from kiosk.queue.reads.case_lookup import CASE_NO_MAX, lookup_limited
from kiosk.queue.reads.case_lookup import CitizenView, case_by_token
from kiosk.queue.rules.lookup_tries import TooManyTries
from kiosk.queue.store.models import CASE_STATE_NOTE
from kiosk.web import pages
from kiosk.web.routes.booking_common import day_label, valid_token
from kiosk.web.security import RateLimited, checked_form, form_limit


def date_label(day: dt.date) -> str:
    """2026年11月30日 周一"""
    return f"{day.year}年{day_label(day)}"


def _show(request: Request, view: CitizenView) -> Response:
    return pages.render(request, "case.html", view=view, note=CASE_STATE_NOTE.get(view.state_code, ""),
                        promised=date_label(view.promised_date))


def _form(request: Request, status_code: int = 200, *, error: str | None = None,
          case_no: str = "") -> Response:
    return pages.render(request, "case_lookup.html", status_code, error=error,
                        case_no=case_no, case_no_max=CASE_NO_MAX)


async def case_page(request: Request) -> Response:
    token = request.path_params["token"]
    if not valid_token(token):
        return pages.not_found(request)
    try:
        view = await run_in_threadpool(case_by_token, request.app.state.ctx, token)
    except NotFound:
        return pages.not_found(request)
    return _show(request, view)


async def lookup_form(request: Request) -> Response:
    return _form(request)


async def lookup(request: Request) -> Response:
    form = await checked_form(request)
    case_no = str(form.get("case_no", ""))[:CASE_NO_MAX]
    digits = str(form.get("last_four", ""))[:8]
    state = request.app.state
    try:
        form_limit(request)
        view = await run_in_threadpool(lookup_limited, state.ctx, state.case_tries, case_no,
                                       digits)
    except (RateLimited, TooManyTries) as exc:
        response = _form(request, 429, error=exc.message_zh, case_no=case_no)
        response.headers["retry-after"] = "60"
        return response
    except KioskError as exc:
        return _form(request, pages.status_of(exc), error=exc.message_zh, case_no=case_no)
    return _show(request, view)


ROUTES = [
    Route("/c", lookup_form, methods=["GET"]),
    Route("/c", lookup, methods=["POST"]),
    Route("/c/{token}", case_page, methods=["GET"]),
]
