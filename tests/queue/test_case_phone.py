"""The applicant's mobile typed by the clerk at 受理: the case keeps it masked and
keyed-hashed (as a reminder's phone), so the citizen can look the case up by its last
four digits even when no reminder phone was left on the ticket."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.errors import InvalidInput
from kiosk.queue.actions import calling, serving
from kiosk.queue.actions.keys import personal_keys
from kiosk.queue.demo import clerk_no
from kiosk.queue.reads import case_lookup
from kiosk.queue.store.models import CaseFile
from tests.helpers import open_window, take

WINDOW, ITEM = 2, "SCJG-004"    # a 承诺件 with 容缺 materials, at window 2


def called(ctx) -> str:
    take(ctx, ITEM)
    staff_no = clerk_no(WINDOW)
    calling.call_next(ctx, window=WINDOW, staff_no=staff_no)
    return staff_no


def stored_phone(ctx, case_no: str) -> tuple[str | None, str | None]:
    with ctx.db.read() as session:
        return session.execute(select(CaseFile.phone_masked, CaseFile.phone_hash)
                               .where(CaseFile.case_no == case_no)).one()._tuple()


def test_the_clerk_gives_the_case_its_applicant_phone(ctx):
    open_window(ctx, WINDOW)
    staff_no = called(ctx)
    done = serving.finish(ctx, window=WINDOW, staff_no=staff_no, outcome="supply_later",
                          applicant_phone=" 138-1234-5678 ")
    masked, hashed = stored_phone(ctx, done.case_no)
    assert masked == "138****5678"
    assert hashed == personal_keys(ctx).hash("phone", "13812345678")
    assert case_lookup.lookup_for_citizen(ctx, done.case_no, "5678").case_no == done.case_no
    staff_no = called(ctx)
    take(ctx, ITEM)              # someone waits: 办结并叫号 calls them
    both = serving.finish_and_call_next(ctx, window=WINDOW, staff_no=staff_no,
                                        outcome="accepted", applicant_phone="13900001111")
    assert stored_phone(ctx, both.case_no)[0] == "139****1111"
    assert both.ticket is not None and both.ticket.state == "called"


def test_a_malformed_or_misplaced_phone_is_refused_and_nothing_changes(ctx):
    open_window(ctx, WINDOW)
    staff_no = called(ctx)
    for phone in ("1381234567", "2381234567８", "１３８１２３４５６７８", "13812345abc"):
        with pytest.raises(InvalidInput) as refused:
            serving.finish(ctx, window=WINDOW, staff_no=staff_no, outcome="accepted",
                           applicant_phone=phone)
        assert "11 位手机号码" in refused.value.message_zh
    with pytest.raises(InvalidInput) as refused:
        serving.finish(ctx, window=WINDOW, staff_no=staff_no, outcome="consultation",
                       applicant_phone="13812345678")
    assert "受理" in refused.value.message_zh
    # still in hand: an empty phone is no phone
    done = serving.finish(ctx, window=WINDOW, staff_no=staff_no, outcome="accepted",
                          applicant_phone="  ")
    assert stored_phone(ctx, done.case_no) == (None, None)
