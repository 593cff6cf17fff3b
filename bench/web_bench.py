"""Phone web service benchmark, printed as one JSON object.

    python bench/web_bench.py --json [--pg-url URL] [--pages 1000] [--tickets 100]
                              [--calls 20] [--rate 200] [--requests 1000]

The server (``create_app`` under uvicorn, feed hub included) runs in this process, over
a fresh sample hall (SQLite file, or a scratch PostgreSQL database made from --pg-url or
KIOSK_TEST_PG_URL and dropped afterwards), with a fixed hall clock (Monday 09:30). The
clients run in a child process, so they do not share the server's interpreter.

1. Ticket page: GET /t/<token> sent open-loop at --rate requests/s; p50/p99 latency.
2. Live fan-out: --pages SSE streams over --tickets waiting tickets of one queue. Window
   4 calls --calls times; from just before ``call_next`` (wall clock, so its commit is
   included) to each page receiving its changed view: p50/p99 over every page and call.
   Targets: p99 <= 250 ms on SQLite, <= 100 ms on PostgreSQL.
3. Memory per open page: the server process's resident memory with the streams open,
   minus before, divided by --pages.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout first

from bench.stats import summary

MONDAY_0930 = dt.datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
TARGETS_MS = {"sqlite": 250.0, "postgresql": 100.0}
WINDOW = 4  # serves queue A
WAIT_S = 30


# --- the child: HTTP clients ----------------------------------------------------------

async def _load(base: str, tokens: list[str], rate: float, count: int) -> list[float]:
    """Open-loop GETs on a pool of keep-alive connections, with a minimal HTTP/1.1
    client (httpx would cost the shared CPUs more than the server does)."""
    host, port = base.split("//", 1)[1].split(":")
    pool: asyncio.Queue = asyncio.Queue()
    for _ in range(64):
        pool.put_nowait(await asyncio.open_connection(host, int(port)))
    latencies: list[float] = []

    async def one(i: int, scheduled: float) -> None:
        reader, writer = await pool.get()
        writer.write(f"GET /t/{tokens[i % len(tokens)]} HTTP/1.1\r\nHost: {host}\r\n"
                     "\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200"), head[:40]
        length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length")))
        await reader.readexactly(length)
        # from when it was due: a request waiting for a connection counts as slow
        latencies.append((time.perf_counter() - scheduled) * 1000)
        pool.put_nowait((reader, writer))

    tasks = []
    begin = time.perf_counter()
    for i in range(count):  # open loop: the schedule does not wait for answers
        due = begin + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, due)))
    await asyncio.gather(*tasks)
    while not pool.empty():
        pool.get_nowait()[1].close()
    return latencies


async def _streams(base: str, tokens: list[str]) -> None:
    """One raw HTTP/1.1 connection per page, reading the SSE stream line by line."""
    host, port = base.split("//", 1)[1].split(":")
    out = sys.stdout

    async def page(i: int, token: str) -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(f"GET /t/{token}/events HTTP/1.1\r\nHost: {host}\r\n"
                     "Accept: text/event-stream\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200"), head[:40]
        kind = None
        while line := await reader.readline():  # chunk sizes, blank lines, fields
            if line.startswith(b"event:"):
                kind = line[6:].strip()
            elif line.startswith(b"data:") and kind == b"update":
                at = time.time()
                view = json.loads(line[5:])
                out.write(f"u {i} {at:.6f} {view['state']} {view['ahead']}\n")
        writer.close()

    async def flush() -> None:
        while True:
            out.flush()
            await asyncio.sleep(0.002)

    flusher = asyncio.create_task(flush())
    await asyncio.gather(*(page(i, t) for i, t in enumerate(tokens)))
    flusher.cancel()


def child(args) -> int:
    job = json.loads(sys.stdin.readline())
    if job["mode"] == "load":
        ms = asyncio.run(_load(job["base"], job["tokens"], job["rate"], job["count"]))
        print(json.dumps(ms), flush=True)
        return 0
    asyncio.run(_streams(job["base"], job["tokens"]))
    return 0


# --- the parent: database, server, calls ------------------------------------------------

def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _database(pg_url: str | None, folder: Path):
    """(url, cleanup) of a fresh sample hall."""
    from kiosk.clock import ManualClock
    from kiosk.queue import demo
    from kiosk.queue.rules.personal import ensure_key_file
    from kiosk.queue.store import migrate
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database

    os.environ.setdefault("KIOSK_KEY_FILE", str(folder / "personal.key"))
    ensure_key_file(os.environ["KIOSK_KEY_FILE"])
    cleanup = lambda: None
    if pg_url:
        import psycopg
        from sqlalchemy.engine import make_url

        name = f"kiosk_webbench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)

        def cleanup() -> None:  # noqa: F811 - the scratch database's instead
            with psycopg.connect(pg_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        url = f"sqlite:///{folder / 'hall.sqlite3'}"
    db = Database(url)
    migrate.upgrade(db)
    demo.seed_sample(HallContext(db=db, clock=ManualClock(MONDAY_0930)))
    db.dispose()
    return url, cleanup


def _uncached_reads(ctx, tokens: list[str]) -> list[float]:
    from kiosk.queue.reads.phone import ticket_page

    took = []
    for token in tokens * 3:
        begin = time.perf_counter()
        ticket_page(ctx, token)
        took.append((time.perf_counter() - begin) * 1000)
    return took


def _warm_up(base: str, tokens: list[str]) -> None:
    """Each page once, one at a time, before the timed load: the figures are those of a
    server that has run a while (templates compiled, connections open, pages cached),
    not of its first second."""
    import http.client

    host, port = base.split("//", 1)[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=WAIT_S)
    for token in tokens:
        conn.request("GET", f"/t/{token}")
        response = conn.getresponse()
        response.read()
        assert response.status == 200, response.status
    conn.close()


def _spawn(job: dict) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, __file__, "--child"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, bufsize=1)
    proc.stdin.write(json.dumps(job) + "\n")
    proc.stdin.flush()
    return proc


class _Arrivals:
    """The streams' updates as the child reports them. The server shares this process,
    so reading them must cost little: O(1) per line, and one wake-up per round (when
    the last awaited page has its update), never a scan of every page per line."""

    def __init__(self, proc: subprocess.Popen, pages: int) -> None:
        self.first_after: list[float | None] = [None] * pages
        self.after = 0.0
        self.waiting: set[int] = set()
        self.done = threading.Event()
        self.lock = threading.Lock()
        threading.Thread(target=self._read, args=(proc,), daemon=True).start()

    def _read(self, proc) -> None:
        for line in proc.stdout:
            _, page, at, _state, _ahead = line.split()
            page, at = int(page), float(at)
            with self.lock:
                if at > self.after and self.first_after[page] is None:
                    self.first_after[page] = at
                    self.waiting.discard(page)
                    if not self.waiting:
                        self.done.set()

    def expect(self, pages, after: float) -> None:
        """From now on, await each of ``pages``' first update later than ``after``;
        call before the action that causes them."""
        with self.lock:
            self.after = after
            self.first_after = [None] * len(self.first_after)
            self.waiting = set(pages)
            self.done.clear()
            if not self.waiting:
                self.done.set()

    def wait_all(self, pages) -> list[float]:
        if not self.done.wait(WAIT_S):
            raise RuntimeError(f"{len(self.waiting)} pages got no update in {WAIT_S} s")
        with self.lock:
            return [self.first_after[p] for p in pages]


def run(args) -> dict:
    from kiosk.clock import ManualClock
    from kiosk.queue.actions import calling, issuing, serving, windows
    from kiosk.queue.demo import clerk_no
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database
    from kiosk.web.app import create_app
    from kiosk.web.serve import ThreadedServer, settle_gc

    pg_url = args.pg_url or (os.environ.get("KIOSK_TEST_PG_URL") if args.pg else None)
    folder = Path(tempfile.mkdtemp(prefix="kiosk-webbench-"))
    url, cleanup = _database(pg_url, folder)
    ctx = HallContext(db=Database(url), clock=ManualClock(MONDAY_0930), hall_code="demo",
                      machine_settings={"security.key_file": os.environ["KIOSK_KEY_FILE"],
                                        "web.rate_per_minute": 0,
                                        "web.form_rate_per_minute": 0})
    server = None
    try:
        tickets = [issuing.issue_ticket(ctx, item_code="SCJG-001").ticket
                   for _ in range(args.tickets)]
        windows.sign_in(ctx, staff_no=clerk_no(WINDOW), password="123456", window=WINDOW)
        app = create_app(ctx)
        hub = app.state.hub
        handed: list[float] = []  # when the hub handed each batch to the pages
        deliver = hub._deliver

        def timed_deliver(views):
            deliver(views)
            handed.append(time.time())

        hub._deliver = timed_deliver
        server = ThreadedServer(app, wait_s=WAIT_S, backlog=4096)
        base = server.start()
        settle_gc()  # as ``python -m kiosk web`` does once started
        tokens = [t.web_token for t in tickets]

        read_ms = _uncached_reads(ctx, tokens)
        _warm_up(base, tokens)
        load = _spawn({"mode": "load", "base": base, "tokens": tokens, "rate": args.rate,
                       "count": args.requests})
        page_ms = json.loads(load.stdout.readline())
        load.wait()

        rss_before = _rss_kb()
        page_tickets = [tickets[i % len(tickets)] for i in range(args.pages)]
        streams = _spawn({"mode": "streams", "base": base,
                          "tokens": [t.web_token for t in page_tickets]})
        arrivals = _Arrivals(streams, args.pages)
        arrivals.expect(range(args.pages), 0.0)
        arrivals.wait_all(range(args.pages))  # every stream open, first view in
        memory_kb = (_rss_kb() - rss_before) / args.pages

        fan_ms: list[float] = []
        hub_ms: list[float] = []
        staff = clerk_no(WINDOW)
        waiting = list(range(len(tickets)))  # indexes of tickets still waiting, in order
        for call in range(min(args.calls, len(tickets) - 1)):
            if call:
                done = [p for p, t in enumerate(page_tickets) if t.id == tickets[call - 1].id]
                arrivals.expect(done, time.time())
                serving.finish(ctx, window=WINDOW, staff_no=staff, outcome="completed")
                arrivals.wait_all(done)
            concerned = [p for p, t in enumerate(page_tickets)
                         if tickets.index(t) in waiting]  # every waiting page moves
            t0 = time.time()
            arrivals.expect(concerned, t0)
            calling.call_next(ctx, window=WINDOW, staff_no=staff)
            waiting.pop(0)
            fan_ms.extend((at - t0) * 1000 for at in arrivals.wait_all(concerned))
            hub_ms.append((next(h for h in handed if h > t0) - t0) * 1000)
        streams.kill()
        streams.wait()
        backend = ctx.db.backend
        fan = summary(fan_ms)
        return {
            "backend": backend, "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "ticket_page": {"rate_per_s": args.rate, "requests": args.requests,
                            **summary(page_ms)},
            # the database read behind a page no cache holds (after any event in the
            # hall), in this process with nothing else running
            "ticket_page_read_uncached": summary(read_ms),
            "call_to_every_page": {"pages": args.pages, "tickets": args.tickets,
                                   "calls": min(args.calls, len(tickets) - 1),
                                   "deliveries": len(fan_ms), **fan,
                                   "target_p99_ms": TARGETS_MS[backend],
                                   "met": fan["p99_ms"] <= TARGETS_MS[backend]},
            # from the call to the hub handing the views to every page's stream: the
            # rest of call_to_every_page is sending, and the clients' reading
            "call_to_hub_fan_out": summary(hub_ms),
            "memory_per_open_page_kb": round(memory_kb, 1),
            "feed_batches_read": hub.batches,
        }
    finally:
        if server is not None:
            server.stop()
        ctx.db.dispose()
        cleanup()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--pg", action="store_true", help="PostgreSQL from KIOSK_TEST_PG_URL")
    parser.add_argument("--pg-url", help="PostgreSQL server to make a scratch database on")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--tickets", type=int, default=100)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    result = run(args)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
