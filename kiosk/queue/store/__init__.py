"""Persistence: the database (SQLite or PostgreSQL), schema migrations, the models,
the event log (audit trail and change feed in one table) and the feed that follows it.
"""
