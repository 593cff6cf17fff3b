"""Validating a catalog (docs/catalog.md) before anything touches the database.

Two passes, every problem found in one go: the pydantic schema (``model``: types,
lengths, unknown keys) and the hall's rules between entries (``references``). A rule
problem on a field the schema already refused is dropped: its cause is already named.
Every problem names the file, the entry (by its code) and the field, in Chinese for the
manager's screen and in English for the command line.
"""
from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from kiosk.queue.catalog import references
from kiosk.queue.catalog.model import Catalog
from kiosk.queue.catalog.problems import FIELD_ZH, Problem, describe, locate

__all__ = ["FIELD_ZH", "Problem", "validate"]


def validate(data: Any, file: str) -> list[Problem]:
    """All problems in a parsed catalog; empty when it can be imported."""
    if not isinstance(data, dict):
        return [Problem(file, "catalog", "-", "文件内容应为键值对",
                        "the file must hold a mapping")]
    typed = _schema_problems(data, file)
    named = {(p.entry, p.field) for p in typed}
    return typed + [p for p in references.check(data, file)
                    if (p.entry, p.field) not in named]


def _schema_problems(data: dict, file: str) -> list[Problem]:
    try:
        Catalog.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            entry, field, detail = locate(error["loc"], data)
            zh, en = describe(error, field)
            if detail:
                zh, en = f"{detail}：{zh}", f"{detail}: {en}"
            problems.append(Problem(file, entry, field, zh, en))
        return problems
    return []
