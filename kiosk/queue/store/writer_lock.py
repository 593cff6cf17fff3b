"""SQLite writers of one hall file queue on a lock the kernel hands over at once.

SQLite's own busy handler polls: a writer that finds the database locked sleeps 1, 2,
5 … up to 100 ms between tries, and a writer arriving later may take the lock while the
first one sleeps. In a busy hall that sleep is the write tail (hundreds of milliseconds
at p99 with 100 windows). So every write transaction first takes an OS lock on
``<database>-writer.lock``: the kernel wakes the next waiter the moment the holder
releases it, and ``BEGIN IMMEDIATE`` then finds the database free. Threads of one
process queue on a ``threading.Lock`` first (an ``flock`` is shared by the threads of
the process that holds it).

POSIX only (``fcntl.flock``); elsewhere this is a no-op and SQLite's busy handler
alone orders the writers, as before. A process that does not take the lock (an older
release during an upgrade) is still safe: ``BEGIN IMMEDIATE`` guards the data either way.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None


class WriterLock:
    """``with lock.held(): …`` around one write transaction."""

    def __init__(self, database_path: str) -> None:
        self.path = database_path + "-writer.lock"
        # re-entrant: a write opened inside another on one thread fails as SQLite makes
        # it fail (busy), instead of waiting here for ever
        self._threads = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        with self._threads:
            self._depth += 1
            try:
                if self._depth == 1:
                    fcntl.flock(self._open(), fcntl.LOCK_EX)
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    fcntl.flock(self._open(), fcntl.LOCK_UN)

    def _open(self) -> int:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._fd

    def close(self) -> None:
        with self._threads:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
