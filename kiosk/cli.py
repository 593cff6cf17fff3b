"""``python -m kiosk <command>``: every app and every administrative task.

This module only parses arguments; start-up (config, database, schema, past days,
settings) is ``kiosk.bootstrap``'s, the same for every command and app. No engine
exists at import time. Errors print in English on stderr with exit code 1.
"""
from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
import sys
import threading
from pathlib import Path

from kiosk import bootstrap
from kiosk.bootstrap import Options
from kiosk.errors import CatalogInvalid, KioskError

log = logging.getLogger("kiosk")


# --- wiring -------------------------------------------------------------------------

def _options(args) -> Options:
    return Options.from_args(args)


# --- commands -----------------------------------------------------------------------

def cmd_init(args) -> int:
    """Create or upgrade the database; optionally load the sample hall or a catalog."""
    from kiosk.queue import catalog
    from kiosk.queue.actions import staff
    from kiosk.queue import demo
    from kiosk.queue.reads import hall as hall_reads
    from kiosk.queue.store import migrate

    # the hall is the sample's or the catalog file's when one is loaded
    data = catalog.load(args.catalog) if args.catalog and not args.sample else None
    hall = bootstrap.DEFAULT_HALL if args.sample else data["hall"]["code"] if data else None
    ctx = bootstrap.hall_context(_options(args), hall=hall)
    migrate.upgrade(ctx.db)
    print(f"database ready at schema {migrate.current_revision(ctx.db)}: {ctx.db!r}")
    _ensure_key(ctx)
    if args.sample:
        counts = demo.seed_sample(ctx)
        print(f"sample hall loaded: {json.dumps(counts)}")
        print("demo accounts (password 123456): admin 9000, manager 9001, "
              "window clerks 1001-1020")
        return 0
    if data is not None:
        print(f"catalog imported: {json.dumps(catalog.import_catalog(ctx, data))}")
    try:
        hall_reads.hall_info(ctx)
    except KioskError:
        print("no hall yet: import a catalog with 'python -m kiosk catalog import FILE' "
              "and run init again to create the admin account")
        return 0
    if not hall_reads.has_admin(ctx):
        password = args.admin_password or _ask_password("admin (工号 admin)")
        staff.create_staff(ctx, staff_no="admin", name="系统管理员", role="admin",
                           password=password)
        print("admin account 'admin' created")
    return 0


def _ensure_key(ctx) -> None:
    from kiosk.queue.actions.keys import key_file
    from kiosk.queue.rules.personal import ensure_key_file

    path = key_file(ctx)
    made = ensure_key_file(path)
    print(f"personal-data key {'created at' if made else 'kept:'} {path} (copy this file "
          "to every PC of the hall that books or checks in by phone: README, LAN)")


def cmd_keys(args) -> int:
    """``keys rotate``: a new personal-data key; old ones kept while bookings need them."""
    from kiosk.queue.actions.keys import key_file, rotate_keys

    ctx = bootstrap.start(_options(args)).ctx
    done = rotate_keys(ctx)
    print(f"new personal-data key {done.key_id} in {key_file(ctx)}; "
          f"{done.forgotten} hashes of finished bookings forgotten; old keys kept for "
          f"open bookings: {', '.join(done.retired_kept) or 'none'}; dropped: "
          f"{', '.join(done.retired_dropped) or 'none'}. Copy the file to the hall's "
          "other PCs that book or check in by phone.")
    return 0


def _ask_password(who: str) -> str:
    if not sys.stdin.isatty():
        raise KioskError("请设置管理员密码", "no admin account: pass --admin-password "
                         "or run init in a terminal to be asked for it")
    while True:
        first = getpass.getpass(f"password for {who}: ")
        if first == getpass.getpass("again: "):
            return first
        print("the two passwords differ, try again")


def cmd_catalog(args) -> int:
    from kiosk.queue import catalog
    from kiosk.queue.store import migrate

    if args.action == "validate":
        data = catalog.load(args.file)
        print(f"{args.file}: valid: {len(data['departments'])} departments, "
              f"{len(data['items'])} items, {len(data['services'])} services, "
              f"{len(data['windows'])} windows")
        return 0
    if args.action == "import":
        data = catalog.load(args.file)
        ctx = bootstrap.hall_context(_options(args), hall=data["hall"]["code"])
        migrate.upgrade(ctx.db)
        print(f"imported: {json.dumps(catalog.import_catalog(ctx, data))}")
        return 0
    ctx = bootstrap.hall_context(_options(args))
    catalog.dump(catalog.export_catalog(ctx), args.file)
    print(f"exported the catalog of hall {ctx.hall_code} to {args.file}")
    return 0


def cmd_staff(args) -> int:
    from kiosk.queue.actions import staff

    ctx = bootstrap.start(_options(args)).ctx
    if args.action == "add":
        staff.create_staff(ctx, staff_no=args.staff_no, name=args.name, role=args.role,
                           password=args.password or _ask_password(args.staff_no),
                           department=args.department)
    elif args.action == "passwd":
        staff.reset_password(ctx, staff_no=args.staff_no,
                             password=args.password or _ask_password(args.staff_no))
    print(f"staff {args.staff_no}: done")
    return 0


def cmd_settings(args) -> int:
    from kiosk.queue.actions import staff
    from kiosk.settings import OPTIONS, write_machine_option

    if args.action == "list":
        for opt in OPTIONS.values():
            print(f"{opt.name:34} {opt.scope:7} default={opt.default!r}  {opt.description}")
        return 0
    opt = OPTIONS.get(args.name)
    if opt is not None and opt.scope == "machine":
        write_machine_option(args.name, args.value,
                             Path(args.config) if args.config else None)
    else:
        staff.set_hall_setting(bootstrap.start(_options(args)).ctx, name=args.name,
                               value=args.value)
    print(f"{args.name} = {args.value}")
    return 0


def cmd_close_day(args) -> int:
    from kiosk.queue.actions.day import close_day, close_past_days

    ctx = bootstrap.hall_context(_options(args))
    bootstrap.prepare_database(ctx, close_past=False)
    if args.past:
        closed_days = close_past_days(ctx)
    else:
        closed_days = [close_day(ctx, by=args.by, day=dt.date.fromisoformat(args.day)
                                 if args.day else None)]
    for closed in closed_days:
        print(f"closed {closed.day}: {closed.expired} tickets expired, "
              f"{closed.appointments_missed} appointments missed, "
              f"{closed.windows_closed} windows signed out")
    return 0


def cmd_events(args) -> int:
    """Print the event feed as it happens (for watching a hall from a terminal)."""
    from kiosk.queue.store.feed import FeedUnavailable, subscribe

    started = bootstrap.start(_options(args))
    ctx = started.ctx
    feed = subscribe(ctx.db, started.event_id if args.after is None else args.after)
    try:
        while True:
            try:
                for event in feed.wait(1.0):
                    print(json.dumps({"id": event.id, "at": event.at.isoformat(),
                                      "actor": event.actor, "action": event.action,
                                      **event.payload}, ensure_ascii=False), flush=True)
            except FeedUnavailable as exc:
                print(f"feed: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        return 0
    finally:
        feed.close()


def cmd_outbox(args) -> int:
    """The outbox's counts, or deliver its reminders or rating reports (``--channel
    province``) until Ctrl+C, or one round."""
    from kiosk.delivery.province import province_deliverer
    from kiosk.delivery.worker import Deliverer, reminder_sender_from_settings
    from kiosk.queue.store import outbox

    ctx = bootstrap.start(_options(args)).ctx
    if args.action == "status":
        print(json.dumps(outbox.status(ctx, args.channel), ensure_ascii=False, indent=1))
        return 0
    if args.channel == "province":
        deliverer = province_deliverer(ctx)
    else:
        deliverer = Deliverer.from_settings(ctx, args.channel or "reminder",
                                            reminder_sender_from_settings(ctx))
    if args.once:
        print(f"sent {deliverer.run_once()}")
        return 0
    deliverer.start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        return 0
    finally:
        deliverer.stop()



def cmd_ratings(args) -> int:
    """好差评上报: each rating's delivery state, or the month against the platform's export."""
    from kiosk.reports.rating_reports import (
        backfill_command, reconcile_command, status_command,
    )

    ctx = bootstrap.start(_options(args)).ctx
    try:
        if args.action == "reconcile":
            return reconcile_command(ctx, args.month, args.acks, args.column)
        if args.action == "backfill":
            return backfill_command(ctx, args.since)
        return status_command(ctx, args.month, args.state)
    finally:
        ctx.db.dispose()


def cmd_cases(args) -> int:
    """办件: the open cases, overdue and/or due within N working days."""
    import dataclasses

    from kiosk.queue.reads.cases import case_list

    ctx = bootstrap.start(_options(args)).ctx
    if args.action == "notice":
        from kiosk.reports.case_notice import notice_command

        try:
            return notice_command(ctx, args.case_no, pdf=args.pdf, printer=args.printer)
        finally:
            ctx.db.dispose()
    try:
        rows = case_list(ctx, overdue=args.overdue, due_within=args.due_within,
                         department=args.department)
    finally:
        ctx.db.dispose()
    if args.json:
        print(json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False,
                         default=str, indent=1))
        return 0
    for r in rows:
        print(f"{r.case_no}  {r.due_date}  {r.card or '-':6} {r.state:10} "
              f"{r.department}  {r.item}  {r.window or '-'}号窗口 {r.staff_no or '-'}")
    print(f"{len(rows)} case(s)")
    return 0


def cmd_web(args) -> int:
    """The hall's web service for phones, with the reminders' deliverer."""
    from kiosk.web.serve import serve

    ctx = bootstrap.start(_options(args)).ctx
    try:
        return serve(ctx, host=args.host, port=args.port, deliver=not args.no_deliver)
    finally:
        ctx.db.dispose()

# --- parser -------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk",
        description="Self-service kiosk and queue-calling system of a service hall.")
    parser.add_argument("--db", help="database URL (else KIOSK_DB_URL, else the config "
                        "file, else a SQLite file in the user data folder)")
    parser.add_argument("--config", help="machine config file (INI)")
    parser.add_argument("--hall", help="hall code (default from config, else 'demo')")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("init", help="create or upgrade the database")
    p.add_argument("--sample", action="store_true",
                   help="load the sample hall with demo accounts")
    p.add_argument("--catalog", help="import this catalog file")
    p.add_argument("--admin-password", help="password of the admin account to create")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("catalog", help="validate, import or export a catalog (YAML)")
    p.add_argument("action", choices=("validate", "import", "export"))
    p.add_argument("file")
    p.set_defaults(func=cmd_catalog)

    p = sub.add_parser("staff", help="add a staff account or reset a password")
    p.add_argument("action", choices=("add", "passwd"))
    p.add_argument("staff_no")
    p.add_argument("--name", default="")
    p.add_argument("--role", choices=("window", "manager", "admin"), default="window")
    p.add_argument("--department")
    p.add_argument("--password", help="else asked in the terminal")
    p.set_defaults(func=cmd_staff)

    p = sub.add_parser("settings", help="list options or set one")
    p.add_argument("action", choices=("list", "set"))
    p.add_argument("name", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(func=cmd_settings)

    p = sub.add_parser("keys", help="rotate the personal-data key (phone hashes)")
    p.add_argument("action", choices=("rotate",))
    p.set_defaults(func=cmd_keys)

    p = sub.add_parser("close-day", help="expire what was not served on a hall day")
    p.add_argument("--day", help="YYYY-MM-DD (default: today in the hall's zone)")
    p.add_argument("--past", action="store_true",
                   help="close every earlier day that still has unserved tickets")
    p.add_argument("--by", metavar="STAFF_NO",
                   help="the manager or admin closing it, recorded in the audit trail "
                   "(default: this PC's operator, recorded as system)")
    p.set_defaults(func=cmd_close_day)

    p = sub.add_parser("events", help="follow the event feed in the terminal")
    p.add_argument("--after", type=int, default=None, help="start after this event id")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("outbox", help="outgoing messages: status, or deliver them")
    p.add_argument("action", choices=("status", "deliver"))
    p.add_argument("--channel", help="reminder (default for deliver) or another channel")
    p.add_argument("--once", action="store_true", help="deliver what is due, then exit")
    p.set_defaults(func=cmd_outbox)

    p = sub.add_parser("ratings", help="好差评上报: report-status, reconcile a month, or "
                       "backfill (report ratings given before reports existed)")
    p.add_argument("action", choices=("report-status", "reconcile", "backfill"))
    p.add_argument("--since", help="backfill: only ratings from this day (YYYY-MM-DD)")
    p.add_argument("--month", help="YYYY-MM (reconcile: required; report-status: that "
                   "month only)")
    p.add_argument("--acks", help="the platform's export: one id a line, or CSV with a "
                   "header row")
    p.add_argument("--column", help="the CSV column holding the id (default the first)")
    p.add_argument("--state", choices=("unreported", "reported", "failed"),
                   help="report-status: list only this state")
    p.set_defaults(func=cmd_ratings)

    p = sub.add_parser("cases", help="办件: list open cases (overdue, due soon), or print "
                       "a case's 受理通知书/补正告知书")
    p.add_argument("action", choices=("list", "notice"))
    p.add_argument("case_no", nargs="?", help="notice: the 办件编号")
    p.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="notice: write it as A4 PDF")
    p.add_argument("--printer", action="store_true",
                   help="notice: print it on this PC's ticket printer (printer.* settings)")
    p.add_argument("--overdue", action="store_true", help="overdue cases (红牌)")
    p.add_argument("--due-within", type=int, metavar="N",
                   help="cases due within N working days (with --overdue: either)")
    p.add_argument("--department", metavar="CODE", help="one department's cases")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_cases)

    p = sub.add_parser("web", help="the hall's web service for phones (ticket page, "
                       "reminders, rating, booking)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: behind the hall's proxy)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    p.add_argument("--no-deliver", action="store_true",
                   help="do not send reminders from this process (another runs "
                   "'outbox deliver')")
    p.set_defaults(func=cmd_web)

    _add_app_commands(sub)
    return parser


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
        ctx = bootstrap.hall_context(_options(args))
        name, timezone = hall_reads.hall_info(ctx)
        now = hall_time(SystemClock().now(), timezone)
        ctx.db.dispose()
    except (KioskError, SQLAlchemyError) as exc:
        log.info("test page without the hall's name: %s", exc)
    return print_test(bootstrap.machine_settings(_options(args)), hall_name=name, now=now)


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

    return say(args.code, args.window, args.wav, bootstrap.settings_or_defaults(_options(args)))


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


def _add_app_commands(sub) -> None:
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


GLOBAL_OPTIONS = ("--db", "--config", "--hall")


def hoist_global_options(argv: list[str]) -> list[str]:
    """Move --db/--config/--hall (and their values) to the front, so they may be given
    anywhere: ``python -m kiosk init --db URL`` works like ``python -m kiosk --db URL
    init``."""
    front, rest = [], []
    i = 0
    while i < len(argv):
        arg = argv[i]
        name = arg.split("=", 1)[0]
        if name in GLOBAL_OPTIONS:
            if "=" in arg:
                front.append(arg)
                i += 1
            else:
                front.extend(argv[i:i + 2])
                i += 2
            continue
        rest.append(arg)
        i += 1
    return front + rest


def split_app_argv(argv: list[str]) -> tuple[list[str], list[str] | None]:
    """Cut the command line after an app's name: what follows is the app's own
    (``python -m kiosk --db URL window --window 3``)."""
    argv = hoist_global_options(argv)
    apps = {name for name, _, _ in APP_COMMANDS}
    i = 0
    while i < len(argv):
        if argv[i].split("=", 1)[0] in GLOBAL_OPTIONS:
            i += 1 if "=" in argv[i] else 2
            continue
        if argv[i] in apps:
            return argv[:i + 1], argv[i + 1:]
        if not argv[i].startswith("-"):
            break
        i += 1
    return argv, None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    head, app_argv = split_app_argv(list(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(head)
    if app_argv is not None:
        args.app_argv = app_argv
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log.setLevel(logging.DEBUG if args.verbose else logging.INFO)
    try:
        return args.func(args) or 0
    except CatalogInvalid as exc:
        print(exc.message_en, file=sys.stderr)
        return 1
    except KioskError as exc:
        print(f"error: {exc.message_en}", file=sys.stderr)
        if exc.message_zh:
            print(f"错误：{exc.message_zh}", file=sys.stderr)
        return 1


def _entry(command: str, *fixed: str):
    """A console-script entry point (setup.cfg) that runs one command; global options
    (--db, --config, --hall) may be given anywhere on its command line."""

    def run() -> int:
        pre = argparse.ArgumentParser(add_help=False)
        for option in ("--db", "--config", "--hall"):
            pre.add_argument(option)
        known, rest = pre.parse_known_args(sys.argv[1:])
        globals_ = [arg for option in ("db", "config", "hall")
                    if getattr(known, option) for arg in (f"--{option}",
                                                          getattr(known, option))]
        return main([*globals_, command, *fixed, *rest])

    return run


kiosk_main = _entry("kiosk")
window_main = _entry("window")
rating_pad_main = _entry("rating-pad")
display_main = _entry("display")
manager_main = _entry("manager")
