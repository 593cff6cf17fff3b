"""A generic sender for the hall's SMS or WeChat gateway: one JSON POST per message,
with the message's idempotency key in the ``Idempotency-Key`` header (and the body), so
the gateway can drop a repeat sent after a lost acknowledgement.

``fields`` renames our fields for the gateway ({our field: their field}); ours are
``to``, ``text``, ``idem_key`` and the message's data keys. A field mapped to "" is
left out.
"""
from __future__ import annotations

from typing import Any

import httpx

from kiosk.messaging.base import Message, SendFailed

#: 4xx answers that still mean "try again later"
RETRYABLE_4XX = {408, 425, 429}


class HttpJsonSender:
    def __init__(self, url: str, *, token: str | None = None, timeout_s: float = 5.0,
                 fields: dict[str, str] | None = None,
                 client: httpx.Client | None = None) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError("the gateway URL must start with http:// or https://")
        self.url = url
        self.fields = dict(fields or {})
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._client = client or httpx.Client(timeout=timeout_s, headers=headers,
                                              follow_redirects=False)

    def body(self, message: Message) -> dict[str, Any]:
        ours = {**message.data, "to": message.to, "text": message.text,
                "idem_key": message.idem_key}
        out = {}
        for name, value in ours.items():
            theirs = self.fields.get(name, name)
            if theirs:
                out[theirs] = value
        return out

    def send(self, message: Message) -> None:
        try:
            answer = self._client.post(self.url, json=self.body(message),
                                       headers={"Idempotency-Key": message.idem_key})
        except httpx.TimeoutException as exc:
            raise SendFailed(f"gateway timed out ({type(exc).__name__})",
                             retryable=True) from None
        except httpx.HTTPError as exc:  # refused, reset, dropped after sending…
            raise SendFailed(f"gateway unreachable ({type(exc).__name__})",
                             retryable=True) from None
        if 200 <= answer.status_code < 300:
            return
        retryable = answer.status_code >= 500 or answer.status_code in RETRYABLE_4XX \
            or answer.status_code < 200 or 300 <= answer.status_code < 400
        raise SendFailed(f"gateway answered HTTP {answer.status_code}", retryable=retryable)

    def close(self) -> None:
        self._client.close()
