"""The busy hall, ours beside FQM's, in one run: prints one JSON object.

FQM (Free Queue Manager, github mrf345/FQM, Flask + SQLAlchemy) is the open-source
Python queue-calling system a hall would otherwise pick. The same workload
(bench/hall_load.py: 100 windows in 4 processes, 4 kiosks issuing every 0.25 s) runs
through our actions (bench/busy_hall.py, under this Python) and then through FQM's own
models as its views call them (bench/peer_fqm.py, under the peer's Python, on a
checkout given here: nothing of FQM is shipped). Each side gets a fresh SQLite file,
and a fresh PostgreSQL database dropped at the end. For each database:

  ours, peer       busy_hall's figures (issue/call/press p50/p99/max, throughput) and
                   correctness: duplicates (peer: called_twice + duplicate_numbers),
                   lost, errors; load_1min: the machine's load average as the side began
                   and as it ended (other work on the machine lengthens the tails)
  press            the clerk's press (ours: 办结并叫号 in one transaction; FQM: one
                   pull, as it has no finish): ours_over_peer and speedup (peer/ours)
                   at p50 and p99, and meets_target: at least 5x faster at p50 and
                   faster at p99

    python bench/peer_hall.py --peer /tmp/peer-src --peer-python /tmp/peer-venv/bin/python
        --json [--seconds 30] [--only sqlite] [--pg-url URL]

The peer's environment: a venv with FQM's requirements/main.txt (without PyQt5 and
gevent: only its desktop launcher and web server use them) and psycopg2-binary.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.busy_hall import run as run_ours  # noqa: E402
from bench.queue_bench import drop_pg, pg_db  # noqa: E402

PEER_SCRIPT = Path(__file__).resolve().with_name("peer_fqm.py")


def run_peer(args, url: str) -> dict:
    command = [args.peer_python, str(PEER_SCRIPT), "--checkout", args.peer, "--url", url,
               "--seconds", str(args.seconds), "--kiosk-interval", str(args.kiosk_interval)]
    done = subprocess.run(command, check=False, cwd=args.peer, capture_output=True,
                          text=True, timeout=args.seconds + 900)
    if done.returncode != 0:
        return {"error": f"peer exited {done.returncode}", "stderr": done.stderr[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(ours: dict, peer: dict) -> dict:
    try:
        mine, theirs = ours["press_ms"], peer["press_ms"]
        p50 = mine["p50"] / theirs["p50"]
        p99 = mine["p99"] / theirs["p99"]
    except (KeyError, TypeError, ZeroDivisionError):
        return {"error": "a side has no press timings"}
    return {"p50_ours_over_peer": round(p50, 3), "p99_ours_over_peer": round(p99, 3),
            "p50_speedup": round(1 / p50, 1), "p99_speedup": round(1 / p99, 1),
            "meets_target": p50 <= 0.2 and p99 < 1}


def side(runner, url: str) -> dict:
    before = round(os.getloadavg()[0], 2)
    figures = runner(url)
    return {"load_1min": [before, round(os.getloadavg()[0], 2)], **figures}


def both(args, ours_url: str, peer_url: str) -> dict:
    ours = side(lambda url: run_ours(url, args.seconds, args.kiosk_interval, True), ours_url)
    peer = side(lambda url: run_peer(args, url), peer_url)
    return {"ours": ours, "peer": peer, "press": compare(ours, peer)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peer", required=True, help="a checkout of mrf345/FQM")
    parser.add_argument("--peer-python", required=True,
                        help="the Python of a venv with FQM's requirements")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--kiosk-interval", type=float, default=0.25,
                        help="seconds between two tickets of one kiosk (4 kiosks)")
    parser.add_argument("--pg-url", default=os.environ.get("KIOSK_TEST_PG_URL"))
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    args.peer = str(Path(args.peer).resolve())

    report: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory() as tmp:
            report["sqlite"] = both(
                args, f"sqlite:///{Path(tmp) / 'ours.sqlite3'}",
                f"sqlite:///{Path(tmp) / 'peer.sqlite3'}?check_same_thread=False")
    if args.only in (None, "postgresql"):
        if not args.pg_url:
            report["postgresql"] = {"error": "no server: pass --pg-url or set "
                                             "KIOSK_TEST_PG_URL"}
        else:
            ours_url, peer_url = pg_db(args.pg_url), pg_db(args.pg_url)
            try:
                report["postgresql"] = both(args, ours_url, _psycopg2(peer_url))
            finally:
                drop_pg(args.pg_url, ours_url)
                drop_pg(args.pg_url, peer_url)
    print(json.dumps(report, indent=None if args.json else 2, ensure_ascii=False))
    return 0


def _psycopg2(url: str) -> str:
    """FQM's SQLAlchemy 1.3 speaks to PostgreSQL through psycopg2."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql+psycopg2").render_as_string(
        hide_password=False)


if __name__ == "__main__":
    raise SystemExit(main())
