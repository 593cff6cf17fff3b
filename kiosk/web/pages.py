"""Server-rendered pages: one Jinja2 environment (autoescaped) for every route.

``render(request, "x.html", **context)`` is all a route needs; templates extend
``base.html`` and call ``csrf_field()`` inside every form.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from kiosk.errors import (
    IllegalTransition,
    InvalidInput,
    KioskError,
    NotFound,
    NotPermitted,
)

TEMPLATES = Path(__file__).with_name("templates")


@pass_context
def _csrf_field(context) -> Markup:
    from kiosk.web.security import csrf_field

    return csrf_field(context["request"])


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["csrf_field"] = _csrf_field
    return env


ENV = _environment()


def render(request: Request, name: str, status_code: int = 200, *,
           headers: dict[str, str] | None = None, **context) -> HTMLResponse:
    """The page ``name`` with ``context`` (``request`` and ``hall_name`` added)."""
    context.setdefault("hall_name", getattr(request.app.state, "hall_name", ""))
    html = ENV.get_template(name).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code, headers=headers)


def error_page(request: Request, status_code: int, message: str,
               title: str = "出错了") -> HTMLResponse:
    return render(request, "error.html", status_code, title=title, message=message)


def not_found(request: Request) -> HTMLResponse:
    """The one answer for any token we do not know, well-formed or not (no oracle)."""
    return error_page(request, 404, "没有找到这个页面。请核对号票或预约凭证上的二维码。",
                      title="页面不存在")


def status_of(error: KioskError) -> int:
    """The HTTP status a refusal is shown with: 404, 400, 403 or 409."""
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, InvalidInput):
        return 400
    if isinstance(error, NotPermitted):
        return 403
    if isinstance(error, IllegalTransition):
        return 409
    return 409
