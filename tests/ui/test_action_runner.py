"""The action runner's promise when a screen lets go of an action: a job still waiting
in the worker's queue never runs, and one already running is ignored when it ends."""
from __future__ import annotations

import threading

from kiosk.ui.runner import ActionRunner

WAIT_MS = 10_000


def test_an_abandoned_job_in_the_queue_never_runs(qtbot):
    runner = ActionRunner()
    gate, started = threading.Event(), threading.Event()
    ran: list[str] = []

    def work(name: str, request_id: str) -> str:
        if name == "first":
            started.set()
            gate.wait(WAIT_MS / 1000)
        ran.append(name)
        return name

    succeeded: list[tuple[str, object]] = []
    runner.action_succeeded.connect(lambda name, value: succeeded.append((name, value)))
    try:
        assert runner.submit("first", work, "first")   # hangs in the worker
        assert started.wait(WAIT_MS / 1000)
        runner.abandon()
        assert runner.submit("second", work, "second")  # queued behind it
        runner.abandon()
        assert runner.submit("third", work, "third")
        gate.set()
        qtbot.waitUntil(lambda: bool(succeeded), timeout=WAIT_MS)
        assert ran == ["first", "third"]        # "second" was skipped
        assert succeeded == [("third", "third")]  # "first" ended unheard
        assert not runner.busy
    finally:
        gate.set()
        runner.shutdown()


def test_a_given_request_id_is_used_again(qtbot):
    runner = ActionRunner()
    ids: list[str] = []
    try:
        runner.submit("act", lambda request_id: ids.append(request_id), request_id="r-42")
        qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
        runner.submit("act", lambda request_id: ids.append(request_id))
        qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
        assert ids[0] == "r-42" and ids[1] != "r-42"
    finally:
        runner.shutdown()


def test_an_action_without_replay_runs_once_and_reports_a_lost_answer(qtbot):
    from sqlalchemy.exc import OperationalError

    runner = ActionRunner(retry_delays_ms=(10,))
    calls: list[str | None] = []

    def lost(request_id=None):
        calls.append(request_id)
        raise OperationalError("COMMIT", {}, ConnectionResetError("connection lost"))

    try:
        with qtbot.waitSignal(runner.action_failed, timeout=WAIT_MS) as failed:
            assert runner.submit("sign_in", lost, idempotent=False, retry=False)
        assert failed.args[0] == "sign_in"
        assert isinstance(failed.args[1], OperationalError)
        assert not runner.busy and not runner.offline and runner.idle
        assert not runner.retry_timer.isActive()   # no retry comes behind it
        assert calls == [None]                  # once, without a request id
    finally:
        runner.shutdown()
