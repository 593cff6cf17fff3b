"""The kiosk when the database is slow, away, or loses an answer: the screen never
freezes, the citizen is told to wait (and may stop waiting), a retried tap never makes
two tickets, and a database that stays away ends in a clear message."""
from __future__ import annotations

import contextlib
import logging
import threading

from PySide6.QtCore import QTimer
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from kiosk.queue.actions import issuing
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.db import Database
from kiosk.queue.store.models import Ticket
from kiosk.ui.kiosk import taps
from tests.ui.kiosk.conftest import WAIT_MS, click, open_guide, tap_and_wait


def count_tickets(ctx) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(Ticket))


def open_take(qtbot, kiosk, item_code="SCJG-001"):
    w = kiosk.window
    open_guide(qtbot, kiosk, item_code)
    click(qtbot, w.guide.take_button)
    assert w.current() is w.take
    return w


def failing(monkeypatch, module, name: str) -> list[str]:
    """Make ``module.name`` fail as a database that does not answer does, recording
    each request id."""
    seen: list[str] = []

    def broken(*args, **kwargs):
        seen.append(kwargs["request_id"])
        raise OperationalError("INSERT INTO ticket", {}, Exception("disk I/O error"))

    monkeypatch.setattr(module, name, broken)
    return seen


def wait_for_the_way_out(qtbot, w) -> tuple[str, str]:
    """The 请稍候 panel with its button out; returns (its text, the button's text)."""
    qtbot.waitUntil(lambda: w.message.waiting and w.message.ok_button.isVisible(),
                    timeout=WAIT_MS)
    return w.message.text(), w.message.ok_button.text()


def test_a_slow_database_shows_a_wait_and_the_screen_keeps_answering(
        qtbot, kiosk, sqlite_ctx, monkeypatch):
    real = issuing.issue_ticket
    gate = threading.Event()

    def slow(*args, **kwargs):
        gate.wait(WAIT_MS / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(issuing, "issue_ticket", slow)
    w = open_take(qtbot, kiosk)
    with qtbot.waitSignal(kiosk.controller.action_ended, timeout=WAIT_MS):
        click(qtbot, w.take.ordinary_button)
        # the GUI thread keeps painting while the worker waits for the database
        qtbot.waitUntil(lambda: w.message.waiting, timeout=WAIT_MS)
        assert w.message.text() == "正在出号…" and not w.message.ok_button.isVisible()
        click(qtbot, w.back_button)  # ignored: the ticket being issued comes next
        assert w.current() is w.take
        gate.set()
    assert w.current() is w.ticket and not w.message.isVisible()
    assert w.ticket.code_label.text() == "A001"


def test_a_lost_answer_is_retried_and_gives_one_ticket(qtbot, kiosk, sqlite_ctx,
                                                        monkeypatch):
    real = issuing.issue_ticket
    seen: list[str] = []

    def answer_lost_once(*args, **kwargs):
        seen.append(kwargs["request_id"])
        result = real(*args, **kwargs)  # committed ...
        if len(seen) == 1:              # ... but the answer never arrives
            raise OperationalError("COMMIT", {}, ConnectionResetError("connection lost"))
        return result

    monkeypatch.setattr(issuing, "issue_ticket", answer_lost_once)
    w = open_take(qtbot, kiosk)
    tap_and_wait(qtbot, kiosk, w.take.ordinary_button)
    assert w.current() is w.ticket
    assert w.ticket.code_label.text() == "A001"
    assert seen == [seen[0], seen[0]]  # the retry carried the tap's request id
    assert w.ticket.result.replayed
    assert count_tickets(sqlite_ctx) == 1


def test_a_database_that_stays_away_ends_in_a_message(qtbot, make_kiosk, sqlite_ctx,
                                                      monkeypatch, caplog):
    monkeypatch.setattr(taps, "GIVE_UP_MS", 1500)
    kiosk = make_kiosk()
    real = issuing.issue_ticket
    seen = failing(monkeypatch, issuing, "issue_ticket")
    w = open_take(qtbot, kiosk)
    with caplog.at_level(logging.WARNING, logger="kiosk"), \
            qtbot.waitSignal(kiosk.controller.action_ended, timeout=WAIT_MS):
        click(qtbot, w.take.ordinary_button)
        waiting = wait_for_the_way_out(qtbot, w)
    assert "正在重试" in waiting[0] and waiting[1] == "不等了，返回"
    assert not w.message.waiting and w.message.isVisible()
    assert w.message.title_label.text() == "⚠ 暂时无法取号"
    assert w.message.text() == "系统繁忙，请稍后再试或到服务台咨询"
    assert len(seen) >= 2 and len(set(seen)) == 1
    assert "disk I/O error" in caplog.text and "given up" in caplog.text
    assert count_tickets(sqlite_ctx) == 0
    monkeypatch.setattr(issuing, "issue_ticket", real)  # the database is back
    click(qtbot, w.message.ok_button)
    tap_and_wait(qtbot, kiosk, w.take.ordinary_button)
    assert w.ticket.code_label.text() == "A001"


def test_the_citizen_can_stop_waiting(qtbot, kiosk, sqlite_ctx, monkeypatch):
    real = issuing.issue_ticket
    failing(monkeypatch, issuing, "issue_ticket")
    w = open_take(qtbot, kiosk)
    click(qtbot, w.take.ordinary_button)
    wait_for_the_way_out(qtbot, w)
    click(qtbot, w.take.ordinary_button)  # a second tap while the first waits: ignored
    with qtbot.waitSignal(kiosk.controller.action_ended, timeout=WAIT_MS):
        click(qtbot, w.message.ok_button)
    assert not w.message.isVisible() and w.current() is w.take
    runner = kiosk.controller.runner
    assert not runner.busy and not runner.retry_timer.isActive()  # no retry behind
    monkeypatch.setattr(issuing, "issue_ticket", real)
    tap_and_wait(qtbot, kiosk, w.take.ordinary_button)
    assert w.ticket.code_label.text() == "A001"
    assert count_tickets(sqlite_ctx) == 1


def test_the_same_tap_after_giving_up_replays_a_late_ticket(qtbot, make_kiosk, sqlite_ctx,
                                                           monkeypatch, caplog):
    # the database hangs (no answer, no error) past the give-up time, then commits after
    # all: the citizen who taps again gets that ticket, not a second one
    monkeypatch.setattr(taps, "GIVE_UP_MS", 1000)
    kiosk = make_kiosk()
    real = issuing.issue_ticket
    gate = threading.Event()
    seen: list[str] = []

    def hanging_once(*args, **kwargs):
        seen.append(kwargs["request_id"])
        if len(seen) == 1:
            gate.wait(WAIT_MS / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(issuing, "issue_ticket", hanging_once)
    w = open_take(qtbot, kiosk)
    tap_and_wait(qtbot, kiosk, w.take.ordinary_button)  # ends in the give-up message
    assert w.message.title_label.text() == "⚠ 暂时无法取号"
    click(qtbot, w.message.ok_button)
    with caplog.at_level(logging.WARNING, logger="kiosk"), \
            qtbot.waitSignal(kiosk.controller.action_ended, timeout=WAIT_MS):
        click(qtbot, w.take.ordinary_button)   # the same tap again, queued behind
        gate.set()                             # the first one commits A001 at last
    assert w.current() is w.ticket and w.ticket.code_label.text() == "A001"
    assert w.ticket.result.replayed
    assert seen == [seen[0], seen[0]]
    assert count_tickets(sqlite_ctx) == 1
    assert "issue ended after it was abandoned: ok A001" in caplog.text


def test_postgresql_away_then_back_gives_one_ticket(qtbot, make_kiosk, make_ctx, pg_url,
                                                    pg_admin):
    ctx = make_ctx(pg_url)
    kiosk = make_kiosk(ctx=ctx)
    w = open_take(qtbot, kiosk)
    pg_admin.cut()
    with qtbot.waitSignal(kiosk.controller.action_ended, timeout=WAIT_MS):
        click(qtbot, w.take.ordinary_button)
        wait_for_the_way_out(qtbot, w)  # the screen answers while the server does not
        pg_admin.restore()
    assert w.current() is w.ticket, w.message.text()
    assert w.ticket.code_label.text() == "A001"
    assert count_tickets(ctx) == 1


class GatedDatabase(Database):
    """The hall database with reads that wait, once ``gate`` is cleared, until it is set
    again: a LAN that stops answering in the middle of a read."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.gate = threading.Event()
        self.gate.set()
        self.held = threading.Event()   # a read is waiting at the gate

    @contextlib.contextmanager
    def read(self):
        if not self.gate.is_set():
            self.held.set()
            self.gate.wait(WAIT_MS / 1000)
        with super().read() as session:
            yield session


def test_a_guide_read_that_hangs_never_freezes_the_screen(qtbot, make_kiosk, sqlite_url,
                                                          clock):
    ctx = HallContext(db=GatedDatabase(sqlite_url), clock=clock, hall_code="demo")
    try:
        kiosk = make_kiosk(ctx=ctx)
        w = kiosk.window
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(len(ticks)))
        timer.start(10)
        ctx.db.gate.clear()                        # the database stops answering
        kiosk.controller.open_guide("SCJG-001")    # returns at once: read on a worker
        qtbot.waitUntil(ctx.db.held.is_set, timeout=WAIT_MS)
        before = len(ticks)
        # the event loop keeps running while the read hangs: timers fire, and after a
        # moment the citizen is told to wait
        qtbot.waitUntil(lambda: w.message.waiting and len(ticks) > before + 10,
                        timeout=WAIT_MS)
        assert w.message.text() == "正在打开办事指南…"
        assert w.current() is w.home
        with qtbot.waitSignal(kiosk.controller.guide_shown, timeout=WAIT_MS):
            ctx.db.gate.set()                      # the answer arrives
        assert w.current() is w.guide and w.guide.guide.code == "SCJG-001"
        assert not w.message.isVisible()
        assert "办理数量：今年已办理 0 件" in w.guide.counts_label.plain_text()
        timer.stop()
    finally:
        ctx.db.gate.set()
        ctx.db.dispose()


def test_a_guide_read_that_hangs_can_be_left(qtbot, make_kiosk, sqlite_url, clock,
                                             monkeypatch):
    from kiosk.ui.kiosk import reads

    monkeypatch.setattr(reads, "GIVE_UP_MS", 600)
    ctx = HallContext(db=GatedDatabase(sqlite_url), clock=clock, hall_code="demo")
    try:
        kiosk = make_kiosk(ctx=ctx)
        w = kiosk.window
        ctx.db.gate.clear()
        kiosk.controller.open_guide("SCJG-001")
        with qtbot.waitSignal(kiosk.controller.error_shown, timeout=WAIT_MS):
            pass                                   # given up: a message, not a freeze
        assert w.message.title_label.text() == "⚠ 系统繁忙"
        assert w.current() is w.home
        ctx.db.gate.set()                          # the late answer is not shown
        qtbot.waitUntil(lambda: kiosk.controller.reads.idle, timeout=WAIT_MS)
        assert w.current() is w.home
    finally:
        ctx.db.gate.set()
        ctx.db.dispose()
