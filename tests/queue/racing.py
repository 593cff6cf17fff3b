"""Racing real processes: each a fresh interpreter (spawn) with its own engine, all
released together by a barrier; what each puts on the results queue comes back."""
from __future__ import annotations

import multiprocessing as mp

from tests.conftest import MONDAY_0930


def hall_context(url: str, key_file: str):
    """The sample hall as a racing process sees it: its own engine, the test's keys, the
    test's Monday morning."""
    from kiosk.clock import ManualClock
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database

    return HallContext(db=Database(url), clock=ManualClock(MONDAY_0930), hall_code="demo",
                       machine_settings={"security.key_file": key_file})


def race(target, *per_process: tuple, timeout_s: float = 120) -> list:
    """Run ``target(*args, barrier, results)`` in one process per ``args`` at once;
    returns what each put on ``results``."""
    spawn = mp.get_context("spawn")
    barrier, results = spawn.Barrier(len(per_process)), spawn.Queue()
    workers = [spawn.Process(target=target, args=(*args, barrier, results))
               for args in per_process]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=timeout_s) for _ in workers]
    for worker in workers:
        worker.join(30)
    return outcomes
