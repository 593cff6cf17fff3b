"""What each tap on the kiosk does: calls into the queue, then shows the outcome.

Nothing here touches the database on the GUI thread. Reads (catalog, most-used items,
guide and 办理数量, settings) run on a read worker (``reads.ScreenReads``) and land here
as signals: a refusal (``KioskError``) shows its Chinese message on the message panel, a
database failure shows 系统繁忙 and logs the English cause, and the kiosk carries on
either way. Taking a ticket and checking in run on an action worker
(``taps.TapActions``: the wait, the way out and the give-up). Screens never call the
core themselves; they emit intents that land here.
"""
from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.clock import hall_time
from kiosk.queue.actions import appointments, issuing, reminders
from kiosk.queue.reads import kiosk as kiosk_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.snapshots import IssueResult
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.case_query import CaseQuery
from kiosk.ui.kiosk.idle import IdleWatcher
from kiosk.ui.kiosk.printer_link import PrinterLink
from kiosk.ui.kiosk.queue_tiles import QueueTiles
from kiosk.ui.kiosk.reads import ScreenReads
from kiosk.ui.kiosk.printing import KioskSlips
from kiosk.ui.kiosk.search_index import ItemIndex, romanize_elsewhere
from kiosk.ui.kiosk.slips_from import ticket_qr_payload
from kiosk.ui.kiosk.taps import TapActions
from kiosk.ui.kiosk.window import KioskWindow

log = logging.getLogger(__name__)

#: events after which the guide's 办理数量 may have changed
_COUNT_EVENTS = frozenset({"service_finished", "day_closed", "catalog_imported"})
#: events after which the most-used list may have changed
_USAGE_EVENTS = frozenset({"ticket_issued", "appointment_checked_in", "catalog_imported"})


class KioskController(QueueTiles, QObject):
    ticket_shown = Signal(object)     # the IssueResult now on the ticket screen
    error_shown = Signal(str)         # the Chinese message put on the message panel
    reset_done = Signal()             # the idle reset brought the kiosk home
    action_ended = Signal()           # a ticket or check-in tap has its outcome on screen
    guide_shown = Signal(str)         # the guide of this item code is on screen
    catalog_shown = Signal()          # home shows the catalog just read
    queues_shown = Signal()           # the tiles show the queue states just read
    scan_shown = Signal(object)       # a scanned code's answer is on screen (its route)
    _index_built = Signal(object)     # search index thread -> GUI thread

    def __init__(self, ctx: HallContext, settings: Settings, printer: PrinterLink,
                 window: KioskWindow, feed: QObject | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.printer = printer
        self.window = window
        self.feed = feed
        self.catalog: kiosk_reads.KioskCatalog | None = None
        self.index = None
        self._stale_catalog = self._stale_usage = False
        self._issuing_item: str | None = None   # the item whose ticket is being taken
        self._refused_item: str | None = None   # its refusal is on the message panel
        self._explained_item: str | None = None  # a refused tile's explanation is shown
        self._queues_due: object = None          # the valid_until already asked about
        #: the ID card reader's bridge (``devices.KioskDevices`` sets it), or None
        self.card_reader = None
        self.taps = TapActions(ctx, window.message, self)
        self.runner = self.taps.runner
        self.reads = ScreenReads(ctx, window.message, self)
        self.cases = CaseQuery(self, self)  # 办件查询: its screens, reads and wrong tries
        self.slips = KioskSlips(self, self)  # the ticket and the 一次性告知单 on paper
        self._index_wanted = False
        self.idle = IdleWatcher(settings.get("kiosk.idle_timeout_s"), self)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.clock_timer.timeout.connect(self.show_clock)
        self._wire()

    def _wire(self) -> None:
        w = self.window
        w.back_requested.connect(self.go_back)
        w.home_requested.connect(self.go_home)
        w.elder_toggled.connect(w.set_elder)
        w.fit_changed.connect(self.show_clock)
        w.home.department_chosen.connect(self.open_department)
        w.home.item_chosen.connect(self.choose_item)
        w.home.search_requested.connect(self.open_search)
        w.home.check_in_requested.connect(self.open_check_in)
        w.department.item_chosen.connect(self.choose_item)
        w.search.item_chosen.connect(self.choose_item)
        w.search.set_status_of(self.item_status)
        w.message.action_chosen.connect(self._explained_action)
        w.guide.take_ticket_requested.connect(self.open_take)
        w.guide.notice_requested.connect(self.slips.print_notice)
        w.take.ticket_requested.connect(self.take_ticket)
        w.check_in.check_in_requested.connect(self.check_in)
        w.ticket.finished.connect(self.go_home)
        w.ticket.remind_requested.connect(self.open_remind)
        w.remind.phone_entered.connect(self.leave_phone)
        w.remind.finished.connect(self.go_home)
        self.taps.succeeded.connect(self._tap_succeeded)
        self.taps.refused.connect(self._tap_refused)
        self.taps.ended.connect(self.action_ended)
        self.taps.ended.connect(self._tap_ended)
        self.reads.catalog_loaded.connect(self._catalog_loaded)
        self.reads.queues_loaded.connect(self._queues_loaded)
        self.reads.most_used_loaded.connect(self._most_used_loaded)
        self.reads.guide_loaded.connect(self._guide_loaded)
        self.reads.counts_loaded.connect(self._counts_loaded)
        self.reads.settings_loaded.connect(self._settings_loaded)
        self.reads.refused.connect(self.show_error)
        self.idle.idle_timed_out.connect(self.reset)
        self._index_built.connect(self._use_index)
        if self.feed is not None:
            self.feed.events_arrived.connect(self.on_events)
            if hasattr(self.feed, "connection_restored"):
                self.feed.connection_restored.connect(self._database_back)

    # --- start and stop -------------------------------------------------------------

    def start(self, app: QObject) -> None:
        """Show home and read the catalog for it (it fills in when the read returns;
        a database out of reach is read again until it answers)."""
        self._load_catalog()
        self.show_clock()
        self.clock_timer.start()
        self.idle.start(app)

    def stop(self) -> None:
        self.taps.stop()
        self.reads.stop()
        self.cases.stop()
        self.idle.stop()
        self.clock_timer.stop()
        self.window.ticket.stop_timers()

    def _load_catalog(self) -> None:
        self._stale_catalog = True  # until the read returns: asked again on the way home
        self.reads.load_catalog()

    def _catalog_loaded(self, catalog: kiosk_reads.KioskCatalog) -> None:
        first = self.catalog is None
        self.catalog = catalog
        self._stale_catalog = False
        self.window.hall_label.set_plain_text(catalog.hall_name)
        self.window.home.set_catalog(catalog, self.local_now())
        self._show_queue_states()
        self._load_most_used()
        self.window.check_in.set_rules(self.settings.get("queue.appointment_early_minutes"),
                                       self.settings.get("queue.appointment_late_minutes"))
        if first:  # never delays the first screen
            QTimer.singleShot(200, self, self._build_index)
            if catalog.items:
                self.reads.rehearse_issue(catalog.items[0].code)
        else:
            self._build_index()
        self.catalog_shown.emit()

    def _load_most_used(self) -> None:
        self.reads.load_most_used()

    def _most_used_loaded(self, items: list) -> None:
        self.window.home.set_most_used(
            [(code, name, *self.item_status(code)) for code, name in items])
        self._stale_usage = False

    def _build_index(self) -> None:
        """Convert item names to pinyin off the GUI thread; the search screen gets the
        index when it is ready (it says 请稍候 until then)."""
        if self.catalog is None:
            return
        items = self.catalog.items

        def work() -> None:
            try:
                index = ItemIndex(items, romanize_elsewhere([i.name for i in items]))
            except Exception:  # noqa: BLE001 - search stays unavailable, the rest works
                log.exception("building the search index failed")
                return
            try:
                self._index_built.emit(index)
            except RuntimeError:  # the kiosk was closed meanwhile
                pass

        threading.Thread(target=work, name="kiosk-search-index", daemon=True).start()

    def _use_index(self, index) -> None:
        self.index = index
        self.window.search.set_index(index)

    # --- messages -------------------------------------------------------------------

    def show_error(self, title: str, text: str) -> None:
        self._refused_item = self._explained_item = None
        self.window.message.show_message(title, text)
        self.error_shown.emit(text)

    # --- navigation -----------------------------------------------------------------

    def go_home(self) -> None:
        if self.taps.busy:
            return  # the ticket being issued is shown next
        self.reads.forget()
        if self._stale_catalog:
            self._load_catalog()
        elif self._stale_usage:
            self._load_most_used()
        self._ticket_token = None
        self.window.go_home()

    def go_back(self) -> None:
        if self.taps.busy:
            return
        self.reads.forget()  # a guide still being read is not wanted any more
        if self.window.current() is self.window.ticket:
            self.go_home()
        elif self.window.current() is self.window.check_in \
                and self.window.check_in.step == "digits":
            self.window.check_in.show_entry()  # 返回 from the phone digits: the code
        elif self.window.current() is self.window.case_lookup \
                and self.window.case_lookup.step_back():
            pass                               # 返回 from the phone digits: the number
        else:
            self.window.go_back()

    def open_department(self, code: str) -> None:
        department = self.catalog.department(code) if self.catalog else None
        if department is None:
            self.show_error(translate("KioskController", "没有找到"),
                            translate("KioskController", "该部门暂无可办理的事项"))
            return
        self.window.department.show_department(department, self.catalog, self.local_now())
        self.window.show_screen(self.window.department)

    def open_guide(self, item_code: str) -> None:
        """Read the item's guide; it is shown when the read returns (请稍候 meanwhile)."""
        self.reads.open_guide(item_code)

    def _guide_loaded(self, guide, counts) -> None:
        self.window.guide.show_guide(guide, *(counts or (0, 0)))
        self.window.show_screen(self.window.guide)
        self.guide_shown.emit(guide.code)

    def open_take(self, item_code: str) -> None:
        guide = self.window.guide.guide
        if guide is None or guide.code != item_code:
            return
        if self._explain_refusal(item_code):
            self._refused_item = item_code
            return
        self.window.take.show_item(guide)
        self.show_card_prompt()
        self.window.show_screen(self.window.take)

    def show_card_prompt(self) -> None:
        """The take screen's word on the ID card: its queue's rule, and the reader."""
        take = self.window.take
        state = self.item_state(take.item_code) if take.item_code else None
        reader = self.card_reader
        take.set_card_mode(state.id_card if state else "off", reader is not None,
                           reader.problem.message_zh if reader and reader.problem else "")

    def open_search(self) -> None:
        self.window.show_screen(self.window.search)
        self.window.search.field.setFocus()  # a Chinese input method or keyboard types here

    def open_check_in(self) -> None:
        self.window.check_in.clear_input()
        self.window.show_screen(self.window.check_in)
        self.window.check_in.field.setFocus()

    # --- tickets --------------------------------------------------------------------

    def take_ticket(self, item_code: str, priority: str, card=None) -> None:
        """Issue the item's ticket; ``card``: the CardReading of the ID card placed."""
        if self.window.current() is not self.window.take or self.taps.busy:
            return  # a second tap while the first is issued, or after it was shown
        self._issuing_item = item_code
        by_card = {"card": card} if card is not None else {}
        self.taps.submit("issue", issuing.issue_ticket, item_code=item_code, priority=priority,
                         **by_card)

    def check_in(self, mode: str, value: str, last_four: str = "") -> None:
        if self.window.current() is not self.window.check_in or self.taps.busy:
            return
        if not value:
            self.show_error(translate("KioskController", "请检查输入"),
                            translate("KioskController", "请先输入预约号或手机号"))
            return
        if mode == "code" and len(last_four) != 4:
            self.show_error(translate("KioskController", "请检查输入"),
                            translate("KioskController", "请输入预约手机号的后四位数字"))
            return
        kwargs = {"phone": value} if mode == "phone" \
            else {"code": value, "phone_last_four": last_four}
        self.taps.submit("check_in", appointments.check_in, **kwargs)

    def open_remind(self) -> None:
        """到号短信提醒 for the ticket on screen: the phone on the digit keypad."""
        result = self.window.ticket.result
        if self.window.current() is not self.window.ticket or result is None:
            return
        self.window.ticket.stop_timers()
        self.window.remind.show_for(result.ticket.id, result.ticket.code)
        self.window.show_screen(self.window.remind, remember=False)

    def leave_phone(self, ticket_id: int, phone: str) -> None:
        if self.window.current() is not self.window.remind or self.taps.busy:
            return
        if not phone:
            self.show_error(translate("KioskController", "请检查输入"),
                            translate("KioskController", "请输入 1 开头的 11 位手机号码"))
            return
        self.taps.submit("remind", _leave_phone, ticket_id=ticket_id, phone=phone)

    def _tap_ended(self) -> None:
        """A refused check-in: the phone digits are typed afresh (the code stays)."""
        self._issuing_item = None  # a tap given up or let go: no refusal names it later
        if self.window.current() is self.window.check_in:
            self.window.check_in.clear_digits()

    def _tap_succeeded(self, name: str, result: IssueResult) -> None:
        self._issuing_item = None
        self.load_queues()  # the waiting counts (and a limit) changed here
        if name == "check_in":
            self._checked_in(result)
        elif name == "remind":
            self.window.remind.show_done(result.phone_masked, result.ahead)
        else:
            self._show_ticket(result)

    def _checked_in(self, result: IssueResult) -> None:
        self.window.check_in.clear_input()
        slot = result.ticket.due_at
        label = (translate("KioskController", "预约签到 · %1 时段 · 优先叫号").replace(
            "%1", hall_time(slot, self.catalog.timezone).strftime("%H:%M"))
            if slot and self.catalog else translate("KioskController", "预约签到 · 优先叫号"))
        self._show_ticket(result, label)

    def _show_ticket(self, result: IssueResult, appointment_label: str | None = None) -> None:
        ticket = result.ticket
        timezone = self.catalog.timezone if self.catalog else "Asia/Shanghai"
        hall_name = self.catalog.hall_name if self.catalog else ""
        web_base = self.settings.get("web.base_url")
        payload = ticket_qr_payload(self.ctx.hall_code, ticket.day, ticket.code,
                                    hall_name=hall_name, queue_name=ticket.service_name,
                                    web_base=web_base, web_token=ticket.web_token)
        self.window.ticket.show_ticket(result, hall_time(ticket.issued_at, timezone), payload,
                                       appointment_label)
        self.window.ticket.set_remind_offered(bool(self.settings.get("reminders.enabled"))
                                              and ticket.state in ("waiting", "transferred"))
        self.window.show_screen(self.window.ticket, remember=False)
        self.slips.print_ticket(result, hall_name=hall_name, timezone=timezone,
                                appointment_label=appointment_label, web_base=web_base)
        self.ticket_shown.emit(result)

    # --- live updates ---------------------------------------------------------------

    def on_events(self, events: list) -> None:
        actions = {event.action for event in events}
        if self.catalog is not None:
            self.load_queues()  # waiting counts move with nearly every event
        if "catalog_imported" in actions:
            self._stale_catalog = True
        if actions & _USAGE_EVENTS:
            self._stale_usage = True
        if "setting_changed" in actions:
            self._reload_settings()
        guide = self.window.guide.guide  # the last guide opened (maybe one screen back)
        if actions & _COUNT_EVENTS and guide is not None:
            self.reads.load_counts(guide.code)

    def _counts_loaded(self, item_code: str, counts: tuple[int, int]) -> None:
        guide = self.window.guide.guide
        if guide is not None and guide.code == item_code:
            self.window.guide.show_counts(*counts)

    def _database_back(self) -> None:
        """Events may have been missed while the database was away: reload lists the
        next time home is shown; reads waiting for a retry go now."""
        self._stale_catalog = True
        self.load_queues()
        self.reads.runner.retry_now()

    def _reload_settings(self) -> None:
        self.reads.load_settings()

    def _settings_loaded(self, settings: Settings) -> None:
        self.settings = settings
        self.idle.set_timeout(settings.get("kiosk.idle_timeout_s"))
        self.window.check_in.set_rules(settings.get("queue.appointment_early_minutes"),
                                       settings.get("queue.appointment_late_minutes"))

    def show_clock(self) -> None:
        timezone = self.catalog.timezone if self.catalog else "Asia/Shanghai"
        now = hall_time(self.ctx.clock.now(), timezone)
        weekdays = (translate("KioskController", "星期一"), translate("KioskController", "星期二"),
                    translate("KioskController", "星期三"), translate("KioskController", "星期四"),
                    translate("KioskController", "星期五"), translate("KioskController", "星期六"),
                    translate("KioskController", "星期日"))
        if self.window.portrait:  # the time over a short date
            text = f"{now:%H:%M}\n{now:%m-%d} {weekdays[now.weekday()]}"
        elif self.window.narrow:
            text = f"{now:%m-%d} {weekdays[now.weekday()]}  {now:%H:%M}"
        else:
            text = f"{now:%Y-%m-%d} {weekdays[now.weekday()]}  {now:%H:%M}"
        if text != self.window.clock_label.plain_text():  # once a minute, not a second
            self.window.clock_label.set_plain_text(text)
        self._check_queue_clock()

    # --- idle -----------------------------------------------------------------------

    def reset(self) -> None:
        """Nobody is using the kiosk: home, elder mode off, everything typed forgotten."""
        self.taps.forget()  # the next citizen's tap is a new request
        self.reads.forget()  # nor does anyone wait for a guide
        self.window.message.dismiss()
        for screen in self.window.screens():
            screen.clear_input()
        if self.window.elder:
            self.window.set_elder(False)
        self.go_home()
        self.reset_done.emit()


def _leave_phone(ctx: HallContext, *, ticket_id: int, phone: str,
                 request_id: str | None = None) -> reminders.ReminderView:
    """The tap's action: leaving a phone again only replaces it, so the tap's request id
    (for replaying a ticket) is not needed."""
    return reminders.leave_phone(ctx, ticket_id=ticket_id, phone=phone)
