"""网上预约's refusals, checked inside the booking's write transaction (after the
queue's row is locked, so two bookings of one queue see each other's places)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select

from kiosk.errors import IllegalTransition, InvalidInput, NotPermitted, ServiceUnavailable
from kiosk.queue.rules import booking as rules
from kiosk.queue.rules.personal import valid_id_number
from kiosk.queue.store import booking as store
from kiosk.queue.store.context import Scope
from kiosk.queue.store.person_lock import lock_person
from kiosk.queue.store.models import Appointment, AppointmentState


class SlotFull(ServiceUnavailable):
    code = "slot_full"


class DayFull(ServiceUnavailable):
    code = "booking_day_full"


class AlreadyBooked(ServiceUnavailable):
    code = "already_booked"


class NoShowBlocked(NotPermitted):
    code = "no_show_blocked"


class BookingTooLate(IllegalTransition):
    code = "cancel_too_late"


def check_id_number(id_number: str | None) -> str | None:
    """The ID number upper-cased, None when not given, or a refusal."""
    id_number = (id_number or "").strip().upper()
    if not id_number:
        return None
    if not valid_id_number(id_number):
        raise InvalidInput("身份证号码不正确，请核对 18 位号码",
                           "not a valid 18-character ID number")
    return id_number


def slot_of(scope: Scope, queue: store.BookingQueue, day: dt.date, start: dt.time,
            entries: dict[dt.date, bool]) -> store.SlotView:
    """The slot starting at ``start`` on ``day``, or a refusal."""
    slots = store.day_slots(scope, queue, day, entries)
    if not slots:
        raise InvalidInput(f"{queue.name}{day:%m月%d日}不办理业务，请选择其他日期",
                           f"queue {queue.prefix} does not open on {day}")
    for slot in slots:
        if slot.start == start.replace(tzinfo=None):
            return slot
    raise InvalidInput(f"{start:%H:%M} 不是可预约的时段，请重新选择",
                       f"{start} is not a slot start of queue {queue.prefix} on {day}")


def check_places(scope: Scope, queue: store.BookingQueue, day: dt.date,
                 slot: store.SlotView) -> None:
    if slot.open:
        return
    cap = queue.cap
    if cap is not None and _booked_in_day(scope, queue, day) >= cap:
        raise DayFull(f"{day:%m月%d日}的预约名额已满（{cap} 个），请选择其他日期",
                      f"queue {queue.prefix} has its {cap} bookings on {day}")
    raise SlotFull(f"{slot.start:%H:%M}-{slot.end:%H:%M} 时段已约满，请选择其他时段",
                   f"slot {slot.start} of queue {queue.prefix} on {day} is full")


def _booked_in_day(scope: Scope, queue: store.BookingQueue, day: dt.date) -> int:
    return scope.session.scalar(select(func.count()).where(
        Appointment.hall_id == scope.hall.id, Appointment.day == day,
        Appointment.item_id.in_(queue.item_ids),
        Appointment.state != AppointmentState.CANCELLED))


def _mine(hashes: list[str], by_person: bool):
    column = Appointment.person_hash if by_person else Appointment.phone_hash
    return column.in_(hashes)


def check_one_a_day(scope: Scope, day: dt.date, hashes: list[str], by_person: bool) -> None:
    """One booking per person (ID number, else phone) a day in the hall. Bookings of
    two queues lock two queue rows, so the person is locked first: a second booking
    of the same person waits for the first to commit, then sees it."""
    lock_person(scope, "booking", day, hashes[0])   # the current key's hash
    other = scope.session.scalar(select(Appointment).where(
        Appointment.hall_id == scope.hall.id, Appointment.day == day,
        Appointment.state != AppointmentState.CANCELLED, _mine(hashes, by_person)).limit(1))
    if other is not None:
        who = "该身份证号" if by_person else "该手机号"
        raise AlreadyBooked(
            f"{who}{day:%m月%d日}已有预约（{scope.local(other.slot_start):%H:%M}），"
            "每人每天只能预约一次；如需改约请先取消原预约",
            f"already booked on {day} (one booking a day)")


def check_no_shows(scope: Scope, phones: list[str], people: list[str]) -> None:
    """``booking.no_show_limit`` missed bookings (by the phone or the ID number) within
    ``booking.no_show_window_days`` block booking for ``booking.no_show_block_days``
    from the latest one."""
    settings = scope.settings
    limit = settings.get("booking.no_show_limit")
    if not limit:
        return
    since = scope.today - dt.timedelta(days=settings.get("booking.no_show_window_days"))
    missed = list(scope.session.scalars(select(Appointment.day).where(
        Appointment.hall_id == scope.hall.id, Appointment.day >= since,
        Appointment.state == AppointmentState.MISSED,
        or_(_mine(phones, False), _mine(people, True)))))
    until = rules.block_until(missed, limit, settings.get("booking.no_show_block_days"))
    if until is not None and scope.today < until:
        raise NoShowBlocked(
            f"您近 {settings.get('booking.no_show_window_days')} 天内有 {len(missed)} 次预约"
            f"未到，暂停网上预约至 {until - dt.timedelta(days=1):%Y年%m月%d日}，"
            f"{until:%m月%d日}起可再预约；现场可取号办理",
            f"{len(missed)} missed bookings: booking blocked until {until}",
            until=until.isoformat())
