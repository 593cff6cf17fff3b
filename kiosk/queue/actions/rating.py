"""好差评: one rating per finished ticket, given by the citizen on the rating pad or on
the ticket's phone page (扫码评价), whichever comes first.

Levels: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. Levels 1-2 need at least
one reason. A pad that times out records 未评 (level NULL), kept apart from any level.
Staff can never rate: the actor must be the pad or the citizen. A dissatisfied citizen
may leave a phone for the call back (回访): kept only masked and as a keyed hash, like
the booking phones (``rules.personal``), never in the event log.

A pad's 未评 does not stop the phone (the citizen may rate later from the QR code, within
``rating.phone_days``): the phone's level fills that row. Both channels lock the ticket
row first, and the phone fills 未评 only ``WHERE level IS NULL``, so one level wins.
Every level is reported to the province in its own transaction (``rating_report``).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from kiosk.clock import hall_day
from kiosk.errors import IllegalTransition, InvalidInput, NotFound, NotPermitted
from kiosk.i18n_marks import QT_TRANSLATE_NOOP
from kiosk.queue.actions import followup
from kiosk.queue.actions.keys import personal_keys
from kiosk.queue.actions.rating_report import queue_report
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import Actor, append_event
from kiosk.queue.store.lookup import ticket_by_id
from kiosk.queue.store.models import Rating, Ticket, TicketState
from kiosk.queue.rules.names import LEVEL_ZH
from kiosk.queue.rules.personal import clean_mobile, keyed_hash, mask_phone
from kiosk.queue.rules.text_input import (
    RATING_COMMENT, RATING_REASON, clean_optional, clean_text,
)
from kiosk.queue.actions.results import replay, result
from kiosk.queue.snapshots import ActionResult

LEVELS = LEVEL_ZH
#: why a citizen rated 1 or 2 (each written out for lupdate, see kiosk.i18n_marks)
BAD_REASONS = (
    QT_TRANSLATE_NOOP("Rating", "办事效率低"), QT_TRANSLATE_NOOP("Rating", "服务态度差"),
    QT_TRANSLATE_NOOP("Rating", "一次性告知不清"), QT_TRANSLATE_NOOP("Rating", "多次跑动"),
    QT_TRANSLATE_NOOP("Rating", "等候时间长"), QT_TRANSLATE_NOOP("Rating", "业务不熟练"),
    QT_TRANSLATE_NOOP("Rating", "环境设施差"), QT_TRANSLATE_NOOP("Rating", "其他"))
RATER_KINDS = ("pad", "citizen")
CHANNELS = {"pad": "评价器", "phone": "手机"}


class AlreadyRated(IllegalTransition):
    """The ticket has a level already; ``details["channel"]`` says where it was given."""

    code = "already_rated"


def _already_rated(ticket: Ticket, channel: str) -> AlreadyRated:
    where = CHANNELS.get(channel, channel)
    return AlreadyRated(f"{ticket.code} 号已评价（{where}），每张号票只能评价一次",
                        f"{ticket.code} was already rated on the {channel}",
                        channel=channel, code=ticket.code)


def _rater(actor: Actor) -> None:
    if actor.kind not in RATER_KINDS:
        raise NotPermitted("评价只能由办事群众在评价器上作出",
                           f"{actor} may not rate: only the citizen's pad can")


def _finished(ticket: Ticket) -> Ticket:
    if ticket.state != TicketState.FINISHED:
        raise IllegalTransition(f"{ticket.code} 号尚未办结，不能评价",
                                f"{ticket.code} is {ticket.state.value}: not finished")
    return ticket


def _existing(scope: Scope, ticket: Ticket) -> Rating | None:
    return scope.session.scalar(select(Rating).where(Rating.ticket_id == ticket.id))


def _rateable(scope: Scope, actor: Actor, ticket_id: int) -> Ticket:
    """The pad: any row (a level, or its own 未评) ends it."""
    _rater(actor)
    ticket = _finished(ticket_by_id(scope, ticket_id))
    existing = _existing(scope, ticket)
    if existing is not None and existing.level is not None:
        raise _already_rated(ticket, existing.channel)
    if existing is not None:
        raise IllegalTransition(f"{ticket.code} 号已记为未评，每张号票只能评价一次",
                                f"{ticket.code} was already marked unrated")
    return ticket


def _checked(level: int, reasons: list[str] | None,
             comment: str | None) -> tuple[list[str], str | None]:
    if level not in LEVELS:
        raise InvalidInput("评价等级应为 1 到 5", f"rating level {level!r} is not 1..5")
    reasons = [r for r in (clean_text(r, RATING_REASON) for r in reasons or []) if r]
    comment = clean_optional(comment, RATING_COMMENT)
    if level <= 2 and not reasons and not comment:
        raise InvalidInput("请选择不满意的原因", "levels 1-2 need at least one reason")
    return (reasons if level <= 2 else []), comment


def _rated(scope: Scope, actor: Actor, ticket: Ticket, level: int, reasons: list[str],
           channel: str, callback: bool, request_id: str | None) -> ActionResult:
    scope.session.flush()
    queue_report(scope, _existing(scope, ticket), ticket, BAD_REASONS)  # 好差评上报
    if level <= 2:
        followup.open_for_ticket(scope, ticket.id)  # 差评 -> 核实 -> 整改 -> 回访
    event = append_event(scope, actor, "ticket_rated", ticket_id=ticket.id,
                         window_id=ticket.window_id,
                         payload={"code": ticket.code, "level": level,
                                  "bad": level <= 2, "reasons": reasons,
                                  "callback": callback, "channel": channel},
                         request_id=request_id)
    return result(event, ticket)


def rate(ctx: HallContext, *, ticket_id: int, level: int, reasons: list[str] | None = None,
         comment: str | None = None, callback_phone: str | None = None,
         actor: Actor = Actor("pad"), request_id: str | None = None,
         channel: str = "pad") -> ActionResult:
    """Record the citizen's level; ``callback_phone`` (levels 1-2 only): where to call
    them back, stored masked and hashed."""
    if channel not in CHANNELS:
        raise InvalidInput("评价渠道无效", f"rating channel {channel!r} is not pad/phone")
    reasons, comment = _checked(level, reasons, comment)
    phone_masked = phone_hash = None
    if callback_phone is not None and callback_phone.strip():
        if level > 2:
            raise InvalidInput("只有不满意的评价需要留电话回访",
                               "a callback phone goes with levels 1-2 only")
        phone = clean_mobile(callback_phone)
        phone_masked = mask_phone(phone)
        phone_hash = keyed_hash(personal_keys(ctx), "phone", phone)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (done := replay(scope, request_id)) is not None:
            return done
        ticket = _rateable(scope, actor, ticket_id)
        session.add(Rating(hall_id=scope.hall.id, ticket_id=ticket.id,
                           window_id=ticket.window_id, staff_id=ticket.staff_id,
                           level=level, reasons=reasons, channel=channel,
                           comment=comment, rated_at=scope.now,
                           callback_phone_masked=phone_masked,
                           callback_phone_hash=phone_hash))
        return _rated(scope, actor, ticket, level, reasons, channel,
                      phone_hash is not None, request_id)


def _ticket_by_token(scope: Scope, web_token: str) -> Ticket:
    ticket = None
    if isinstance(web_token, str) and 0 < len(web_token) <= 32:
        ticket = scope.session.scalar(
            select(Ticket).where(Ticket.hall_id == scope.hall.id,
                                 Ticket.web_token == web_token).with_for_update())
    if ticket is None:
        raise NotFound("找不到该号票", "no ticket for this link")
    return ticket


def _within_phone_days(scope: Scope, ticket: Ticket) -> None:
    days = scope.settings.get("rating.phone_days")
    finished = hall_day(ticket.finished_at or ticket.issued_at, scope.hall.timezone)
    if scope.today > finished + dt.timedelta(days=days):
        raise IllegalTransition(f"{ticket.code} 号办结已超过 {days} 天，不能再评价",
                                f"{ticket.code} finished more than {days} days ago")


def rate_by_token(ctx: HallContext, *, web_token: str, level: int,
                  reasons: list[str] | None = None, comment: str | None = None,
                  actor: Actor = Actor("citizen", "phone"),
                  request_id: str | None = None) -> ActionResult:
    """The citizen rates from the ticket's phone page (channel "phone"); fills a pad's
    未评, refused once either channel gave a level."""
    reasons, comment = _checked(level, reasons, comment)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (done := replay(scope, request_id)) is not None:
            return done
        _rater(actor)
        ticket = _finished(_ticket_by_token(scope, web_token))
        _within_phone_days(scope, ticket)
        existing = _existing(scope, ticket)
        if existing is None:
            session.add(Rating(hall_id=scope.hall.id, ticket_id=ticket.id,
                               window_id=ticket.window_id, staff_id=ticket.staff_id,
                               level=level, reasons=reasons, comment=comment,
                               rated_at=scope.now, channel="phone"))
        elif existing.level is not None:
            raise _already_rated(ticket, existing.channel)
        else:
            filled = session.execute(
                update(Rating).where(Rating.id == existing.id, Rating.level.is_(None))
                .values(level=level, reasons=reasons, comment=comment, channel="phone",
                        rated_at=scope.now).execution_options(synchronize_session=False))
            if filled.rowcount != 1:
                session.refresh(existing)
                raise _already_rated(ticket, existing.channel)
            session.expire(existing)
        return _rated(scope, actor, ticket, level, reasons, "phone", False, request_id)


def mark_unrated(ctx: HallContext, *, ticket_id: int, actor: Actor = Actor("pad"),
                 request_id: str | None = None) -> ActionResult:
    """The citizen left without rating: record 未评 so the ticket is never rated later."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (done := replay(scope, request_id)) is not None:
            return done
        ticket = _rateable(scope, actor, ticket_id)
        session.add(Rating(hall_id=scope.hall.id, ticket_id=ticket.id,
                           window_id=ticket.window_id, staff_id=ticket.staff_id,
                           level=None, reasons=[], rated_at=scope.now))
        event = append_event(scope, actor, "ticket_unrated", ticket_id=ticket.id,
                             window_id=ticket.window_id, payload={"code": ticket.code},
                             request_id=request_id)
        return result(event, ticket)
