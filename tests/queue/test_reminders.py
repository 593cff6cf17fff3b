"""到号提醒: sealing the phone, "N ahead" and "called" messages queued once, in the call's
own transaction, and the day's purge."""

import pytest
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select, text

from kiosk.errors import IllegalTransition, InvalidInput, NotConfigured
from kiosk.queue.actions import calling, day, reminders, serving
from kiosk.queue.actions.keys import personal_keys
from kiosk.queue.demo import clerk_no
from kiosk.queue.rules.personal import KeyRing
from kiosk.queue.rules.sealing import seal, unseal
from kiosk.queue.store import outbox
from kiosk.queue.store.models import Event, Outbox, Reminder
from tests.helpers import open_window, take

PHONE = "13912345678"


def ring(key=b"k" * 32, key_id="aa11bb"):
    return KeyRing(key_id, {key_id: key})


# --- sealing ------------------------------------------------------------------------

def test_seal_round_trip_names_key_and_differs_each_time():
    r = ring()
    a, b = seal(r, PHONE), seal(r, PHONE)
    assert a.startswith("kaa11bb:") and a != b and PHONE not in a
    assert unseal(r, a) == unseal(r, b) == PHONE


def test_unseal_refuses_wrong_key_tampering_and_a_missing_key():
    sealed = seal(ring(), PHONE)
    with pytest.raises(InvalidInput):
        unseal(ring(key=b"x" * 32), sealed)  # same id, other key
    head, body = sealed.split(":")
    flipped = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
    with pytest.raises(InvalidInput):
        unseal(ring(), f"{head}:{flipped}")
    with pytest.raises(InvalidInput):
        unseal(ring(), "garbage")
    with pytest.raises(NotConfigured):
        unseal(ring(key_id="cc22dd"), sealed)


def test_the_sealing_key_is_not_the_hashing_key():
    """Derived with HKDF under a label: the raw hashing key does not open a seal."""
    import base64

    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    r = ring()
    raw = base64.urlsafe_b64decode(seal(r, PHONE).split(":")[1] + "==")
    with pytest.raises(InvalidTag):
        AESGCM(r.keys["aa11bb"]).decrypt(raw[:12], raw[12:], b"kaa11bb")


# --- reminders ----------------------------------------------------------------------

def call(ctx, window=1):
    return calling.call_next(ctx, window=window, staff_no=clerk_no(window))


def finish_and_call(ctx, window=1):
    return serving.finish_and_call_next(ctx, window=window, staff_no=clerk_no(window),
                                        outcome="completed")


def messages(ctx):
    with ctx.db.read() as session:
        return [(m.idem_key.rsplit(":", 2)[-1], m.ticket_id, m.payload["text"])
                for m in session.scalars(select(Outbox).order_by(Outbox.id))]


def queue_of(ctx, n, clock):
    tickets = []
    for _ in range(n):
        tickets.append(take(ctx).ticket)
        clock.advance(seconds=5)
    return tickets


def test_ahead_message_once_when_joined_further_back(ctx, clock):
    open_window(ctx, 1)
    tickets = queue_of(ctx, 6, clock)  # remind_ahead = 3 in the sample hall
    view = reminders.leave_phone(ctx, ticket_id=tickets[5].id, phone=PHONE)
    assert view.ahead == 3 and view.phone_masked == "139****5678"
    call(ctx)                      # 4 ahead now
    assert messages(ctx) == []
    finish_and_call(ctx)           # 3 ahead: the message
    got = messages(ctx)
    assert [(k, t) for k, t, _ in got] == [("ahead", tickets[5].id)]
    assert "前面还有 3 人" in got[0][2] and tickets[5].code in got[0][2]
    finish_and_call(ctx)
    finish_and_call(ctx)           # 1 ahead: nothing new
    assert len(messages(ctx)) == 1


def test_no_ahead_message_when_joined_close(ctx, clock):
    open_window(ctx, 1)
    tickets = queue_of(ctx, 3, clock)
    view = reminders.leave_phone(ctx, ticket_id=tickets[2].id, phone=PHONE)
    assert view.ahead is None
    call(ctx)
    finish_and_call(ctx)
    assert messages(ctx) == []


def test_called_message_once_not_on_recall_nor_call_after_requeue(ctx, clock):
    staff_no = open_window(ctx, 1)
    ticket = take(ctx).ticket
    reminders.leave_phone(ctx, ticket_id=ticket.id, phone=PHONE)
    call(ctx)
    calling.recall(ctx, window=1, staff_no=staff_no)
    clock.advance(minutes=2)
    calling.no_show(ctx, window=1, staff_no=staff_no)
    calling.requeue(ctx, code=ticket.code, staff_no=staff_no)
    call(ctx)
    got = messages(ctx)
    assert [k for k, _, _ in got] == ["called"]
    with ctx.db.read() as session:
        hall = session.execute(text("select name from hall")).scalar()
    assert got[0][2] == f"【{hall}】请 {ticket.code} 号到 1 号窗口办理"


def test_the_message_is_written_by_the_call_itself(ctx, clock, monkeypatch):
    """A call that fails after the hook leaves no message (same transaction)."""
    open_window(ctx, 1)
    ticket = take(ctx).ticket
    reminders.leave_phone(ctx, ticket_id=ticket.id, phone=PHONE)

    def broken(*args, **kwargs):
        raise RuntimeError("the event could not be written")

    monkeypatch.setattr(calling.AtCounter, "event", broken)
    with pytest.raises(RuntimeError):
        call(ctx)
    assert messages(ctx) == []
    monkeypatch.undo()
    call(ctx)
    assert [k for k, _, _ in messages(ctx)] == ["called"]


def test_leave_phone_refusals_and_replacement(ctx, clock):
    open_window(ctx, 1)
    ticket = take(ctx).ticket
    with pytest.raises(InvalidInput) as refused:
        reminders.leave_phone(ctx, ticket_id=ticket.id, phone="1391234567")
    assert refused.value.message_zh == "请输入 1 开头的 11 位手机号码"
    with pytest.raises(InvalidInput):
        reminders.leave_phone(ctx, ticket_id=ticket.id, phone="１３９１２３４５６７８")
    reminders.leave_phone(ctx, ticket_id=ticket.id, phone=PHONE)
    again = reminders.leave_phone(ctx, web_token=ticket.web_token, phone="13800000001")
    assert again.phone_masked == "138****0001"
    with ctx.db.read() as session:
        assert len(session.scalars(select(Reminder)).all()) == 1
    call(ctx)
    with pytest.raises(IllegalTransition):
        reminders.leave_phone(ctx, ticket_id=ticket.id, phone=PHONE)


def test_no_plain_phone_anywhere_in_the_database(ctx, clock):
    open_window(ctx, 1)
    tickets = queue_of(ctx, 5, clock)
    reminders.leave_phone(ctx, ticket_id=tickets[4].id, phone=PHONE)
    call(ctx)
    finish_and_call(ctx)
    with ctx.db.read() as session:
        conn = session.connection()
        names = sa_inspect(conn).get_table_names()
        found = []
        for name in names:
            for row in conn.execute(text(f'select * from "{name}"')):
                if any(PHONE in str(value) for value in row):
                    found.append(name)
        events = session.scalars(select(Event.payload).where(
            Event.action == "reminder_left")).all()
    assert found == []
    assert events and events[0]["phone"] == "139****5678"
    with ctx.db.read() as session:
        sealed = session.scalars(select(Outbox.payload)).all()
    assert sealed and all(unseal(personal_keys(ctx), p["to_sealed"]) == PHONE
                          for p in sealed)


def test_purge_after_the_day(ctx, clock):
    open_window(ctx, 1)
    tickets = queue_of(ctx, 5, clock)
    reminders.leave_phone(ctx, ticket_id=tickets[4].id, phone=PHONE)
    reminders.leave_phone(ctx, ticket_id=tickets[0].id, phone="13800000001")
    call(ctx)  # tickets[0] called: a message, left pending
    clock.advance(days=1)
    day.close_past_days(ctx)
    with ctx.db.read() as session:
        assert session.scalars(select(Reminder)).all() == []
        rows = [(r.state, r.payload) for r in session.scalars(select(Outbox).order_by(Outbox.id))]
    assert sorted((s, p["kind"], p["masked"]) for s, p in rows) == [
        ("dropped", "ahead", "139****5678"), ("dropped", "called", "138****0001")]
    assert all("to_sealed" not in p for _, p in rows)
    assert outbox.status(ctx)["counts"]["pending"] == 0


def test_a_call_without_reminders_costs_one_query(ctx, clock, monkeypatch):
    """The hook on every call: one indexed query when nobody in the queue left a phone."""
    from sqlalchemy import event

    open_window(ctx, 1)
    queue_of(ctx, 4, clock)
    seen = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    def statements(action):
        seen.clear()
        event.listen(ctx.db.engine, "before_cursor_execute", count)
        try:
            action()
        finally:
            event.remove(ctx.db.engine, "before_cursor_execute", count)
        return list(seen)

    with_hook = statements(lambda: call(ctx))
    monkeypatch.setattr(reminders, "any_on_call", lambda *args: False)
    without = statements(lambda: finish_and_call(ctx))
    monkeypatch.undo()
    with_hook_too = statements(lambda: finish_and_call(ctx))
    assert len(with_hook_too) == len(without) + 1
    assert sum("reminder" in s for s in with_hook) == 1


def test_purge_after_a_day_that_ended_with_everything_served(ctx, clock):
    """Nothing to expire: the closing still deletes the day's phones."""
    staff_no = open_window(ctx, 1)
    ticket = take(ctx).ticket
    reminders.leave_phone(ctx, ticket_id=ticket.id, phone=PHONE)
    call(ctx)
    serving.finish(ctx, window=1, staff_no=staff_no, outcome="completed")
    from kiosk.queue.actions import windows
    windows.sign_out(ctx, window=1, staff_no=staff_no)
    clock.advance(days=1)
    day.close_past_days(ctx)
    with ctx.db.read() as session:
        assert session.scalars(select(Reminder)).all() == []
        payloads = session.scalars(select(Outbox.payload)).all()
    assert payloads and all("to_sealed" not in p for p in payloads)


def test_key_rotation_keeps_a_phone_left_today_readable(ctx, clock, tmp_path):
    from kiosk.queue.actions.keys import key_file, rotate_keys
    from kiosk.queue.rules.personal import load_keys, write_keys

    copy = tmp_path / "own" / "personal.key"
    write_keys(copy, load_keys(key_file(ctx)))
    ctx.machine_settings = {"security.key_file": str(copy)}
    open_window(ctx, 1)
    ticket = take(ctx).ticket
    reminders.leave_phone(ctx, ticket_id=ticket.id, phone=PHONE)
    rotate_keys(ctx)
    rotate_keys(ctx)  # the first key is retired twice over: kept while a seal needs it
    call(ctx)
    with ctx.db.read() as session:
        [payload] = session.scalars(select(Outbox.payload)).all()
    assert unseal(personal_keys(ctx), payload["to_sealed"]) == PHONE


def test_leave_phone_refused_when_the_hall_has_reminders_off(ctx):
    from kiosk.errors import ServiceUnavailable
    from kiosk.queue.actions import staff

    ticket = take(ctx).ticket
    staff.set_hall_setting(ctx, name="reminders.enabled", value=False)
    with pytest.raises(ServiceUnavailable) as refused:
        reminders.leave_phone(ctx, ticket_id=ticket.id, phone=PHONE)
    assert refused.value.message_zh == "本大厅暂未开通到号提醒"
