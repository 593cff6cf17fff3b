"""What every hall action needs: the database, the clock, which hall, and its rules.

Hall rows and hall settings are read inside each action's own transaction, so a setting
changed on the manager's PC applies to the very next action on every machine. So is the
time: the database's, in the same query, so every PC stamps and orders by one clock.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from kiosk.clock import Clock, ServerClock, hall_day, hall_time
from kiosk.errors import NotFound
from kiosk.queue.store.db import Database
from kiosk.queue.store.models import Hall, HallSetting
from kiosk.queue.store.server_time import server_now
from kiosk.settings import Settings


@dataclasses.dataclass
class HallContext:
    db: Database
    clock: Clock = dataclasses.field(default_factory=ServerClock)
    hall_code: str = "demo"
    machine_settings: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class HallRow:
    """The hall as every action reads it: a row, not an ORM object (every action loads
    it, and building an object and tracking it cost more than the query)."""

    id: int
    code: str
    name: str
    timezone: str
    closed_through: dt.date | None

    @classmethod
    def of(cls, hall: Hall) -> HallRow:
        return cls(hall.id, hall.code, hall.name, hall.timezone, hall.closed_through)


@dataclasses.dataclass(frozen=True)
class Scope:
    """One action's view of its hall, read in its own transaction."""

    session: Session
    hall: HallRow
    settings: Settings
    now: dt.datetime

    @property
    def today(self) -> dt.date:
        return hall_day(self.now, self.hall.timezone)

    def local(self, when: dt.datetime) -> dt.datetime:
        return hall_time(when, self.hall.timezone)


def load_hall(session: Session, hall_code: str) -> Hall:
    hall = session.scalar(select(Hall).where(Hall.code == hall_code))
    if hall is None:
        raise NotFound(f"找不到大厅“{hall_code}”，请先导入目录",
                       f"hall {hall_code!r} does not exist: import a catalog first",
                       hall=hall_code)
    return hall


def hall_settings(session: Session, hall_id: int) -> dict[str, Any]:
    rows = session.execute(select(HallSetting.name, HallSetting.value)
                           .where(HallSetting.hall_id == hall_id))
    return {name: value for name, value in rows}


_H = Hall.__table__.c
#: built once: every action runs it, and building a statement costs more than running it
HALL_AND_SETTINGS = (
    select(_H.id, _H.code, _H.name, _H.timezone, _H.closed_through,
           HallSetting.name.label("setting"), HallSetting.value,
           server_now().label("server_now"))
    .outerjoin(HallSetting.__table__, HallSetting.hall_id == _H.id)
    .where(_H.code == bindparam("hall_code")))


def scope(ctx: HallContext, session: Session) -> Scope:
    """The hall, its settings and the database's time in one round trip (every action
    starts here)."""
    return scope_of(ctx, session, session.connection().execute(
        HALL_AND_SETTINGS, {"hall_code": ctx.hall_code}).all())


def scope_of(ctx: HallContext, session: Session, rows: list[Row]) -> Scope:
    """The scope ``HALL_AND_SETTINGS`` read (or a statement that adds to it)."""
    if not rows:
        load_hall(session, ctx.hall_code)  # raises the readable NotFound
    first = rows[0]
    stored = {row.setting: row.value for row in rows if row.setting is not None}
    settings = Settings(machine=ctx.machine_settings, hall=stored)
    return Scope(session=session,
                 hall=HallRow(first.id, first.code, first.name, first.timezone,
                              first.closed_through),
                 settings=settings, now=ctx.clock.stamp(first.server_now))
