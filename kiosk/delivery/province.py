"""The rating reports' deliverer, built from the ``province.*`` settings: started by
``python -m kiosk web`` when ``province.url`` is set, and by
``python -m kiosk outbox deliver --channel province``.

It never gives up on an outage (``province.max_attempts`` 0: a rating is never lost),
backs off up to ``outbox.backoff_cap_s``, and fails a report at once when the platform
refuses it (4xx), keeping the platform's reason for the manager.
"""
from __future__ import annotations

import json

from kiosk.delivery.worker import Deliverer, _settings
from kiosk.errors import InvalidInput
from kiosk.messaging.province import ProvinceSender
from kiosk.queue.actions.rating_report import CHANNEL
from kiosk.queue.store.context import HallContext


def _json_map(settings, name: str) -> dict:
    text = settings.get(name)
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise InvalidInput(f"设置 {name} 应为字段对照的 JSON 对象",
                           f"{name} must be a JSON object of strings")
    return value


def province_sender_from_settings(ctx: HallContext) -> ProvinceSender:
    settings = _settings(ctx)
    url = settings.get("province.url")
    if not url:
        raise InvalidInput("未设置好差评平台地址（province.url）",
                           "province.url is not set: nowhere to report ratings")
    if not url.startswith(("http://", "https://")):
        raise InvalidInput("好差评平台地址应以 http:// 或 https:// 开头",
                           f"province.url must start with http:// or https://: {url!r}")
    return ProvinceSender(
        url, app_id=settings.get("province.app_id"), secret=settings.get("province.secret"),
        timeout_s=settings.get("province.timeout_s"),
        fields=_json_map(settings, "province.fields"),
        values={"channel": _json_map(settings, "province.channel_codes")},
        ack_path=settings.get("province.ack_path"),
        headers={part: settings.get(f"province.header_{part}")
                 for part in ("app_id", "timestamp", "nonce", "signature")})


def province_deliverer(ctx: HallContext, **kwargs) -> Deliverer:
    settings = _settings(ctx)
    options = {"max_attempts": settings.get("province.max_attempts"),
               "per_recipient_per_hour": 0, **kwargs}
    return Deliverer.from_settings(ctx, CHANNEL, province_sender_from_settings(ctx),
                                   **options)
