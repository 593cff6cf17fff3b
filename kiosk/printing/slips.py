"""What a printed slip says, as plain frozen data.

The kiosk fills these from the queue's results; layouts turn them into ESC/POS bytes.
Keeping them free of database rows and Qt objects means a slip can be built in a test,
rendered in the print worker thread and logged without touching anything else.
Times arrive already on the hall's wall clock: printing never converts zones.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import NamedTuple

from kiosk.printing.case_notice import CaseNoticeSlip

DEFAULT_TICKET_FOOTER = "过号请到窗口重新排队；请保管好此票"

#: ``issued_at_local`` / ``printed_at_local``: a preformatted string, or a datetime
#: already in the hall's zone (printed as it reads, never converted).
LocalTime = str | dt.datetime


class Material(NamedTuple):
    """One line of a notice slip's material list (a plain tuple is accepted too)."""

    name: str
    form_label: str  # 原件 / 复印件 / 原件和复印件 ...
    copies: int
    required: bool
    may_supply_later: bool  # 容缺: may be handed in after acceptance
    note: str = ""


def _freeze(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


@dataclasses.dataclass(frozen=True, kw_only=True)
class TicketSlip:
    """The queue ticket (号票) handed out by the kiosk."""

    hall_name: str
    code: str  # "A012"
    service_name: str
    item_name: str  # "" when the ticket is for the whole service
    windows: tuple[str, ...]  # "3号窗口", ...
    people_ahead: int
    estimated_wait_minutes: int
    issued_at_local: LocalTime
    priority_label: str | None = None  # "绿色通道·老年人"
    appointment_label: str | None = None  # "预约 09:00-09:30"
    holder_masked: str | None = None  # "张*": taken by ID card (never the full name)
    qr_payload: str = ""
    footer: str = DEFAULT_TICKET_FOOTER

    def __post_init__(self) -> None:
        _freeze(self, "windows", tuple(str(w) for w in self.windows))
        if not self.code:
            raise ValueError("a ticket slip needs a ticket code")
        if self.people_ahead < 0 or self.estimated_wait_minutes < 0:
            raise ValueError("people_ahead and estimated_wait_minutes cannot be negative")


@dataclasses.dataclass(frozen=True, kw_only=True)
class NoticeSlip:
    """The one-time notice (一次性告知单): every material the item needs."""

    hall_name: str
    item_code: str
    item_name: str
    department_name: str
    kind_label: str  # 即办件 / 承诺件
    legal_days: int
    promised_days: int
    materials: tuple[Material, ...]
    windows: tuple[str, ...]
    contact: str | None
    qr_payload: str  # the item code, or a guide URL built from it
    printed_at_local: LocalTime

    def __post_init__(self) -> None:
        _freeze(self, "materials", tuple(Material(*m) for m in self.materials))
        _freeze(self, "windows", tuple(str(w) for w in self.windows))
        if self.legal_days < 0 or self.promised_days < 0:
            raise ValueError("time limits cannot be negative")


@dataclasses.dataclass(frozen=True, kw_only=True)
class TestPage:
    """What ``print-test`` prints: enough to check width, text mode and QR by eye."""

    __test__ = False  # not a pytest test class, despite its name

    hall_name: str
    paper_mm: int
    dots: int
    columns: int
    text_mode: str
    transport: str
    printed_at_local: LocalTime


Slip = TicketSlip | NoticeSlip | TestPage | CaseNoticeSlip
