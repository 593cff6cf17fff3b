"""Delivering the outbox: back-off through a gateway outage, exactly once by
idempotency key across restarts and lost acknowledgements, two deliverer processes,
the per-phone hourly limit, and the senders."""
import datetime as dt
import multiprocessing as mp
import random
import threading
import time

import pytest
from sqlalchemy import select

from kiosk.delivery.worker import Deliverer
from kiosk.messaging.base import Message, SendFailed
from kiosk.messaging.http_json import HttpJsonSender
from kiosk.messaging.log_only import LogOnlySender
from kiosk.queue.actions.keys import personal_keys
from kiosk.queue.rules.sealing import seal
from kiosk.queue.store import outbox
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.models import Outbox
from tests.delivery.support import Gateway, deliver_in_process


def phone(i):
    return f"139{i:08d}"


def queue_messages(ctx, n, *, same_phone=False, start=0):
    ring = personal_keys(ctx)
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        for i in range(start, start + n):
            number = phone(0 if same_phone else i)
            outbox.enqueue(scope, channel="reminder", idem_key=f"test:{i}",
                           payload={"to_sealed": seal(ring, number), "text": f"第 {i} 条",
                                    "kind": "test", "masked": "139****0000"},
                           recipient_hash=ring.hash("phone", number))
    return [f"test:{i}" for i in range(start, start + n)]


def states(ctx):
    with ctx.db.read() as session:
        return {m.idem_key: (m.state, m.attempts)
                for m in session.scalars(select(Outbox))}


def test_enqueue_twice_is_a_no_op(ctx):
    queue_messages(ctx, 1)
    queue_messages(ctx, 1)
    assert outbox.status(ctx)["counts"]["pending"] == 1


def test_outage_then_recovery_each_message_arrives_once(ctx, clock):
    keys = queue_messages(ctx, 3)
    with Gateway() as gateway:
        def deliverer():  # a new one each time: the process restarted
            return Deliverer(ctx, "reminder", HttpJsonSender(gateway.url, timeout_s=0.3),
                             rng=random.Random(7), backoff_base_s=10, backoff_cap_s=60)

        gateway.mode = "fail"
        assert deliverer().run_once() == 0
        assert deliverer().run_once() == 0  # backing off: nothing due, nothing tried
        assert gateway.attempts == 3
        gateway.mode = "hang"
        clock.advance(seconds=61)
        assert deliverer().run_once() == 0
        gateway.mode = "drop"  # processed, but the acknowledgement is lost
        clock.advance(seconds=61)
        assert deliverer().run_once() == 0
        assert set(gateway.processed) == set(keys)
        gateway.mode = "ok"
        clock.advance(seconds=61)
        assert deliverer().run_once() == 3
        assert all(n == 1 for n in gateway.processed.values())
        assert set(gateway.repeats) == set(keys)  # each repeat dropped by its key
    assert states(ctx) == {k: ("sent", 4) for k in keys}
    body = gateway.bodies["test:0"]
    assert body["to"] == phone(0) and body["text"] == "第 0 条" and "to_sealed" not in body


def test_a_crash_between_send_and_mark_resends_after_the_lease(ctx, clock):
    [key] = queue_messages(ctx, 1)
    with Gateway() as gateway:
        sender = HttpJsonSender(gateway.url, timeout_s=5)
        crashed = Deliverer(ctx, "reminder", sender)
        [claimed] = outbox.claim(ctx, "reminder", limit=5, lease=dt.timedelta(minutes=2))
        sender.send(crashed._message(claimed))  # ... and the process dies here
        restarted = Deliverer(ctx, "reminder", HttpJsonSender(gateway.url, timeout_s=5))
        assert restarted.run_once() == 0  # still leased
        clock.advance(minutes=3)
        assert restarted.run_once() == 1
        assert gateway.processed == {key: 1} and gateway.repeats == {key: 1}
    assert states(ctx)[key][0] == "sent"


def test_failures_stop_at_max_attempts_and_4xx_is_final(ctx, clock):
    queue_messages(ctx, 2)
    with Gateway() as gateway:
        gateway.mode = 400
        d = Deliverer(ctx, "reminder", HttpJsonSender(gateway.url), max_attempts=2)
        d.run_once()
        assert {s for s, _ in states(ctx).values()} == {"failed"}
    more = queue_messages(ctx, 1, start=10)
    with Gateway() as gateway:
        gateway.mode = 429
        d = Deliverer(ctx, "reminder", HttpJsonSender(gateway.url), max_attempts=2,
                      backoff_cap_s=5)
        d.run_once()
        assert states(ctx)[more[0]] == ("pending", 1)
        clock.advance(seconds=6)
        d.run_once()
        assert states(ctx)[more[0]] == ("failed", 2)
    assert outbox.status(ctx)["counts"] == {"pending": 0, "sent": 0, "failed": 3,
                                            "dropped": 0}


def test_backoff_grows_with_jitter_and_is_capped():
    rng = random.Random(1)
    waits = [outbox.backoff(n, base_s=10, cap_s=100, rng=rng).total_seconds()
             for n in range(1, 9)]
    assert 5 <= waits[0] <= 10 and 10 <= waits[1] <= 20 and 20 <= waits[2] <= 40
    assert all(50 <= w <= 100 for w in waits[4:])
    again = random.Random(1)
    assert waits == [outbox.backoff(n, base_s=10, cap_s=100, rng=again).total_seconds()
                     for n in range(1, 9)]


class Recording:
    def __init__(self):
        self.sent = []

    def send(self, message: Message) -> None:
        self.sent.append(message)


def test_per_phone_hourly_limit_postpones_never_drops(ctx, clock):
    keys = queue_messages(ctx, 3, same_phone=True)
    sender = Recording()
    d = Deliverer(ctx, "reminder", sender, per_recipient_per_hour=2)
    assert d.run_once() == 2
    assert states(ctx)[keys[2]] == ("pending", 0)
    clock.advance(minutes=30)
    assert d.run_once() == 0
    clock.advance(minutes=31)
    assert d.run_once() == 1
    assert [m.idem_key for m in sender.sent] == keys
    assert {m.to for m in sender.sent} == {phone(0)}


class Held(Recording):
    """A sender that holds the message until released: a slow SMS gateway."""

    def __init__(self):
        super().__init__()
        self.entered, self.release = threading.Event(), threading.Event()

    def send(self, message: Message) -> None:
        self.entered.set()
        assert self.release.wait(30)
        super().send(message)


def test_two_deliverers_holding_one_phones_messages_keep_its_hourly_limit(ctx, clock):
    """The first deliverer is still sending when the second counts: the message being
    sent counts too, so the second waits for the hour instead of sending."""
    keys = queue_messages(ctx, 2, same_phone=True)
    slow, quick = Held(), Recording()
    first = Deliverer(ctx, "reminder", slow, per_recipient_per_hour=1, batch=1)
    second = Deliverer(ctx, "reminder", quick, per_recipient_per_hour=1, batch=1)
    sending = threading.Thread(target=first.run_once)
    sending.start()
    try:
        assert slow.entered.wait(30)
        assert second.run_once() == 0                 # over the limit: postponed
    finally:
        slow.release.set()
        sending.join(30)
    assert [m.idem_key for m in slow.sent] == keys[:1] and quick.sent == []
    assert states(ctx)[keys[1]] == ("pending", 0)     # postponed, never dropped
    clock.advance(minutes=61)
    assert second.run_once() == 1 and [m.idem_key for m in quick.sent] == keys[1:]


def test_a_failed_send_frees_its_place_in_the_hour(ctx, clock):
    keys = queue_messages(ctx, 2, same_phone=True)

    class Refusing(Recording):
        def send(self, message):
            raise SendFailed("gateway down", retryable=True)

    Deliverer(ctx, "reminder", Refusing(), per_recipient_per_hour=1, batch=1).run_once()
    sender = Recording()
    assert Deliverer(ctx, "reminder", sender, per_recipient_per_hour=1).run_once() == 1
    assert [m.idem_key for m in sender.sent] == keys[1:]


def test_http_sender_headers_token_and_field_mapping():
    with Gateway() as gateway:
        sender = HttpJsonSender(gateway.url, token="s3cret", timeout_s=5,
                                fields={"to": "mobile", "text": "content", "kind": ""})
        sender.send(Message("k1", "13900000001", "你好", {"kind": "called", "code": "A001"}))
    assert gateway.bodies["k1"] == {"mobile": "13900000001", "content": "你好",
                                    "idem_key": "k1", "code": "A001"}
    assert gateway.headers["k1"]["Authorization"] == "Bearer s3cret"
    with pytest.raises(SendFailed) as refused:  # nobody listens there any more
        sender.send(Message("k2", None, "x"))
    assert refused.value.retryable


def test_log_only_sender_logs_the_masked_phone(caplog):
    sender = LogOnlySender()
    with caplog.at_level("INFO"):
        sender.send(Message("k1", "13912345678", "请 A001 号到 1 号窗口办理"))
    assert "139****5678" in caplog.text and "13912345678" not in caplog.text
    assert "13912345678" not in repr(Message("k", "13912345678", ""))


def test_stop_is_prompt(sqlite_ctx):
    d = Deliverer(sqlite_ctx, "reminder", Recording(), poll_s=600)
    d.start()
    queue_messages(sqlite_ctx, 1)
    d.wake()
    started = time.monotonic()
    d.stop()
    assert time.monotonic() - started < 5


@pytest.mark.slow
def test_two_deliverer_processes_never_send_one_message_twice(ctx, clock):
    keys = queue_messages(ctx, 30)
    spawn = mp.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    with Gateway() as gateway:
        workers = [spawn.Process(target=deliver_in_process, args=(
            ctx.db.url, ctx.machine_settings["security.key_file"],
            clock.now().isoformat(), gateway.url, barrier, results)) for _ in range(2)]
        for w in workers:
            w.start()
        sent = [results.get(timeout=120) for _ in workers]
        for w in workers:
            w.join(30)
    assert sum(sent) == 30
    assert set(gateway.processed) == set(keys) and not gateway.repeats
    assert all(state == "sent" for state, _ in states(ctx).values())
