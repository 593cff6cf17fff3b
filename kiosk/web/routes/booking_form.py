"""The booking form as posted: cut to size, then parsed.

Only the slot's form is checked here; the booking rules and the name, phone and ID
number checks are the core's (``actions.appointments``). Each field is cut before
anything else looks at it, so an overlong post costs nothing. ``kept`` is what the
page shows back after a refusal: never the ID number.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

from starlette.datastructures import FormData

from kiosk.errors import InvalidInput

#: longer than any valid value, short enough that nothing hostile gets far
FIELD_MAX = {"name": 64, "phone": 32, "id_number": 32, "slot": 8}
_SLOT = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


@dataclasses.dataclass(frozen=True, repr=False)
class BookingInput:
    slot_start: dt.time
    name: str
    phone: str
    id_number: str

    def __repr__(self) -> str:  # never the phone or the ID number, even in a traceback
        return f"BookingInput(slot_start={self.slot_start!r})"


def field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value[:FIELD_MAX.get(name, 64)] if isinstance(value, str) else ""


def kept(form: FormData) -> dict[str, str]:
    """What the refused form shows again: everything but the ID number."""
    return {name: field(form, name) for name in ("name", "phone", "slot")}


def parse(form: FormData) -> BookingInput:
    slot = field(form, "slot").strip()
    if not _SLOT.fullmatch(slot):
        raise InvalidInput("请选择预约时段", f"{slot!r} is not a slot time")
    return BookingInput(slot_start=dt.time.fromisoformat(slot), name=field(form, "name"),
                        phone=field(form, "phone").strip(),
                        id_number=id_number(field(form, "id_number")))


def id_number(text: str) -> str:
    """The ID number as typed, spaces removed; required on the phone (one booking per
    person a day goes by it). Its form and check digit are the core's to judge."""
    number = text.strip().replace(" ", "")
    if not number:
        raise InvalidInput("请填写身份证号码", "the booking needs an ID number")
    return number
