"""``python -m kiosk <command>``: every app and every administrative task.

This package only parses arguments, one module per family of commands (``setup``,
``day``, ``outside``, ``cases``, ``apps``), each adding its own to the parser; start-up
(config, database, schema, past days, settings) is ``kiosk.bootstrap``'s, the same for
every command and app. No engine exists at import time. Errors print in English on
stderr with exit code 1.
"""
from __future__ import annotations

import argparse
import logging
import sys

from kiosk.cli import apps, cases, day, outside, setup
from kiosk.cli.apps import APP_COMMANDS
from kiosk.errors import CatalogInvalid, KioskError

log = logging.getLogger("kiosk")
#: the command families, in the order ``--help`` lists them
FAMILIES = (setup, day, outside, cases, apps)


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
    for family in FAMILIES:
        family.add_commands(sub)
    return parser


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
