"""Small steps the tests repeat: sign a clerk in, take tickets, serve one."""
from __future__ import annotations

from kiosk.queue.actions import calling, issuing, serving, windows
from kiosk.queue.demo import clerk_no

PASSWORD = "123456"


def open_window(ctx, number: int, staff_no: str | None = None) -> str:
    """Sign the window's demo clerk in; returns the staff number."""
    staff_no = staff_no or clerk_no(number)
    windows.sign_in(ctx, staff_no=staff_no, password=PASSWORD, window=number)
    return staff_no


def take(ctx, item_code: str = "SCJG-001", **kwargs):
    return issuing.issue_ticket(ctx, item_code=item_code, **kwargs)


def serve_next(ctx, window: int, outcome: str = "completed"):
    staff_no = clerk_no(window)
    called = calling.call_next(ctx, window=window, staff_no=staff_no)
    if called.ticket is None:
        return None
    serving.start(ctx, window=window, staff_no=staff_no)
    return serving.finish(ctx, window=window, staff_no=staff_no, outcome=outcome)
