"""Length limits of every text the hall stores, defined once: the models size their
columns from these, and the catalog schema and the free-text rule check against them,
so a text is refused the same way on SQLite and on PostgreSQL before anything is
written."""
from __future__ import annotations
