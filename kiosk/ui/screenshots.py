"""``python -m kiosk screenshots DIR``: every app's screens as PNG files, rendered offscreen.

So anyone can look at every screen after a change, at the sizes halls use: a 1920x1080
panel, a 1366x768 PC and a 1080x1920 portrait kiosk. Files are named
``<app>-<width>x<height>-<screen>.png`` (app: kiosk, window, pad, display, manager).

A sample hall is simulated once (last Monday in full, then today, a Monday, until 10:30,
so queues wait, windows serve and ratings exist); each app at each size then works on a
fresh copy of it, because shooting takes real tickets and must not change what the next
app sees. Each app's package has a ``screenshots`` module with ``shoot(session)`` that
builds its window at ``session.size``, drives it and calls ``session.save``.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

#: app name -> the module whose shoot(session) renders its screens
APPS = {
    "kiosk": "kiosk.ui.kiosk.screenshots",
    "window": "window_client.clerk.screenshots",
    "pad": "window_client.pad.screenshots",
    "display": "kiosk.ui.display.screenshots",
    "manager": "kiosk.ui.manager.screenshots",
}
SIZES = ((1920, 1080), (1366, 768), (1080, 1920))
TODAY = dt.date(2026, 11, 23)  # a Monday
HALL_ZONE = ZoneInfo("Asia/Shanghai")
SHOT_TIME = dt.time(10, 30)


@dataclasses.dataclass
class ShotSession:
    """What one app at one size gets: its own copy of the simulated hall and a place to
    save its screens."""

    app_name: str
    ctx: Any                 # HallContext on this shot's copy of the hall
    clock: Any               # the ManualClock ctx reads, at TODAY 10:30 hall time
    settings: Any            # the hall's effective Settings
    qt: Any                  # the QApplication
    size: tuple[int, int]
    directory: Path
    workdir: Path            # scratch space (printer files, ...)
    saved: list[Path] = dataclasses.field(default_factory=list)

    @property
    def portrait(self) -> bool:
        return self.size[1] > self.size[0]

    def path_for(self, screen: str) -> Path:
        width, height = self.size
        return self.directory / f"{self.app_name}-{width}x{height}-{screen}.png"

    def save(self, widget, screen: str) -> Path:
        """Grab ``widget`` (already sized and shown) once pending paints are done."""
        self.qt.processEvents()
        path = self.path_for(screen)
        widget.grab().save(str(path))
        self.saved.append(path)
        return path

    def wait(self, condition: Callable[[], bool], timeout_s: float = 60.0) -> bool:
        """Let Qt run until ``condition`` holds (a read came back, a job finished)."""
        from kiosk.ui.runner import process_events_until

        return process_events_until(condition, timeout_s)


def simulated_hall(path: Path, *, quick: bool = False) -> None:
    """Write the sample hall with a simulated morning to ``path`` (SQLite).

    ``quick`` simulates a smaller morning only (for the test suite)."""
    from kiosk.clock import ManualClock
    from kiosk.queue import demo
    from kiosk.queue.rules.personal import ensure_key_file
    from kiosk.queue.store import migrate
    from kiosk.reports.simulate import simulate_day

    clock = ManualClock(dt.datetime.combine(TODAY - dt.timedelta(days=7), dt.time(8),
                                            tzinfo=HALL_ZONE))
    ensure_key_file(key_path(path))
    ctx = _context(path, clock)
    migrate.upgrade(ctx.db)
    demo.seed_sample(ctx)
    if not quick:
        simulate_day(ctx, clock, day=TODAY - dt.timedelta(days=7), seed=16)
    simulate_day(ctx, clock, day=TODAY, seed=23, until=SHOT_TIME,
                 tickets=300 if quick else 1500)
    clock.set(dt.datetime.combine(TODAY, SHOT_TIME, tzinfo=HALL_ZONE))
    ctx.db.dispose()


def key_path(hall_file: Path) -> Path:
    return hall_file.with_name("personal.key")  # the throwaway hall's own key


def _context(path: Path, clock):
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database, sqlite_url

    return HallContext(db=Database(sqlite_url(path)), clock=clock,
                       machine_settings={"security.key_file": str(key_path(path))})


def copy_hall(template: Path, target: Path) -> None:
    with sqlite3.connect(template) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    shutil.copyfile(key_path(template), key_path(target))


def open_copy(template: Path, workdir: Path):
    """A HallContext on a fresh copy of the template, its clock at TODAY 10:30."""
    from kiosk.clock import ManualClock

    workdir.mkdir(parents=True, exist_ok=True)
    target = workdir / "hall.sqlite3"
    copy_hall(template, target)
    clock = ManualClock(dt.datetime.combine(TODAY, SHOT_TIME, tzinfo=HALL_ZONE))
    return _context(target, clock), clock


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must be WIDTHxHEIGHT, not {text!r}") from None
    return width, height


def parse_args(app_argv: list[str]) -> argparse.Namespace:
    if app_argv[:1] == ["--"]:
        app_argv = app_argv[1:]
    parser = argparse.ArgumentParser(prog="python -m kiosk screenshots",
                                     description="Render every app's screens to PNG files.")
    parser.add_argument("directory", help="where the PNG files go (created if missing)")
    parser.add_argument("--app", action="append", choices=tuple(APPS),
                        help="only this app (repeatable; default: all)")
    parser.add_argument("--size", action="append", type=parse_size,
                        help="only this size, WxH (repeatable; default: 1920x1080, "
                             "1366x768 and 1080x1920)")
    parser.add_argument("--quick", action="store_true",
                        help="simulate a short morning only (faster, fewer people)")
    return parser.parse_args(app_argv)


def shoot_all(directory: Path, apps: list[str], sizes: list[tuple[int, int]], *,
              quick: bool = False) -> list[Path]:
    """Render ``apps`` at ``sizes`` into ``directory``; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.queue.reads import hall as hall_reads
    from kiosk.ui.runner import off_gui_thread
    from kiosk.ui.startup import qt_app

    qt = qt_app("kiosk-screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as work:
        template = Path(work) / "template" / "hall.sqlite3"
        template.parent.mkdir()
        off_gui_thread(lambda: simulated_hall(template, quick=quick), timeout_s=900)
        for app_name in apps:
            module = importlib.import_module(APPS[app_name])
            for size in sizes:
                scratch = Path(work) / f"{app_name}-{size[0]}x{size[1]}"
                ctx, clock = off_gui_thread(open_copy, template, scratch)
                settings = off_gui_thread(hall_reads.effective_settings, ctx)
                session = ShotSession(app_name, ctx, clock, settings, qt, size, directory,
                                      scratch)
                try:
                    module.shoot(session)
                finally:
                    ctx.db.dispose()
                saved += session.saved
    return saved


def run(args, app_argv: list[str]) -> int:
    options = parse_args(app_argv or [])
    apps = options.app or list(APPS)
    sizes = options.size or list(SIZES)
    saved = shoot_all(Path(options.directory), apps, sizes, quick=options.quick)
    for path in saved:
        print(path)
    print(f"{len(saved)} screenshots in {options.directory}")
    return 0
