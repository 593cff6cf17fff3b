"""SQLite writers queue on an OS lock the kernel hands over at once (no busy-handler
sleeps): held for exactly one write transaction, by one thread at a time."""
import sys
import threading

import pytest

from kiosk.queue.store.db import Database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the lock is POSIX-only")


def _taken_elsewhere(path: str) -> bool:
    """Whether another open file description can take the lock now."""
    import fcntl
    import os

    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def test_a_write_holds_the_writer_lock_and_a_read_does_not(sqlite_url):
    db = Database(sqlite_url)
    try:
        with db.write():
            lock_path = db._writer_lock.path
            assert _taken_elsewhere(lock_path)
        assert not _taken_elsewhere(lock_path)
        with db.read():
            assert not _taken_elsewhere(lock_path)
    finally:
        db.dispose()


def test_threads_of_one_process_write_one_after_another(sqlite_url):
    db = Database(sqlite_url)
    inside, overlaps = [], []
    barrier = threading.Barrier(4)

    def write() -> None:
        barrier.wait()
        for _ in range(20):
            with db.write():
                inside.append(1)
                overlaps.append(len(inside))
                inside.pop()

    threads = [threading.Thread(target=write) for _ in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        db.dispose()
    assert len(overlaps) == 80 and max(overlaps) == 1
