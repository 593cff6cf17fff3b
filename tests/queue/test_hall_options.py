"""A stored hall option this release does not know, or cannot parse (a newer PC wrote it
during a LAN upgrade), is skipped with a log line and a manager alert; actions go on
with its default, and storing a valid value repairs it."""
from __future__ import annotations

import pytest

from kiosk import settings as registry
from kiosk.queue.actions import alerts, staff
from kiosk.queue.store.context import scope
from kiosk.queue.store.models import HallSetting
from tests.helpers import open_window, take


@pytest.fixture
def fresh_log(monkeypatch):
    """Each skipped option is logged once per process: start from none logged."""
    monkeypatch.setattr(registry, "_LOGGED_REJECTS", set())


def _store(ctx, **values) -> None:
    """Rows as another release would have written them, past set_hall_setting."""
    with ctx.db.write() as session:
        hall_id = scope(ctx, session).hall.id
        for key, value in values.items():
            session.add(HallSetting(hall_id=hall_id, name=key.replace("__", "."),
                                    value=value))


def _setting_alerts(ctx) -> dict[str, alerts.Alert]:
    return {a.key.split(":")[1]: a for a in alerts.evaluate(ctx, by="9001")
            if a.kind == "setting_invalid"}


def test_a_bad_stored_option_is_skipped_alerted_and_repaired(ctx, caplog, fresh_log):
    _store(ctx, queue__recall_max="many", queue__smart_routing=True)
    assert take(ctx).ticket.code == "A001"             # actions go on
    open_window(ctx, 1)
    with ctx.db.read() as session:
        assert scope(ctx, session).settings.get("queue.recall_max") == 3  # the default
    assert "ignoring the stored hall option queue.recall_max = 'many'" in caplog.text
    assert "queue.smart_routing is not a hall option of this release" in caplog.text
    assert caplog.text.count("queue.recall_max = 'many'") == 1   # once, not per action

    shown = _setting_alerts(ctx)
    assert sorted(shown) == ["queue.recall_max", "queue.smart_routing"]
    assert "最多重呼次数" in shown["queue.recall_max"].message_zh
    assert "暂用默认值 3" in shown["queue.recall_max"].message_zh
    assert "较新版本" in shown["queue.smart_routing"].message_zh
    alerts.acknowledge(ctx, shown["queue.recall_max"].key, by="9001")

    staff.set_hall_setting(ctx, name="queue.recall_max", value="2", by="9001")
    with ctx.db.read() as session:
        assert scope(ctx, session).settings.get("queue.recall_max") == 2
    assert sorted(_setting_alerts(ctx)) == ["queue.smart_routing"]
