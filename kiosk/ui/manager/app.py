"""``python -m kiosk manager``: sign in, then the console, following the event feed.

Options after ``manager``: ``--windowed`` (not maximised), ``--user``/``--password``
(sign in without the dialog, for scripted demos), ``--page KEY`` (open on a page:
live, alerts, reports, followups, catalog, windows, staff, settings, audit).
"""
from __future__ import annotations

import argparse
import logging
import sys

log = logging.getLogger(__name__)


def parse_options(app_argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m kiosk manager",
                                     description="the hall manager's console (管理端)")
    parser.add_argument("--windowed", action="store_true", help="do not maximise")
    parser.add_argument("--user", help="staff number to sign in with (skips the dialog)")
    parser.add_argument("--password", help="password for --user")
    parser.add_argument("--page", default="live", help="page to open first")
    if app_argv[:1] == ["--"]:  # ``python -m kiosk manager -- --user 9001``
        app_argv = app_argv[1:]
    return parser.parse_args(app_argv)


def run(args, app_argv: list[str]) -> int:
    from kiosk import bootstrap
    from kiosk.errors import KioskError
    from kiosk.queue.actions.manager_auth import sign_in_manager
    from kiosk.queue.reads import hall as hall_reads
    from kiosk.settings import Settings
    from kiosk.ui.feed_bridge import FeedBridge
    from kiosk.ui.manager.console import build_console
    from kiosk.ui.manager.login import LoginDialog
    from kiosk.ui.startup import qt_app

    options = parse_options(app_argv)
    app = qt_app("kiosk-manager")
    ctx = bootstrap.start(bootstrap.Options.from_args(args)).ctx
    clock_watch = bootstrap.ClockWatch(ctx).start()
    settings = Settings(machine=ctx.machine_settings)
    hall_name, _ = hall_reads.hall_info(ctx)
    scripted = options.user is not None
    try:
        while True:
            if scripted:
                try:
                    user = sign_in_manager(ctx, options.user, options.password or "")
                except KioskError as exc:
                    print(f"error: {exc.message_en}", file=sys.stderr)
                    return 1
                scripted = False  # signing out shows the dialog
            else:
                dialog = LoginDialog(ctx, hall_name)
                if dialog.exec() != LoginDialog.DialogCode.Accepted:
                    return 0
                user = dialog.user
            # the console's pages read after this snapshot: its feed follows from here
            _, event_id = hall_reads.start_snapshot(ctx)
            console = build_console(ctx, settings, user, hall_name=hall_name)
            bridge = FeedBridge(ctx.db, after_event_id=event_id, parent=console)
            console.connect_feed(bridge)
            signed_out = []
            console.signed_out.connect(lambda: signed_out.append(True))
            if options.page in console.page_keys:
                console.show_page(options.page)
            bridge.start()
            if options.windowed:
                console.resize(1440, 900)
                console.show()
            else:
                console.showMaximized()
            app.exec()
            bridge.stop()
            if not signed_out:
                return 0
    finally:
        clock_watch.stop()
        ctx.db.dispose()
