"""办件查询: what a citizen may see of their own case, by number and phone digits (with
the limit on wrong tries, rules.lookup_tries) or by the notice's QR token.

The kiosk counts its wrong tries under one key (someone standing at it cannot walk the
digits of a case); the phone pages count them per case number (a script cannot either,
from however many addresses). The limits are the hall's settings, read with each
lookup so a manager's change applies at once.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Hashable

from sqlalchemy import select

from kiosk.errors import InvalidInput, NotFound
from kiosk.queue.reads.cases import STATE_ZH, case_materials, find_case
from kiosk.queue.reads.hall import effective_settings
from kiosk.queue.rules.lookup_tries import WrongTries
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.models import CaseFile, Item

#: what the citizen's 办件查询 says for a wrong number and for wrong digits alike
_NO_SUCH_CASE = ("办件编号或手机号后四位不正确，请核对后重试",
                 "no case with this number and phone digits")


@dataclasses.dataclass(frozen=True)
class CitizenView:
    """办件查询: what the applicant may see of their own case, nothing more."""

    case_no: str
    item: str
    state: str               # in Chinese
    promised_date: dt.date   # the date it is due now (moved on by a 补正)
    missing: tuple[str, ...]
    state_code: str = ""     # CaseState value: what screens choose their look by


def lookup_for_citizen(ctx: HallContext, case_no: str, phone_last_four: str) -> CitizenView:
    """A citizen's case by 办件编号 and the phone's last four digits. A wrong number and
    wrong digits get the same refusal, so guessing says nothing about which cases exist;
    a case with no phone on file cannot be looked up this way."""
    digits = (phone_last_four or "").strip()
    if len(digits) != 4 or not (digits.isascii() and digits.isdigit()):
        raise InvalidInput("请输入手机号后四位数字", "phone_last_four must be four digits")
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        case = find_case(session, scope, (case_no or "").strip().upper())
        known = case.phone_masked[-4:] if case is not None and case.phone_masked else "????"
        if case is None or not secrets.compare_digest(known, digits):
            raise NotFound(*_NO_SUCH_CASE)
        return _citizen_view(session, case)


def case_by_token(ctx: HallContext, token: str) -> CitizenView:
    """A citizen's case by the token of the notice's QR link (the paper is the key)."""
    token = (token or "").strip()
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        case = session.scalar(select(CaseFile).where(
            CaseFile.hall_id == scope.hall.id, CaseFile.web_token == token)) if token else None
        if case is None:
            raise NotFound("找不到该办件，请核对通知书上的二维码", "no case with this token")
        return _citizen_view(session, case)


def _citizen_view(session, case: CaseFile) -> CitizenView:
    missing = tuple(m.name for m in case_materials(session, case) if m.received_at is None)
    item = session.get(Item, case.item_id)
    return CitizenView(case.case_no, item.name, STATE_ZH[case.state], case.due_date, missing,
                       case.state)

#: the longest 办件编号 looked at; anything longer is no case number of ours
CASE_NO_MAX = 40


def case_key(case_no: str) -> str:
    """A case number as the phone pages count tries for it (as the lookup reads it)."""
    return (case_no or "").strip().upper()[:CASE_NO_MAX]


def lookup_limited(ctx: HallContext, tries: WrongTries, case_no: str, phone_last_four: str, *,
                   key: Hashable | None = None) -> CitizenView:
    """``reads.cases.lookup_for_citizen`` counted in ``tries`` under ``key`` (default:
    the case number): raises TooManyTries while refused; only a wrong number or wrong
    digits (NotFound) stay counted."""
    settings = effective_settings(ctx)
    tries.set_limits(settings.get("cases.lookup_tries"),
                     dt.timedelta(minutes=settings.get("cases.lookup_minutes")))
    key = case_key(case_no) if key is None else key
    stamp = tries.attempt(key)
    try:
        view = lookup_for_citizen(ctx, (case_no or "")[:CASE_NO_MAX], phone_last_four)
    except NotFound:
        raise
    except BaseException:
        tries.forgive(key, stamp)  # four digits not typed, or no answer: no guess made
        raise
    tries.forgive(key, stamp)
    return view
