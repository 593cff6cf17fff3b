"""``hall``, the GUI apps, and the device checks an installer runs (``print-test``,
``idcard-test``, ``say``). GUI modules are imported only when their command runs, so
the command line works on a machine without a screen or without Qt."""
from __future__ import annotations

import datetime as dt
import logging

from kiosk import bootstrap
from kiosk.cli.common import options
from kiosk.errors import KioskError

log = logging.getLogger("kiosk")


def cmd_hall(args) -> int:
    from kiosk.launcher import run_hall

    return run_hall(args)


def cmd_print_test(args) -> int:
    """The test page shows the hall's name and its wall clock when the database answers
    (an installer may run it before the database is set up: then the machine's)."""
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.clock import SystemClock, hall_time
    from kiosk.printing.commands import print_test
    from kiosk.queue.reads import hall as hall_reads

    name = now = None
    try:
        ctx = bootstrap.hall_context(options(args))
        name, timezone = hall_reads.hall_info(ctx)
        now = hall_time(SystemClock().now(), timezone)
        ctx.db.dispose()
    except (KioskError, SQLAlchemyError) as exc:
        log.info("test page without the hall's name: %s", exc)
    return print_test(bootstrap.machine_settings(options(args)), hall_name=name, now=now)


def cmd_idcard_test(args) -> int:
    """Read one ID card and show it masked: what the installer needs to see, no more."""
    from kiosk.devices.idcard.reader import read_one
    from kiosk.queue.rules.personal import age_on, mask_id_number, mask_name

    card = read_one(args.port, baudrate=args.baud, wait_s=args.wait)
    print(f"Card read from {args.port} ({card.kind})\n"
          f"Name:   {mask_name(card.name)}\n"
          f"Number: {mask_id_number(card.id_number)}\n"
          f"Age:    {age_on(card.birth_date, dt.date.today())}")
    return 0


def cmd_say(args) -> int:
    from kiosk.speech.commands import say

    return say(args.code, args.window, args.wav, bootstrap.settings_or_defaults(options(args)))


def _app(module: str):
    """A GUI app's command: ``module.run(args, app_argv) -> int``, imported only when
    run, so the command line works on a machine without a screen or without Qt."""

    def run(args) -> int:
        import importlib

        return importlib.import_module(module).run(args, args.app_argv)

    return run


#: (command, help, module whose run(args, app_argv) starts it); options after the
#: command name go to the app (``python -m kiosk window --window 3``)
APP_COMMANDS = [
    ("kiosk", "the touch-screen kiosk (取号机)", "kiosk.ui.kiosk.app"),
    ("screenshots", "render every app's screens to PNG files", "kiosk.ui.screenshots"),
    ("window", "the window clerk's app (窗口叫号)", "window_client.clerk.app"),
    ("rating-pad", "the citizen's rating pad (好差评)", "window_client.pad.app"),
    ("display", "the hall display (叫号大屏) or a window screen", "kiosk.ui.display.app"),
    ("manager", "the hall manager's console (管理端)", "kiosk.ui.manager.app"),
    ("report", "statistics reports to xlsx/pdf", "kiosk.reports.cli"),
]


def add_commands(sub) -> None:
    p = sub.add_parser("hall", help="start the whole hall on this machine (sample database)")
    p.add_argument("--always-open", action="store_true",
                   help="let the demo hall issue tickets at any hour (weekends, evenings)")
    p.add_argument("--web-host", default="127.0.0.1",
                   help="address the web service for phones listens on (default "
                   "127.0.0.1: this PC only; 0.0.0.0: phones on the hall Wi-Fi)")
    p.add_argument("--web-port", type=int, default=None,
                   help="its port (default 8080, else a free one)")
    p.set_defaults(func=cmd_hall)
    p = sub.add_parser("print-test", help="print a test page on the configured printer")
    p.set_defaults(func=cmd_print_test)
    p = sub.add_parser("idcard-test", help="read one ID card and print it masked "
                       "(the reader's port and wiring)")
    p.add_argument("--port", required=True, help="serial port: COM3, /dev/ttyUSB0, …")
    p.add_argument("--baud", type=int, default=115200, help="baud rate (default 115200)")
    p.add_argument("--wait", type=float, default=15.0,
                   help="seconds to wait for a card (default 15)")
    p.set_defaults(func=cmd_idcard_test)
    p = sub.add_parser("say", help="speak a call, or write it to a WAV file")
    p.add_argument("code", help="ticket number, e.g. A012")
    p.add_argument("window", help="window number")
    p.add_argument("--wav", help="write the announcement to this WAV file")
    p.set_defaults(func=cmd_say)
    for name, helptext, module in APP_COMMANDS:
        p = sub.add_parser(name, help=helptext, add_help=False)
        p.set_defaults(func=_app(module), app_argv=[])
