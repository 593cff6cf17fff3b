"""The window client's screens for ``python -m kiosk screenshots`` (``kiosk.ui.screenshots``).

``shoot(session)`` signs the clerk of window 1 in and works through a morning's turns:
the login, the main screen whose next-up list holds an appointment and 绿色通道 claims,
a ticket being served, the 绿色通道 check prompt, the 过号 confirmation asked right
after a call, the pause form and the paused window. Every database write of the tool
itself runs off the GUI thread; the screens' own actions go through the app's runner.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from kiosk.queue.actions import appointments, issuing, serving, windows
from kiosk.queue.reads import window as window_reads
from kiosk.ui.runner import off_gui_thread

WINDOW = 1
ITEM = "SCJG-001"   # an item of window 1's queue (A)
PASSWORD = "123456"  # the sample hall's demo accounts


def _prepare(ctx) -> str:
    """Window 1 free and open, with an appointment and two 绿色通道 claims waiting;
    returns the clerk who signs in."""
    screen = window_reads.window_screen(ctx, WINDOW)
    today = ctx.clock.now().astimezone(ZoneInfo(screen.timezone)).date()
    holder = screen.window.staff_no
    if holder and screen.window.state == "paused":
        windows.resume(ctx, window=WINDOW, staff_no=holder)
    if holder and screen.current is not None:
        serving.finish(ctx, window=WINDOW, staff_no=holder, outcome="consultation")
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


def shoot(session) -> None:
    from window_client.clerk.app import build_window_client

    staff_no = off_gui_thread(_prepare, session.ctx)
    client = build_window_client(session.ctx, session.settings, window=WINDOW,
                                 start_feed=False)
    try:
        client.resize(*session.size)
        client.show()
        s = _Shooter(session, client)
        page = client.login_page
        s.settle(lambda: bool(page._windows))
        page.staff_no.setText(staff_no)
        page.password.setText(PASSWORD)
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
        if s.main._form_action == "finish_and_call":     # a promised item: pick 受理
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
        client.shutdown()
        client.close()
        client.deleteLater()

