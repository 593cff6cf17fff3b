"""办理环节 with their own time limits: started by 开始办理, one after the other, each
warned about on its own, moved on by a 补正 like the case, closed by 办结."""
from __future__ import annotations

import datetime as dt

import pytest

from kiosk.errors import IllegalTransition
from kiosk.queue.actions import case_moves
from kiosk.queue.catalog.reading import parse
from kiosk.queue.catalog.schema import validate
from kiosk.queue.demo import clerk_no
from kiosk.queue.reads import cases
from tests.helpers import open_window
from tests.queue.test_cases import accept, at, refused

D = dt.date
#: SCJG-004 (window 2, 5 working days): 材料审查 2, 现场核查 2, 审批决定 1
BY = clerk_no(2)


def _steps(ctx, case_no):
    return [(s.name, s.due_date, s.done_at is not None)
            for s in cases.case_detail(ctx, case_no).steps]


def test_the_steps_run_one_after_the_other_each_due_on_its_own(ctx, clock):
    open_window(ctx, 2)
    case_no = accept(ctx, 2).case_no  # Mon 23 Nov, the case due Mon 30 Nov
    assert _steps(ctx, case_no) == []  # nothing runs before 开始办理
    moved = case_moves.start_processing(ctx, case_no, by=BY)
    assert moved.state == "processing"
    assert _steps(ctx, case_no) == [("材料审查", D(2026, 11, 25), False),
                                    ("现场核查", None, False), ("审批决定", None, False)]
    row = cases.case_detail(ctx, case_no).row
    assert (row.step, row.step_due, row.step_card) == ("材料审查", D(2026, 11, 25), None)

    at(clock, D(2026, 11, 24))
    assert cases.case_detail(ctx, case_no).row.step_card == "yellow"
    at(clock, D(2026, 11, 26))  # the step is late, the case (due 30 Nov) is not
    row = cases.case_detail(ctx, case_no).row
    assert (row.card, row.step_card) == (None, "red")
    board = cases.supervision(ctx)
    assert (board.total.step_red, board.total.red) == (1, 0)
    assert [r.case_no for r in cases.supervision(ctx, card="red").rows] == [case_no]

    case_moves.finish_step(ctx, case_no, by=BY)  # late, next one starts today
    assert _steps(ctx, case_no)[:2] == [("材料审查", D(2026, 11, 25), True),
                                        ("现场核查", D(2026, 11, 30), False)]
    assert cases.supervision(ctx, card="red").rows == []
    assert cases.supervision(ctx).total.step_red == 0

    case_moves.conclude(ctx, case_no, by=BY, approved=True)
    assert [done for *_, done in _steps(ctx, case_no)] == [True, True, False]
    with refused(IllegalTransition, "已办结"):
        case_moves.finish_step(ctx, case_no, by=BY)


def test_a_correction_moves_the_running_step_on_like_the_case(ctx, clock):
    open_window(ctx, 2)
    case_no = accept(ctx, 2).case_no
    case_moves.start_processing(ctx, case_no, by=BY)  # step due Wed 25
    case_moves.notice_correction(ctx, case_no, by=BY, materials=["经营场所平面布局图"])
    at(clock, D(2026, 11, 27))  # past the step's old due date, but the clock stands
    assert cases.case_detail(ctx, case_no).row.step_card is None
    assert cases.supervision(ctx, card="red").rows == []
    at(clock, D(2026, 11, 30))  # Tue 24 .. Mon 30: 5 working days stood still
    case_moves.receive_correction(ctx, case_no, by=BY)
    assert _steps(ctx, case_no)[0] == ("材料审查", D(2026, 12, 2), False)


def test_a_correction_straight_after_acceptance_starts_the_steps_when_it_ends(ctx, clock):
    open_window(ctx, 2)
    case_no = accept(ctx, 2).case_no
    case_moves.notice_correction(ctx, case_no, by=BY, materials=["经营场所平面布局图"])
    at(clock, D(2026, 11, 24))
    moved = case_moves.receive_correction(ctx, case_no, by=BY)
    assert moved.state == "processing"
    assert _steps(ctx, case_no)[0] == ("材料审查", D(2026, 11, 26), False)


def test_an_item_without_steps_has_none_to_finish(ctx):
    open_window(ctx, 6)
    case_no = accept(ctx, 6).case_no  # RSJ-003: no steps
    case_moves.start_processing(ctx, case_no, by=clerk_no(6))
    assert _steps(ctx, case_no) == []
    with refused(IllegalTransition, "没有进行中的办理环节"):
        case_moves.finish_step(ctx, case_no, by=clerk_no(6))


@pytest.mark.parametrize("steps, words", [
    ("[{name: 审查, days: 4}, {name: 决定, days: 2}]", "不能超过承诺期限"),
    ("[{name: 审查, days: 0}]", "不小于 1"),
    ("[{name: 审查}]", "缺少此项"),
])
def test_the_catalog_refuses_steps_that_do_not_fit_the_promise(steps, words):
    from pathlib import Path

    text = Path("assets/catalog/sample_hall.yaml").read_text(encoding="utf-8")
    text = text.replace("    case_steps:\n      - {name: 材料审查, days: 2}\n"
                        "      - {name: 现场核查, days: 2}\n      - {name: 审批决定, days: 1}",
                        f"    case_steps: {steps}")
    problems = validate(parse(text.encode()), "sample_hall.yaml")
    assert any(words in p.chinese() and "办理环节时限" in p.chinese() for p in problems), \
        [p.chinese() for p in problems]
