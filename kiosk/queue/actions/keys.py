"""The personal-data key (``rules.personal``): this PC's key ring and its rotation.

A stored hash cannot be moved to a new key without the value, which is not stored, so
rotating does not re-hash: it makes a new current key (new bookings use it), forgets the
hashes no booking can be matched by any more (past days, cancelled, missed), and keeps a
retired key in the file only while an open booking's hash still names it. The file is
written before the database changes and trimmed after they commit, so a failure at any
step leaves every stored hash matchable.
"""
from __future__ import annotations

import dataclasses

from sqlalchemy import or_, select, update

from kiosk.queue.rules.personal import KeyRing, key_id_of, load_keys, write_keys
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.events import SYSTEM, Actor, append_event
from kiosk.queue.store.models import Appointment, AppointmentState, Reminder

#: bookings that can never be checked in again: their hashes serve nothing
_DONE = (AppointmentState.CANCELLED, AppointmentState.MISSED)


def key_file(ctx: HallContext) -> str:
    return ctx.machine_settings.get("security.key_file") or ""


def personal_keys(ctx: HallContext) -> KeyRing:
    """This PC's key ring, or a clear refusal (NotConfigured) when it has none."""
    return load_keys(key_file(ctx))


@dataclasses.dataclass(frozen=True)
class Rotated:
    key_id: str
    forgotten: int  # hashes of bookings that can no longer be matched, cleared
    retired_kept: tuple[str, ...]  # old keys still named by open bookings
    retired_dropped: tuple[str, ...]


def rotate_keys(ctx: HallContext, *, actor: Actor = SYSTEM) -> Rotated:
    path = key_file(ctx)
    ring = personal_keys(ctx).rotated()
    write_keys(path, ring)  # first: from now on new bookings use the new key
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        mine = Appointment.hall_id == scope.hall.id
        forgotten = session.execute(
            update(Appointment).where(mine, Appointment.phone_hash != "",
                                      or_(Appointment.day < scope.today,
                                          Appointment.state.in_(_DONE)))
            .values(phone_hash="")).rowcount
        used = {key_id_of(h) for h in session.scalars(
            select(Appointment.phone_hash).distinct().where(mine, Appointment.phone_hash != ""))}
        # a phone left for a reminder is sealed under the key its hash names
        used |= {key_id_of(h) for h in session.scalars(
            select(Reminder.phone_hash).distinct().where(Reminder.hall_id == scope.hall.id))}
        kept = ring.keeping(used)
        append_event(scope, actor, "personal_key_rotated",
                     payload={"key": ring.current, "forgotten": forgotten,
                              "retired_kept": sorted(set(kept.keys) - {ring.current})})
    write_keys(path, kept)  # last: an old key goes only once nothing committed names it
    return Rotated(ring.current, forgotten,
                   tuple(sorted(set(kept.keys) - {ring.current})),
                   tuple(sorted(set(ring.keys) - set(kept.keys))))
