"""Typed errors of the hall: each carries a Chinese message for the screen and an
English one for logs and the command line.
"""
from __future__ import annotations


class KioskError(Exception):
    """Base of every error a hall action can raise; nothing was changed when raised."""

    #: short machine-readable code, stable across releases
    code = "error"

    def __init__(self, message_zh: str, message_en: str, **details: object) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en
        self.details = details

    def __str__(self) -> str:
        return self.message_en


class NotFound(KioskError):
    code = "not_found"


class InvalidInput(KioskError):
    code = "invalid_input"


class AlreadyExists(InvalidInput):
    code = "already_exists"


class IllegalTransition(KioskError):
    """The action does not apply to the ticket or window in its current state."""

    code = "illegal_transition"


class NotPermitted(KioskError):
    """The actor may not do this (wrong window, wrong role, locked account)."""

    code = "not_permitted"


class ServiceUnavailable(KioskError):
    """The service cannot take a ticket now: closed, out of hours, daily limit reached."""

    code = "service_unavailable"


class CatalogInvalid(KioskError):
    """A catalog failed validation; ``problems`` lists every error found."""

    code = "catalog_invalid"

    def __init__(self, problems: list) -> None:
        lines = [p.english() for p in problems]
        super().__init__(
            f"目录校验未通过，共 {len(problems)} 处错误",
            f"catalog is invalid: {len(problems)} problem(s)\n" + "\n".join(lines),
        )
        self.problems = problems


class NotConfigured(KioskError):
    """This machine lacks a setting it cannot start without (e.g. which hall it is in)."""

    code = "not_configured"
