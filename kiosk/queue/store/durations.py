"""Seconds between two stored times, as one SQL expression, so a query can average
durations where the rows are (the two databases subtract times differently)."""
from __future__ import annotations

from sqlalchemy import Float
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class seconds_between(FunctionElement):  # noqa: N801 - reads as the SQL function it is
    """``end - start`` in seconds (a float); NULL when either is NULL."""

    type = Float()
    name = "seconds_between"
    inherit_cache = True


@compiles(seconds_between, "postgresql")
def _postgresql(element, compiler, **kw) -> str:
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"


@compiles(seconds_between, "sqlite")
def _sqlite(element, compiler, **kw) -> str:
    # UTC times stored as text; julianday reads them in days, good to about 50 µs
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 86400.0)"
