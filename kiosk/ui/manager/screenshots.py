"""The manager console's screens for ``python -m kiosk screenshots DIR --app manager``.

The session's hall already has a simulated morning (and, unless ``--quick``, last
Monday in full); ``shoot`` adds a little manager work (a follow-up verified, an alert
acknowledged, holidays in the calendar), then signs in as the demo manager (and the
admin, for the administration pages) and saves the login and every page and tab. The
tool's database work runs off the GUI thread, and each page is saved once the reads it
asked for have come back.
"""
from __future__ import annotations

import datetime as dt

#: (staff number, pages it shows): the manager's pages, then the admin's
SIGN_INS = (("9001", ("live", "alerts", "reports", "followups")),
            ("9000", ("catalog", "windows", "staff", "settings", "audit")))
#: page key -> the screen names of its tabs after the first
TAB_NAMES = {"reports": ("reports-registers",), "followups": ("followups-calendar",),
             "catalog": ("catalog-services",)}


def _prepare(ctx, manager: str) -> None:
    """A little manager work, so the pages show it: one follow-up verified, one alert
    acknowledged, a holiday in the calendar."""
    from kiosk.errors import KioskError
    from kiosk.queue.actions import alerts, calendar, followup

    followup.open_followups_for_new_bad_ratings(ctx)
    for offset in range(7):
        calendar.set_day(ctx, dt.date(2026, 10, 1) + dt.timedelta(days=offset), False,
                         "国庆节、中秋节", by=manager)
    calendar.set_day(ctx, dt.date(2026, 10, 10), True, "国庆调休上班", by=manager)
    calendar.set_day(ctx, dt.date(2026, 12, 31), False, "元旦调休", by=manager)
    views = followup.list_followups(ctx, by=manager)
    if views:
        oldest = views[-1]
        try:
            followup.verify(ctx, oldest.id, by=manager, note="调阅录像，情况属实，已约谈窗口人员")
            followup.start_fix(ctx, oldest.id, by=manager, note="安排业务培训，优化叫号排班")
        except KioskError:
            pass
    shown = alerts.evaluate(ctx, by=manager)
    if shown:
        alerts.acknowledge(ctx, shown[-1].key, by=manager)


def shoot(session) -> None:
    """Save the login and every console page (and tab) at ``session.size``."""
    from kiosk.queue.actions.manager_auth import sign_in_manager
    from kiosk.ui.manager.console import build_console
    from kiosk.ui.manager.login import LoginDialog
    from kiosk.ui.runner import off_gui_thread

    ctx = session.ctx
    off_gui_thread(_prepare, ctx, "9001")
    login = LoginDialog(ctx, "示例市政务服务中心")
    login.staff_no.setText("9001")
    login.show()
    session.save(login, "login")
    login.close()
    for staff_no, keys in SIGN_INS:
        user = off_gui_thread(sign_in_manager, ctx, staff_no, "123456")
        console = build_console(ctx, session.settings, user)
        console.resize(*session.size)
        console.show()
        session.wait(lambda c=console: c.calls.idle)
        for key in keys:
            page = console.show_page(key)
            _get_ready(session, console, page, key, staff_no)
            session.save(console, key)
            for index, name in enumerate(TAB_NAMES.get(key, ()), 1):
                page.tabs.setCurrentIndex(index)
                if key == "reports":
                    _registers(session, console, page.registers)
                    session.save(console, name)
                    page.registers.kind.setCurrentIndex(
                        page.registers.kind.findData("supply_later"))
                    _registers(session, console, page.registers)
                    session.save(console, "reports-supply-later")
                else:
                    session.save(console, name)
                page.tabs.setCurrentIndex(0)
        console.close()


def _get_ready(session, console, page, key: str, staff_no: str) -> None:
    """What a manager would do before looking: a week's report by window, the oldest
    follow-up selected."""
    from kiosk.queue.reads import hall as hall_reads
    from kiosk.reports.report import build_report
    from kiosk.ui.runner import off_gui_thread

    if key == "reports":
        today = off_gui_thread(hall_reads.today, session.ctx)
        start = today - dt.timedelta(days=7)
        page.set_range(start, today)
        page.group_by.setCurrentIndex(page.group_by.findData("window"))
        page.show_report(off_gui_thread(lambda: build_report(
            session.ctx, start=start, end=today, group_by="window", by=staff_no)))
    if key == "followups" and page.table.rowCount():
        page.table.selectRow(page.table.rowCount() - 1)
    session.wait(lambda: console.calls.idle)


def _registers(session, console, panel) -> None:
    panel.load()
    session.wait(lambda: console.calls.idle)
