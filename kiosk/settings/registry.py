"""The registry itself: what an option is, how a raw value becomes its type, and the
one table of declared options (``machine`` and ``hall`` fill it at import)."""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

from kiosk.errors import InvalidInput


@dataclasses.dataclass(frozen=True)
class Option:
    name: str
    type: type
    default: Any
    description: str
    label_zh: str
    scope: str  # "hall" or "machine"
    choices: tuple = ()
    minimum: float | None = None
    maximum: float | None = None
    #: further rule on the parsed value: returns (zh, en) of what is wrong, or None
    check: Callable[[Any], tuple[str, str] | None] | None = None

    def parse(self, raw: Any) -> Any:
        """Turn a stored or typed-in value into this option's type, or raise InvalidInput."""
        try:
            value = _coerce(self.type, raw)
        except (TypeError, ValueError) as exc:
            raise InvalidInput(
                f"设置“{self.label_zh}”的值无效：{raw!r}",
                f"invalid value for {self.name}: {raw!r} ({exc})",
                option=self.name,
            ) from None
        if self.choices and value not in self.choices:
            raise InvalidInput(
                f"设置“{self.label_zh}”只能取：{'、'.join(map(str, self.choices))}",
                f"{self.name} must be one of {self.choices}, not {value!r}",
                option=self.name,
            )
        if self.minimum is not None and value < self.minimum:
            raise InvalidInput(
                f"设置“{self.label_zh}”不能小于 {self.minimum}",
                f"{self.name} must be >= {self.minimum}, not {value!r}",
                option=self.name,
            )
        if self.maximum is not None and value > self.maximum:
            raise InvalidInput(
                f"设置“{self.label_zh}”不能大于 {self.maximum}",
                f"{self.name} must be <= {self.maximum}, not {value!r}",
                option=self.name,
            )
        if self.check is not None and (wrong := self.check(value)) is not None:
            raise InvalidInput(f"设置“{self.label_zh}”无效：{wrong[0]}",
                               f"invalid {self.name} {value!r}: {wrong[1]}", option=self.name)
        return value


def _coerce(kind: type, raw: Any) -> Any:
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ValueError("not a boolean")
    if kind is list:
        if isinstance(raw, list):
            return raw
        return json.loads(raw) if str(raw).strip().startswith("[") else [
            part.strip() for part in str(raw).split(",") if part.strip()
        ]
    if kind is int and isinstance(raw, float) and not raw.is_integer():
        raise ValueError("not a whole number")
    return kind(raw)


OPTIONS: dict[str, Option] = {}


def declare(name, kind, default, description, label_zh, scope, **limits) -> None:
    assert name not in OPTIONS, f"option {name} declared twice"
    OPTIONS[name] = Option(name, kind, default, description, label_zh, scope, **limits)
