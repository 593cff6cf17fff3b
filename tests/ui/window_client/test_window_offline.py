"""Database loss and recovery: a banner, actions disabled, automatic reconnect, and an
action whose outcome is unknown retried with the SAME request id, never applied twice."""
from PySide6.QtCore import Qt
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from kiosk.queue.actions import calling, rating

from kiosk.queue.reads import window as window_reads
from kiosk.queue.store.models import Event
from tests.helpers import take
from window_client.clerk import client as client_module
from tests.ui.window_client.conftest import idle, login, press, ratings


def shown(client) -> str:
    return client.main.ticket_panel.code.text()


def count_events(ctx, action: str) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(Event)
                              .where(Event.action == action))


def lose_answer_once(monkeypatch, module, name: str) -> list[str]:
    """Make ``module.name`` commit, then fail as if the connection dropped before the
    answer arrived (the worst case: done, but the client cannot know)."""
    real = getattr(module, name)
    seen: list[str] = []

    def flaky(*args, **kwargs):
        seen.append(kwargs["request_id"])
        result = real(*args, **kwargs)
        if len(seen) == 1:
            raise OperationalError("COMMIT", {}, ConnectionResetError("connection lost"))
        return result

    monkeypatch.setattr(module, name, flaky)
    return seen


def test_a_call_whose_answer_was_lost_is_replayed_not_repeated(qtbot, ctx, make_client,
                                                               monkeypatch):
    take(ctx)
    take(ctx)
    # no timed retry in this test: the feed's "restored" signal drives it
    client = make_client(ctx, window=1, retry_delays_ms=(600_000,))
    login(qtbot, client, "1001")
    # no read of the real database may still be under way when the "outage" begins: one
    # answering after it would prove the database back and retry at once
    qtbot.waitUntil(lambda: client.runner.idle, timeout=10_000)
    seen = lose_answer_once(monkeypatch, calling, "call_next")
    # while "down", the screen's reads fail too (else the first successful read after
    # the feed's event would prove the database is back and retry at once)
    # (every read: the login's own events may still be bringing a window_choices read)
    down = [True]

    def while_down(read):
        def run(*args, **kwargs):
            if down[0]:
                raise OperationalError("SELECT", {}, ConnectionRefusedError("unreachable"))
            return read(*args, **kwargs)
        return run

    monkeypatch.setattr(window_reads, "window_screen", while_down(window_reads.window_screen))
    monkeypatch.setattr(client_module, "window_choices",
                        while_down(client_module.window_choices))
    press(qtbot, client, "call_next")
    # the banner appears on the first failure and names the unconfirmed action once
    # the runner has given up on its answer
    qtbot.waitUntil(lambda: "不会重复执行" in client.banner.text())
    qtbot.waitUntil(lambda: client.runner.awaiting_retry)  # the answer was lost
    assert client.banner.isVisible()
    assert "连接中断，正在重连" in client.banner.text()
    assert not any(b.isEnabled() for b in client.actions.buttons.values())
    press(qtbot, client, "call_next")                 # a second press does nothing
    assert "连接中断" in client.main.message.text()
    assert len(seen) == 1 and client.runner.pending_request_id == seen[0]
    assert count_events(ctx, "ticket_called") == 1   # it did commit

    down[0] = False
    client.feed.connection_restored.emit()           # what the feed says on reconnect
    qtbot.waitUntil(lambda: "未重复执行" in client.main.message.text())
    assert shown(client) == "A001"
    assert seen == [seen[0], seen[0]]                # retried with the same request id
    assert not client.banner.isVisible()
    assert count_events(ctx, "ticket_called") == 1   # replayed, not applied twice
    idle(qtbot, client)
    assert client.actions.is_enabled("finish")
    press(qtbot, client, "finish")
    press(qtbot, client, "finish")
    qtbot.waitUntil(lambda: shown(client) == "—")
    press(qtbot, client, "call_next")                # the next action: a new id
    qtbot.waitUntil(lambda: shown(client) == "A002")
    assert len(set(seen)) == 2


def test_the_pads_rating_is_saved_once_when_its_answer_is_lost(qtbot, ctx, make_client,
                                                               make_pad, monkeypatch):
    take(ctx)
    pad = make_pad(ctx, window=1)
    client = make_client(ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A001")
    press(qtbot, client, "finish")
    press(qtbot, client, "finish")
    qtbot.waitUntil(lambda: pad.page == "rate", timeout=5000)
    seen = lose_answer_once(monkeypatch, rating, "rate")
    with qtbot.waitSignal(pad.runner.action_succeeded, timeout=5000) as saved:
        qtbot.keyClick(pad, Qt.Key.Key_4)
    assert saved.args[0] == "rate" and saved.args[1].replayed
    assert seen == [seen[0], seen[0]]
    assert ratings(ctx) == [("A001", 4, [])]
    assert count_events(ctx, "ticket_rated") == 1


def test_postgresql_lost_and_back_without_a_duplicated_call(qtbot, pg_url, make_ctx,
                                                            make_client, pg_admin):
    ctx = make_ctx(pg_url)
    take(ctx)
    take(ctx)
    client = make_client(ctx, window=1, retry_delays_ms=(200, 400))
    login(qtbot, client, "1001")
    idle(qtbot, client)
    pg_admin.cut()
    press(qtbot, client, "call_next")     # pressed before anyone noticed the loss
    qtbot.waitUntil(lambda: client.banner.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: client.runner.offline, timeout=10_000)
    assert shown(client) == "—"
    assert not client.actions.is_enabled("call_next")
    request_id = client.runner.pending_request_id
    assert request_id
    pg_admin.restore()
    qtbot.waitUntil(lambda: shown(client) == "A001", timeout=15_000)
    qtbot.waitUntil(lambda: not client.banner.isVisible(), timeout=10_000)
    with ctx.db.read() as session:
        calls = session.scalars(select(Event).where(Event.action == "ticket_called")).all()
        assert [(e.payload["code"], e.request_id) for e in calls] == [("A001", request_id)]
    idle(qtbot, client)
    press(qtbot, client, "finish")
    press(qtbot, client, "finish")
    qtbot.waitUntil(lambda: shown(client) == "—")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A002")


def test_every_rating_made_offline_is_saved_in_order_when_back(qtbot, ctx, make_pad,
                                                               monkeypatch):
    """Offline, A001 gets 1 star with a reason, then A002 times out as 未评: when the
    database is back both are recorded, in order, each with its own request id, and the
    1 star opens its follow-up (one kept rating used to be overwritten by the next)."""
    from kiosk.queue.store.models import Followup
    from tests.helpers import open_window, serve_next
    from window_client.pad import pad as pad_module

    take(ctx)
    take(ctx)
    open_window(ctx, 1)
    pad = make_pad(ctx, window=1)
    down = [False]

    def unreachable(real):
        def call(*args, **kwargs):
            if down[0]:
                raise OperationalError("SELECT", {}, ConnectionRefusedError("unreachable"))
            return real(*args, **kwargs)
        return call

    for module, name in ((rating, "rate"), (rating, "mark_unrated"),
                         (pad_module, "pad_screen")):
        monkeypatch.setattr(module, name, unreachable(getattr(module, name)))
    serve_next(ctx, 1)
    qtbot.waitUntil(lambda: pad.page == "rate", timeout=5000)
    down[0] = True
    pad.refresh()                                    # the pad finds the database gone
    qtbot.waitUntil(lambda: not pad.connection.online, timeout=5000)
    assert pad.banner.isVisible()
    qtbot.keyClick(pad, Qt.Key.Key_1)
    assert pad.page == "reasons"
    qtbot.keyClick(pad, Qt.Key.Key_1)                # 办事效率低
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    assert pad.page == "thanks"
    serve_next(ctx, 1)
    qtbot.waitUntil(lambda: pad.page == "rate", timeout=5000)
    pad.rating_timer.timeout.emit()                  # nobody rates A002 in time: 未评
    assert pad.page == "identity"
    assert ratings(ctx) == []

    down[0] = False
    pad.feed.connection_restored.emit()              # what the feed says on reconnect
    qtbot.waitUntil(lambda: pad.connection.online and not pad.runner.busy, timeout=5000)
    assert ratings(ctx) == [("A001", 1, ["办事效率低"]), ("A002", None, [])]
    with ctx.db.read() as session:
        saved = session.scalars(select(Event).where(
            Event.action.in_(("ticket_rated", "ticket_unrated"))).order_by(Event.id)).all()
        assert [(e.action, e.payload["code"]) for e in saved] == [
            ("ticket_rated", "A001"), ("ticket_unrated", "A002")]
        assert len({e.request_id for e in saved} - {None}) == 2
        assert [f.level for f in session.scalars(select(Followup))] == [1]
    assert not pad.banner.isVisible()
