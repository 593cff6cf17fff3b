"""At the counter: start, finish with outcomes, transfer keeping the place in time."""
import pytest

from kiosk.errors import IllegalTransition, InvalidInput
from kiosk.queue.actions import calling, serving
from tests.helpers import open_window, take


def test_start_then_finish_records_times_and_outcome(ctx, clock):
    open_window(ctx, 1)
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    clock.advance(minutes=1)
    started = serving.start(ctx, window=1, staff_no="1001")
    assert started.ticket.state == "serving"
    clock.advance(minutes=6)
    done = serving.finish(ctx, window=1, staff_no="1001", outcome="completed", note="已发照")
    assert done.ticket.state == "finished" and done.ticket.outcome == "completed"
    assert (done.ticket.finished_at - done.ticket.started_at).total_seconds() == 360
    assert done.window.current_ticket_id is None


def test_finish_straight_from_called_counts_from_the_call(ctx, clock):
    open_window(ctx, 1)
    take(ctx)
    called = calling.call_next(ctx, window=1, staff_no="1001")
    clock.advance(minutes=3)
    done = serving.finish(ctx, window=1, staff_no="1001", outcome="consultation")
    assert done.ticket.started_at == called.ticket.called_at


def test_accepted_is_only_for_promised_items(ctx):
    open_window(ctx, 1)
    take(ctx, "SCJG-001")  # instant
    calling.call_next(ctx, window=1, staff_no="1001")
    with pytest.raises(InvalidInput) as err:
        serving.finish(ctx, window=1, staff_no="1001", outcome="accepted")
    assert "承诺件" in err.value.message_zh
    with pytest.raises(InvalidInput):
        serving.finish(ctx, window=1, staff_no="1001", outcome="done")
    open_window(ctx, 3)
    take(ctx, "SCJG-004")  # promised, queue B
    calling.call_next(ctx, window=3, staff_no="1003")
    assert serving.finish(ctx, window=3, staff_no="1003",
                          outcome="accepted").ticket.outcome == "accepted"


@pytest.mark.parametrize("outcome", ["completed", "notice_given", "consultation", "rejected"])
def test_every_outcome_is_recorded(ctx, outcome):
    open_window(ctx, 1)
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    assert serving.finish(ctx, window=1, staff_no="1001",
                          outcome=outcome).ticket.outcome == outcome


def test_finish_without_a_ticket_is_refused(ctx):
    open_window(ctx, 1)
    with pytest.raises(IllegalTransition):
        serving.finish(ctx, window=1, staff_no="1001", outcome="completed")
    with pytest.raises(IllegalTransition):
        serving.start(ctx, window=1, staff_no="1001")


def test_transfer_to_a_queue_keeps_the_place_in_time(ctx, clock):
    open_window(ctx, 1)
    open_window(ctx, 11)                  # E 住房公积金
    moved = take(ctx, "SCJG-001")         # A001 at 09:30
    clock.advance(minutes=5)
    later = take(ctx, "GJJ-001")          # E001 at 09:35
    calling.call_next(ctx, window=1, staff_no="1001")
    clock.advance(minutes=2)
    result = serving.transfer(ctx, window=1, staff_no="1001", to_prefix="E",
                              note="需先办理公积金提取")
    assert result.ticket.state == "transferred" and result.ticket.code == "A001"
    assert result.ticket.transfer_count == 1
    assert result.ticket.issued_at == moved.ticket.issued_at
    first_at_e = calling.call_next(ctx, window=11, staff_no="1011")
    assert first_at_e.ticket.code == "A001"   # ahead of E001, issued later
    assert later.ticket.code == "E001"


def test_transfer_to_a_window_is_called_only_there(ctx):
    open_window(ctx, 1)
    open_window(ctx, 2)
    open_window(ctx, 19)
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    serving.transfer(ctx, window=1, staff_no="1001", to_window=19)
    assert calling.call_next(ctx, window=2, staff_no="1002").ticket is None
    assert calling.call_next(ctx, window=19, staff_no="1019").ticket.code == "A001"


def test_transfer_needs_exactly_one_target(ctx):
    open_window(ctx, 1)
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    with pytest.raises(InvalidInput):
        serving.transfer(ctx, window=1, staff_no="1001")
    with pytest.raises(InvalidInput):
        serving.transfer(ctx, window=1, staff_no="1001", to_prefix="E", to_window=11)
    with pytest.raises(InvalidInput):
        serving.transfer(ctx, window=1, staff_no="1001", to_window=1)


def test_supply_later_is_for_promised_items_with_materials_that_may_follow(ctx):
    open_window(ctx, 3)                   # queue B
    take(ctx, "SCJG-004")                 # 食品经营许可: promised, has 容缺 materials
    calling.call_next(ctx, window=3, staff_no="1003")
    done = serving.finish(ctx, window=3, staff_no="1003", outcome="supply_later",
                          note="卫生管理制度后补")
    assert done.ticket.outcome == "supply_later"
    open_window(ctx, 1)
    take(ctx, "SCJG-001")                 # instant
    calling.call_next(ctx, window=1, staff_no="1001")
    with pytest.raises(InvalidInput):
        serving.finish(ctx, window=1, staff_no="1001", outcome="supply_later")


def test_transfer_to_a_closed_window_is_refused_in_plain_words(ctx):
    """Nobody would call the ticket there: it would wait forever."""
    open_window(ctx, 1)
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    with pytest.raises(IllegalTransition) as refused:
        serving.transfer(ctx, window=1, staff_no="1001", to_window=19)
    assert "19号窗口未开放" in refused.value.message_zh
    again = calling.call_next  # the ticket is still the window's own
    with pytest.raises(IllegalTransition):
        again(ctx, window=1, staff_no="1001")


def test_two_windows_transferring_to_each_other_at_once_never_deadlock(make_ctx, db_url):
    """Window 1 sends its ticket to window 2 while window 2 sends its own to window 1,
    again and again: both always succeed (the target window is read, not locked)."""
    import threading

    ctx_a, ctx_b = make_ctx(db_url), make_ctx(db_url)
    open_window(ctx_a, 1)
    open_window(ctx_a, 2)
    take(ctx_a)
    take(ctx_a)
    failures = []
    for _ in range(8):
        if failures:
            break
        calling.call_next(ctx_a, window=1, staff_no="1001")
        calling.call_next(ctx_b, window=2, staff_no="1002")
        barrier = threading.Barrier(2)

        def send(ctx, window, staff_no, to):
            barrier.wait()
            try:
                serving.transfer(ctx, window=window, staff_no=staff_no, to_window=to)
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                failures.append(repr(exc))

        threads = [threading.Thread(target=send, args=(ctx_a, 1, "1001", 2)),
                   threading.Thread(target=send, args=(ctx_b, 2, "1002", 1))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert failures == []


def _events_of(ctx, *actions):
    from sqlalchemy import select

    from kiosk.queue.store.models import Event

    with ctx.db.read() as session:
        return session.execute(select(Event.action, Event.payload, Event.request_id)
                               .where(Event.action.in_(actions))
                               .order_by(Event.id)).all()


def test_finish_and_call_next_is_one_press_and_one_commit(ctx):
    """办结并叫号: the current ticket is finished with the chosen outcome and the next
    one called, in one transaction; both events are there, the call last."""
    from sqlalchemy import event as sa_event

    open_window(ctx, 1)
    take(ctx)
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    commits = []

    def committed(conn):
        commits.append(conn)

    sa_event.listen(ctx.db.engine, "commit", committed)
    try:
        result = serving.finish_and_call_next(ctx, window=1, staff_no="1001",
                                              outcome="consultation", request_id="w1-42")
    finally:
        sa_event.remove(ctx.db.engine, "commit", committed)
    assert len(commits) == 1
    assert result.finished.code == "A001" and result.finished.outcome == "consultation"
    assert result.ticket.code == "A002" and result.ticket.state == "called"
    assert result.window.current_ticket_id == result.ticket.id
    recorded = _events_of(ctx, "service_finished", "ticket_called")
    assert [(a, p["code"]) for a, p, _ in recorded][-2:] == [
        ("service_finished", "A001"), ("ticket_called", "A002")]
    assert recorded[-1][2] == "w1-42" and recorded[-2][2] is None


def test_finish_and_call_next_with_nobody_waiting_just_finishes(ctx):
    open_window(ctx, 1)
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    result = serving.finish_and_call_next(ctx, window=1, staff_no="1001",
                                          outcome="completed", request_id="w1-43")
    assert result.ticket.code == "A001" and result.ticket.state == "finished"
    assert result.window.current_ticket_id is None
    again = serving.finish_and_call_next(ctx, window=1, staff_no="1001",
                                         outcome="completed", request_id="w1-43")
    assert again.replayed and again.ticket.code == "A001"


def test_a_retried_finish_and_call_is_replayed_not_repeated(ctx):
    open_window(ctx, 1)
    for _ in range(3):
        take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    first = serving.finish_and_call_next(ctx, window=1, staff_no="1001",
                                         outcome="completed", request_id="w1-44")
    again = serving.finish_and_call_next(ctx, window=1, staff_no="1001",
                                         outcome="completed", request_id="w1-44")
    assert again.replayed and again.ticket.code == first.ticket.code == "A002"
    assert again.finished.code == "A001"
    assert [p["code"] for _, p, _ in _events_of(ctx, "ticket_called")] == ["A001", "A002"]


def test_finish_and_call_refuses_like_finish_and_changes_nothing(ctx):
    open_window(ctx, 1)
    take(ctx)
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    with pytest.raises(InvalidInput):   # 受理 is for promised items only
        serving.finish_and_call_next(ctx, window=1, staff_no="1001", outcome="accepted")
    assert [p["code"] for _, p, _ in _events_of(ctx, "ticket_called")] == ["A001"]
    serving.finish(ctx, window=1, staff_no="1001", outcome="completed")
    with pytest.raises(IllegalTransition):  # nothing in hand to finish
        serving.finish_and_call_next(ctx, window=1, staff_no="1001", outcome="completed")


def test_a_finish_note_is_cleaned_and_a_long_one_refused_on_both_databases(ctx):
    """10,000 characters went into tickets.note on SQLite; control characters went raw."""
    open_window(ctx, 1)
    take(ctx)
    calling.call_next(ctx, window=1, staff_no="1001")
    with pytest.raises(InvalidInput) as refused:
        serving.finish(ctx, window=1, staff_no="1001", outcome="completed", note="缺" * 10_000)
    assert "备注太长" in refused.value.message_zh
    done = serving.finish(ctx, window=1, staff_no="1001", outcome="completed",
                          note="缺营业执照\x07\r\n复印件")
    assert done.ticket.note == "缺营业执照 复印件"
