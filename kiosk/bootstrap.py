"""One start-up path for every app and for the command line.

    machine config -> database -> migrate (under a lock) -> close past days
    -> hall settings and the newest event id, read in one snapshot
    -> screens built from reads made after it -> the feed follows from that event id

Starting the feed at an event id read *before* the first screen read means no change is
ever missed between the two: at worst a screen refreshes once for a change it already
shows. ``kiosk/cli.py`` only parses arguments and calls into here; each app's ``run``
calls ``start``. Nothing here imports Qt, so the CLI and the web service start the
same way as the screens.
"""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

from kiosk.clock import Clock, SystemClock
from kiosk.queue.store.context import HallContext
from kiosk.settings import Settings, read_machine_config

log = logging.getLogger(__name__)

DEFAULT_HALL = "demo"


@dataclasses.dataclass(frozen=True)
class Options:
    """The global command-line options every command and app shares."""

    db: str | None = None
    config: str | None = None
    hall: str | None = None

    @classmethod
    def from_args(cls, args: Any) -> Options:
        """From an argparse namespace (missing attributes count as not given)."""
        return cls(db=getattr(args, "db", None), config=getattr(args, "config", None),
                   hall=getattr(args, "hall", None))


@dataclasses.dataclass(frozen=True)
class Started:
    """What an app builds its screens from."""

    ctx: HallContext
    #: this machine's options over the hall's stored options over the defaults
    settings: Settings
    #: the newest event when ``settings`` were read: the app's feed follows from here
    event_id: int


def machine_config(options: Options) -> dict[str, str]:
    """This PC's config file (``--config``, ``KIOSK_CONFIG`` or the default path)."""
    return read_machine_config(Path(options.config) if options.config else None)


def machine_settings(options: Options) -> Settings:
    """This PC's options alone, for commands that may run before a database exists."""
    return Settings(machine=machine_config(options))


def hall_context(options: Options, *, clock: Clock | None = None) -> HallContext:
    """Config and database only: the URL from ``--db``, ``KIOSK_DB_URL`` or the config
    file; the hall from ``--hall`` or ``hall.code``. No query runs yet."""
    from kiosk.queue.store.db import Database, resolve_url

    machine = machine_config(options)
    url = resolve_url(options.db, machine)
    hall = options.hall or machine.get("hall.code") or DEFAULT_HALL
    return HallContext(db=Database(url), clock=clock or SystemClock(), hall_code=hall,
                       machine_settings=machine)


def prepare_database(ctx: HallContext, *, close_past: bool = True) -> None:
    """Bring the schema up to date (one PC at a time) and close days nobody closed."""
    from kiosk.queue.actions.day import close_past_days
    from kiosk.queue.store import migrate

    migrate.ensure_current(ctx.db)
    if not close_past:
        return
    for closed in close_past_days(ctx):
        log.info("closed the unfinished day %s at start-up (%d tickets expired)",
                 closed.day, closed.expired)


def start(options: Options, *, clock: Clock | None = None) -> Started:
    """The whole start-up path of an app; the caller disposes ``ctx.db`` at exit."""
    from kiosk.queue.reads.hall import start_snapshot

    ctx = hall_context(options, clock=clock)
    try:
        prepare_database(ctx)
        settings, event_id = start_snapshot(ctx)
    except BaseException:
        ctx.db.dispose()
        raise
    return Started(ctx=ctx, settings=settings, event_id=event_id)


def settings_or_defaults(options: Options) -> Settings:
    """Machine options plus the hall's stored ones when the database answers (the
    announcement template is a hall option); this machine's alone otherwise, so a
    command like ``say`` works on a PC not yet connected to the hall."""
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.errors import KioskError
    from kiosk.queue.reads.hall import effective_settings

    try:
        ctx = hall_context(options)
    except (KioskError, SQLAlchemyError) as exc:
        log.info("using default hall options: %s", exc)
        return machine_settings(options)
    try:
        return effective_settings(ctx)
    except (KioskError, SQLAlchemyError) as exc:
        log.info("using default hall options: %s", exc)
        return Settings(machine=ctx.machine_settings)
    finally:
        ctx.db.dispose()
