"""好差评上报: every level queues one report in the rating's own transaction, carrying
what the platform asks for and no personal data; day close leaves reports alone; the
manager's delivery states and the monthly reconciliation."""
import datetime as dt
import json

import pytest
from sqlalchemy import select

from kiosk.queue.actions import day, followup, rating
from kiosk.queue.actions.rating_report import idem_key
from kiosk.queue.demo import clerk_no
from kiosk.queue.reads.rating_reports import reconcile, report_states
from kiosk.queue.store import outbox
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.models import CaseFile, HallSetting, Item, Outbox, Rating, Staff
from kiosk.reports.rating_reports import read_acks
from tests.helpers import open_window, serve_next, take

PHONE = "13912345678"


def finished(ctx, window=1, n=1, outcome="completed", item_code="SCJG-001"):
    open_window(ctx, window)
    for _ in range(n):
        take(ctx, item_code)
    return [serve_next(ctx, window, outcome).ticket for _ in range(n)]


def reports(ctx):
    with ctx.db.read() as session:
        return [(r.idem_key, r.payload, r.ticket_id) for r in session.scalars(
            select(Outbox).where(Outbox.channel == "province").order_by(Outbox.id))]


def rating_id(ctx, ticket_id):
    with ctx.db.read() as session:
        return session.scalar(select(Rating.id).where(Rating.ticket_id == ticket_id))


def store_setting(ctx, name, value):
    with ctx.db.write() as session:
        session.add(HallSetting(hall_id=open_scope(ctx, session).hall.id, name=name,
                                value=value))


def test_each_level_queues_one_report_on_every_path(ctx, clock):
    pad, phone, filled, unrated = finished(ctx, n=4)
    rating.rate(ctx, ticket_id=pad.id, level=5)
    rating.rate_by_token(ctx, web_token=phone.web_token, level=4)
    rating.mark_unrated(ctx, ticket_id=filled.id)
    rating.mark_unrated(ctx, ticket_id=unrated.id)
    assert [t for _, _, t in reports(ctx)] == [pad.id, phone.id]  # 未评 is not reported
    rating.rate_by_token(ctx, web_token=filled.web_token, level=3)
    with pytest.raises(rating.AlreadyRated):
        rating.rate(ctx, ticket_id=pad.id, level=1, reasons=["其他"])
    rows = reports(ctx)
    assert [(k, p["channel"], p["level"]) for k, p, _ in rows] == [
        (idem_key(rating_id(ctx, pad.id)), "pad", 5),
        (idem_key(rating_id(ctx, phone.id)), "qrcode", 4),
        (idem_key(rating_id(ctx, filled.id)), "qrcode", 3)]
    assert outbox.status(ctx, "province")["counts"]["pending"] == 3


def test_a_rating_that_fails_queues_no_report(ctx, monkeypatch):
    (ticket,) = finished(ctx)

    def broken(scope, ticket_id):
        raise RuntimeError("follow-up failed")

    monkeypatch.setattr(followup, "open_for_ticket", broken)
    with pytest.raises(RuntimeError):
        rating.rate(ctx, ticket_id=ticket.id, level=1, reasons=["等候时间长"])
    assert reports(ctx) == [] and rating_id(ctx, ticket.id) is None


def test_the_payload_carries_what_the_platform_asks_for(ctx, clock):
    first, second = finished(ctx, n=2)
    rating.rate(ctx, ticket_id=first.id, level=2, reasons=["等候时间长", "自己写的原因"],
                comment="前台张三态度不好，电话 13912345678", callback_phone=PHONE)
    (_, payload, _), = reports(ctx)
    assert {k: payload[k] for k in ("case_no", "item_code", "department_code", "window",
                                     "staff_no", "channel", "channel_zh", "level",
                                     "reasons", "within_window", "hall_code")} == {
        "case_no": None, "item_code": "SCJG-001", "department_code": "SCJG", "window": 1,
        "staff_no": clerk_no(1), "channel": "pad", "channel_zh": "评价器", "level": 2,
        "reasons": ["等候时间长", "其他"], "within_window": True, "hall_code": "demo"}
    assert payload["rated_at"].endswith("+08:00") and payload["finished_at"].endswith("+08:00")
    assert dt.datetime.fromisoformat(payload["rated_at"]) == clock.now()
    version = payload["item_version"]
    assert len(version) == 16 and int(version, 16) >= 0
    # the same guide gives the same version; a changed guide a new one
    with ctx.db.write() as session:
        session.scalar(select(Item).where(Item.code == "SCJG-001")).conditions += "（新）"
    rating.rate(ctx, ticket_id=second.id, level=5)
    assert reports(ctx)[1][1]["item_version"] not in (None, version)


def test_no_personal_data_in_any_report(ctx, clock):
    tickets = finished(ctx, n=2)
    rating.rate(ctx, ticket_id=tickets[0].id, level=1, reasons=["服务态度差"],
                comment=f"我叫李四 {PHONE}", callback_phone=PHONE)
    rating.rate_by_token(ctx, web_token=tickets[1].web_token, level=2, reasons=[PHONE],
                         comment="王五")
    with ctx.db.read() as session:
        names = [s.name for s in session.scalars(select(Staff))]
        masked = session.scalar(select(Rating.callback_phone_masked)
                                .where(Rating.callback_phone_masked.is_not(None)))
    text = json.dumps([p for _, p, _ in reports(ctx)], ensure_ascii=False)
    assert len(reports(ctx)) == 2
    for secret in (PHONE, masked, "5678", "李四", "王五", "comment", *names):
        assert secret not in text


def test_timely_after_finish_by_the_province_window(ctx, clock):
    store_setting(ctx, "province.rating_window_days", 1)
    on_time, late = finished(ctx, n=2)
    clock.advance(days=1)
    rating.rate_by_token(ctx, web_token=on_time.web_token, level=5)
    clock.advance(days=1)
    rating.rate_by_token(ctx, web_token=late.web_token, level=4)
    assert [(p["within_window"], p["window_days"]) for _, p, _ in reports(ctx)] == [
        (True, 1), (False, 1)]


def test_a_case_reports_its_case_number(ctx, clock):
    (ticket,) = finished(ctx, window=3, outcome="accepted", item_code="SCJG-004")
    with ctx.db.read() as session:
        case_no = session.scalar(select(CaseFile.case_no)
                                 .where(CaseFile.ticket_id == ticket.id))
    assert case_no
    rating.rate(ctx, ticket_id=ticket.id, level=5)
    assert reports(ctx)[0][1]["case_no"] == case_no


def test_closing_the_day_keeps_reports_waiting_for_the_platform(ctx, clock):
    (ticket,) = finished(ctx)
    rating.rate(ctx, ticket_id=ticket.id, level=5)
    clock.advance(days=1)
    day.close_past_days(ctx)
    assert outbox.status(ctx, "province")["counts"]["pending"] == 1


def deliver(ctx, clock, outcomes):
    """Mark the province messages as a deliverer would: "ack:X", "fail:why" or None."""
    claimed = outbox.claim(ctx, "province", limit=50, lease=dt.timedelta(minutes=1))
    for message, outcome in zip(claimed, outcomes):
        if outcome is None:
            outbox.mark_retry(ctx, message.id, "platform timed out", clock.now())
        elif outcome.startswith("ack:"):
            outbox.mark_sent(ctx, message.id, outcome[4:])
        else:
            outbox.mark_failed(ctx, message.id, outcome[5:])


def test_delivery_states_and_the_monthly_reconciliation(ctx, clock):
    tickets = finished(ctx, n=4)
    for ticket in tickets:
        rating.rate(ctx, ticket_id=ticket.id, level=5)
    ids = [rating_id(ctx, t.id) for t in tickets]
    deliver(ctx, clock, ["ack:P-1", "ack:P-2", "fail:platform answered HTTP 400: 事项编码不存在",
                         None])
    rows = {r.rating_id: r for r in report_states(ctx)}
    assert [(rows[i].state_zh, rows[i].ack_id, rows[i].reason) for i in ids] == [
        ("已上报", "P-1", None), ("已上报", "P-2", None),
        ("失败", None, "platform answered HTTP 400: 事项编码不存在"),
        ("未上报", None, "platform timed out")]
    assert [r.rating_id for r in report_states(ctx, state="failed")] == [ids[2]]
    assert report_states(ctx, start=dt.date(2026, 11, 24)) == []
    # the platform lists P-1, our id of the 4th (its own export) and one we never sent
    result = reconcile(ctx, 2026, 11, ["P-1", str(ids[3]), "P-999", ""])
    assert (result.month, result.ratings, result.matched) == ("2026-11", 4, 2)
    assert [r.rating_id for r in result.missing_there] == [ids[1], ids[2]]
    assert result.unknown_here == ["P-999"]
    assert reconcile(ctx, 2026, 12, ["P-1"]).ratings == 0


def test_the_platform_export_as_lines_or_csv():
    assert read_acks("P-1\n\n P-2 \n") == ["P-1", "P-2"]
    assert read_acks("回执编号,评价时间\nP-1,2026-11-23\nP-2,2026-11-24\n") == ["P-1", "P-2"]
    assert read_acks("a,回执编号\nx,P-7\n", "回执编号") == ["P-7"]
    # one column under its header: the header is no id
    assert read_acks("回执编号\nP-1\nP-2\n") == ["P-1", "P-2"]
    assert read_acks("ack_id\nP-1\n", "ack_id") == ["P-1"]


def test_the_platform_export_file_in_utf8_or_gb18030(tmp_path):
    from kiosk.errors import InvalidInput
    from kiosk.reports.rating_reports import acks_from_file

    text = "回执编号,评价时间\nP-1,2026-11-23\n"
    for name, encoding in (("utf8.csv", "utf-8-sig"), ("excel.csv", "gb18030")):
        (tmp_path / name).write_bytes(text.encode(encoding))
        assert acks_from_file(tmp_path / name) == ["P-1"]
    with pytest.raises(InvalidInput) as refusal:
        acks_from_file(tmp_path / "none.csv")
    assert refusal.value.message_zh == "无法读取回执文件：none.csv"


def test_the_ratings_commands(sqlite_ctx, clock, capsys, tmp_path):
    from kiosk.cli import main

    tickets = finished(sqlite_ctx, n=2)
    for ticket in tickets:
        rating.rate(sqlite_ctx, ticket_id=ticket.id, level=5)
    deliver(sqlite_ctx, clock, ["ack:P-1", None])
    url = sqlite_ctx.db.url
    sqlite_ctx.db.dispose()
    assert main(["--db", url, "ratings", "report-status", "--month", "2026-11"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out.splitlines()[0]) == {"未上报": 1, "已上报": 1, "失败": 0}
    assert tickets[1].code in out and "platform timed out" in out
    acks = tmp_path / "export.csv"
    acks.write_text("回执编号,评价时间\nP-1,2026-11-23\nP-9,2026-11-23\n", encoding="utf-8")
    assert main(["--db", url, "ratings", "reconcile", "--month", "2026-11",
                 "--acks", str(acks)]) == 2
    out = capsys.readouterr().out
    assert json.loads(out.splitlines()[0]) == {
        "month": "2026-11", "ratings": 2, "matched": 1, "missing_there": 1,
        "unknown_here": 1}
    assert "unknown here: P-9" in out and "missing there:" in out


def test_a_manager_reports_failed_ratings_again(ctx, clock):
    from kiosk.errors import IllegalTransition, NotFound, NotPermitted
    from kiosk.queue.actions.rating_report import requeue
    from kiosk.queue.store.models import Event

    tickets = finished(ctx, n=3)
    for ticket in tickets:
        rating.rate(ctx, ticket_id=ticket.id, level=5)
    sent, refused, waiting = [rating_id(ctx, t.id) for t in tickets]
    deliver(ctx, clock, ["ack:P-1", "fail:platform answered HTTP 400: 事项编码不存在", None])
    with pytest.raises(IllegalTransition) as refusal:
        requeue(ctx, [refused, sent], by="9001")  # all or none
    assert refusal.value.message_zh == \
        f"{tickets[0].code} 号的评价已上报（平台回执 P-1），无需重新上报"
    with pytest.raises(IllegalTransition) as refusal:
        requeue(ctx, [waiting], by="9001")
    assert "正在上报" in refusal.value.message_zh
    with pytest.raises(NotFound):
        requeue(ctx, [waiting + 100], by="9001")
    with pytest.raises(NotPermitted):
        requeue(ctx, [refused], by=clerk_no(1))
    assert [r.rating_id for r in report_states(ctx, state="failed")] == [refused]

    clock.advance(minutes=5)
    assert requeue(ctx, [refused], by="9001", request_id="r-1") == (refused,)
    assert requeue(ctx, [refused], by="9001", request_id="r-1") == (refused,)  # replayed
    row = {r.rating_id: r for r in report_states(ctx)}[refused]
    assert (row.state_zh, row.attempts, row.reason) == ("未上报", 0, None)
    with ctx.db.read() as session:
        events = [(e.actor, e.payload["rating_ids"], e.payload["codes"])
                  for e in session.scalars(select(Event).where(
                      Event.action == "rating_report_requeued"))]
    assert events == [
        ("staff:9001", [refused], [tickets[1].code])]
    # due at once, with its own key: the next round sends it
    claimed = outbox.claim(ctx, "province", limit=10, lease=dt.timedelta(minutes=1))
    claimed = {m.idem_key: m for m in claimed}
    assert set(claimed) == {idem_key(refused), idem_key(waiting)}
    assert claimed[idem_key(refused)].attempts == 1
    outbox.mark_sent(ctx, claimed[idem_key(refused)].id, "P-2")
    assert {r.rating_id: r.state_zh for r in report_states(ctx)}[refused] == "已上报"
