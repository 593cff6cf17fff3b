"""办件查询 with the limit on wrong tries (reads.case_lookup), on both databases: wrong
digits are counted, right ones and malformed ones are not, the hall's settings apply."""
from __future__ import annotations

import datetime as dt

import pytest

from kiosk.errors import InvalidInput, NotFound
from kiosk.queue.actions import staff
from kiosk.queue.reads.case_lookup import lookup_limited
from kiosk.queue.rules.lookup_tries import TooManyTries, WrongTries
from tests.helpers import open_window
from tests.queue.test_cases import MANAGER, accept


@pytest.fixture
def two_cases(ctx):
    open_window(ctx, 2)
    mine = accept(ctx, 2, outcome="supply_later", phone="13812345678").case_no
    theirs = accept(ctx, 2, phone="13900001111").case_no
    return mine, theirs


def _tries(ctx):
    return WrongTries(5, dt.timedelta(minutes=10), clock=ctx.clock.now)


def test_five_wrong_digits_refuse_even_the_right_ones_for_ten_minutes(ctx, clock,
                                                                      two_cases):
    mine, theirs = two_cases
    tries = _tries(ctx)
    for digits in ("0000", "1111", "2222"):
        with pytest.raises(NotFound):
            lookup_limited(ctx, tries, mine, digits, key="kiosk")
    assert lookup_limited(ctx, tries, mine.lower(), "5678", key="kiosk").case_no == mine
    with pytest.raises(InvalidInput):  # not four digits: no guess, not counted
        lookup_limited(ctx, tries, mine, "56", key="kiosk")
    for case_no in (theirs, "DEMO2026999999"):  # another case, or none: counted alike
        with pytest.raises(NotFound):
            lookup_limited(ctx, tries, case_no, "5678", key="kiosk")
    with pytest.raises(TooManyTries) as refused:
        lookup_limited(ctx, tries, mine, "5678", key="kiosk")
    assert "请 10 分钟后再试" in refused.value.message_zh
    clock.advance(minutes=10)
    assert lookup_limited(ctx, tries, mine, "5678", key="kiosk").state == "已受理"


def test_by_case_number_each_case_has_its_own_count(ctx, two_cases):
    mine, theirs = two_cases
    tries = _tries(ctx)
    for _ in range(5):
        with pytest.raises(NotFound):
            lookup_limited(ctx, tries, f" {mine.lower()} ", "0000")
    with pytest.raises(TooManyTries):
        lookup_limited(ctx, tries, mine, "5678")
    assert lookup_limited(ctx, tries, theirs, "1111").case_no == theirs


def test_the_halls_settings_set_the_limit(ctx, two_cases):
    mine, _ = two_cases
    staff.set_hall_setting(ctx, name="cases.lookup_tries", value=2, by=MANAGER)
    staff.set_hall_setting(ctx, name="cases.lookup_minutes", value=30, by=MANAGER)
    tries = _tries(ctx)
    for _ in range(2):
        with pytest.raises(NotFound):
            lookup_limited(ctx, tries, mine, "0000")
    with pytest.raises(TooManyTries) as refused:
        lookup_limited(ctx, tries, mine, "5678")
    assert refused.value.minutes == 30
