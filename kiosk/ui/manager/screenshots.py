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
SIGN_INS = (("9001", ("live", "alerts", "cases", "reports", "followups", "ratings")),
            ("9000", ("catalog", "windows", "staff", "settings", "audit")))
#: page key -> the screen names of its tabs after the first
TAB_NAMES = {"reports": ("reports-registers", "reports-cases"),
             "followups": ("followups-calendar",), "catalog": ("catalog-services",),
             "ratings": ("ratings-reconcile", "ratings-patterns")}


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
    _cases_concluded(ctx)
    shown = alerts.evaluate(ctx, by=manager)
    if shown:
        alerts.acknowledge(ctx, shown[-1].key, by=manager)
    _reports_delivered(ctx)
    _top_ratings_in_a_burst(ctx)


def _reports_delivered(ctx) -> None:
    """The province's platform took the morning's rating reports: most acknowledged,
    every ninth refused, the newest two waiting out a time-out."""
    from kiosk.delivery.worker import Deliverer
    from kiosk.messaging.base import SendFailed
    from kiosk.queue.reads.rating_reports import report_states

    newest = {row.rating_id for row in report_states(ctx, limit=2)}

    class Platform:
        def send(self, message):
            number = message.data["rating_id"]
            if number in newest:
                raise SendFailed("platform timed out (ReadTimeout)", retryable=True)
            if number % 9 == 4:
                raise SendFailed("platform answered HTTP 400: 事项版本号与平台登记不一致",
                                 retryable=False)
            return f"HCP{number:08d}"

    Deliverer(ctx, "province", Platform(), batch=100_000).run_once()


def _top_ratings_in_a_burst(ctx) -> None:
    """A clerk scans three of their own unrated tickets' QR codes and gives 非常满意
    seconds apart, so the 异常评价 tab shows what it flags."""
    from kiosk.errors import KioskError
    from kiosk.queue.actions import rating
    from kiosk.queue.reads import hall as hall_reads
    from kiosk.queue.store.feed import fetch_events, last_event_id

    after, unrated = max(last_event_id(ctx.db) - 3000, 0), {}
    while events := fetch_events(ctx.db, after):
        after = events[-1].id
        for event in events:
            if event.action == "ticket_unrated":
                unrated.setdefault(event.window_id, []).append(event.ticket_id)
    try:
        for ticket_id in max(unrated.values(), key=len, default=[])[-3:]:
            token = hall_reads.ticket(ctx, ticket_id).web_token
            rating.rate_by_token(ctx, web_token=token, level=5)
            ctx.clock.advance(seconds=7)
    except KioskError:
        pass  # a shorter morning without three: the tab shows none


def _cases_concluded(ctx) -> None:
    """Every third open case owing nothing is concluded by its clerk this morning (some
    late, some on time), so 限时办结 has rates to show."""
    from kiosk.queue.actions import case_moves
    from kiosk.queue.reads.cases import case_list

    for row in case_list(ctx)[::3]:
        if row.supply_due is None and row.staff_no:
            case_moves.conclude(ctx, row.case_no, by=row.staff_no, approved=True)


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
                if key == "reports" and name == "reports-registers":
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
    from kiosk.reports.case_report import case_report
    from kiosk.reports.report import build_report
    from kiosk.ui.runner import off_gui_thread

    if key == "reports":
        today = off_gui_thread(hall_reads.today, session.ctx)
        start = today - dt.timedelta(days=7)
        page.set_range(start, today)
        page.group_by.setCurrentIndex(page.group_by.findData("window"))
        page.show_report(*off_gui_thread(lambda: (build_report(
            session.ctx, start=start, end=today, group_by="window", by=staff_no),
            case_report(session.ctx, start=start, end=today, by=staff_no))))
    if key == "followups" and page.table.rowCount():
        page.table.selectRow(page.table.rowCount() - 1)
    if key == "cases" and page.table.rowCount():
        session.wait(lambda: console.calls.idle)
        owing = [r for r in range(page.table.rowCount())          # one owing 容缺 materials
                 if page.table.item(r, 7).text() != "—"]
        page.table.selectRow((owing or [0])[0])
    if key == "ratings":
        _reconciled(session, console, page)
    session.wait(lambda: console.calls.idle)


def _reconciled(session, console, page) -> None:
    """A failed report chosen, and the month reconciled against a platform export that
    lost one acknowledgement and lists one of another hall."""
    from kiosk.queue.reads.rating_reports import report_states
    from kiosk.ui.runner import off_gui_thread

    session.wait(lambda: console.calls.idle)
    for row in range(page.table.rowCount()):
        if "失败" in page.table.item(row, 5).text():
            page.table.selectRow(row)
            break
    acks = [r.ack_id for r in off_gui_thread(report_states, session.ctx) if r.ack_id]
    export = session.workdir / "province-acks.csv"
    export.write_text("回执编号\n" + "\n".join(acks[1:] + ["HCP99990001"]) + "\n",
                      encoding="utf-8")
    page.reconcile.choose_file(str(export))
    session.wait(lambda: console.calls.idle)


def _registers(session, console, panel) -> None:
    panel.load()
    session.wait(lambda: console.calls.idle)
