"""The hall's LAN fails the way real ones do: the PostgreSQL server on its own host (a
network namespace with a veth link to this one), the link cut and restored under load,
and the server process stopped (SIGSTOP) and continued. Every action fails fast with the
connection error the clients retry, the feed notices, and nothing is lost or doubled.

Needs root and iproute2 (CI has both); elsewhere it is skipped unless CI is set.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import (
    DBAPIError, OperationalError, PendingRollbackError, SQLAlchemyError,
)

from kiosk.clock import ManualClock
from kiosk.queue.store.context import HallContext
from kiosk.queue.store import deadline
from kiosk.queue.store.db import PG_CONNECT_ARGS, Database
from kiosk.queue.store.feed import FeedUnavailable, subscribe
from kiosk.queue.store.models import Ticket
from tests.conftest import MONDAY_0930, seed_sample_database
from tests.helpers import take

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

#: the worst case of one action: its first round trip (the pool's pre-ping when the
#: outage starts between two actions) runs into the deadline and is cut at the
#: watchdog's next tick, then SQLAlchemy reconnects once and that connect waits out
#: connect_timeout; plus a second of slack for a loaded machine
FAILS_WITHIN_S = (deadline.DEADLINE_S + deadline.CHECK_EVERY_S
                  + PG_CONNECT_ARGS["connect_timeout"] + 1.0)
BACK_WITHIN_S = 30.0


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, text=True, timeout=60)


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@pytest.fixture(scope="module")
def lan_server():
    """A PostgreSQL server on host 10.231.N.2 in its own namespace; yields a handle."""
    bin_dir = _pg_bin()
    if os.geteuid() != 0 or shutil.which("ip") is None or bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("the LAN outage tests need root, iproute2 and PostgreSQL on CI")
        pytest.skip("needs root, iproute2 and the PostgreSQL server binaries")
    tag = os.getpid() % 10000
    octet = 20 + os.getpid() % 200
    ns, host_if, server_if = f"khpg{tag}", f"khh{tag}", f"khs{tag}"
    host_ip, server_ip = f"10.231.{octet}.1", f"10.231.{octet}.2"
    # not under pytest's temporary folder: the postgres user cannot enter root's
    base = Path(tempfile.mkdtemp(prefix="kiosk-lanpg-"))
    data = base / "data"
    sockets = base / "sock"
    sockets.mkdir()
    shutil.chown(data.parent, "postgres")
    shutil.chown(sockets, "postgres")
    as_postgres = ["runuser", "-u", "postgres", "--"]
    _run("ip", "netns", "add", ns)
    try:
        _run("ip", "link", "add", host_if, "type", "veth", "peer", "name", server_if)
        _run("ip", "link", "set", server_if, "netns", ns)
        _run("ip", "addr", "add", f"{host_ip}/30", "dev", host_if)
        _run("ip", "link", "set", host_if, "up")
        _run("ip", "netns", "exec", ns, "ip", "addr", "add", f"{server_ip}/30",
             "dev", server_if)
        _run("ip", "netns", "exec", ns, "ip", "link", "set", server_if, "up")
        _run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")
        _run(*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "-U", "kiosk",
             "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        with open(data / "pg_hba.conf", "a", encoding="utf-8") as hba:
            hba.write(f"host all all {host_ip}/32 trust\n")
        _run("ip", "netns", "exec", ns, *as_postgres, str(bin_dir / "pg_ctl"), "-D",
             str(data), "-l", str(data.parent / "server.log"), "-w", "-o",
             f"-p 5432 -k {sockets} -c listen_addresses={server_ip}", "start")
        url = f"postgresql://kiosk@{server_ip}:5432/postgres"
        seed_sample_database(url)

        class Server:
            def __init__(self) -> None:
                self.url = url

            def link(self, up: bool) -> None:
                _run("ip", "netns", "exec", ns, "ip", "link", "set", server_if,
                     "up" if up else "down")

            def processes(self) -> list[int]:
                postmaster = int((data / "postmaster.pid").read_text().split()[0])
                children = subprocess.run(["pgrep", "-P", str(postmaster)],
                                          capture_output=True, text=True).stdout.split()
                return [postmaster, *map(int, children)]

            def freeze(self, frozen: bool) -> None:
                for pid in self.processes():
                    os.kill(pid, signal.SIGSTOP if frozen else signal.SIGCONT)

        yield Server()
    finally:
        subprocess.run(["ip", "netns", "exec", ns, *as_postgres, str(bin_dir / "pg_ctl"),
                        "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        subprocess.run(["ip", "link", "del", host_if], capture_output=True, timeout=60)
        subprocess.run(["ip", "netns", "del", ns], capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


class Kiosk(threading.Thread):
    """Issues tickets one after another and records how long each try took."""

    def __init__(self, ctx: HallContext) -> None:
        super().__init__(daemon=True)
        self.ctx = ctx
        self.tries: list[tuple[float, float, str]] = []  # (start, seconds, outcome)
        self.stopping = threading.Event()
        self.changed = threading.Condition()

    def run(self) -> None:
        while not self.stopping.is_set():
            start = time.monotonic()
            try:
                take(self.ctx)
                outcome = "ok"
            except SQLAlchemyError as exc:
                # the connection errors the apps' ActionRunner retries
                assert isinstance(exc, (OperationalError, PendingRollbackError)) or (
                    isinstance(exc, DBAPIError) and exc.connection_invalidated), repr(exc)
                outcome = "lost"
                self.stopping.wait(0.2)  # a client backs off before it retries
            with self.changed:
                self.tries.append((start, time.monotonic() - start, outcome))
                self.changed.notify_all()

    def wait_for(self, outcome: str, after: float, timeout: float) -> tuple:
        """The first try started after ``after`` that ended with ``outcome``."""
        with self.changed:
            assert self.changed.wait_for(
                lambda: any(t[0] >= after and t[2] == outcome for t in self.tries),
                timeout), f"no {outcome!r} try within {timeout} s: {self.tries[-5:]}"
            return next(t for t in self.tries if t[0] >= after and t[2] == outcome)


def _numbers_are_unique_and_gap_free(ctx: HallContext) -> None:
    with ctx.db.read() as session:
        numbers = session.scalars(select(Ticket.number).where(Ticket.prefix == "A")
                                  .order_by(Ticket.number)).all()
    assert numbers == list(range(1, len(numbers) + 1))


def _outage(lan_server, cut, restore) -> None:
    ctx = HallContext(db=Database(lan_server.url), clock=ManualClock(MONDAY_0930))
    kiosk = Kiosk(ctx)
    kiosk.start()
    try:
        kiosk.wait_for("ok", 0, BACK_WITHIN_S)
        cut_at = time.monotonic()
        cut()
        try:
            lost = kiosk.wait_for("lost", cut_at, 3 * FAILS_WITHIN_S)
            # every try made during the outage ended within the deadline
            with kiosk.changed:
                during = [t for t in kiosk.tries if t[0] >= cut_at]
            assert max(seconds for _, seconds, _ in during) <= FAILS_WITHIN_S, during
            assert lost[1] <= FAILS_WITHIN_S
        finally:
            restored_at = time.monotonic()
            restore()
        kiosk.wait_for("ok", restored_at, BACK_WITHIN_S)
    finally:
        kiosk.stopping.set()
        kiosk.join(3 * FAILS_WITHIN_S)
    assert not kiosk.is_alive()
    _numbers_are_unique_and_gap_free(ctx)
    ctx.db.dispose()


def test_a_cut_link_fails_actions_fast_and_they_work_again_when_it_is_back(lan_server):
    _outage(lan_server, lambda: lan_server.link(False), lambda: lan_server.link(True))


def test_a_stopped_server_fails_actions_fast_and_they_work_again_when_it_continues(
        lan_server):
    _outage(lan_server, lambda: lan_server.freeze(True), lambda: lan_server.freeze(False))


def test_the_feed_notices_a_cut_link_and_follows_again_afterwards(lan_server):
    ctx = HallContext(db=Database(lan_server.url), clock=ManualClock(MONDAY_0930))
    feed = subscribe(ctx.db)
    try:
        assert feed.wait(0.2) == []
        lan_server.link(False)
        try:
            start = time.monotonic()
            with pytest.raises(FeedUnavailable):
                while time.monotonic() - start < 3 * FAILS_WITHIN_S:
                    feed.wait(1.0)
            assert time.monotonic() - start <= FAILS_WITHIN_S + 1.0
        finally:
            lan_server.link(True)
        deadline = time.monotonic() + BACK_WITHIN_S
        seen = []
        while not seen and time.monotonic() < deadline:
            try:
                take(ctx)
                seen = feed.wait(2.0)
            except (SQLAlchemyError, FeedUnavailable):
                continue
        assert seen and seen[0].action == "ticket_issued"
    finally:
        feed.close()
        ctx.db.dispose()


def test_every_engine_of_a_process_shares_one_watchdog_thread(pg_url):
    """A thread per engine would be left behind by every engine a long-lived process
    (or a test run) made and disposed of."""
    before = [t for t in threading.enumerate() if t.name == "db-deadline"]
    databases = [Database(pg_url) for _ in range(3)]
    try:
        for db in databases:
            with db.read() as session:
                session.execute(select(1))
        watchdogs = [t for t in threading.enumerate() if t.name == "db-deadline"]
        assert len(watchdogs) == 1 and len(before) <= 1
    finally:
        for db in databases:
            db.dispose()
