"""The citizen's rating pad (好差评): the widget that asks for one of five levels.

It talks to the core directly as ``Actor("pad", N)``; the clerk's app never chooses,
pre-fills or sees a rating in progress. It learns that its window finished a ticket
from the event feed (``service_finished``), asks for one of five levels, asks levels 1-2
for reasons (and, if the citizen wishes, a phone for the call back), and records 未评 via
``mark_unrated`` when ``rating.timeout_s`` passes. A citizen who rated on the phone
first (the ticket's QR code) is thanked for that and the pad goes back to idle.

Ratings made while the database is out of reach wait in a queue, each with the request
id it got when it was made, and are saved in order once it answers: a 差评 is never
lost to the next citizen's 未评, and one that did commit is replayed, not repeated.
"""
from __future__ import annotations

import logging
import uuid
from collections import deque

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.errors import IllegalTransition
from kiosk.queue.actions import rating
from kiosk.queue.reads.pad import PadView, pad_screen
from kiosk.queue.rules.personal import mask_phone
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.events import Actor
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.runner import ActionRunner
from kiosk.ui.theme import app_font
from kiosk.ui.touch.look import apply_scale
from window_client.banner import ConnectionBanner, ConnectionState
from window_client.pad.bad_pages import PhonePage, ReasonsPage
from window_client.pad.look import PAD_SCALE, pad_style
from window_client.pad.pages import IdentityPage, RatePage, ThanksPage, footer_label, header_bar

log = logging.getLogger(__name__)

THANKS_MS = 4000
#: events of its window after which the pad re-reads who serves there
WINDOW_ACTIONS = {"window_signed_in", "backup_took_over", "window_signed_out",
                  "window_paused", "window_resumed", "ticket_called", "ticket_no_show",
                  "ticket_transferred", "service_started", "service_finished",
                  "staff_updated", "setting_changed"}


class RatingPad(QWidget):
    #: the pad switched page: "identity", "rate", "reasons", "phone" or "thanks"
    page_changed = Signal(str)

    def __init__(self, ctx: HallContext, settings: Settings, window: int, *,
                 runner: ActionRunner, feed=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.number = window
        self.runner = runner
        self.feed = feed
        self.actor = Actor("pad", str(window))
        self.timeout_s = settings.get("rating.timeout_s")
        self.screen: PadView | None = None
        self.ticket: tuple[int, str] | None = None   # (ticket id, code) being rated
        self._level: int | None = None
        self._bad: tuple[list, str] = ([], "")      # reasons and comment before the phone
        #: ratings not yet handed to the runner (offline or a save under way), in order:
        #: (action name, core function, its arguments, request id)
        self._pending: deque[tuple[str, object, dict, str]] = deque()
        self._sending: tuple[str, object, dict, str] | None = None
        self.setObjectName("padRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(pad_style())
        self.setMinimumSize(800, 600)
        self.setWindowTitle(translate("RatingPad", "服务评价 - {n} 号窗口").format(n=window))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = ConnectionBanner()
        self.banner.setFont(app_font(PAD_SCALE.body_px))
        layout.addWidget(self.banner)
        header, self.hall_label, self.window_label = header_bar()
        self.window_label.setText(translate("RatingPad", "{n} 号窗口").format(n=window))
        layout.addWidget(header)
        self.pages = QStackedWidget()
        self.pages.setContentsMargins(24, 16, 24, 8)
        layout.addWidget(self.pages, 1)
        self.footer = footer_label()
        self.footer.setContentsMargins(0, 6, 0, 12)
        layout.addWidget(self.footer)
        self.identity = IdentityPage()
        self.rate_page = RatePage()
        self.reasons_page = ReasonsPage()
        self.phone_page = PhonePage()
        self.thanks = ThanksPage()
        self._names = {self.identity: "identity", self.rate_page: "rate",
                       self.reasons_page: "reasons", self.phone_page: "phone",
                       self.thanks: "thanks"}
        for page in self._names:
            self.pages.addWidget(page)
        apply_scale(self, PAD_SCALE)
        self.reasons_page.keyboard.set_scale(PAD_SCALE)
        self.phone_page.keypad.set_scale(PAD_SCALE)
        self.rating_timer = QTimer(self)
        self.rating_timer.setSingleShot(True)
        self.rating_timer.timeout.connect(self._expired)
        self._countdown = QTimer(self)
        self._countdown.timeout.connect(self._show_countdown)
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.timeout.connect(self._show_identity)
        self.rate_page.level_chosen.connect(self.choose_level)
        self.reasons_page.reasons_submitted.connect(self._send_bad)
        self.reasons_page.phone_wanted.connect(self._ask_phone)
        self.phone_page.phone_submitted.connect(self._send_with_phone)
        self.phone_page.back_requested.connect(lambda: self._go(self.reasons_page))
        # a citizen still choosing or typing is not a citizen who left: the clock restarts
        self.reasons_page.keyboard.edited.connect(self._touched)
        self.phone_page.keypad.edited.connect(self._touched)
        for check in self.reasons_page.checks:
            check.toggled.connect(self._touched)
        self.connection = ConnectionState(runner, feed, self)
        self.connection.changed.connect(self._on_connection)
        runner.action_succeeded.connect(self._on_saved)
        runner.action_failed.connect(self._on_refused)
        runner.read_succeeded.connect(self._on_read)
        if feed is not None:
            feed.events_arrived.connect(self._on_events)
        self._portrait: bool | None = None
        self._show_identity()
        self.refresh()

    # --- what the pad shows -------------------------------------------------------------

    @property
    def page(self) -> str:
        return self._names[self.pages.currentWidget()]

    def _go(self, widget: QWidget) -> None:
        self.pages.setCurrentWidget(widget)
        self.page_changed.emit(self.page)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self.identity.fit(event.size().width(), event.size().height())
        portrait = event.size().height() > event.size().width()
        if portrait != self._portrait:
            self._portrait = portrait
            for page in self._names:
                if hasattr(page, "set_portrait"):
                    page.set_portrait(portrait)
        super().resizeEvent(event)

    def refresh(self) -> None:
        self.runner.read("pad_screen", pad_screen, self.ctx, self.number)

    def _on_read(self, name: str, view) -> None:
        if name != "pad_screen":
            return
        self.screen = view
        self.timeout_s = view.rating_timeout_s
        self.hall_label.setText(view.hall_name)
        self.window_label.setText(translate("RatingPad", "{n} 号窗口").format(n=view.number))
        self.footer.setText(translate("RatingPad", "监督电话：{phone}").format(
            phone=view.supervision_phone))
        self.footer.setVisible(bool(view.supervision_phone))
        self.identity.show_view(view)

    def _show_identity(self) -> None:
        self._countdown.stop()
        self._go(self.identity)

    def _on_connection(self, online: bool) -> None:
        self.banner.show_state(online)
        if online:
            self.refresh()
            self._send_pending()

    # --- the feed -------------------------------------------------------------------------

    def _mine(self, event) -> bool:
        if event.action in ("staff_updated", "setting_changed"):
            return True
        if self.screen is not None and event.window_id is not None:
            return event.window_id == self.screen.window_id
        return event.payload.get("window") == self.number

    def _on_events(self, events: list) -> None:
        seen_window_change = False
        for event in events:
            if not self._mine(event):
                continue
            if event.action == "service_finished" and event.ticket_id:
                self.begin_rating(event.ticket_id, event.payload.get("code", ""))
            elif event.action == "ticket_rated" and event.payload.get("channel") == "phone" \
                    and self.ticket and event.ticket_id == self.ticket[0]:
                self._rated_by_phone()
            elif event.action in ("ticket_rated", "ticket_unrated") and self.ticket \
                    and event.ticket_id == self.ticket[0] and not self.runner.busy:
                self._end_rating()           # recorded elsewhere: nothing left to ask
                self._show_identity()
            if event.action in WINDOW_ACTIONS:
                seen_window_change = True
        if seen_window_change:
            self.refresh()

    # --- rating -------------------------------------------------------------------------

    def begin_rating(self, ticket_id: int, code: str) -> None:
        """The window finished ``code``: ask its citizen. A rating still open for an
        earlier ticket is recorded 未评 first (that citizen has left)."""
        if self.ticket is not None and self.ticket[0] != ticket_id:
            self._expired()
        self.ticket = (ticket_id, code)
        self._level = None
        self._thanks_timer.stop()
        self.rate_page.prepare(code, self.screen)
        self._go(self.rate_page)
        self._start_clock()

    def _start_clock(self) -> None:
        self.rating_timer.start(int(self.timeout_s * 1000))
        self._countdown.start(1000)
        self._show_countdown()

    def _touched(self, *_args) -> None:
        if self.ticket is not None and self.page in ("reasons", "phone"):
            self._start_clock()

    def _show_countdown(self) -> None:
        left = min(int(self.timeout_s), max(0, (self.rating_timer.remainingTime() + 999) // 1000))
        text = translate("RatingPad", "{s} 秒后自动结束（记为未评）").format(s=left)
        for page in (self.rate_page, self.reasons_page, self.phone_page):
            page.countdown.setText(text)

    def choose_level(self, level: int) -> None:
        if self.ticket is None or self.page != "rate":
            return
        if level <= 2:
            self._level = level
            self.reasons_page.prepare()
            self._go(self.reasons_page)
            self._start_clock()              # reading the reasons takes a while
            return
        self._send(level, [], "")

    def _send_bad(self, reasons: list, comment: str) -> None:
        if self.ticket is not None and self._level is not None:
            self._send(self._level, reasons, comment)

    def _ask_phone(self, reasons: list, comment: str) -> None:
        if self.ticket is None or self._level is None:
            return
        self._bad = (list(reasons), comment)
        self.phone_page.prepare()
        self._go(self.phone_page)
        self._start_clock()                  # typing eleven digits takes a while

    def _send_with_phone(self, phone: str) -> None:
        if self.ticket is not None and self._level is not None:
            self._send(self._level, *self._bad, phone=phone)

    def _send(self, level: int, reasons: list, comment: str, phone: str = "") -> None:
        ticket_id, _code = self.ticket
        self._end_rating()
        extra = {"callback_phone": phone} if phone else {}
        self._submit("rate", rating.rate, ticket_id=ticket_id, level=level,
                     reasons=reasons, comment=comment or None, actor=self.actor, **extra)
        self.thanks.show_thanks(level <= 2, mask_phone(phone) if phone else None)
        self._go(self.thanks)
        self._thanks_timer.start(THANKS_MS)

    def _expired(self) -> None:
        """Nobody rated in time: record 未评 (never a default level)."""
        if self.ticket is None:
            return
        ticket_id, code = self.ticket
        self._end_rating()
        log.info("ticket %s not rated within %ss: recorded unrated", code, self.timeout_s)
        self._submit("unrated", rating.mark_unrated, ticket_id=ticket_id, actor=self.actor)
        self._show_identity()

    def _rated_by_phone(self) -> None:
        self._end_rating()
        self.thanks.show_rated_by_phone()
        self._go(self.thanks)
        self._thanks_timer.start(THANKS_MS)

    def _end_rating(self) -> None:
        self.ticket = None
        self._level = None
        self._bad = ([], "")
        self.phone_page.prepare()            # the number is not kept on the pad either
        self.rating_timer.stop()
        self._countdown.stop()

    def _submit(self, name: str, fn, **kwargs) -> None:
        self._pending.append((name, fn, kwargs, uuid.uuid4().hex))
        self._send_pending()

    def _send_pending(self) -> None:
        """Hand the oldest waiting rating to the runner; the rest follow one by one as
        each is saved (offline or a save under way: they keep waiting)."""
        if not self._pending:
            return
        name, fn, kwargs, request_id = self._pending[0]
        if self.runner.submit(name, fn, self.ctx, request_id=request_id, **kwargs):
            self._sending = self._pending.popleft()

    def _on_saved(self, name: str, _result) -> None:
        self._sending = None
        self._send_pending()

    def _on_refused(self, name: str, error) -> None:
        # already rated or recorded unrated (e.g. by a retry): nothing to tell the citizen
        log.info("pad %s refused: %s", name, getattr(error, "message_en", error))
        sent = self._sending
        if name == "rate" and isinstance(error, rating.AlreadyRated) \
                and error.details.get("channel") == "phone" and self.page == "thanks":
            self._rated_by_phone()           # the phone's level stands: say so, no error
        if sent is not None and "callback_phone" in sent[2] \
                and not isinstance(error, IllegalTransition):
            # the phone could not be kept (no key file on this PC...): the 差评 itself
            # must not be lost, so it is saved without the phone
            kwargs = {k: v for k, v in sent[2].items() if k != "callback_phone"}
            self._pending.appendleft((sent[0], sent[1], kwargs, uuid.uuid4().hex))
        self._on_saved(name, None)

    # --- keys (pads that are button boxes; never shown to the citizen) -----------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if self.page == "rate" and text in ("1", "2", "3", "4", "5"):
            self.choose_level(int(text))
        elif self.page == "reasons" and text.isdigit() and text != "0":
            self.reasons_page.toggle(int(text) - 1)
        elif self.page == "reasons" and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.reasons_page.submit()
        else:
            super().keyPressEvent(event)

    def shutdown(self) -> None:
        if self.feed is not None:
            self.feed.stop()
        self.runner.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
