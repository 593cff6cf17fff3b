"""好差评上报 to a real local platform receiver: an hour's outage with growing back-off,
then every report exactly once across restarted deliverers; time-outs; a refusal failed
with its reason; signed requests; the field mapping from the settings."""
import dataclasses
import datetime as dt
import hashlib
import hmac
import itertools
import random

import pytest
from sqlalchemy import select

from kiosk.delivery.province import province_deliverer
from kiosk.messaging.province import ProvinceSender, signature
from kiosk.queue.actions import rating
from kiosk.queue.reads.rating_reports import report_states
from kiosk.queue.store import outbox
from kiosk.queue.store.models import Outbox
from tests.delivery.support import Gateway
from tests.helpers import open_window, serve_next, take

SECRET = "platform-secret"
APP_ID = "hall-demo"


class Platform:
    """The receiver's answer: checks each request's signature, acks by key (a repeat
    gets the same ack id), or answers ``refuse`` = (status, body) instead."""

    def __init__(self, headers=("X-App-Id", "X-Timestamp", "X-Nonce", "X-Signature")):
        self.names = [h.lower() for h in headers]
        self.acks: dict[str, str] = {}
        self.bad: list[str] = []
        self.refuse = None

    def __call__(self, key, body, raw, headers):
        got = {k.lower(): v for k, v in headers.items()}
        app, stamp, nonce, sig = (got.get(n, "") for n in self.names)
        expected = hmac.new(SECRET.encode(), (stamp + nonce).encode() + raw,
                            hashlib.sha256).hexdigest()
        if app != APP_ID or not hmac.compare_digest(sig, expected):
            self.bad.append(key)
            return 401, {"msg": "签名错误"}
        if self.refuse is not None:
            return self.refuse
        ack = self.acks.setdefault(key, f"PJ{len(self.acks) + 1:05d}")
        return 200, {"code": "200", "data": {"id": ack}}


@pytest.fixture
def platform():
    with Gateway() as gateway:
        gateway.answer = Platform()
        yield gateway


def with_settings(ctx, url, **extra):
    return dataclasses.replace(ctx, machine_settings={
        **ctx.machine_settings, "province.url": url, "province.app_id": APP_ID,
        "province.secret": SECRET, "province.timeout_s": 0.5, **extra})


def rated(ctx, n):
    open_window(ctx, 1)
    for _ in range(n):
        take(ctx)
    tickets = [serve_next(ctx, 1).ticket for _ in range(n)]
    for i, ticket in enumerate(tickets):
        if i % 2:
            rating.rate_by_token(ctx, web_token=ticket.web_token, level=4)
        else:
            rating.rate(ctx, ticket_id=ticket.id, level=5)
    with ctx.db.read() as session:
        return session.scalars(select(Outbox.idem_key).where(Outbox.channel == "province")
                               .order_by(Outbox.id)).all()


def rows(ctx):
    with ctx.db.read() as session:
        return {r.idem_key: r for r in session.execute(
            select(Outbox.idem_key, Outbox.state, Outbox.attempts, Outbox.last_error,
                   Outbox.ack_id).where(Outbox.channel == "province"))}


def test_an_hours_outage_backs_off_and_then_each_report_arrives_once(ctx, clock, platform):
    keys = rated(ctx, 3)
    settings_ctx = with_settings(ctx, platform.url)
    start = clock.now()

    def deliverer():  # a new one each round: the process restarted
        return province_deliverer(settings_ctx, rng=random.Random(3))

    platform.mode = "fail"
    tried_at: dict[str, list[dt.datetime]] = {k: [] for k in keys}
    while clock.now() < start + dt.timedelta(hours=1):
        before = {k: r.attempts for k, r in rows(ctx).items()}
        assert deliverer().run_once() == 0
        for key, row in rows(ctx).items():
            if row.attempts > before[key]:
                tried_at[key].append(clock.now())
        clock.set(dt.datetime.fromisoformat(outbox.status(ctx, "province")["next_due"]))
    for times in tried_at.values():
        gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
        assert gaps[:5] == sorted(gaps[:5]) and gaps[0] < 20 and max(gaps) <= 900
        assert len(times) > 8  # past outbox.max_attempts: a report is never given up
    assert all(r.state == "pending" and "HTTP 500" in r.last_error for r in rows(ctx).values())
    assert {r.state_zh for r in report_states(ctx)} == {"未上报"}
    platform.mode = "drop"  # processed there, the acknowledgement lost on the way
    clock.advance(seconds=901)
    assert deliverer().run_once() == 0
    platform.mode = "ok"
    clock.advance(seconds=1801)
    assert deliverer().run_once() == 3
    assert deliverer().run_once() == 0
    assert set(platform.processed) == set(keys) and set(platform.processed.values()) == {1}
    assert set(platform.repeats) == set(keys)  # each repeat known by its key
    assert platform.answer.bad == []
    acks = {k: r.ack_id for k, r in rows(ctx).items()}
    assert acks == platform.answer.acks
    assert {(r.state_zh, r.ack_id) for r in report_states(ctx)} == {
        ("已上报", a) for a in acks.values()}


def test_a_time_out_is_tried_again(ctx, clock, platform):
    (key,) = rated(ctx, 1)
    platform.mode = "hang"
    deliverer = province_deliverer(with_settings(ctx, platform.url, **{
        "province.timeout_s": 0.3}))
    assert deliverer.run_once() == 0
    row = rows(ctx)[key]
    assert (row.state, row.attempts) == ("pending", 1) and "timed out" in row.last_error
    platform.mode = "ok"
    clock.advance(seconds=60)
    assert deliverer.run_once() == 1
    assert rows(ctx)[key].state == "sent" and platform.processed[key] == 1


def test_a_refusal_fails_at_once_with_the_platforms_reason(ctx, clock, platform):
    first, second = rated(ctx, 2)
    deliverer = province_deliverer(with_settings(ctx, platform.url))
    platform.answer.refuse = (429, {"msg": "请求过于频繁"})  # throttled: later
    assert deliverer.run_once() == 0
    assert {r.state for r in rows(ctx).values()} == {"pending"}
    platform.answer.refuse = (400, {"code": "E102", "msg": "事项编码不存在"})
    clock.advance(seconds=60)
    assert deliverer.run_once() == 0
    clock.advance(hours=2)
    assert deliverer.run_once() == 0 and platform.attempts == 4  # not tried again
    failed = {r.idem_key: r for r in report_states(ctx, state="failed")}
    assert set(failed) == {first, second}
    assert failed[first].state_zh == "失败"
    assert failed[first].reason == "platform answered HTTP 400: 事项编码不存在"


def test_a_2xx_without_an_ack_id_is_not_delivered(ctx, clock, platform):
    (key,) = rated(ctx, 1)
    platform.answer.refuse = (200, {"code": "500", "msg": "系统繁忙"})
    assert province_deliverer(with_settings(ctx, platform.url)).run_once() == 0
    row = rows(ctx)[key]
    assert row.state == "pending" and "without an acknowledgement" in row.last_error
    assert "系统繁忙" in row.last_error


def test_the_field_mapping_channel_codes_and_header_names(ctx, clock, platform):
    platform.answer = Platform(("X-Ak", "X-Ts", "X-Rand", "X-Sign"))
    pad, phone = rated(ctx, 2)
    settings = {
        "province.fields": '{"level": "data.pjdj", "case_no": "bjbh", "staff_no": '
                           '"data.gh", "channel": "data.pjqd", "hall_code": "", '
                           '"idem_key": "requestId"}',
        "province.channel_codes": '{"pad": "4", "qrcode": "3"}',
        "province.ack_path": "result.pjid",
        "province.header_app_id": "X-Ak", "province.header_timestamp": "X-Ts",
        "province.header_nonce": "X-Rand", "province.header_signature": "X-Sign"}
    inner = platform.answer

    def answer(key, body, raw, headers):
        status, reply = inner(key, body, raw, headers)
        return status, ({"result": {"pjid": reply["data"]["id"]}} if status == 200 else reply)

    platform.answer = answer
    assert province_deliverer(with_settings(ctx, platform.url, **settings)).run_once() == 2
    assert inner.bad == []
    body = platform.bodies[pad]
    assert body["data"]["pjdj"] == 5 and body["data"]["pjqd"] == "4"
    assert body["data"]["gh"] and "bjbh" in body and body["requestId"] == pad
    assert "hall_code" not in body and "level" not in body and "staff_no" not in body
    assert body["item_code"] == "SCJG-001"  # unmapped: our name
    assert platform.bodies[phone]["data"]["pjqd"] == "3"
    assert platform.headers[pad]["Idempotency-Key"] == pad
    assert rows(ctx)[pad].ack_id == inner.acks[pad]


def test_the_signature_covers_timestamp_nonce_and_body():
    sender = ProvinceSender("http://127.0.0.1:9/", app_id=APP_ID, secret=SECRET,
                            now=lambda: 1764000000.0, nonce=lambda: "abc")
    assert signature(SECRET, "1764000000", "abc", b'{"a":1}') == hmac.new(
        SECRET.encode(), b'1764000000abc{"a":1}', hashlib.sha256).hexdigest()
    assert signature(SECRET, "1764000000", "abd", b'{"a":1}') != signature(
        SECRET, "1764000000", "abc", b'{"a":1}')
    with pytest.raises(ValueError):
        ProvinceSender("ftp://x", app_id="a", secret="b")
    sender.close()


def test_no_url_no_deliverer(ctx):
    from kiosk.errors import InvalidInput
    with pytest.raises(InvalidInput):
        province_deliverer(ctx)


def test_the_web_service_starts_a_province_deliverer_only_with_a_url(ctx, platform):
    from kiosk.web.serve import _province_deliverer

    assert _province_deliverer(ctx) is None
    deliverer = _province_deliverer(with_settings(ctx, platform.url))
    assert deliverer.channel == "province" and deliverer.max_attempts == 0
    assert _province_deliverer(with_settings(ctx, "ftp://platform")) is None
    assert _province_deliverer(with_settings(ctx, platform.url, **{
        "province.fields": "[1]"})) is None
