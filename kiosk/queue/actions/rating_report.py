"""好差评上报: every rating with a level goes to the provincial platform (国办发〔2019〕51号,
GB/T 39734-2020) through the outbox, queued in the rating's own transaction, so a rating
that commits cannot lose its report and one that fails queues none.

Our fields (``province.fields`` renames them for the platform): ``rating_id``,
``hall_code``, ``case_no`` (办件编号, when the ticket became a case; else null),
``item_code``, ``item_version``, ``department_code``, ``window`` (its number),
``staff_no`` (工号), ``channel`` ("pad": 评价器; "qrcode": the ticket's phone page reached
by its QR code; ``province.channel_codes`` maps them to the platform's codes),
``channel_zh``, ``level`` (1-5), ``reasons``, ``rated_at`` and ``finished_at`` (hall
time, ISO 8601 with offset), ``within_window`` (rated within
``province.rating_window_days`` calendar days of the ticket's 办结) and
``window_days``.

``item_version``: the catalog carries no item version, so it is a stable hash of the
item's guide (八公开 and materials): the first 16 hex digits of SHA-256 over its
canonical JSON; it changes exactly when the guide does.

No personal data: no phone, no name, no free-text comment (a citizen may type anything
there); reasons outside the fixed list are sent as "其他".
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from sqlalchemy import select

from kiosk.clock import hall_day
from kiosk.errors import IllegalTransition, InvalidInput, NotFound
from kiosk.queue.store import outbox
from kiosk.queue.store.context import HallContext, Scope
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.events import append_event, prior_event, staff_actor
from kiosk.queue.store.lookup import require_role
from kiosk.queue.store.models import (
    CaseFile,
    Department,
    Item,
    Outbox,
    Rating,
    Role,
    Staff,
    Ticket,
    Window,
)

CHANNEL = "province"
OUR_CHANNEL = {"pad": "pad", "phone": "qrcode"}
CHANNEL_ZH = {"pad": "评价器", "qrcode": "二维码"}
OTHER = "其他"


def idem_key(rating_id: int) -> str:
    return f"province:rating:{rating_id}"


def guide_version(item: Item) -> str:
    guide = {"code": item.code, "name": item.name, "kind": item.kind.value,
             "legal_basis": item.legal_basis, "conditions": item.conditions,
             "procedure": item.procedure, "legal_days": item.legal_days,
             "promised_days": item.promised_days, "sample_form": item.sample_form,
             "fees": item.fees,
             "materials": [[m.name, m.form.value, m.copies, m.required,
                            m.may_supply_later, m.note] for m in item.materials]}
    text = json.dumps(guide, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def queue_report(scope: Scope, rating: Rating, ticket: Ticket,
                 known_reasons: tuple[str, ...]) -> None:
    """Queue the report of ``rating`` (flushed, with its level) in the caller's
    transaction; a second call for the same rating is a no-op (its key)."""
    session = scope.session
    item = session.get(Item, ticket.item_id) if ticket.item_id else None
    window = session.get(Window, rating.window_id) if rating.window_id else None
    department_id = item.department_id if item else window.department_id if window else None
    department = session.get(Department, department_id) if department_id else None
    staff_no = session.scalar(select(Staff.staff_no).where(Staff.id == rating.staff_id)) \
        if rating.staff_id else None
    case_no = session.scalar(select(CaseFile.case_no).where(CaseFile.ticket_id == ticket.id))
    finished = ticket.finished_at or ticket.issued_at
    days = scope.settings.get("province.rating_window_days")
    late = (hall_day(rating.rated_at, scope.hall.timezone)
            - hall_day(finished, scope.hall.timezone)).days
    channel = OUR_CHANNEL.get(rating.channel, rating.channel)
    payload = {
        "rating_id": rating.id, "hall_code": scope.hall.code, "case_no": case_no,
        "item_code": item.code if item else None,
        "item_version": guide_version(item) if item else None,
        "department_code": department.code if department else None,
        "window": window.number if window else None, "staff_no": staff_no,
        "channel": channel, "channel_zh": CHANNEL_ZH.get(channel, channel),
        "level": rating.level, "reasons": [r if r in known_reasons else OTHER for r in rating.reasons or []],
        "rated_at": scope.local(rating.rated_at).isoformat(),
        "finished_at": scope.local(finished).isoformat(),
        "within_window": late <= days, "window_days": days,
    }
    outbox.enqueue(scope, channel=CHANNEL, idem_key=idem_key(rating.id), payload=payload,
                   ticket_id=ticket.id)


def requeue(ctx: HallContext, rating_ids: Iterable[int], *, by: str,
            request_id: str | None = None) -> tuple[int, ...]:
    """重新上报: the failed reports of ``rating_ids`` go to the platform again (managers
    and admins; after the refusal's cause, a field mapping or an item code, is fixed).
    All or none: a report that is not 失败 refuses the lot. Returns the rating ids."""
    ids = sorted({int(i) for i in rating_ids})
    if not ids:
        raise InvalidInput("请先选择要重新上报的评价", "no rating to report again")
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return tuple(prior.payload["rating_ids"])
        require_role(scope, by, Role.MANAGER, Role.ADMIN)
        keys = {idem_key(i): i for i in ids}
        rows = {keys[r.idem_key]: r for r in session.execute(
            select(Outbox.id, Outbox.idem_key, Outbox.state, Outbox.ack_id, Ticket.code)
            .outerjoin(Ticket, Ticket.id == Outbox.ticket_id)
            .where(Outbox.hall_id == scope.hall.id, Outbox.channel == CHANNEL,
                   Outbox.idem_key.in_(list(keys))).with_for_update(of=Outbox))}
        for rating_id in ids:
            row = rows.get(rating_id)
            if row is None:
                raise NotFound(f"评价 {rating_id} 没有上报记录",
                               f"rating {rating_id} has no report", rating_id=rating_id)
            if row.state == outbox.SENT:
                raise IllegalTransition(
                    f"{row.code} 号的评价已上报（平台回执 {row.ack_id or '无'}），无需重新上报",
                    f"rating {rating_id} was delivered already")
            if row.state == outbox.PENDING:
                raise IllegalTransition(f"{row.code} 号的评价正在上报，无需重新上报",
                                        f"rating {rating_id} is still being delivered")
        outbox.requeue(scope, [rows[i].id for i in ids])
        append_event(scope, staff_actor(by), "rating_report_requeued",
                     payload={"rating_ids": ids, "codes": [rows[i].code for i in ids]},
                     request_id=request_id)
        return tuple(ids)
