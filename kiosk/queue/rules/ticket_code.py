"""What a ticket's QR code holds, and reading it back (no Qt, no database).

A phone's camera app shows a QR code's plain text as it is, often only its first
words in a banner, so the text leads with the number: ``号码 A001 · 企业开办 ·
示例市政务服务中心 · 2026-11-23 · KH1:demo:2026-11-23:A001``. The ASCII tag at the end
is what machines read (a kiosk's code scanner routing a scanned ticket back, issue 14):
one line, no line breaks (a keyboard-wedge scanner types a line break as Enter) and
found wherever it is, so a scanner that drops the Chinese still yields the ticket.

When the hall's web service for phones exists, ``web_base`` and the ticket's
``web_token`` turn the code into a link to the ticket's own page, ``<base>/t/<token>``:
no hall, day or number in the URL, so a photo of a stranger's slip cannot be walked
to the next number. ``parse`` reads both forms; the link gives a ``TicketLink``.
A case notice's QR code links the same way to the case's page, ``<base>/c/<token>``:
``parse`` gives a ``CaseLink``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

TAG = "KH1"
#: the machine part: KH1:<hall code>:<day>:<ticket code>
_TAGGED = re.compile(rf"{TAG}:([A-Za-z0-9_.-]+):(\d{{4}}-\d{{2}}-\d{{2}}):([A-Za-z]+\d+)")
#: the link forms: <base>/t/<token> (a ticket) and <base>/c/<token> (a case), tokens
#: from ``issuing.web_token`` (URL-safe base64); any case in the scheme and "/t/" or
#: "/c/", as a scanner with Caps Lock on types them
_LINK = re.compile(r"(?i:https?)://\S*?/([tTcC])/([A-Za-z0-9_-]{16,64})(?![A-Za-z0-9_-])")


@dataclasses.dataclass(frozen=True)
class TicketCode:
    """Which ticket a scanned code names."""

    hall_code: str
    day: dt.date
    code: str          # A001


@dataclasses.dataclass(frozen=True)
class TicketLink:
    """A link to a ticket's phone page: the ticket is found by its token."""

    web_token: str


@dataclasses.dataclass(frozen=True)
class CaseLink:
    """A link to a case's 办件查询 page (the notice's QR code), found by its token."""

    web_token: str


def build(hall_code: str, day: dt.date, code: str, *, hall_name: str = "",
          queue_name: str = "", web_base: str = "", web_token: str | None = None) -> str:
    """The QR payload of a ticket: a link when ``web_base`` and the ticket's token are
    set, else readable text that ends with the machine tag."""
    if web_base and web_token:
        return link(web_base, web_token)
    parts = [f"号码 {code}", queue_name, hall_name, day.isoformat(), tag(hall_code, day, code)]
    return " · ".join(part for part in parts if part)


def link(web_base: str, web_token: str) -> str:
    return f"{web_base.rstrip('/')}/t/{web_token}"


def case_link(web_base: str, web_token: str) -> str:
    """The 办件查询 page a case notice's QR code opens: ``<base>/c/<token>``."""
    return f"{web_base.rstrip('/')}/c/{web_token}"


def is_link(payload: str) -> bool:
    """Whether a QR payload is a link to a phone page, a ticket's or a case's (the
    slip then says so)."""
    return bool(_LINK.fullmatch(payload or ""))


def tag(hall_code: str, day: dt.date, code: str) -> str:
    return f"{TAG}:{hall_code}:{day.isoformat()}:{code}"


def parse(payload: str) -> TicketCode | TicketLink | CaseLink | None:
    """The ticket a scanned payload names (tag or link form), or the case its notice's
    link names, or None for anything else (a booking code, a stranger's QR)."""
    linked = _LINK.search(payload or "")
    if linked is not None:
        kind, token = linked.groups()
        return CaseLink(token) if kind in "cC" else TicketLink(token)
    found = _TAGGED.search(payload or "")
    if found is None:
        return None
    hall_code, day_text, code = found.groups()
    try:
        day = dt.date.fromisoformat(day_text)
    except ValueError:
        return None
    return TicketCode(hall_code, day, code.upper())
