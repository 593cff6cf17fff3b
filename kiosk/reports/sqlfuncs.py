"""SQL pieces the two databases spell differently, behind one SQLAlchemy construct."""
from __future__ import annotations

from sqlalchemy import Float, Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class seconds_between(FunctionElement):  # noqa: N801 - used like a SQL function
    """Seconds from the first timestamp to the second, as a float (NULL if either is)."""

    type = Float()
    name = "seconds_between"
    inherit_cache = True


@compiles(seconds_between, "sqlite")
def _sqlite(element, compiler, **kw):
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


@compiles(seconds_between, "postgresql")
def _postgresql(element, compiler, **kw):
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"CAST(EXTRACT(EPOCH FROM ({end} - {start})) AS DOUBLE PRECISION)"


class truncate(FunctionElement):  # noqa: N801 - used like a SQL function
    """A number cut to its integer part (CAST rounds on PostgreSQL, truncates on SQLite)."""

    type = Integer()
    name = "truncate"
    inherit_cache = True


@compiles(truncate, "sqlite")
def _truncate_sqlite(element, compiler, **kw):
    return f"CAST({compiler.process(element.clauses, **kw)} AS INTEGER)"


@compiles(truncate, "postgresql")
def _truncate_postgresql(element, compiler, **kw):
    return f"CAST(TRUNC({compiler.process(element.clauses, **kw)}) AS INTEGER)"
