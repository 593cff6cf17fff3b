"""The catalog file's shape as pydantic models: types, lengths and unknown keys.

Strict scalars (a list, number or date where text is expected is refused, not coerced;
``true`` is no number) and lengths from ``rules.limits``, the same numbers the columns
are sized with, so nothing the schema passes can fail or be cut in the database.
Rules between entries (references, promised ≤ legal, hours) are ``references``' job.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from kiosk.queue.rules import limits

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"


def text(max_length: int, pattern: str | None = None):
    """Non-empty text of at most ``max_length`` characters."""
    return Annotated[StrictStr, Field(min_length=1, max_length=max_length, pattern=pattern)]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Hall(Entry):
    code: text(limits.HALL_CODE_MAX, CODE_PATTERN)
    name: text(limits.HALL_NAME_MAX)
    timezone: text(limits.TIMEZONE_MAX)


class Department(Entry):
    code: text(limits.DEPARTMENT_CODE_MAX, CODE_PATTERN)
    name: text(limits.DEPARTMENT_NAME_MAX)


class Material(Entry):
    name: text(limits.MATERIAL_NAME_MAX)
    form: Literal["original", "copy", "both"]
    copies: Annotated[StrictInt, Field(ge=1, le=99)]
    required: StrictBool
    may_supply_later: StrictBool
    note: text(limits.MATERIAL_NOTE_MAX) | None = None


class CaseStepSpec(Entry):
    """One 办理环节 a case goes through after 受理, with its own time limit."""

    name: text(limits.CASE_STEP_NAME_MAX)
    days: Annotated[StrictInt, Field(ge=1, le=9999)]


class Item(Entry):
    code: text(limits.ITEM_CODE_MAX, CODE_PATTERN)
    department: text(limits.DEPARTMENT_CODE_MAX)
    name: text(limits.ITEM_NAME_MAX)
    kind: Literal["instant", "promised"]
    legal_days: Annotated[StrictInt, Field(ge=0, le=9999)]
    promised_days: Annotated[StrictInt, Field(ge=0, le=9999)]
    legal_basis: text(limits.GUIDE_TEXT_MAX)
    conditions: text(limits.GUIDE_TEXT_MAX)
    procedure: Annotated[list[text(limits.PROCEDURE_STEP_MAX)],
                         Field(min_length=1, max_length=limits.PROCEDURE_STEPS_MAX)]
    materials: Annotated[list[Material], Field(min_length=1, max_length=limits.MATERIALS_MAX)]
    sample_form: text(limits.GUIDE_TEXT_MAX)
    fees: text(limits.GUIDE_TEXT_MAX)
    contact: text(limits.ITEM_CONTACT_MAX) | None = None
    #: 办理环节 with time limits, tracked by 电子监察 (within the promised days)
    case_steps: Annotated[list[CaseStepSpec], Field(min_length=1, max_length=20)] | None = None


class Hours(Entry):
    weekdays: Annotated[list[StrictInt], Field(min_length=1, max_length=7)]
    periods: Annotated[list[text(20)], Field(min_length=1, max_length=10)]


class Service(Entry):
    prefix: text(1, r"^[A-Z]$")
    name: text(limits.SERVICE_NAME_MAX)
    items: Annotated[list[text(limits.ITEM_CODE_MAX)], Field(min_length=1)]
    daily_limit: Annotated[StrictInt, Field(ge=0, le=100_000)]
    hours: Hours
    #: 刷身份证取号: required (no ticket without a card), optional, off (card not used)
    id_card: Literal["required", "optional", "off"] = "off"
    #: tickets one person (by ID card) may take in this queue a day; 0 = no limit
    per_person_daily_limit: Annotated[StrictInt, Field(ge=0, le=99)] = 0
    #: 到号提醒: a phone left for a ticket is told when this many are ahead; 0 = never
    remind_ahead: Annotated[StrictInt, Field(ge=0, le=50)] = 3
    #: 远程取号: a ticket taken on the phone (with a reminder), counted in daily_limit
    remote_ticket: StrictBool = False
    remote_daily_per_phone: Annotated[StrictInt, Field(ge=1, le=10)] = 1
    #: 网上预约: at most this percent of daily_limit booked a day; 0 = no booking
    booking_share: Annotated[StrictInt, Field(ge=0, le=100)] = 30
    booking_slot_minutes: Annotated[StrictInt, Field(ge=5, le=240)] = 30
    #: bookings per slot; 0 = no booking
    booking_slot_capacity: Annotated[StrictInt, Field(ge=0, le=999)] = 4


class Window(Entry):
    number: Annotated[StrictInt, Field(ge=1, le=9999)]
    name: text(limits.WINDOW_NAME_MAX)
    department: text(limits.DEPARTMENT_CODE_MAX) | None = None
    services: Annotated[list[text(1)], Field(min_length=1)]


class Catalog(Entry):
    hall: Hall
    departments: Annotated[list[Department], Field(min_length=1)]
    items: Annotated[list[Item], Field(min_length=1)]
    services: Annotated[list[Service], Field(min_length=1)]
    windows: Annotated[list[Window], Field(min_length=1)]


#: the queue's phone fields (reminders, remote tickets, booking) and their defaults: a
#: file without them gets these, and the export leaves out the ones still at default
PHONE_DEFAULTS = {name: Service.model_fields[name].default for name in (
    "remind_ahead", "remote_ticket", "remote_daily_per_phone", "booking_share",
    "booking_slot_minutes", "booking_slot_capacity")}
