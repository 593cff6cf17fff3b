"""预约: booking on the phone (``book_appointment``, the rules in ``booking_checks``),
a booking recorded from elsewhere (``record_booking``), and check-in at the kiosk.

Check-in rules, explicit and configurable:

* from ``queue.appointment_early_minutes`` before the slot starts until
  ``queue.appointment_late_minutes`` after it, check-in gives a ticket that is served
  first from its slot start (tier 0 in call order, see ``calling``);
* earlier: refused with the time check-in opens;
* later: refused, and the citizen is told to take an ordinary ticket; closing the day
  marks the booking missed.

A booking code is 8 random digits (short enough to type on the kiosk, not guessable
from the date and a count), and checking in by code also asks for the last four digits
of the booking's phone, compared with its masked form: a wrong code and wrong digits
get the same answer, so the kiosk never tells whether a code exists.

The phone is stored masked and as a keyed hash (``rules.personal``): booking and
checking in by the whole phone need this PC's key file; by code they do not.
"""
from __future__ import annotations

import datetime as dt
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kiosk.clock import at_hall_time
from kiosk.errors import IllegalTransition, InvalidInput, NotFound, ServiceUnavailable
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import SYSTEM, Actor, append_event
from kiosk.queue.actions.day import closes_past_days, require_past_days_closed
from kiosk.queue.actions import booking_checks as checks
from kiosk.queue.actions.issuing import item_and_service, new_ticket, replay_issue, web_token
from kiosk.queue.position import queue_position
from kiosk.queue.store import booking as booking_store
from kiosk.queue.store.booking import BookingView
from kiosk.queue.store.lookup import item_by_code
from kiosk.queue.store.models import Appointment, AppointmentState
from kiosk.queue.snapshots import IssueResult
from kiosk.queue.rules.text_input import BOOKING_NAME, clean_text
from kiosk.queue.actions.keys import personal_keys
from kiosk.queue.rules.personal import KeyRing, clean_mobile, keyed_hash, mask_id_number, mask_phone


CODE_DIGITS = 8
#: fresh codes tried when one is taken (one in tens of thousands even after years)
CODE_ATTEMPTS = 5
NO_MATCH = ("没有找到您今天的预约，请核对预约号和手机号后四位",
            "no appointment today matches that code and those phone digits")


def new_code() -> str:
    return f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"


def _check_last_four(digits: str | None) -> str:
    digits = (digits or "").strip()
    if not (digits.isdigit() and len(digits) == 4):
        raise InvalidInput("请输入预约手机号的后四位数字",
                           "checking in by code needs the phone's last four digits")
    return digits


def record_booking(ctx: HallContext, *, item_code: str, day: dt.date,
                   slot_start: dt.time, slot_minutes: int, name: str, phone: str,
                   id_number: str | None = None, actor: Actor = SYSTEM) -> str:
    """Record a booking made elsewhere (another booking system, a simulation) as it
    is, without the phone's booking rules; returns the appointment code."""
    phone = clean_mobile(phone)
    keys = personal_keys(ctx)
    name = clean_text(name, BOOKING_NAME, missing=("请填写姓名", "appointment needs a name"))
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        item = item_by_code(scope, item_code)
        start = at_hall_time(day, slot_start, scope.hall.timezone)
        fields = dict(
            hall_id=scope.hall.id, item=item, day=day,
            slot_start=start, slot_end=start + dt.timedelta(minutes=slot_minutes),
            name=name, phone_masked=mask_phone(phone),
            phone_hash=keyed_hash(keys, "phone", phone),
            id_number_masked=mask_id_number(id_number) if id_number else None,
            web_token=web_token())
        appointment = _insert_with_fresh_code(scope, fields)
        append_event(scope, actor, "appointment_booked",
                     payload={"code": appointment.code, "item": item.code,
                              "slot": start.isoformat()})
        return appointment.code


def book_appointment(ctx: HallContext, *, item_code: str, day: dt.date,
                     slot_start: dt.time, name: str, phone: str,
                     id_number: str | None = None,
                     actor: Actor = Actor("web")) -> BookingView:
    """网上预约: book one of the slots ``reads.booking.slots`` offers, under the rules
    (``booking.*`` settings and the queue's slots, capacity and share); stores the
    phone and ID number masked and as keyed hashes only."""
    phone = clean_mobile(phone)
    name = clean_text(name, BOOKING_NAME, missing=("请填写姓名", "appointment needs a name"))
    id_number = checks.check_id_number(id_number)
    keys = personal_keys(ctx)
    phones = keys.candidates("phone", phone)
    people = keys.candidates("id_number", id_number) if id_number else []
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        item = booking_store.bookable_item(scope, item_code)
        queue = booking_store.booking_queue(scope, item, lock=True)
        entries = booking_store.require_day(scope, day)
        slot = checks.slot_of(scope, queue, day, slot_start, entries)
        checks.check_no_shows(scope, phones, people)
        checks.check_one_a_day(scope, day, people or phones, by_person=bool(people))
        checks.check_places(scope, queue, day, slot)
        start = at_hall_time(day, slot.start, scope.hall.timezone)
        fields = dict(
            hall_id=scope.hall.id, item=item, day=day, slot_start=start,
            slot_end=at_hall_time(day, slot.end, scope.hall.timezone), name=name,
            phone_masked=mask_phone(phone), phone_hash=phones[0],
            id_number_masked=mask_id_number(id_number) if id_number else None,
            person_hash=people[0] if people else None, web_token=web_token())
        appointment = _insert_with_fresh_code(scope, fields)
        append_event(scope, actor, "appointment_booked",
                     payload={"code": appointment.code, "item": item.code,
                              "slot": start.isoformat(), "online": True})
        return booking_store.booking_view(scope, appointment)


def cancel_booking(ctx: HallContext, *, web_token: str,
                   actor: Actor = Actor("web")) -> BookingView:
    """Cancel a booking from its phone page, up to ``booking.cancel_before_minutes``
    before the slot; its place is free again. Cancelling twice answers the same."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        appointment = booking_store.booking_by_token(scope, web_token, lock=True)
        if appointment.state == AppointmentState.CANCELLED:
            return booking_store.booking_view(scope, appointment)
        if appointment.state != AppointmentState.BOOKED:
            text = {AppointmentState.CHECKED_IN: "该预约已签到取号，不能取消",
                    AppointmentState.MISSED: "该预约已过期失效，不能取消"}[appointment.state]
            raise IllegalTransition(text, f"appointment is {appointment.state.value}")
        until = booking_store.cancel_deadline(scope, appointment)
        if scope.now > until:
            raise checks.BookingTooLate(
                f"预约只能在时段开始前 {scope.settings.get('booking.cancel_before_minutes')} "
                f"分钟取消（可取消至 {scope.local(until):%m月%d日 %H:%M}），现已不能取消",
                f"appointment {appointment.code} could be cancelled until {until.isoformat()}")
        appointment.state = AppointmentState.CANCELLED
        appointment.cancelled_at = scope.now
        append_event(scope, actor, "appointment_cancelled",
                     payload={"code": appointment.code, "item": appointment.item.code})
        return booking_store.booking_view(scope, appointment)


def booking_by_token(ctx: HallContext, web_token: str) -> BookingView:
    """The booking behind a phone page's token; NotFound for unknown tokens."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        return booking_store.booking_view(
            scope, booking_store.booking_by_token(scope, web_token))


def _insert_with_fresh_code(scope: Scope, fields: dict) -> Appointment:
    """Insert under a random code, in a savepoint so that a code already taken (the
    hall's unique constraint, also against a booking committed meanwhile) is retried."""
    for attempt in range(CODE_ATTEMPTS):
        appointment = Appointment(code=new_code(), **fields)
        try:
            with scope.session.begin_nested():
                scope.session.add(appointment)
            return appointment
        except IntegrityError:
            if attempt == CODE_ATTEMPTS - 1:
                raise


@closes_past_days
def check_in(ctx: HallContext, *, code: str | None = None, phone: str | None = None,
             phone_last_four: str | None = None, actor: Actor = Actor("kiosk"),
             request_id: str | None = None) -> IssueResult:
    """Check in today's appointment by its code plus the last four digits of its
    phone, or by the whole phone it was booked with."""
    if not code and not phone:
        raise InvalidInput("请输入预约号或手机号", "check_in needs a code or a phone number")
    last_four = _check_last_four(phone_last_four) if code else None
    keys = None if code else personal_keys(ctx)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        require_past_days_closed(scope)
        if (done := replay_issue(scope, request_id)) is not None:
            return done
        appointment = _find_booking(scope, code, last_four, phone, keys)
        early = dt.timedelta(minutes=scope.settings.get("queue.appointment_early_minutes"))
        late = dt.timedelta(minutes=scope.settings.get("queue.appointment_late_minutes"))
        if scope.now < appointment.slot_start - early:
            opens = scope.local(appointment.slot_start - early)
            raise ServiceUnavailable(
                f"您预约的是 {scope.local(appointment.slot_start):%H:%M} 的时段，"
                f"请于 {opens:%H:%M} 后签到",
                f"appointment {appointment.code}: check-in opens at {opens:%H:%M}")
        if scope.now > appointment.slot_start + late:
            raise ServiceUnavailable(
                f"已超过预约签到时间（{scope.local(appointment.slot_start + late):%H:%M}），"
                "请取普通号办理",
                f"appointment {appointment.code} is past its late limit")
        item, service = item_and_service(scope, appointment.item.code, None)
        ticket = new_ticket(scope, service, item, actor, appointment_id=appointment.id,
                             due_at=appointment.slot_start)
        appointment.state = AppointmentState.CHECKED_IN
        appointment.checked_in_at = scope.now
        position = queue_position(scope, ticket)  # before the event: it goes last
        event = append_event(scope, actor, "appointment_checked_in", ticket_id=ticket.id,
                             payload={"code": ticket.code, "appointment": appointment.code,
                                      "item": item.code}, request_id=request_id)
        return position.result(event.id)


def _find_booking(scope: Scope, code: str | None, last_four: str | None,
                  phone: str | None, keys: KeyRing | None) -> Appointment:
    query = select(Appointment).where(Appointment.hall_id == scope.hall.id,
                                      Appointment.day == scope.today)
    if code:
        query = query.where(Appointment.code == code.strip())
    else:
        query = query.where(Appointment.phone_hash.in_(
            keys.candidates("phone", clean_mobile(phone))))
    bookings = scope.session.scalars(query.order_by(Appointment.slot_start)
                                     .with_for_update()).all()
    if code:
        bookings = [b for b in bookings
                    if hmac.compare_digest(b.phone_masked[-4:], last_four)]
        if not bookings:
            raise NotFound(*NO_MATCH)
    if not bookings:
        raise NotFound("没有找到您今天的预约，请核对手机号",
                       "no appointment today for that phone")
    open_ = [b for b in bookings if b.state == AppointmentState.BOOKED]
    if not open_:
        state = bookings[0].state
        text = {AppointmentState.CHECKED_IN: "该预约已签到取号",
                AppointmentState.CANCELLED: "该预约已取消",
                AppointmentState.MISSED: "该预约已过签到时间失效"}[state]
        raise ServiceUnavailable(text, f"appointment is {state.value}")
    return open_[0]
