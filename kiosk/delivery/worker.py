"""The deliverer: takes due outbox messages, opens the sealed number, hands the message
to a sender and records what happened.

Each message is claimed with a lease before it is sent, so two deliverers (two
processes, two PCs) never send the same message at once; one that dies mid-way leaves
the lease to expire and the message is sent again with its idempotency key. Failures
back off exponentially (with jitter, capped) up to ``outbox.max_attempts`` (0: never
give up on a failure worth retrying, as for rating reports); a recipient over
``reminders.per_phone_per_hour`` waits for the hour to pass, nothing is dropped (what
other deliverers are sending it at that moment counts: ``outbox.reserve``). The
receiver's acknowledgement id, when the sender returns one, is kept on the row.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import random
import threading

from kiosk.clock import Clock
from kiosk.errors import KioskError
from kiosk.messaging.base import Message, Sender, SendFailed
from kiosk.messaging.http_json import HttpJsonSender
from kiosk.messaging.log_only import LogOnlySender
from kiosk.queue.actions.keys import personal_keys
from kiosk.queue.actions.reminders import SEALED
from kiosk.queue.rules.sealing import unseal
from kiosk.queue.store import outbox
from kiosk.queue.store.context import HallContext
from kiosk.settings import Settings

log = logging.getLogger(__name__)
HOUR = dt.timedelta(hours=1)


def _settings(ctx: HallContext) -> Settings:
    from kiosk.queue.store.context import scope as open_scope
    with ctx.db.read() as session:
        return open_scope(ctx, session).settings


class Deliverer:
    def __init__(self, ctx: HallContext, channel: str, sender: Sender, *,
                 clock: Clock | None = None, per_recipient_per_hour: int = 0,
                 max_attempts: int = 8, backoff_base_s: float = 10.0,
                 backoff_cap_s: float = 900.0, lease: dt.timedelta = dt.timedelta(minutes=2),
                 batch: int = 20, poll_s: float = 2.0,
                 rng: random.Random | None = None) -> None:
        self.ctx, self.channel, self.sender = ctx, channel, sender
        self.clock = clock or ctx.clock
        self.per_recipient_per_hour = per_recipient_per_hour  # 0 = no limit
        self.max_attempts = max_attempts
        self.backoff_base_s, self.backoff_cap_s = backoff_base_s, backoff_cap_s
        self.lease, self.batch, self.poll_s = lease, batch, poll_s
        self.rng = rng or random.Random()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def from_settings(cls, ctx: HallContext, channel: str, sender: Sender,
                      **kwargs) -> Deliverer:
        settings = _settings(ctx)
        options = {"per_recipient_per_hour": settings.get("reminders.per_phone_per_hour"),
                   "max_attempts": settings.get("outbox.max_attempts"),
                   "backoff_cap_s": settings.get("outbox.backoff_cap_s")}
        return cls(ctx, channel, sender, **{**options, **kwargs})

    # --- one round ---------------------------------------------------------------------
    def run_once(self) -> int:
        """Claim the due messages and try each once; returns how many were sent."""
        sent = 0
        for message in outbox.claim(self.ctx, self.channel, limit=self.batch,
                                    lease=self.lease):
            sent += self._deliver(message)
        return sent

    def _deliver(self, message: outbox.OutboxMessage) -> int:
        now = self.clock.now()
        if message.recipient_hash and self.per_recipient_per_hour > 0:
            first = outbox.reserve(self.ctx, message.id, message.recipient_hash,
                                   now - HOUR, self.per_recipient_per_hour)
            if first is not None:
                later = first + HOUR
                log.info("outbox %s: recipient over its hourly limit, postponed to %s",
                         message.idem_key, later.isoformat())
                outbox.postpone(self.ctx, message.id, later)
                return 0
        try:
            ack = self.sender.send(self._message(message))
        except SendFailed as exc:
            return self._failed(message, str(exc), exc.retryable)
        except KioskError as exc:  # the key to open the number is missing here
            return self._failed(message, exc.message_en, True)
        outbox.mark_sent(self.ctx, message.id, ack if isinstance(ack, str) else None)
        return 1

    def _message(self, message: outbox.OutboxMessage) -> Message:
        data = dict(message.payload)
        sealed = data.pop(SEALED, None)
        to = unseal(personal_keys(self.ctx), sealed) if sealed else None
        text = data.pop("text", "")
        data.pop("masked", None)
        return Message(idem_key=message.idem_key, to=to, text=text, data=data)

    def _failed(self, message: outbox.OutboxMessage, error: str, retryable: bool) -> int:
        if not retryable or 0 < self.max_attempts <= message.attempts:
            log.warning("outbox %s failed for good after %d attempts: %s",
                        message.idem_key, message.attempts, error)
            outbox.mark_failed(self.ctx, message.id, error)
            return 0
        delay = outbox.backoff(message.attempts, base_s=self.backoff_base_s,
                               cap_s=self.backoff_cap_s, rng=self.rng)
        log.info("outbox %s attempt %d failed (%s): again in %.0f s",
                 message.idem_key, message.attempts, error, delay.total_seconds())
        outbox.mark_retry(self.ctx, message.id, error, self.clock.now() + delay)
        return 0

    # --- the thread --------------------------------------------------------------------
    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"deliver-{self.channel}",
                                        daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Look for due messages now (after queueing one)."""
        self._wake.set()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.run_once() > 0
            except Exception:
                log.exception("delivering the %s outbox failed; trying again", self.channel)
                busy = False
            if not busy:
                self._wake.wait(self.poll_s)
                self._wake.clear()


def _fields(text: str) -> dict[str, str] | None:
    if not text.strip():
        return None
    fields = json.loads(text)
    if not (isinstance(fields, dict) and all(isinstance(v, str) for v in fields.values())):
        raise ValueError("reminders.http_fields must be a JSON object of field names")
    return fields


def reminder_sender_from_settings(ctx: HallContext) -> Sender:
    """The sender ``reminders.sender`` names: "log" (the demo) or "http"."""
    settings = _settings(ctx)
    if settings.get("reminders.sender") == "http":
        return HttpJsonSender(settings.get("reminders.http_url"),
                              token=settings.get("reminders.http_token") or None,
                              timeout_s=settings.get("reminders.http_timeout_s"),
                              fields=_fields(settings.get("reminders.http_fields")))
    return LogOnlySender()
