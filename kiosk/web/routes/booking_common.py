"""What the booking and remote-ticket pages share: the hall context, Chinese dates,
the token check, and the limits on form posts (per address and per phone)."""
from __future__ import annotations

import datetime as dt
import re

from starlette.requests import Request

from kiosk.web.security import form_limit

#: a web token as ``issuing.web_token`` makes them (24 URL-safe characters); anything
#: else gets the same 404 as an unknown token, without asking the database
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
WEEKDAYS = "一二三四五六日"
#: attempts one phone number may make per hour, per form (booking, remote ticket)
PHONE_TRIES_PER_HOUR = 6


def hall_context(request: Request):
    return request.app.state.ctx


def valid_token(token: str) -> bool:
    return bool(_TOKEN.fullmatch(token))


def day_label(day: dt.date) -> str:
    """11月24日 周二"""
    return f"{day.month}月{day.day}日 周{WEEKDAYS[day.weekday()]}"


def grouped(items, query: str = "") -> list[tuple[str, list]]:
    """Items (with name, code, department) whose text holds ``query``, grouped by
    department in order of first appearance."""
    q = query.casefold()
    groups: dict[str, list] = {}
    for item in items:
        if not q or any(q in text.casefold() for text in (item.name, item.code,
                                                          item.department)):
            groups.setdefault(item.department, []).append(item)
    return list(groups.items())


def limit_post(request: Request, form: str, phone: str | None) -> None:
    """Count one post of ``form`` for this address and, when given, this phone
    (raises RateLimited). A phone is counted under a keyed hash, never as digits."""
    form_limit(request)
    phone = (phone or "").strip()
    if phone:
        state = request.app.state
        key = (form, state.limiter.phone_key(state.phone_secret, phone[:32]))
        state.limiter.limit(key, PHONE_TRIES_PER_HOUR, window_s=3600,
                            message_zh="这个手机号码操作太频繁，请一小时后再试。")
