"""One start-up path for every app and for the command line.

    machine config (which hall: refused when unset outside the sample hall) -> database
    -> migrate (under a lock) -> this PC's clock against the hall clock -> close past days
    -> hall settings and the newest event id, read in one snapshot
    -> screens built from reads made after it -> the feed follows from that event id

Starting the feed at an event id read *before* the first screen read means no change is
ever missed between the two: at worst a screen refreshes once for a change it already
shows. ``kiosk/cli.py`` only parses arguments and calls into here; each app's ``run``
calls ``start`` (and runs a ``ClockWatch``). Nothing here imports Qt, so the CLI and the
web service start the same way as the screens.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import socket
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.clock import Clock, ServerClock
from kiosk.errors import NotConfigured
from kiosk.queue.store.context import HallContext
from kiosk.settings import Settings, default_config_path, read_machine_config

if TYPE_CHECKING:
    from kiosk.queue.store.db import Database

log = logging.getLogger(__name__)

#: the sample hall: the only one a machine may join without ``hall.code``
DEFAULT_HALL = "demo"
#: how often a running app compares its PC's clock with the hall clock
CLOCK_CHECK_EVERY_S = 300.0


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


def key_file(options: Options, machine: dict[str, str] | None = None) -> Path:
    """This PC's personal-data key file: ``KIOSK_KEY_FILE``, else ``security.key_file``
    (relative to the config file's folder), else ``personal.key`` next to the config."""
    if os.environ.get("KIOSK_KEY_FILE"):
        return Path(os.environ["KIOSK_KEY_FILE"])
    config = Path(options.config) if options.config else default_config_path()
    machine = machine_config(options) if machine is None else machine
    return config.parent / (machine.get("security.key_file") or "personal.key")


def hall_context(options: Options, *, clock: Clock | None = None,
                 hall: str | None = None) -> HallContext:
    """Config and database: the URL from ``--db``, ``KIOSK_DB_URL`` or the config file;
    the hall from ``hall`` (a catalog file's), ``--hall`` or ``hall.code``, else the
    sample hall if the database holds no other (the only query run here)."""
    from kiosk.queue.store.db import Database, resolve_url

    machine = machine_config(options)
    machine["security.key_file"] = str(key_file(options, machine))
    db = Database(resolve_url(options.db, machine))
    try:
        code = (hall or options.hall or machine.get("hall.code")
                or sample_hall(db, options))
    except BaseException:
        db.dispose()
        raise
    return HallContext(db=db, clock=clock or ServerClock(), hall_code=code,
                       machine_settings=machine)


def sample_hall(db: Database, options: Options) -> str:
    """The sample hall for a machine told no hall, when the database holds no other hall
    (or no schema yet); a real hall's PC must not quietly serve the sample: refused."""
    from sqlalchemy import inspect, select
    from sqlalchemy.engine import make_url

    from kiosk.queue.store.models import Hall

    if db.backend == "sqlite" and not Path(make_url(db.url).database or "").is_file():
        return DEFAULT_HALL  # no file yet: do not create one just to look
    with db.read() as session:
        if not inspect(session.connection()).has_table(Hall.__tablename__):
            return DEFAULT_HALL
        codes = sorted(session.scalars(select(Hall.code)))
    if codes in ([], [DEFAULT_HALL]):
        return DEFAULT_HALL
    path = Path(options.config) if options.config else default_config_path()
    raise NotConfigured(
        f"本机未设置所属大厅，数据库中的大厅有：{'、'.join(codes)}。请在本机配置文件 {path} "
        f"的 [hall] 节写 code = 大厅代码（或运行 python -m kiosk settings set hall.code "
        f"大厅代码），也可在命令行用 --hall 大厅代码 指定",
        f"this machine has no hall configured and the database holds the hall(s) "
        f"{', '.join(codes)}: set hall.code in {path} ([hall] code = <code>, or run "
        f"'python -m kiosk settings set hall.code <code>') or pass --hall <code>",
        halls=codes)


def machine_name(ctx: HallContext) -> str:
    """This PC in the manager's alerts: ``machine.name``, else its host name."""
    return (ctx.machine_settings.get("machine.name") or "").strip() or socket.gethostname()


def check_clock(ctx: HallContext) -> None:
    """Compare this PC's clock with the hall clock (the database's) and raise or clear
    the manager's alert; also tells a ``ServerClock`` how far off this PC is."""
    from kiosk.queue.actions.clock_check import check_clock as check

    checked = check(ctx, machine=machine_name(ctx))
    if checked is not None and checked.faulty:
        log.warning("this PC's clock is %+.0f s off the hall clock (the database "
                    "server's): set it right", checked.skew.total_seconds())


class ClockWatch:
    """``check_clock`` every ``every_s`` on a daemon thread of its own: Qt-free, never
    on a GUI thread, started the same way by every app after ``start``."""

    def __init__(self, ctx: HallContext, every_s: float = CLOCK_CHECK_EVERY_S) -> None:
        self._ctx = ctx
        self._every_s = every_s
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="clock-check", daemon=True)

    def start(self) -> ClockWatch:
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 2.0) -> None:
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def run_once(self) -> None:
        """One check; a failure (the database out of reach) is logged, not raised."""
        try:
            check_clock(self._ctx)
        except Exception as exc:  # noqa: BLE001 - the next round tries again
            log.warning("clock check failed: %s", exc)

    def _run(self) -> None:
        while not self._stopped.wait(self._every_s):
            self.run_once()


def prepare_database(ctx: HallContext, *, close_past: bool = True) -> None:
    """Bring the schema up to date (one PC at a time) and close days nobody closed."""
    from kiosk.queue.actions.day import close_past_days
    from kiosk.queue.store import migrate

    migrate.ensure_current(ctx.db)
    check_clock(ctx)  # before "today" decides which days are past
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
