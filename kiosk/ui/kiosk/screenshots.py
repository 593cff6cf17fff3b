"""The kiosk's screens for ``python -m kiosk screenshots`` (``kiosk.ui.screenshots``).

``shoot(session)`` renders every screen worth seeing at ``session.size``, in ordinary
and elder mode (files ``…-<screen>`` and ``…-elder-<screen>``): home, a department,
the guide and its 材料目录, taking a ticket, the ticket (printed and printer fault),
到号短信提醒 (the phone typed, then the promise),
search by pinyin and by item code, check-in, the ID card prompt and what a scan shows,
办件查询 (the number, the phone digits, a wrong try, a scanned notice's case),
and the refusals seen before the third tap (a sold-out queue, the lunch break). Tickets are really taken on the session's copy
of the hall; every database write of the tool itself runs off the GUI thread.
"""
from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

from kiosk.queue.actions import admin
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.rules.personal import CardReading
from kiosk.ui.runner import off_gui_thread

ADMIN = "9001"  # the sample hall's admin


def shoot(session) -> None:
    off_gui_thread(_people_waiting, session.ctx)
    for elder in (False, True):
        _shoot_mode(session, elder)


def _people_waiting(ctx) -> None:
    """A few citizens waiting in the first queues, so the tiles show their counts."""
    from kiosk.queue.actions import issuing
    from kiosk.queue.reads import kiosk as kiosk_reads

    catalog = kiosk_reads.kiosk_catalog(ctx)
    for count, department in zip((6, 3, 11, 2), catalog.departments):
        for _ in range(count):
            issuing.issue_ticket(ctx, item_code=department.items[0].code)


def closed_port() -> int:
    """A local TCP port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Shooter:
    def __init__(self, session, kiosk, elder: bool) -> None:
        self.session, self.kiosk = session, kiosk
        self.prefix = "elder-" if elder else ""
        self.finished: list = []
        kiosk.printer.job_finished.connect(lambda _token, result: self.finished.append(result))

    def shot(self, name: str) -> None:
        self.session.save(self.kiosk.window, self.prefix + name)

    def wait(self, condition) -> None:
        self.session.wait(condition, 30)

    def open_guide(self, item_code: str) -> None:
        w, c = self.kiosk.window, self.kiosk.controller
        c.open_guide(item_code)
        self.wait(lambda: w.current() is w.guide and w.guide.guide is not None
                  and w.guide.guide.code == item_code)

    def reload_queues(self) -> None:
        c = self.kiosk.controller
        shown: list = []
        c.queues_shown.connect(lambda: shown.append(True))
        c.load_queues()
        self.wait(lambda: bool(shown) and c.reads.idle)

    def take(self, button) -> None:
        count = len(self.finished)
        button.click()
        self.wait(lambda: len(self.finished) > count or self.kiosk.window.message.isVisible())


def _shoot_mode(session, elder: bool) -> None:
    from kiosk.printing import PrintFormat, PrintQueue
    from kiosk.printing.transports.file import FileTransport
    from kiosk.printing.transports.network import NetworkTransport
    from kiosk.ui.kiosk.app import build_kiosk

    printed = Path(session.workdir) / "printed.bin"
    queue = PrintQueue(FileTransport(str(printed)), PrintFormat(80, "raster"), 5.0)
    kiosk = build_kiosk(session.ctx, session.settings, queue, portrait=session.portrait,
                        elder=elder, app=session.qt)
    w, c = kiosk.window, kiosk.controller
    try:
        w.resize(*session.size)
        w.show()
        s = _Shooter(session, kiosk, elder)
        s.wait(lambda: c.catalog is not None and c.reads.idle
               and w.home.department_pager.tiles and w.home.search_button.isVisible()
               and (w.home.favourite_pager.tiles or not w.home.favourites.isVisible()))
        s.shot("home")
        department = c.catalog.departments[0]
        c.open_department(department.code)
        s.shot("department")
        item = department.items[0].code
        s.open_guide(item)
        s.shot("guide")
        w.guide.jump_to("materials")
        s.shot("guide-materials")
        w.guide.take_button.click()
        s.shot("take-ticket")
        s.take(w.take.ordinary_button)
        s.shot("ticket")
        mine = w.ticket.result.ticket.code
        c.open_remind()
        w.remind.keypad.type_text("1381234567")
        s.shot("remind")
        w.remind.keypad.type_text("8")
        w.remind.submit_button.click()
        s.wait(lambda: w.remind.taken or w.message.isVisible())
        s.shot("remind-done")

        good = kiosk.printer.queue
        kiosk.printer.queue = PrintQueue(NetworkTransport("127.0.0.1", closed_port()),
                                         PrintFormat(80, "gb18030"), 2.0)
        s.open_guide(c.catalog.departments[1].items[0].code)
        w.guide.take_button.click()
        s.take(w.take.priority_buttons["elderly"])
        s.wait(lambda: len(s.finished) >= 2)
        s.shot("ticket-printer-fault")
        kiosk.printer.queue.close()
        kiosk.printer.queue = good

        c.go_home()
        c.open_search()
        s.wait(lambda: w.search.index is not None)
        for key in "GTGS":
            w.search.keyboard.keys[key].click()
        s.shot("search")
        w.search.keyboard.clear()
        for key in item.upper():
            w.search.keyboard.keys[key].click()
        s.shot("search-code")
        c.go_home()
        c.open_check_in()
        w.check_in.keypad.type_text("2611")
        s.shot("check-in")
        w.check_in.show_digits("26112342")
        w.check_in.keypad.type_text("12")
        s.shot("check-in-digits")
        c.go_home()

        _devices(session, kiosk, s, item, mine)
        _cases(session, kiosk, s)
        _refusals(session, kiosk, s, department, item)
    finally:
        kiosk.close()
        kiosk.window.deleteLater()


def _devices(session, kiosk, s: _Shooter, item: str, code: str) -> None:
    """The ID card prompt of a queue taking tickets by card only, and what a scan shows
    (a ticket's status, a code that is not ours); scans are handed in as the scanner
    would, the card rule is the take screen's own."""
    w, c = kiosk.window, kiosk.controller
    s.open_guide(item)
    w.guide.take_button.click()
    w.take.set_card_mode("required", True)
    s.shot("card-prompt")
    prefix = c.catalog.item(item).prefix
    off_gui_thread(_card_rule, session.ctx, prefix, "optional", 70)
    try:
        c.show_card_prompt()  # no reader here: as with one, the line under the buttons
        w.take.set_card_mode("optional", True)
        s.shot("take-ticket-card-optional")
        count = len(s.finished)
        c.take_ticket(item, "none", card=CardReading(  # made up: 75 on the hall's day
            id_number="110101195106010000", name="王大爷", birth_date=dt.date(1951, 6, 1)))
        s.wait(lambda: len(s.finished) > count or w.message.isVisible())
        s.shot("ticket-by-card")
    finally:
        off_gui_thread(_card_rule, session.ctx, prefix, "off", 0)
    c.go_home()
    shown: list = []
    c.scan_shown.connect(shown.append)
    today = c.local_now().date().isoformat()
    c.go_home()
    kiosk.devices.code_scanned(f"KH1:{session.ctx.hall_code}:{today}:{code}")
    s.wait(lambda: len(shown) == 1 and w.message.isVisible())
    s.shot("scan-ticket-status")
    w.message.dismiss()
    kiosk.devices.code_scanned("https://example.com/promo?id=42")
    s.wait(lambda: len(shown) == 2 and w.message.isVisible())
    s.shot("scan-unknown")
    w.message.dismiss()
    c.go_home()


def _cases(session, kiosk, s: _Shooter) -> None:
    """办件查询: the number and the digits typed, a wrong try, and the case a scanned
    notice shows (one under 补正, so the paused clock and the materials show)."""
    w, c = kiosk.window, kiosk.controller
    case_no, token = off_gui_thread(_a_case, session.ctx)
    c.go_home()
    w.home.case_button.click()
    for key in case_no:
        w.case_lookup.keyboard.keys[key].click()
    s.shot("case-lookup")
    w.case_lookup.next_button.click()
    w.case_lookup.keypad.type_text("56")
    s.shot("case-lookup-digits")
    w.case_lookup.keypad.type_text("78")
    ended: list = []
    c.cases.lookup_ended.connect(lambda: ended.append(True))
    for tries in range(1, 4):  # three wrong tries: the warning of the pause to come
        w.case_lookup.search_button.click()
        s.wait(lambda: len(ended) >= tries)  # noqa: B023 - waited for inside the loop
        w.message.dismiss()
        w.case_lookup.keypad.type_text("5678")
    w.case_lookup.search_button.click()
    s.wait(lambda: w.message.isVisible() and not w.message.waiting)
    s.shot("case-refused")
    w.message.dismiss()
    if token:
        shown: list = []
        c.cases.case_shown.connect(shown.append)
        kiosk.devices.code_scanned(f"https://zwfw.example.gov.cn/c/{token}")
        s.wait(lambda: bool(shown))
        s.shot("case-result")
    c.reset()


def _a_case(ctx) -> tuple[str, str | None]:
    """A case of the simulated morning, put under 补正 (its number and link token); a
    made-up number when the morning accepted none."""
    from sqlalchemy import select

    from kiosk.queue.actions import case_moves
    from kiosk.queue.store.models import CaseFile, Material

    with ctx.db.read() as session:
        case = session.scalars(select(CaseFile).where(CaseFile.state == "accepted")
                               .order_by(CaseFile.id)).first()
        if case is None:
            return f"{ctx.hall_code.upper()}2026000123", None
        names = session.scalars(select(Material.name).where(
            Material.item_id == case.item_id).order_by(Material.id).limit(2)).all()
        case_no, token = case.case_no, case.web_token
    case_moves.notice_correction(ctx, case_no, by=ADMIN, materials=list(names) or ["申请表"])
    return case_no, token


def _card_rule(ctx, prefix: str, id_card: str, green_age: int) -> None:
    """The queue's ID card rule (through the catalog, as a manager sets it) and the
    hall's 绿色通道 age."""
    from kiosk.queue import catalog
    from kiosk.queue.actions import staff

    data = catalog.export_catalog(ctx)
    for service in data["services"]:
        if service["prefix"] == prefix:
            service["id_card"] = id_card
    catalog.import_catalog(ctx, data)
    staff.set_hall_setting(ctx, name="queue.green_channel_age", value=green_age)


def _refusals(session, kiosk, s: _Shooter, department, item: str) -> None:
    """A sold-out queue, then the lunch break: what the tiles say, and a tap on one."""
    w, c = kiosk.window, kiosk.controller
    prefix = c.catalog.item(item).prefix
    queues = {q.prefix: q for q in off_gui_thread(hall_reads.service_queues, session.ctx)}
    limit = queues[prefix].daily_limit
    off_gui_thread(lambda: admin.update_service(
        session.ctx, prefix=prefix, by=ADMIN, daily_limit=max(1, queues[prefix].issued_today)))
    try:
        s.reload_queues()
        c.open_department(department.code)
        s.shot("department-sold-out")
        c.choose_item(item)
        s.shot("refused-sold-out")
        w.message.dismiss()
        c.go_home()
    finally:
        off_gui_thread(lambda: admin.update_service(
            session.ctx, prefix=prefix, by=ADMIN, daily_limit=limit))

    clock = session.clock
    saved = clock.now()
    local = c.local_now()
    clock.set(saved + (dt.datetime.combine(local.date(), dt.time(12, 10), local.tzinfo)
                       - local))
    try:
        c.show_clock()
        s.reload_queues()
        s.shot("home-lunch-break")
        c.open_department(department.code)
        c.choose_item(item)
        s.shot("refused-out-of-hours")
        w.message.dismiss()
    finally:
        clock.set(saved)
        c.show_clock()
        s.reload_queues()
        c.reset()
