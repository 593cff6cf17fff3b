"""Device faults (printer, speech) recorded as events, so the manager sees them."""
from __future__ import annotations

from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.events import Actor, append_event

DEVICES = ("printer", "speech", "display", "feed")


def record_device_fault(ctx: HallContext, *, device: str, kind: str, message_en: str,
                        message_zh: str = "", actor: Actor = Actor("kiosk")) -> int:
    """Append a ``device_fault`` event (e.g. printer offline, paper out, no TTS voice)."""
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r}")
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        event = append_event(scope, actor, "device_fault",
                             payload={"device": device, "kind": kind,
                                      "message": message_en, "message_zh": message_zh})
        return event.id


def record_device_recovered(ctx: HallContext, *, device: str,
                            actor: Actor = Actor("kiosk")) -> int:
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        return append_event(scope, actor, "device_recovered",
                            payload={"device": device}).id
