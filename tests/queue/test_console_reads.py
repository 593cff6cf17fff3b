"""Every read of the manager console knows its caller and refuses anyone but a manager or
an admin in the service layer; the public screens' reads stay open."""
from __future__ import annotations

import datetime as dt

import pytest

from kiosk.errors import KioskError, NotFound, NotPermitted
from kiosk.queue.actions import admin, alerts, followup, rating, staff
from kiosk.queue.reads import audit as audit_reads, manager as manager_reads
from kiosk.queue.reads import display, hall as hall_reads, kiosk as kiosk_reads, window
from kiosk.queue.reads import pad as pad_reads
from kiosk.reports import details, live, registers, report
from tests.helpers import open_window, serve_next, take

DAY = dt.date(2026, 11, 23)
CLERK, MANAGER, ADMIN = "1001", "9001", "9000"


@pytest.fixture
def bad_rating(ctx) -> int:
    """A follow-up (for its rater details) and a busy hall to read about."""
    open_window(ctx, 1)
    take(ctx)
    served = serve_next(ctx, 1)
    rating.rate(ctx, ticket_id=served.ticket.id, level=1, reasons=["服务态度差"])
    (view,) = followup.list_followups(ctx, by=MANAGER)
    return view.id


def _console_reads(ctx, followup_id: int):
    """Each read of the console as a call taking only ``by``."""
    wanted = audit_reads.AuditFilter(DAY, DAY)
    return {
        "staff list": lambda by: manager_reads.staff_list(ctx, by=by),
        "windows and who sits there": lambda by: manager_reads.window_rows(ctx, by=by),
        "audit events": lambda by: audit_reads.audit_events(ctx, wanted, by=by),
        "audit actions": lambda by: audit_reads.audit_actions(ctx, by=by),
        "hall options": lambda by: manager_reads.hall_options(ctx, by=by),
        "live figures": lambda by: live.live_status(ctx, by=by),
        "alerts": lambda by: alerts.evaluate(ctx, by=by),
        "rater details": lambda by: followup.rater_details(ctx, followup_id, by=by),
        "follow-ups": lambda by: followup.list_followups(ctx, by=by),
        "report": lambda by: report.build_report(ctx, start=DAY, end=DAY, by=by),
        "ticket count": lambda by: details.count_tickets(ctx, start=DAY, end=DAY, by=by),
        "register": lambda by: registers.appointment_register(ctx, year=2026, month=11,
                                                              by=by),
    }


def test_a_window_clerk_is_refused_every_console_read(ctx, bad_rating):
    for name, read in _console_reads(ctx, bad_rating).items():
        with pytest.raises(NotPermitted) as refused:
            read(CLERK)
        assert refused.value.message_zh == "您没有执行此操作的权限", name


def test_a_manager_and_an_admin_get_them(ctx, bad_rating):
    for by in (MANAGER, ADMIN):
        got = {name: read(by) for name, read in _console_reads(ctx, bad_rating).items()}
        assert CLERK in {row.staff_no for row in got["staff list"]}
        assert got["windows and who sits there"][0].signed_in == (CLERK, "王芳")
        assert got["audit events"].total > 0
        assert ("ticket_called", "叫号") in got["audit actions"]
        assert "queue.recall_max" in {o.option.name for o in got["hall options"]}
        assert got["live figures"].ratings.bad == 1
        assert "bad_rating" in {a.kind for a in got["alerts"]}
        assert got["rater details"].level == 1
        assert got["report"].total.served == 1 and got["ticket count"] == 1


def test_a_disabled_manager_or_an_unknown_number_is_refused(ctx, bad_rating):
    staff.create_staff(ctx, staff_no="9002", name="李副主任", role="manager",
                       password="123456")
    admin.update_staff(ctx, staff_no="9002", active=False, by=ADMIN)
    for who in ("9002", "7777"):
        for name, read in _console_reads(ctx, bad_rating).items():
            with pytest.raises(NotFound):
                read(who)


def test_the_public_screens_read_without_a_caller(ctx):
    open_window(ctx, 1)
    take(ctx)
    reads = (lambda: hall_reads.windows(ctx), lambda: hall_reads.service_queues(ctx),
             lambda: display.display_state(ctx), lambda: window.window_screen(ctx, 1),
             lambda: pad_reads.pad_screen(ctx, 1), lambda: window.window_choices(ctx),
             lambda: kiosk_reads.kiosk_catalog(ctx))
    for read in reads:
        try:
            read()
        except KioskError as refused:  # pragma: no cover - the failure says which
            pytest.fail(f"a public screen's read was refused: {refused.message_zh}")
