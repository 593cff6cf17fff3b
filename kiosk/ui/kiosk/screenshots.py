"""``python -m kiosk screenshots DIR``: every kiosk screen as PNG, rendered offscreen.

Both orientations (1920x1080, 1080x1920), ordinary and elder mode. It works on a
scratch copy of the hall database (tickets are really taken, so the real hall's
numbers must not move) at a weekday 09:30 so the queues are open. A real printer path
is used: a file transport for "printed" and a closed TCP port for the printer-fault
screen.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

ORIENTATIONS = ("landscape", "portrait")
MODES = ("normal", "elder")


def parse_args(app_argv: list[str]) -> argparse.Namespace:
    if app_argv[:1] == ["--"]:
        app_argv = app_argv[1:]
    parser = argparse.ArgumentParser(prog="python -m kiosk screenshots",
                                     description="Render every kiosk screen to PNG files.")
    parser.add_argument("directory", help="where the PNG files go (created if missing)")
    parser.add_argument("--orientation", choices=(*ORIENTATIONS, "both"), default="both")
    parser.add_argument("--mode", choices=(*MODES, "both"), default="both")
    return parser.parse_args(app_argv)


def scratch_database(args, workdir: Path) -> str:
    """A copy of the --db SQLite hall, or a fresh sample hall for anything else."""
    from sqlalchemy.engine import make_url

    from kiosk.bootstrap import Options, machine_config
    from kiosk.queue import demo
    from kiosk.queue.store import migrate
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database, resolve_url

    url = resolve_url(getattr(args, "db", None), machine_config(Options.from_args(args)))
    parsed = make_url(url)
    target = workdir / "hall.sqlite3"
    if parsed.get_backend_name() == "sqlite" and parsed.database \
            and Path(parsed.database).exists():
        with sqlite3.connect(parsed.database) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        copy_db = Database(f"sqlite:///{target}")
        migrate.ensure_current(copy_db)  # a hall made by an older release
        copy_db.dispose()
        return f"sqlite:///{target}"
    print("no SQLite hall database given: using the sample hall")
    db = Database(f"sqlite:///{target}")
    migrate.upgrade(db)
    demo.seed_sample(HallContext(db=db, hall_code=getattr(args, "hall", None) or "demo"))
    db.dispose()
    return f"sqlite:///{target}"


def opening_morning(timezone: str) -> dt.datetime:
    """Today at 09:30 in the hall's zone, moved to Monday if today is a weekend."""
    today = dt.datetime.now(ZoneInfo(timezone)).date()
    while today.isoweekday() > 5:
        today += dt.timedelta(days=1)
    return dt.datetime.combine(today, dt.time(9, 30), tzinfo=ZoneInfo(timezone))


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    from kiosk.ui.runner import process_events_until

    return process_events_until(condition, timeout_s)


class Shooter:
    """Drives one kiosk through its screens and saves each one."""

    def __init__(self, kiosk, directory: Path, prefix: str) -> None:
        self.kiosk = kiosk
        self.directory = directory
        self.prefix = prefix
        self.saved: list[Path] = []

    def open_guide(self, item_code: str) -> None:
        """Tap an item and wait for its guide (read on the kiosk's worker)."""
        w = self.kiosk.window
        self.kiosk.controller.open_guide(item_code)
        wait_until(lambda: w.current() is w.guide and w.guide.guide is not None
                   and w.guide.guide.code == item_code)

    def shot(self, name: str) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
        path = self.directory / f"{self.prefix}-{len(self.saved) + 1:02d}-{name}.png"
        self.kiosk.window.grab().save(str(path))
        self.saved.append(path)

    def run(self, closed_port: int, clock) -> None:
        from kiosk.printing import PrintFormat, PrintQueue
        from kiosk.printing.transports.network import NetworkTransport

        w, c = self.kiosk.window, self.kiosk.controller
        finished: list = []
        self.kiosk.printer.job_finished.connect(lambda _token, result: finished.append(result))
        self.shot("home")
        c.open_department(c.catalog.departments[0].code)
        self.shot("department")
        item = c.catalog.departments[0].items[0].code
        self.open_guide(item)
        self.shot("guide")
        w.guide.browser.verticalScrollBar().setValue(
            w.guide.browser.verticalScrollBar().maximum() // 2)
        self.shot("guide-scrolled")
        w.guide.take_button.click()
        self.shot("take-ticket")
        w.take.ordinary_button.click()
        wait_until(lambda: len(finished) == 1)
        self.shot("ticket")
        good_queue = self.kiosk.printer.queue
        self.kiosk.printer.queue = PrintQueue(NetworkTransport("127.0.0.1", closed_port),
                                              PrintFormat(80, "gb18030"), 2.0)
        self.open_guide(c.catalog.departments[1].items[0].code)
        w.guide.take_button.click()
        w.take.priority_buttons["elderly"].click()
        wait_until(lambda: len(finished) == 2)
        self.shot("ticket-printer-fault")
        self.kiosk.printer.queue.close()
        self.kiosk.printer.queue = good_queue
        c.go_home()
        c.open_search()
        w.search.field.setText("gtgs")
        self.shot("search")
        c.go_home()
        c.open_check_in()
        w.check_in.keypad.type_text("2611")
        self.shot("check-in")
        w.check_in.show_digits("26112342")
        w.check_in.keypad.type_text("12")
        self.shot("check-in-digits")
        saved_now = clock.now()
        local = saved_now.astimezone(ZoneInfo(c.catalog.timezone))
        clock.set(local.replace(hour=12, minute=30))  # the lunch break: no tickets
        self.open_guide(item)
        w.guide.take_button.click()
        w.take.ordinary_button.click()
        wait_until(lambda: not c.runner.busy)
        self.shot("message-out-of-hours")
        clock.set(saved_now)
        w.message.dismiss()
        c.reset()


def closed_port() -> int:
    """A local TCP port nobody listens on (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args, app_argv: list[str]) -> int:
    options = parse_args(app_argv or [])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.clock import ManualClock
    from kiosk.printing import PrintFormat, PrintQueue
    from kiosk.printing.transports.file import FileTransport
    from kiosk.queue.reads import hall as hall_reads
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database
    from kiosk.ui.kiosk.app import build_kiosk
    from kiosk.ui.runner import off_gui_thread
    from kiosk.ui.startup import qt_app


    directory = Path(options.directory)
    directory.mkdir(parents=True, exist_ok=True)
    app = qt_app("kiosk-screenshots")
    orientations = ORIENTATIONS if options.orientation == "both" else (options.orientation,)
    modes = MODES if options.mode == "both" else (options.mode,)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as work:
        url = off_gui_thread(scratch_database, args, Path(work))
        ctx = HallContext(db=Database(url), hall_code=getattr(args, "hall", None) or "demo")
        _, timezone = off_gui_thread(hall_reads.hall_info, ctx)
        clock = ManualClock(opening_morning(timezone))
        ctx.clock = clock
        settings = off_gui_thread(hall_reads.effective_settings, ctx)
        port = closed_port()
        for orientation in orientations:
            for mode in modes:
                queue = PrintQueue(FileTransport(str(Path(work) / "printed.bin")),
                                   PrintFormat(80, "raster"), 5.0)
                kiosk = build_kiosk(ctx, settings, queue, portrait=orientation == "portrait",
                                    elder=mode == "elder", app=app)
                kiosk.window.resize(*kiosk.window.design_size())
                kiosk.window.show()
                controller = kiosk.controller
                wait_until(lambda c=controller: c.catalog is not None and c.reads.idle)
                if mode == "elder":
                    kiosk.window.set_elder(True)
                shooter = Shooter(kiosk, directory, f"{orientation}-{mode}")
                shooter.run(port, clock)
                saved += shooter.saved
                kiosk.close()
        ctx.db.dispose()
    for path in saved:
        print(path)
    print(f"{len(saved)} screenshots in {directory}")
    return 0
