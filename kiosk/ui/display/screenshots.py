"""The display's screens for ``python -m kiosk screenshots``: the hall screen as the
simulated morning left it, a missed call, a hall of 40 and of 100 open windows (page by
page), a per-area screen, a window screen (窗口屏) and the staff-only speech mark.

Every read and write runs off the GUI thread (``off_gui_thread``); each screen is built
from a state read for it, with no feed or loader thread started.
"""
from __future__ import annotations

from kiosk.queue.reads.display import DisplayArea, display_state
from kiosk.ui.display.factory import MAX_CALLS, build_display
from kiosk.ui.display.speech_hookup import NullAnnouncer, SpeechHookup
from kiosk.ui.runner import off_gui_thread

PASSWORD = "123456"  # the sample hall's demo password


def shoot(session) -> None:
    ctx = session.ctx
    off_gui_thread(_queue_up, ctx)
    _save(session, "hall")
    off_gui_thread(_miss_one, ctx)
    _save(session, "no-show")
    _save(session, "speech-unavailable", speech_failed=True)
    _save(session, "area", area=DisplayArea(departments=("SCJG",)))
    _save(session, "window-screen", mode="window", window=_busy_window(session))
    for count in (40, 100):
        off_gui_thread(open_windows, ctx, count)
        _save(session, f"windows-{count}", pages=2 if count == 100 else 1)


def _save(session, name: str, *, pages: int = 1, speech_failed: bool = False,
          area: DisplayArea | None = None, mode: str = "hall",
          window: int | None = None) -> None:
    state = off_gui_thread(display_state, session.ctx, MAX_CALLS, area)
    display = build_display(session.ctx, session.settings, NullAnnouncer(), mode=mode,
                            portrait=session.portrait, window=window,
                            hookup=SpeechHookup(), speak=False, state=state, area=area)
    screen = display.screen
    try:
        screen.resize(*session.size)
        screen.show()
        session.qt.processEvents()
        if speech_failed:
            screen.header.set_speech_failed("未找到中文语音")
        session.save(screen, name)
        for page in range(2, pages + 1):
            screen.turn_page()
            session.save(screen, f"{name}-page-{page}")
    finally:
        screen.close()
        display.stop()
        screen.deleteLater()


def _busy_window(session) -> int:
    state = off_gui_thread(display_state, session.ctx, 1)
    serving = [w.number for w in state.windows if w.current_code]
    return serving[0] if serving else 1


#: items of several queues: citizens arriving at the kiosk while the screens are shot
ARRIVALS = ("SCJG-001", "SCJG-001", "WJW-002", "SCJG-002", "SCJG-001", "WJW-002")


def _queue_up(ctx) -> None:
    from kiosk.errors import KioskError
    from kiosk.queue.actions import issuing

    for item in ARRIVALS:
        try:
            issuing.issue_ticket(ctx, item_code=item)
        except KioskError:
            pass  # a queue closed in the simulated hall: the others still wait


def _miss_one(ctx) -> None:
    """One citizen does not come: a window calls the next and records 过号, then calls
    the one after."""
    from kiosk.queue.actions import calling

    for status in display_state(ctx, 1).windows:
        if status.state != "open" or status.current_code or not status.staff_no:
            continue
        try:
            called = calling.call_next(ctx, window=status.number, staff_no=status.staff_no)
            if called.ticket is None:
                continue
            calling.no_show(ctx, window=status.number, staff_no=status.staff_no,
                            confirmed=True)
            calling.call_next(ctx, window=status.number, staff_no=status.staff_no)
            return
        except Exception:  # noqa: BLE001, S112 - any refusal: try the next window
            continue


def open_windows(ctx, count: int) -> None:
    """Make ``count`` windows open in this scratch copy of the hall: add windows through
    the admin's catalog import when the hall has fewer, give each a clerk, sign them in,
    and let every third one call a ticket (some waiting tickets of the sample day)."""
    from kiosk.errors import KioskError
    from kiosk.queue import catalog
    from kiosk.queue.actions import admin, calling, staff, windows

    data = catalog.export_catalog(ctx)
    have = {w["number"] for w in data["windows"]}
    templates = list(data["windows"])
    for number in range(1, count + 1):
        if number not in have:
            base = templates[(number - 1) % len(templates)]
            data["windows"].append({**base, "number": number,
                                    "name": f"综合受理{number}号窗口"})
    admin.import_catalog_as(ctx, data, by="9000")
    for status in display_state(ctx, 1).windows[:count]:
        if status.state != "closed":
            continue
        staff_no = f"7{status.number:03d}"
        try:
            staff.create_staff(ctx, staff_no=staff_no, name=f"工作人员{status.number}",
                               role="window", password=PASSWORD)
        except KioskError:
            pass  # made by an earlier count
        windows.sign_in(ctx, staff_no=staff_no, password=PASSWORD, window=status.number)
        if status.number % 3 == 0:
            try:
                calling.call_next(ctx, window=status.number, staff_no=staff_no)
            except KioskError:
                pass
