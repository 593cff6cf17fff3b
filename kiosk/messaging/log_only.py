"""The demo's sender: writes the masked number and the text to the log."""
from __future__ import annotations

import logging

from kiosk.messaging.base import Message, mask

log = logging.getLogger(__name__)


class LogOnlySender:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str | None, str]] = []  # (key, masked, text)

    def send(self, message: Message) -> None:
        masked = mask(message.to)
        self.sent.append((message.idem_key, masked, message.text))
        log.info("message %s to %s: %s", message.idem_key, masked or "-", message.text)
