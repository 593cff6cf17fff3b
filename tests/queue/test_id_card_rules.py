"""Taking a ticket by ID card: the queue's card rule, the per-person limit, 绿色通道 by
age, and nothing of the number kept anywhere but as a keyed hash."""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from kiosk.errors import CatalogInvalid, InvalidInput, ServiceUnavailable
from kiosk.queue import catalog
from kiosk.queue.actions import issuing, staff
from kiosk.queue.actions.issuing import IdCardRequired, PersonLimitReached
from kiosk.queue.rules.personal import CardReading
from kiosk.queue.store.models import Base, Event, Ticket

TODAY = dt.date(2026, 11, 23)  # the clock fixture's hall day
#: made-up citizen numbers with valid check digits
NUMBER_1980 = "110101198005171233"
NUMBER_1950 = "110101195011230012"


def reading(number: str = NUMBER_1980, name: str = "张三",
            birth: dt.date = dt.date(1980, 5, 17)) -> CardReading:
    return CardReading(id_number=number, name=name, birth_date=birth)


def set_rules(ctx, prefix: str, id_card: str, limit: int = 0) -> dict:
    """The queue's rules as a manager sets them: through the catalog file."""
    data = catalog.export_catalog(ctx)
    for service in data["services"]:
        if service["prefix"] == prefix:
            service["id_card"] = id_card
            if limit:
                service["per_person_daily_limit"] = limit
    catalog.import_catalog(ctx, data)
    return data


def ticket_row(ctx, ticket_id: int):
    """What the ticket keeps of its holder: person_hash, holder_masked, priority_check."""
    with ctx.db.read() as session:
        return session.execute(select(Ticket.person_hash, Ticket.holder_masked,
                                      Ticket.priority_check)
                               .where(Ticket.id == ticket_id)).one()


def take(ctx, prefix: str = "A", card: CardReading | None = None, **kwargs):
    return issuing.issue_ticket(ctx, prefix=prefix, card=card, **kwargs)


def test_the_catalog_carries_the_card_rules_and_exports_them_back(ctx):
    set_rules(ctx, "A", "required", 2)
    set_rules(ctx, "B", "optional")
    services = {s["prefix"]: s for s in catalog.export_catalog(ctx)["services"]}
    assert (services["A"]["id_card"], services["A"]["per_person_daily_limit"]) == ("required", 2)
    assert services["B"]["id_card"] == "optional" and "per_person_daily_limit" not in services["B"]
    assert "id_card" not in services["C"]  # off: the file stays as it was written


def test_a_limit_without_the_card_or_an_unknown_rule_is_refused(ctx):
    data = catalog.export_catalog(ctx)
    data["services"][0]["per_person_daily_limit"] = 2
    data["services"][1]["id_card"] = "always"
    with pytest.raises(CatalogInvalid) as refused:
        catalog.import_catalog(ctx, data)
    text = "\n".join(p.chinese() for p in refused.value.problems)
    assert "每人每日限取需要刷身份证取号" in text and "刷身份证取号" in text
    assert len(refused.value.problems) == 2


def test_a_queue_that_requires_the_card_refuses_a_ticket_without_it(ctx):
    set_rules(ctx, "A", "required")
    with pytest.raises(IdCardRequired) as refused:
        take(ctx)
    assert "需刷身份证取号" in refused.value.message_zh
    assert isinstance(refused.value, InvalidInput)
    assert take(ctx, prefix="C").ticket.code == "C001"  # other queues as before
    done = take(ctx, card=reading())
    row = ticket_row(ctx, done.ticket.id)
    assert done.ticket.code == "A001"  # the refused attempt used no number
    assert row.holder_masked == "张*" and row.priority_check is None
    assert ":" in row.person_hash and NUMBER_1980 not in row.person_hash


def test_an_optional_queue_keeps_the_card_only_when_given_and_off_ignores_it(ctx):
    set_rules(ctx, "A", "optional")
    without = ticket_row(ctx, take(ctx).ticket.id)
    with_card = ticket_row(ctx, take(ctx, card=reading()).ticket.id)
    ignored = ticket_row(ctx, take(ctx, prefix="C", card=reading()).ticket.id)
    assert (without.person_hash, without.holder_masked) == (None, None)
    assert with_card.person_hash and with_card.holder_masked == "张*"
    assert (ignored.person_hash, ignored.holder_masked) == (None, None)


def test_the_per_person_limit_counts_one_card_and_names_what_was_taken(ctx):
    set_rules(ctx, "A", "required", 2)
    set_rules(ctx, "B", "optional")
    take(ctx, prefix="B", card=reading())
    take(ctx, card=reading())
    take(ctx, card=reading())
    with pytest.raises(PersonLimitReached) as refused:
        take(ctx, card=reading())
    assert isinstance(refused.value, ServiceUnavailable)
    zh, en = refused.value.message_zh, refused.value.message_en
    assert "您今日已取号 3 个" in zh and "A 企业开办 2 个" in zh
    assert "B 食品与卫生健康许可 1 个" in zh and "每人每日限取 2 个" in zh
    assert "3 ticket(s) today (A 2, B 1)" in en and "allows 2 per person" in en
    assert NUMBER_1980 not in zh + en
    # another person is not counted with the first; the refused number is handed back
    assert take(ctx, card=reading(NUMBER_1950, "李四")).ticket.code == "A003"


def test_the_limit_starts_again_on_the_next_day(ctx, clock):
    set_rules(ctx, "A", "required", 1)
    take(ctx, card=reading())
    with pytest.raises(PersonLimitReached):
        take(ctx, card=reading())
    clock.advance(days=1)
    assert take(ctx, card=reading()).ticket.code == "A001"


@pytest.mark.parametrize("birth,green", [
    (dt.date(1950, 11, 23), True),   # 76
    (dt.date(1956, 11, 23), True),   # 70 today
    (dt.date(1956, 11, 24), False),  # 70 tomorrow
    (dt.date(1990, 1, 1), False),
])
def test_the_card_earns_the_green_channel_by_age(ctx, birth, green):
    set_rules(ctx, "A", "optional")
    staff.set_hall_setting(ctx, name="queue.green_channel_age", value=70)
    done = take(ctx, card=reading(birth=birth))
    row = ticket_row(ctx, done.ticket.id)
    assert done.ticket.priority == ("elderly" if green else "none")
    assert row.priority_check == ("by_age" if green else None)
    with ctx.db.read() as session:
        payload = session.scalar(select(Event.payload).where(Event.ticket_id == done.ticket.id))
    assert payload["by_card"] is True
    assert payload["priority_check"] == ("by_age" if green else None)


def test_no_green_channel_by_age_when_the_option_is_off(ctx):
    set_rules(ctx, "A", "optional")
    done = take(ctx, card=reading(birth=dt.date(1930, 1, 1)))
    assert done.ticket.priority == "none"
    assert ticket_row(ctx, done.ticket.id).priority_check is None


def test_the_number_and_name_are_nowhere_in_the_database_or_the_log(ctx, caplog):
    caplog.set_level(logging.DEBUG)
    set_rules(ctx, "A", "required", 1)
    staff.set_hall_setting(ctx, name="queue.green_channel_age", value=70)
    card = reading(NUMBER_1950, "欧阳娜娜", dt.date(1950, 11, 23))
    done = take(ctx, card=card, request_id="by-card-1")
    take(ctx, card=card, request_id="by-card-1")  # a replay
    with pytest.raises(PersonLimitReached):
        take(ctx, card=card)
    assert done.ticket.priority == "elderly"
    secrets = (NUMBER_1950, NUMBER_1950[-8:], "欧阳娜娜", "娜娜", "19501123")
    with ctx.db.read() as session:
        rows = [repr(row) for table in Base.metadata.sorted_tables
                for row in session.execute(select(table)).all()]
    dumped = "\n".join(rows)
    assert "欧*" in dumped  # the masked name is there, nothing more
    for secret in secrets:
        assert secret not in dumped, secret
        assert secret not in caplog.text, secret
    url = make_url(ctx.db.url)
    if url.get_backend_name() == "sqlite":  # the file itself, and its journal
        ctx.db.dispose()
        raw = b"".join(path.read_bytes() for path in Path(url.database).parent.iterdir()
                       if path.name.startswith(Path(url.database).name))
        assert len(raw) > 100_000  # the hall's file was found
        for secret in secrets:
            for encoding in ("utf-8", "utf-16-le"):
                assert secret.encode(encoding) not in raw, secret


def test_a_readers_card_becomes_a_reading_and_masks_as_the_hall_shows_it():
    from kiosk.devices.idcard.text import decode
    from kiosk.queue.rules.personal import age_on, mask_id_number, mask_name
    from tests.devices.idcard_sim import foreigner_block, resident_block

    card = CardReading.of(decode(resident_block(birth=dt.date(1956, 11, 23))))
    assert (card.id_number, card.name, card.kind) == ("110101195611231239", "张三",
                                                      "resident")
    assert age_on(card.birth_date, TODAY) == 70
    assert repr(card) == str(card) == "CardReading(kind='resident')"
    assert mask_id_number(card.id_number) == "1101**********1239"
    assert [mask_name(n) for n in ("张三", "欧阳娜娜", "史密斯", "SMITH JOHN", "")] == \
        ["张*", "欧***", "史**", "S***", "*"]
    foreigner = CardReading.of(decode(foreigner_block()))
    assert foreigner.kind == "foreign_permanent"
    assert mask_id_number(foreigner.id_number) == "USA1*******0101"
