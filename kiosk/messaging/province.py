"""The provincial 好差评 platform's adapter: one signed JSON POST per rating report.

Every province names its fields differently, so ``fields`` maps ours (the payload's
keys, and ``idem_key``) to theirs; a dot nests (``"level": "data.pjdj"``), "" leaves a
field out, an unmapped field keeps our name; ``values`` maps our codes to theirs (the
channel: ``{"channel": {"pad": "4"}}``). Each request carries the app id, a
timestamp (Unix seconds), a nonce and ``signature()``: HMAC-SHA256 with the secret over
timestamp + nonce + the exact body bytes, lower-case hex; the header names are
configurable. The idempotency key goes in the ``Idempotency-Key`` header too.

A 2xx answer whose JSON holds the acknowledgement id at ``ack_path`` means delivered
(without one: tried again, the platform drops the repeat by key); a 4xx other than
408/425/429 is a refusal that fails for good, with the platform's reason; anything else
(5xx, time-out, refused connection) is tried again later.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from typing import Any

import httpx

from kiosk.messaging.base import Message, SendFailed
from kiosk.messaging.http_json import RETRYABLE_4XX

REASON_KEYS = ("message", "msg", "errmsg", "error", "reason")


def signature(secret: str, timestamp: str, nonce: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + nonce.encode() + body,
                    hashlib.sha256).hexdigest()


def put(target: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


def get(source: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(source, dict):
            return None
        source = source.get(part)
    return source


class ProvinceSender:
    def __init__(self, url: str, *, app_id: str, secret: str, timeout_s: float = 10.0,
                 fields: dict[str, str] | None = None, ack_path: str = "data.id",
                 values: dict[str, dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None,
                 client: httpx.Client | None = None,
                 now: Callable[[], float] = time.time,
                 nonce: Callable[[], str] = lambda: secrets.token_hex(16)) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError("the platform URL must start with http:// or https://")
        self.url, self.app_id, self.secret = url, app_id, secret
        self.fields, self.ack_path = dict(fields or {}), ack_path
        self.values = dict(values or {})  # {our field: {our value: theirs}}
        self.headers = {"app_id": "X-App-Id", "timestamp": "X-Timestamp",
                        "nonce": "X-Nonce", "signature": "X-Signature", **(headers or {})}
        self._now, self._nonce = now, nonce
        self._client = client or httpx.Client(timeout=timeout_s, follow_redirects=False)

    def body(self, message: Message) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in {**message.data, "idem_key": message.idem_key}.items():
            theirs = self.fields.get(name, name)
            if theirs:
                put(out, theirs, self.values.get(name, {}).get(value, value)
                    if isinstance(value, str) else value)
        return out

    def send(self, message: Message) -> str | None:
        body = json.dumps(self.body(message), ensure_ascii=False, sort_keys=True,
                          separators=(",", ":")).encode()
        timestamp, nonce = str(int(self._now())), self._nonce()
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "Idempotency-Key": message.idem_key,
                   self.headers["app_id"]: self.app_id,
                   self.headers["timestamp"]: timestamp, self.headers["nonce"]: nonce,
                   self.headers["signature"]: signature(self.secret, timestamp, nonce,
                                                        body)}
        try:
            answer = self._client.post(self.url, content=body, headers=headers)
        except httpx.TimeoutException as exc:
            raise SendFailed(f"platform timed out ({type(exc).__name__})",
                             retryable=True) from None
        except httpx.HTTPError as exc:
            raise SendFailed(f"platform unreachable ({type(exc).__name__})",
                             retryable=True) from None
        status = answer.status_code
        if 200 <= status < 300:
            return self._ack(answer)
        refused = 400 <= status < 500 and status not in RETRYABLE_4XX
        raise SendFailed(f"platform answered HTTP {status}{_reason(answer)}",
                         retryable=not refused)

    def _ack(self, answer: httpx.Response) -> str | None:
        if not self.ack_path:
            return None
        try:
            ack = get(answer.json(), self.ack_path)
        except ValueError:
            ack = None
        if ack is None or ack == "":
            raise SendFailed(f"platform answered HTTP {answer.status_code} without an "
                             f"acknowledgement at {self.ack_path}{_reason(answer)}",
                             retryable=True)
        return str(ack)

    def close(self) -> None:
        self._client.close()


def _reason(answer: httpx.Response) -> str:
    """The platform's own words, for the manager's 失败 column."""
    try:
        data = answer.json()
    except ValueError:
        text = answer.text.strip()
        return f": {text[:200]}" if text else ""
    for key in REASON_KEYS:
        if isinstance(data, dict) and data.get(key):
            return f": {str(data[key])[:200]}"
    return ""
