"""``column IN (a, b)`` for a list fixed when the statement is built.

SQLAlchemy's ``column.in_([a, b])`` makes an "expanding" parameter whose SQL is
rendered again on every execution (the list could change length), which costs a hot
statement more CPU than running it. A list that never changes is bound value by value
instead, so the statement's SQL is rendered once.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, literal


def fixed_in(column: ColumnElement, values: Iterable[Any]) -> ColumnElement[bool]:
    """``column IN (values…)``, each value a parameter of the column's type."""
    return column.in_([literal(value, column.type) for value in values])
