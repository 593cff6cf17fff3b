"""Start-up measurement for ``python -m kiosk kiosk --startup-probe``.

Waits for the first paint of the kiosk window, then for the event loop to come round
once more (the screen now answers a tap), prints one JSON line and quits. The
benchmark and the smoke test run the real start-up this way, in a process of its own.
"""
from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


def process_age_s() -> float | None:
    """Seconds since this process started (Linux /proc; None elsewhere)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def memory_mb() -> dict[str, float | None]:
    """Resident memory now and at its peak, in MB (Linux /proc; None elsewhere)."""
    values: dict[str, float | None] = {"rss_mb": None, "peak_rss_mb": None}
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    values["rss_mb"] = round(int(line.split()[1]) / 1024, 1)
                elif line.startswith("VmHWM:"):
                    values["peak_rss_mb"] = round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return values


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, app: QApplication) -> None:
        super().__init__(window)
        self._app = app
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self, self._report)
        return False

    def _report(self) -> None:
        print(json.dumps({"first_frame_unix": time.time(),
                          "process_age_s": process_age_s(), **memory_mb()}), flush=True)
        sys.stdout.flush()
        self._app.quit()


def report_first_frame(window: QWidget, app: QApplication) -> None:
    _FirstPaint(window, app)
