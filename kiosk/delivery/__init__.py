"""Delivering the outbox: a worker that claims due messages, hands them to a sender,
and retries with back-off, so nothing is lost in an outage nor sent twice."""
