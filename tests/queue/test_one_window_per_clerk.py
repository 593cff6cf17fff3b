"""A clerk holds one window: two sign-ins of one staff number at two windows at the same
instant, on real threads, end with exactly one window held and the other refused."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, select

from kiosk.errors import KioskError
from kiosk.queue.actions import windows
from kiosk.queue.actions.windows import SignedInElsewhere
from kiosk.queue.store.models import Staff, Window
from tests.helpers import PASSWORD, open_window

ROUNDS = 6


def _sign_in_together(ctx, staff_no: str, numbers: tuple[int, int],
                      barrier: threading.Barrier | None = None) -> dict:
    """Both sign-ins at once (released by a barrier); {window: result or error}."""
    barrier = barrier or threading.Barrier(len(numbers))
    outcome: dict = {}

    def sign_in(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcome[number] = windows.sign_in(ctx, staff_no=staff_no, password=PASSWORD,
                                              window=number)
        except (KioskError, threading.BrokenBarrierError) as exc:
            outcome[number] = exc

    threads = [threading.Thread(target=sign_in, args=(n,)) for n in numbers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    return outcome


def _held_by(ctx, staff_no: str) -> list[int]:
    with ctx.db.read() as session:
        return list(session.scalars(select(Window.number).join(
            Staff, Staff.id == Window.staff_id).where(Staff.staff_no == staff_no)))


def _one_won(ctx, staff_no: str, outcome: dict) -> int:
    won = [n for n, r in outcome.items() if not isinstance(r, BaseException)]
    lost = [r for r in outcome.values() if isinstance(r, BaseException)]
    assert len(won) == 1 and len(lost) == 1, outcome
    (refused,) = lost
    assert isinstance(refused, SignedInElsewhere), repr(refused)
    assert refused.message_zh == f"工号 {staff_no} 已在 {won[0]} 号窗口登录，请先在该窗口退出"
    assert _held_by(ctx, staff_no) == won
    return won[0]


def test_two_sign_ins_of_one_clerk_at_once_never_both_win(ctx):
    for _ in range(ROUNDS):
        winner = _one_won(ctx, "1005", _sign_in_together(ctx, "1005", (5, 7)))
        windows.sign_out(ctx, window=winner, staff_no="1005")


def test_a_backup_taking_over_while_signing_in_at_home_gets_one_window(ctx):
    """1002 is B岗 of window 1 (held by 1001) and A岗 of window 2."""
    open_window(ctx, 1)
    for _ in range(ROUNDS):
        winner = _one_won(ctx, "1002", _sign_in_together(ctx, "1002", (1, 2)))
        windows.sign_out(ctx, window=winner, staff_no="1002")
        if winner == 1:
            open_window(ctx, 1)


def test_the_database_refuses_the_second_when_both_passed_the_check(make_ctx, pg_url):
    """PostgreSQL, READ COMMITTED: both sign-ins have checked that the clerk holds no
    other window before either writes; the index turns the second into the refusal."""
    ctx = make_ctx(pg_url)
    at_write = threading.Barrier(2)
    held = []

    def hold_until_both_write(conn, cursor, statement, params, context, many):
        if statement.startswith('UPDATE "window" SET') and " staff_id=" in statement:
            held.append(statement)
            at_write.wait(timeout=30)

    event.listen(ctx.db.engine, "before_cursor_execute", hold_until_both_write)
    try:
        outcome = _sign_in_together(ctx, "1005", (5, 7))
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", hold_until_both_write)
    assert len(held) == 2  # both had passed the check when they wrote
    _one_won(ctx, "1005", outcome)


def test_signed_out_the_clerk_signs_in_elsewhere_and_a_backup_still_takes_over(ctx):
    open_window(ctx, 5, "1005")
    with pytest.raises(SignedInElsewhere):
        windows.sign_in(ctx, staff_no="1005", password=PASSWORD, window=7)
    windows.sign_out(ctx, window=5, staff_no="1005")
    assert windows.sign_in(ctx, staff_no="1005", password=PASSWORD,
                           window=7).window.staff_no == "1005"
    open_window(ctx, 4)                    # 1004; its B岗 is 1005, now at window 7
    with pytest.raises(SignedInElsewhere):
        windows.sign_in(ctx, staff_no="1005", password=PASSWORD, window=4)
    windows.sign_out(ctx, window=7, staff_no="1005")
    took = windows.sign_in(ctx, staff_no="1005", password=PASSWORD, window=4)
    assert took.window.staff_no == "1005" and _held_by(ctx, "1004") == []
