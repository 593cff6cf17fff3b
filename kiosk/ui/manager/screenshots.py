"""Render every console page to PNG after a simulated day, for the README and reviews:
``python -m kiosk.ui.manager.screenshots [OUT_DIR] [--size 1920x1080]``.

Builds a fresh sample hall in a temporary SQLite file, simulates last Monday in full and
today (a Monday) until 11:00 with ``kiosk.reports.simulate``, then signs in as the demo
manager (and the admin, for the administration pages) and grabs each page. The tool's
own database work runs on a worker thread, and each page is grabbed once the reads it
asked for have come back (the pages read off the GUI thread).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

TODAY = dt.date(2026, 11, 23)       # a Monday
HALL = ZoneInfo("Asia/Shanghai")


def _simulated_hall(path: Path):
    from kiosk.clock import ManualClock
    from kiosk.queue import demo
    from kiosk.queue.rules.personal import ensure_key_file
    from kiosk.queue.store import migrate
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database, sqlite_url
    from kiosk.reports.simulate import simulate_day

    clock = ManualClock(dt.datetime.combine(TODAY - dt.timedelta(days=7), dt.time(8),
                                            tzinfo=HALL))
    key = path.with_name("personal.key")  # the throwaway hall's own key
    ensure_key_file(key)
    ctx = HallContext(db=Database(sqlite_url(path)), clock=clock,
                      machine_settings={"security.key_file": str(key)})
    migrate.upgrade(ctx.db)
    demo.seed_sample(ctx)
    simulate_day(ctx, clock, day=TODAY - dt.timedelta(days=7), seed=16)
    simulate_day(ctx, clock, day=TODAY, seed=23, until=dt.time(11, 0))
    return ctx


def _prepare(ctx, manager: str) -> None:
    """A little manager work, so the pages show it: one follow-up verified, one alert
    acknowledged, a holiday in the calendar."""
    from kiosk.errors import KioskError
    from kiosk.queue.actions import alerts, calendar, followup

    followup.open_followups_for_new_bad_ratings(ctx)
    for offset in range(7):
        calendar.set_day(ctx, dt.date(2026, 10, 1) + dt.timedelta(days=offset), False,
                         "国庆节、中秋节", by=manager)
    calendar.set_day(ctx, dt.date(2026, 10, 10), True, "国庆调休上班", by=manager)
    calendar.set_day(ctx, dt.date(2026, 12, 31), False, "元旦调休", by=manager)
    views = followup.list_followups(ctx, by=manager)
    if views:
        oldest = views[-1]
        try:
            followup.verify(ctx, oldest.id, by=manager, note="调阅录像，情况属实，已约谈窗口人员")
            followup.start_fix(ctx, oldest.id, by=manager, note="安排业务培训，优化叫号排班")
        except KioskError:
            pass
    shown = alerts.evaluate(ctx, by=manager)
    if shown:
        alerts.acknowledge(ctx, shown[-1].key, by=manager)


def render(out_dir: Path, size: tuple[int, int] = (1920, 1080)) -> list[Path]:
    """Write one PNG per page (and per tab worth seeing); returns the paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.queue.actions.manager_auth import sign_in_manager
    from kiosk.reports.report import build_report
    from kiosk.settings import Settings
    from kiosk.ui.manager.console import build_console
    from kiosk.ui.manager.login import LoginDialog
    from kiosk.ui.runner import off_gui_thread, process_events_until
    from kiosk.ui.startup import qt_app

    app = qt_app("kiosk-manager")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def grab(widget, name: str) -> None:
        app.processEvents()
        path = out_dir / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    with tempfile.TemporaryDirectory() as tmp:
        ctx = off_gui_thread(_simulated_hall, Path(tmp) / "hall.sqlite3", timeout_s=600)
        off_gui_thread(_prepare, ctx, "9001")
        login = LoginDialog(ctx, "示例市政务服务中心")
        login.staff_no.setText("9001")
        login.show()
        grab(login, "00-login")
        login.close()
        for staff_no, keys in (("9001", ("live", "alerts", "reports", "followups")),
                               ("9000", ("catalog", "windows", "staff", "settings",
                                         "audit"))):
            user = off_gui_thread(sign_in_manager, ctx, staff_no, "123456")
            console = build_console(ctx, Settings(), user)
            console.resize(*size)
            console.show()
            process_events_until(lambda c=console: c.calls.idle, 60)
            for key in keys:
                page = console.show_page(key)
                number = console.page_keys.index(key) + 1
                if key == "reports":
                    page.set_range(TODAY - dt.timedelta(days=7), TODAY)
                    page.group_by.setCurrentIndex(page.group_by.findData("window"))
                    page.show_report(off_gui_thread(
                        lambda by=staff_no: build_report(
                            ctx, start=TODAY - dt.timedelta(days=7), end=TODAY,
                            group_by="window", by=by)))
                if key == "followups" and page.table.rowCount():
                    page.table.selectRow(page.table.rowCount() - 1)
                grab(console, f"{number:02d}-{key}")
                for index in range(1, getattr(page, "tabs", None).count()
                                   if hasattr(page, "tabs") else 1):
                    page.tabs.setCurrentIndex(index)
                    if key == "reports":
                        page.registers.load()
                        process_events_until(lambda c=console: c.calls.idle, 60)
                    grab(console, f"{number:02d}-{key}-{index + 1}")
                    page.tabs.setCurrentIndex(0)
            console.close()
        ctx.db.dispose()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.ui.manager.screenshots")
    parser.add_argument("out_dir", nargs="?", default="manager-shots")
    parser.add_argument("--size", default="1920x1080", help="window size, WxH")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    for path in render(Path(args.out_dir), (width, height)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
