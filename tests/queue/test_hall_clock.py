"""One clock for the hall: the database's. A PC whose clock is fast, slow or on the wrong
date neither jumps the queue nor files tickets under another day, and the manager is
told about its clock. In-process (both backends, the PC's clock a ManualClock inside a
ServerClock) and with real processes under ``faketime`` against PostgreSQL."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk import bootstrap
from kiosk.clock import ManualClock, ServerClock, hall_day
from kiosk.queue import demo
from kiosk.queue.actions import alerts, calendar, calling
from kiosk.queue.actions.clock_check import check_clock
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.db import Database
from kiosk.queue.store.models import Event, Ticket
from tests.helpers import open_window

UTC = dt.timezone.utc
ROOT = Path(__file__).resolve().parents[2]
TZ = "Asia/Shanghai"
#: the database's clock and this test's are the same machine's: allow for rounding
SLACK = dt.timedelta(milliseconds=5)


def real_now() -> dt.datetime:
    return dt.datetime.now(UTC)


@pytest.fixture
def hall(db_url):
    """The sample hall on the hall clock, open now whatever the real day and hour."""
    made = []

    def context(machine_offset: dt.timedelta = dt.timedelta(0), **machine) -> HallContext:
        pc = ManualClock(real_now() + machine_offset)
        ctx = HallContext(db=Database(db_url), clock=ServerClock(machine=pc),
                          hall_code="demo", machine_settings=machine)
        made.append(ctx)
        return ctx

    ctx = context()
    demo.open_around_the_clock(ctx)
    calendar.set_day(ctx, hall_day(real_now(), TZ), True, "测试", by="9001")
    yield context
    for ctx in made:
        ctx.db.dispose()


def _ticket_days(ctx: HallContext) -> list[dt.date]:
    with ctx.db.read() as session:
        return session.scalars(select(Ticket.day).order_by(Ticket.id)).all()


def _issue_times(ctx: HallContext) -> list[dt.datetime]:
    """When the audit trail says each ticket was issued."""
    with ctx.db.read() as session:
        return session.scalars(select(Event.at).where(Event.action == "ticket_issued")
                               .order_by(Event.id)).all()


def test_a_fast_pc_stamps_the_database_time_and_does_not_jump_the_queue(hall):
    from kiosk.queue.actions import issuing

    before = real_now()  # before the fast PC's clock is read: its skew counts from here
    fast, right = hall(dt.timedelta(minutes=3)), hall()
    first = issuing.issue_ticket(fast, prefix="A").ticket
    second = issuing.issue_ticket(right, prefix="A").ticket
    after = real_now()
    assert (first.code, second.code) == ("A001", "A002")
    assert before - SLACK <= first.issued_at <= second.issued_at <= after + SLACK
    assert first.queue_at == first.issued_at
    assert _issue_times(right) == [first.issued_at, second.issued_at]
    assert fast.clock.skew >= dt.timedelta(minutes=3) - (after - before) - SLACK
    assert abs(fast.clock.now() - real_now()) < dt.timedelta(seconds=5)  # shows hall time
    open_window(right, 1)
    called = calling.call_next(right, window=1, staff_no=demo.clerk_no(1))
    assert called.ticket.code == "A001"


def test_a_pc_on_the_wrong_date_files_tickets_under_the_hall_day(hall):
    from kiosk.queue.actions import issuing

    behind = hall(dt.timedelta(days=-2))
    issued = issuing.issue_ticket(behind, prefix="A").ticket
    assert issued.day == hall_day(real_now(), TZ)
    assert _ticket_days(behind) == [issued.day]


def test_a_manual_clock_still_decides_the_time_in_tests(ctx, clock):
    from tests.helpers import take

    assert take(ctx).ticket.issued_at == clock.now()


def _clock_alerts(ctx: HallContext) -> list[alerts.Alert]:
    return [a for a in alerts.evaluate(ctx, by="9001") if a.kind == "clock_skew"]


def test_a_pc_clock_off_by_more_than_30_s_alerts_the_manager_until_set_right(hall):
    viewer = hall()
    pc = hall(dt.timedelta(minutes=-3))
    checked = check_clock(pc, machine="KIOSK-3")
    assert checked.faulty and checked.event_id is not None
    assert check_clock(pc, machine="KIOSK-3").event_id is None  # once, not every check
    (alert,) = _clock_alerts(viewer)
    assert alert.message_zh.startswith("KIOSK-3 时钟偏差：时钟比服务器慢 3 分")
    assert "KIOSK-3" in alert.message_en and alert.key.startswith("device:clock:")
    assert check_clock(hall(dt.timedelta(seconds=20)), machine="PAD-1").faulty is False
    assert _clock_alerts(viewer) == [alert]          # within limits: no alert

    pc.clock.machine.set(real_now())                   # somebody set the clock right
    cleared = check_clock(pc, machine="KIOSK-3")
    assert not cleared.faulty and cleared.event_id is not None
    assert _clock_alerts(viewer) == []


def test_the_clock_watch_checks_with_the_configured_name_and_survives_failures(hall, caplog):
    pc = hall(dt.timedelta(hours=1), **{"machine.name": "大厅取号机2"})
    bootstrap.ClockWatch(pc).run_once()
    (alert,) = _clock_alerts(hall())
    assert alert.message_zh.startswith("大厅取号机2 时钟偏差：时钟比服务器快 ")
    lost = hall()
    lost.hall_code = "no-such-hall"
    bootstrap.ClockWatch(lost).run_once()               # logged, not raised
    assert "clock check failed" in caplog.text
    watch = bootstrap.ClockWatch(pc, every_s=3600).start()
    watch.stop()
    assert not watch._thread.is_alive()


def test_a_manual_clock_has_no_pc_clock_to_check(ctx):
    assert check_clock(ctx, machine="X") is None


# --- real processes, each with its own clock, against one PostgreSQL server -----------

CHILD = """
import json, sys
from kiosk import bootstrap
from kiosk.queue.actions import issuing
started = bootstrap.start(bootstrap.Options(db=sys.argv[1], config=sys.argv[2]))
out = {}
if sys.argv[3] == "issue":
    ticket = issuing.issue_ticket(started.ctx, prefix="A").ticket
    out = {"code": ticket.code, "issued_at": ticket.issued_at.isoformat(),
           "day": ticket.day.isoformat()}
started.ctx.db.dispose()
print(json.dumps(out))
"""


def _pc(tmp_path: Path, url: str, name: str, what: str, offset: str | None = None) -> dict:
    """Run one PC's process (``offset``: its clock under faketime, e.g. ``+180s``)."""
    config = tmp_path / f"{name}.ini"
    config.write_text(f"[hall]\ncode = demo\n[machine]\nname = {name}\n", encoding="utf-8")
    command = [sys.executable, "-c", CHILD, url, str(config), what]
    if offset is not None:
        command = ["faketime", "-f", offset, *command]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


#: skipped on a developer's PC without faketime; CI installs it, so there it must run
needs_faketime = pytest.mark.skipif(
    shutil.which("faketime") is None and not os.environ.get("CI"),
    reason="faketime is not installed (scripts/system-packages.txt)")


@pytest.fixture
def pg_hall(pg_url):
    ctx = HallContext(db=Database(pg_url), clock=ServerClock(), hall_code="demo")
    demo.open_around_the_clock(ctx)
    calendar.set_day(ctx, hall_day(real_now(), TZ), True, "测试", by="9001")
    yield ctx
    ctx.db.dispose()


@needs_faketime
def test_processes_with_different_clocks_share_the_servers(pg_hall, pg_url, tmp_path):
    before = real_now()
    fast = _pc(tmp_path, pg_url, "KIOSK-FAST", "issue", "+180s")
    right = _pc(tmp_path, pg_url, "KIOSK-RIGHT", "issue")
    wrong_date = _pc(tmp_path, pg_url, "KIOSK-OLD", "issue", "-2d")
    after = real_now()
    assert [fast["code"], right["code"], wrong_date["code"]] == ["A001", "A002", "A003"]
    stamps = [dt.datetime.fromisoformat(t["issued_at"]) for t in (fast, right, wrong_date)]
    assert before <= stamps[0] < stamps[1] < stamps[2] <= after  # the server's, in order
    assert wrong_date["day"] == hall_day(after, TZ).isoformat()
    assert _issue_times(pg_hall) == stamps
    open_window(pg_hall, 1)
    assert calling.call_next(pg_hall, window=1, staff_no="1001").ticket.code == "A001"
    # the PCs 3 minutes and 2 days off are named on the alerts page, the right one not
    shown = sorted(a.message_zh.split(" ")[0] for a in _clock_alerts(pg_hall))
    assert shown == ["KIOSK-FAST", "KIOSK-OLD"]
    _pc(tmp_path, pg_url, "KIOSK-FAST", "start")      # started again with its clock right
    assert [a.message_zh.split(" ")[0] for a in _clock_alerts(pg_hall)] == ["KIOSK-OLD"]
