"""The citizen's rating pad (好差评): the widget that asks for one of five levels.

It talks to the core directly as ``Actor("pad", N)``; the clerk's app never chooses,
pre-fills or sees a rating in progress. It learns that its window finished a ticket
from the event feed (``service_finished``), asks for one of five levels, asks levels 1-2
for reasons, and records 未评 via ``mark_unrated`` when ``rating.timeout_s`` passes.

Ratings made while the database is out of reach wait in a queue, each with the request
id it got when it was made, and are saved in order once it answers: a 差评 is never
lost to the next citizen's 未评, and one that did commit is replayed, not repeated.
"""
from __future__ import annotations

import logging
import uuid
from collections import deque

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.queue.actions import rating
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.events import Actor
from kiosk.queue.reads.window import PadScreen, pad_screen
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from window_client.banner import ConnectionBanner, ConnectionState
from window_client.pad.pages import IdentityPage, RatePage, ReasonsPage, big_label
from kiosk.ui.runner import ActionRunner
from window_client.style import STYLE

log = logging.getLogger(__name__)

THANKS_MS = 4000
#: events of its window after which the pad re-reads who serves there
WINDOW_ACTIONS = {"window_signed_in", "backup_took_over", "window_signed_out",
                  "window_paused", "window_resumed", "ticket_called", "ticket_no_show",
                  "ticket_transferred", "service_started", "service_finished"}


class RatingPad(QWidget):
    #: the pad switched page: "identity", "rate", "reasons" or "thanks"
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
        self.screen: PadScreen | None = None
        self.ticket: tuple[int, str] | None = None   # (ticket id, code) being rated
        self._level: int | None = None
        #: ratings not yet handed to the runner (offline or a save under way), in order:
        #: (action name, core function, its arguments, request id)
        self._pending: deque[tuple[str, object, dict, str]] = deque()
        self.setStyleSheet(STYLE)
        self.setMinimumSize(800, 600)
        self.setWindowTitle(translate("RatingPad", "服务评价 - {n} 号窗口").format(n=window))
        layout = QVBoxLayout(self)
        self.banner = ConnectionBanner()
        layout.addWidget(self.banner)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.identity = IdentityPage()
        self.rate_page = RatePage()
        self.reasons_page = ReasonsPage()
        self.thanks = big_label("", 48)
        for page in (self.identity, self.rate_page, self.reasons_page, self.thanks):
            self.pages.addWidget(page)
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
        self.connection = ConnectionState(runner, feed, self)
        self.connection.changed.connect(self._on_connection)
        runner.action_succeeded.connect(self._on_saved)
        runner.action_failed.connect(self._on_refused)
        runner.read_succeeded.connect(self._on_read)
        if feed is not None:
            feed.events_arrived.connect(self._on_events)
        self._show_identity()
        self.refresh()

    # --- what the pad shows -------------------------------------------------------------

    @property
    def page(self) -> str:
        current = self.pages.currentWidget()
        return {self.identity: "identity", self.rate_page: "rate",
                self.reasons_page: "reasons", self.thanks: "thanks"}[current]

    def _go(self, widget: QWidget) -> None:
        self.pages.setCurrentWidget(widget)
        self.page_changed.emit(self.page)

    def refresh(self) -> None:
        self.runner.read("pad_screen", pad_screen, self.ctx, self.number)

    def _on_read(self, name: str, screen) -> None:
        if name != "pad_screen":
            return
        self.screen = screen
        self.timeout_s = screen.rating_timeout_s
        self.identity.show_screen(screen)

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
        self.rate_page.prepare(code)
        self._go(self.rate_page)
        self._start_clock()

    def _start_clock(self) -> None:
        self.rating_timer.start(int(self.timeout_s * 1000))
        self._countdown.start(1000)
        self._show_countdown()

    def _show_countdown(self) -> None:
        left = max(0, (self.rating_timer.remainingTime() + 999) // 1000)
        text = translate("RatingPad", "{s} 秒后自动结束（记为未评）").format(s=left)
        self.rate_page.countdown.setText(text)
        self.reasons_page.countdown.setText(text)

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

    def _send(self, level: int, reasons: list, comment: str) -> None:
        ticket_id, _code = self.ticket
        self._end_rating()
        self._submit("rate", rating.rate, ticket_id=ticket_id, level=level,
                     reasons=reasons, comment=comment or None, actor=self.actor)
        self.thanks.setText(translate("RatingPad", "感谢您的评价！"))
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

    def _end_rating(self) -> None:
        self.ticket = None
        self._level = None
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
            self._pending.popleft()

    def _on_saved(self, name: str, _result) -> None:
        self._send_pending()

    def _on_refused(self, name: str, error) -> None:
        # already rated or recorded unrated (e.g. by a retry): nothing to tell the citizen
        log.info("pad %s refused: %s", name, getattr(error, "message_en", error))
        self._on_saved(name, None)

    # --- keys (pads that are button boxes) ----------------------------------------------

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
