"""好差评: one rating per finished ticket, given by the citizen on the rating pad.

Levels: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. Levels 1-2 need at least
one reason. A pad that times out records 未评 (level NULL), kept apart from any level.
Staff can never rate: the actor must be the pad or the citizen. A dissatisfied citizen
may leave a phone for the call back (回访): kept only masked and as a keyed hash, like
the booking phones (``rules.personal``), never in the event log.
"""
from __future__ import annotations

from sqlalchemy import select

from kiosk.errors import IllegalTransition, InvalidInput, NotPermitted
from kiosk.i18n_marks import QT_TRANSLATE_NOOP
from kiosk.queue.actions import followup
from kiosk.queue.actions.keys import personal_keys
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import Actor, append_event
from kiosk.queue.store.lookup import ticket_by_id
from kiosk.queue.store.models import Rating, Ticket, TicketState
from kiosk.queue.rules.names import LEVEL_ZH
from kiosk.queue.rules.personal import keyed_hash, mask_phone
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


def _rateable(scope: Scope, actor: Actor, ticket_id: int) -> Ticket:
    if actor.kind not in RATER_KINDS:
        raise NotPermitted("评价只能由办事群众在评价器上作出",
                           f"{actor} may not rate: only the citizen's pad can")
    ticket = ticket_by_id(scope, ticket_id)
    if ticket.state != TicketState.FINISHED:
        raise IllegalTransition(f"{ticket.code} 号尚未办结，不能评价",
                                f"{ticket.code} is {ticket.state.value}: not finished")
    existing = scope.session.scalar(select(Rating).where(Rating.ticket_id == ticket.id))
    if existing is not None:
        text = "已记为未评" if existing.level is None else "已经评价过了"
        raise IllegalTransition(f"{ticket.code} 号{text}，每张号票只能评价一次",
                                f"{ticket.code} already has a rating")
    return ticket


def check_callback_phone(phone: str) -> str:
    """An 11-digit mainland mobile number (the call back is made to a mobile)."""
    phone = phone.strip().replace(" ", "").replace("-", "")
    if not (phone.isascii() and phone.isdigit() and len(phone) == 11 and phone[0] == "1"):
        raise InvalidInput("请输入 1 开头的 11 位手机号码",
                           "the callback phone is not an 11-digit mobile number")
    return phone


def rate(ctx: HallContext, *, ticket_id: int, level: int, reasons: list[str] | None = None,
         comment: str | None = None, callback_phone: str | None = None,
         actor: Actor = Actor("pad"), request_id: str | None = None) -> ActionResult:
    """Record the citizen's level; ``callback_phone`` (levels 1-2 only): where to call
    them back, stored masked and hashed."""
    if level not in LEVELS:
        raise InvalidInput("评价等级应为 1 到 5", f"rating level {level!r} is not 1..5")
    reasons = [r for r in (clean_text(r, RATING_REASON) for r in reasons or []) if r]
    comment = clean_optional(comment, RATING_COMMENT)
    if level <= 2 and not reasons and not comment:
        raise InvalidInput("请选择不满意的原因", "levels 1-2 need at least one reason")
    phone_masked = phone_hash = None
    if callback_phone is not None and callback_phone.strip():
        if level > 2:
            raise InvalidInput("只有不满意的评价需要留电话回访",
                               "a callback phone goes with levels 1-2 only")
        phone = check_callback_phone(callback_phone)
        phone_masked = mask_phone(phone)
        phone_hash = keyed_hash(personal_keys(ctx), "phone", phone)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (done := replay(scope, request_id)) is not None:
            return done
        ticket = _rateable(scope, actor, ticket_id)
        session.add(Rating(hall_id=scope.hall.id, ticket_id=ticket.id,
                           window_id=ticket.window_id, staff_id=ticket.staff_id,
                           level=level, reasons=reasons if level <= 2 else [],
                           comment=comment, rated_at=scope.now,
                           callback_phone_masked=phone_masked,
                           callback_phone_hash=phone_hash))
        if level <= 2:
            session.flush()
            followup.open_for_ticket(scope, ticket.id)  # 差评 -> 核实 -> 整改 -> 回访
        event = append_event(scope, actor, "ticket_rated", ticket_id=ticket.id,
                             window_id=ticket.window_id,
                             payload={"code": ticket.code, "level": level,
                                      "bad": level <= 2, "reasons": reasons,
                                      "callback": phone_hash is not None},
                             request_id=request_id)
        return result(event, ticket)


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
