"""What a ticket's QR code holds, and reading it back (no Qt, no database).

A phone's camera app shows a QR code's plain text as it is, often only its first
words in a banner, so the text leads with the number: ``号码 A001 · 企业开办 ·
示例市政务服务中心 · 2026-11-23 · KH1:demo:2026-11-23:A001``. The ASCII tag at the end
is what machines read (a kiosk's code scanner routing a scanned ticket back, issue 14):
one line, no line breaks (a keyboard-wedge scanner types a line break as Enter) and
found wherever it is, so a scanner that drops the Chinese still yields the ticket.

When the hall's web service for phones exists, ``web_base`` turns the code into a
link to the ticket's own page, ``<base>/t/<hall>/<day>/<code>``; ``parse`` reads both.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

TAG = "KH1"
#: the machine part: KH1:<hall code>:<day>:<ticket code>
_TAGGED = re.compile(rf"{TAG}:([A-Za-z0-9_.-]+):(\d{{4}}-\d{{2}}-\d{{2}}):([A-Za-z]+\d+)")
#: the link form: <base>/t/<hall code>/<day>/<ticket code>
_LINK = re.compile(r"https?://\S*?/t/([A-Za-z0-9_.-]+)/(\d{4}-\d{2}-\d{2})/([A-Za-z]+\d+)")


@dataclasses.dataclass(frozen=True)
class TicketCode:
    """Which ticket a scanned code names."""

    hall_code: str
    day: dt.date
    code: str          # A001


def build(hall_code: str, day: dt.date, code: str, *, hall_name: str = "",
          queue_name: str = "", web_base: str = "") -> str:
    """The QR payload of a ticket: a link when ``web_base`` is set, else readable text
    that ends with the machine tag."""
    if web_base:
        return f"{web_base.rstrip('/')}/t/{hall_code}/{day.isoformat()}/{code}"
    parts = [f"号码 {code}", queue_name, hall_name, day.isoformat(), tag(hall_code, day, code)]
    return " · ".join(part for part in parts if part)


def tag(hall_code: str, day: dt.date, code: str) -> str:
    return f"{TAG}:{hall_code}:{day.isoformat()}:{code}"


def parse(payload: str) -> TicketCode | None:
    """The ticket a scanned payload names (tag or link form), or None for anything
    else (a booking code, a stranger's QR)."""
    found = _TAGGED.search(payload or "") or _LINK.search(payload or "")
    if found is None:
        return None
    hall_code, day_text, code = found.groups()
    try:
        day = dt.date.fromisoformat(day_text)
    except ValueError:
        return None
    return TicketCode(hall_code, day, code.upper())
