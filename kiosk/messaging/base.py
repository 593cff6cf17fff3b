"""What a sender is given and how it says it failed. Senders know nothing of the hall's
database: the deliverer (``kiosk.delivery``) hands them a plain message."""
from __future__ import annotations

import dataclasses
from typing import Any, Protocol


@dataclasses.dataclass(frozen=True)
class Message:
    idem_key: str  # the same message sent twice carries the same key
    to: str | None  # the phone number, in memory only; None for a report to a system
    text: str
    data: dict[str, Any] = dataclasses.field(default_factory=dict)

    def __repr__(self) -> str:  # never the number, not even in a traceback
        return f"Message(idem_key={self.idem_key!r}, to={mask(self.to)!r})"

    __str__ = __repr__


class SendFailed(Exception):
    """``retryable``: worth trying again later (an outage, a time-out, a 5xx)."""

    def __init__(self, reason: str, *, retryable: bool) -> None:
        super().__init__(reason)
        self.retryable = retryable


class Sender(Protocol):
    def send(self, message: Message) -> str | None:
        """Deliver or raise SendFailed; may return the receiver's acknowledgement id."""


def mask(phone: str | None) -> str | None:
    if phone is None:
        return None
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 7 else "****"
