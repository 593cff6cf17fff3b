"""Two kiosk processes, one citizen's card at the same instant: the per-person limit
holds on both databases (no ticket past the limit slips through)."""
from __future__ import annotations

import datetime as dt
import traceback

import pytest
from sqlalchemy import func, select

from tests.conftest import KEYED
from tests.queue.racing import hall_context, race

LIMIT = 2
ATTEMPTS = 3  # per kiosk: six tries at the same moment for two places
NUMBER = "110101198005171233"


def _kiosk(url: str, key_file: str, barrier, results) -> None:
    from kiosk.queue.actions import issuing
    from kiosk.queue.rules.personal import CardReading

    ctx = hall_context(url, key_file)
    card = CardReading(id_number=NUMBER, name="张三", birth_date=dt.date(1980, 5, 17))
    outcome = {"issued": 0, "refused": 0, "errors": []}
    barrier.wait()
    for _ in range(ATTEMPTS):
        try:
            issuing.issue_ticket(ctx, prefix="A", card=card)
            outcome["issued"] += 1
        except issuing.PersonLimitReached:
            outcome["refused"] += 1
        except Exception:  # noqa: BLE001 - reported to the test, never hidden
            outcome["errors"].append(traceback.format_exc(limit=4))
    ctx.db.dispose()
    results.put(outcome)


@pytest.mark.slow
def test_two_kiosks_taking_tickets_for_one_card_at_once_never_pass_the_limit(ctx):
    from kiosk.queue import catalog
    from kiosk.queue.store.models import Ticket

    data = catalog.export_catalog(ctx)
    queue_a = next(s for s in data["services"] if s["prefix"] == "A")
    queue_a.update(id_card="required", per_person_daily_limit=LIMIT)
    catalog.import_catalog(ctx, data)
    url = ctx.db.url
    ctx.db.dispose()

    outcomes = race(_kiosk, *[(url, KEYED["security.key_file"])] * 2)

    assert [e for o in outcomes for e in o["errors"]] == []
    assert sum(o["issued"] for o in outcomes) == LIMIT
    assert sum(o["refused"] for o in outcomes) == 2 * ATTEMPTS - LIMIT
    with ctx.db.read() as session:
        stored = session.scalar(select(func.count()).select_from(Ticket).where(
            Ticket.prefix == "A", Ticket.person_hash.is_not(None)))
    assert stored == LIMIT
