"""首问登记: the first staff asked records the question and where the citizen was sent."""
from __future__ import annotations

from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.events import append_event, prior_event, staff_actor
from kiosk.queue.store.lookup import staff_by_no, window_for_update
from kiosk.queue.store.models import FirstInquiry
from kiosk.queue.rules.text_input import (
    INQUIRY_ANSWER, INQUIRY_QUESTION, INQUIRY_REFERRED_TO, clean_optional, clean_text,
)


def record_first_inquiry(ctx: HallContext, *, staff_no: str, question: str,
                         answer: str | None = None, referred_to: str | None = None,
                         window: int | None = None, request_id: str | None = None) -> int:
    question = clean_text(question, INQUIRY_QUESTION,
                          missing=("请填写咨询的问题", "a first inquiry needs the question"))
    answer = clean_optional(answer, INQUIRY_ANSWER)
    referred_to = clean_optional(referred_to, INQUIRY_REFERRED_TO)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        if (prior := prior_event(scope, request_id)) is not None:
            return prior.payload["inquiry_id"]
        staff = staff_by_no(scope, staff_no)
        window_row = window_for_update(scope, window) if window else None
        row = FirstInquiry(hall_id=scope.hall.id, at=scope.now, staff_id=staff.id,
                           window_id=window_row.id if window_row else None,
                           question=question, answer=answer, referred_to=referred_to)
        session.add(row)
        session.flush()
        append_event(scope, staff_actor(staff_no), "first_inquiry_recorded",
                     window_id=row.window_id,
                     payload={"inquiry_id": row.id, "referred_to": row.referred_to},
                     request_id=request_id)
        return row.id
