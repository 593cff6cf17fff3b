"""The window client's screens for ``python -m kiosk screenshots`` (``kiosk.ui.screenshots``).

``shoot(session)`` signs the clerk of window 1 in and works through a morning's turns:
the login, the main screen whose next-up list holds an appointment and 绿色通道 claims,
a ticket being served, the 绿色通道 check prompt, the 过号 confirmation asked right
after a call, the pause form and the paused window. Then the clerk of window 2 finishes
a 承诺件 as 容缺受理 and works on cases (办件) on the 办件 page: the list with the
simulated week's cards, one case, the 补正告知 and 办结 forms. Every database write of
the tool itself runs off the GUI thread; the screens' own actions go through the app's
runner.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from kiosk.queue.actions import appointments, calling, issuing, serving, windows
from kiosk.queue.reads import window as window_reads
from kiosk.ui.runner import off_gui_thread

WINDOW = 1
ITEM = "SCJG-001"   # an item of window 1's queue (A)
CASE_WINDOW, CASE_ITEM = 2, "SCJG-004"   # a 承诺件 with 容缺 materials, queue B
PASSWORD = "123456"  # the sample hall's demo accounts


def _free(ctx, number: int):
    """Window ``number`` open with no ticket in hand; (its screen, its clerk or None)."""
    screen = window_reads.window_screen(ctx, number)
    holder = screen.window.staff_no
    if holder and screen.window.state == "paused":
        windows.resume(ctx, window=number, staff_no=holder)
    if holder and screen.current is not None:
        serving.finish(ctx, window=number, staff_no=holder, outcome="consultation")
    return screen, holder


def _prepare(ctx) -> str:
    """Window 1 free and open, with an appointment and two 绿色通道 claims waiting;
    returns the clerk who signs in."""
    screen, holder = _free(ctx, WINDOW)
    today = ctx.clock.now().astimezone(ZoneInfo(screen.timezone)).date()
    booking = appointments.record_booking(
        ctx, item_code=ITEM, day=today, slot_start=dt.time(10, 30), slot_minutes=30,
        name="张三", phone="13800138000")
    appointments.check_in(ctx, code=booking, phone_last_four="8000")
    issuing.issue_ticket(ctx, item_code=ITEM, priority="elderly")
    issuing.issue_ticket(ctx, item_code=ITEM, priority="disabled")
    return holder or "1001"


class _Shooter:
    def __init__(self, session, client) -> None:
        self.session, self.client = session, client
        self.main = client.main

    def idle(self) -> bool:
        runner = self.client.runner
        return not runner.busy and not runner._reads_running

    def settle(self, condition=lambda: True) -> None:
        self.session.wait(lambda: self.idle() and condition(), 30)

    def press(self, action: str, condition=lambda: True) -> None:
        self.main.handle(action)
        self.settle(condition)

    def shot(self, name: str) -> None:
        for _ in range(3):      # wrapped labels settle their heights over a few passes
            self.session.qt.sendPostedEvents()
            self.session.qt.processEvents()
        self.session.save(self.client, name)


def _prepare_case(ctx) -> str:
    """Window 2 calls a 食品经营许可 applicant out of turn; returns its clerk."""
    holder = _free(ctx, CASE_WINDOW)[1]
    if not holder:
        holder = "1002"
        windows.sign_in(ctx, staff_no=holder, password=PASSWORD, window=CASE_WINDOW)
    code = issuing.issue_ticket(ctx, item_code=CASE_ITEM).ticket.code
    calling.call_number(ctx, window=CASE_WINDOW, staff_no=holder, code=code)
    return holder


def _client(session, window: int, staff_no: str):
    from window_client.clerk.app import build_window_client

    client = build_window_client(session.ctx, session.settings, window=window,
                                 start_feed=False)
    client.resize(*session.size)
    client.show()
    s = _Shooter(session, client)
    page = client.login_page
    s.settle(lambda: bool(page._windows))
    page.staff_no.setText(staff_no)
    page.password.setText(PASSWORD)
    return client, s


def _close(client) -> None:
    client.shutdown()
    client.close()
    client.deleteLater()


def shoot(session) -> None:
    staff_no = off_gui_thread(_prepare, session.ctx)
    client, s = _client(session, WINDOW, staff_no)
    try:
        page = client.login_page
        s.shot("login")
        page.submit()
        s.settle(lambda: client.signed_in and s.main._screen is not None)
        s.settle(lambda: bool(s.main._screen.next_up))
        s.shot("main")
        panel = s.main.ticket_panel
        s.press("call_next", lambda: panel.code.text() != "—")
        s.press("start", lambda: s.main._current is not None
                and s.main._current.state == "serving")
        s.shot("serving")
        s.press("finish", lambda: s.main._form_action == "finish")
        s.shot("finish-form")
        s.main.close_form()
        s.press("finish_and_call")
        for _ in range(2):      # a promised item: pick 受理, then confirm 受理登记
            if s.main._form_action == "finish_and_call":
                s.press("finish_and_call")
        s.settle(lambda: panel.check_box.isVisible())
        s.shot("priority-check")
        s.press("no_show", lambda: s.main._form_action == "no_show")
        s.shot("no-show-confirm")
        s.main.close_form()
        panel.check_box.reject_button.click()
        s.settle(lambda: s.main._current is None)
        s.shot("priority-rejected")
        s.press("pause", lambda: s.main._form_action == "pause")
        s.shot("pause-form")
        s.press("pause", lambda: s.main._window is not None
                and s.main._window.state == "paused")
        s.shot("paused")
    finally:
        _close(client)
    shoot_cases(session)


def shoot_cases(session) -> None:
    """容缺受理 at window 2, then its 办件 page."""
    staff_no = off_gui_thread(_prepare_case, session.ctx)
    client, s = _client(session, CASE_WINDOW, staff_no)
    try:
        client.login_page.submit()
        s.settle(lambda: client.signed_in and s.main._current is not None)
        form = s.main.finish_form
        s.press("finish", lambda: s.main._form_action == "finish")
        form.outcomes.select_value("supply_later")
        s.shot("finish-outcomes")
        s.press("finish", lambda: form.case_step)
        form.missing.boxes[0].setChecked(False)
        form.phone.setText("13812345678")
        s.shot("finish-supply-later")
        s.press("finish", lambda: s.main._case_message is None
                and "承诺办结日期" in s.main.message.text())
        s.shot("case-registered")
        cases = client.cases
        s.main.cases_button.click()
        found = cases.finder.case_list
        s.settle(lambda: cases._shown is not None and found.count() > 1)
        s.shot("cases")
        red = next((found.item(i) for i in range(found.count())
                    if "红牌" in found.item(i).text()), None)
        if red is not None:
            found.itemClicked.emit(red)
            s.settle(lambda: cases._shown.detail.row.case_no == cases._wanted)
            s.shot("case-red")
        cases.request("case_correction_noticed")
        cases.correction_form.materials.boxes[1].setChecked(True)
        s.shot("case-correction-form")
        cases.close_form()
        cases.request("case_concluded")
        cases.conclude_form.decision.select_value(False)
        s.shot("case-conclude-form")
        cases.close_form()
    finally:
        _close(client)

