"""The hall display (叫号大屏): the newest call, the calls before it, every window's
state, the waiting count per service and the scrolling notice, for a landscape
(1920x1080) or portrait (1080x1920) screen. It draws what the controller's signals carry
and reads nothing itself."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLayout, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget,
)

from kiosk.queue.reads.display import CallView, DisplayState
from kiosk.ui.display import style, texts
from kiosk.ui.display.call_panels import NewestCallPanel, RecentCalls
from kiosk.ui.display.controller import DisplayController
from kiosk.ui.display.header import Header
from kiosk.ui.display.marquee import Marquee
from kiosk.ui.display.screen import DisplayScreen
from kiosk.ui.display.window_panels import ServiceStrip, WindowGrid
from kiosk.ui.i18n import translate

#: how long a page of windows stays (a hall of 100 windows shows them page by page)
PAGE_MS = 10_000


def sizes_for(portrait: bool) -> dict[str, int]:
    """Type sizes by role on the reference screen (the TypeScale scales them)."""
    reference = style.PORTRAIT if portrait else style.LANDSCAPE
    return style.role_sizes(reference[1], portrait)


def _column() -> QWidget:
    """A column of the body whose width comes from the column stretch only, never from
    the width its content would like (so the proportions do not move with the texts)."""
    column = QWidget()
    column.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    return column


class HallScreen(DisplayScreen):
    """Every text has a role (style.role_sizes): nothing a citizen needs is under
    3.5 % of the screen's height. Open windows only, a page at a time when they do not
    fit; in portrait the waiting counts take a page of their own after the windows."""

    def __init__(self, controller: DisplayController, portrait: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(controller, "hallScreen", translate("HallDisplay", "叫号大屏"),
                         style.PORTRAIT if portrait else style.LANDSCAPE, parent=parent)
        self.portrait = portrait
        sizes = self.sizes = sizes_for(portrait)
        state = controller.state
        self.header = Header(self.scale, controller.ctx.clock.now, state.timezone,
                             sizes["title"], sizes["title"], sizes["text"], sizes["staff"],
                             show_date=not portrait)
        self.newest = NewestCallPanel(self.scale, sizes)
        self.recent = RecentCalls(self.scale, controller.recent_limit, sizes["recent"],
                                  caption_px=sizes["tag"])
        self.windows = WindowGrid(self.scale, sizes["text"])
        self.windows_caption = self._label(translate("HallDisplay", "窗口状态"),
                                           sizes["text"], colour=style.SOFT)
        self.page_label = self._label("", sizes["text"], colour=style.SOFT)
        self.services = ServiceStrip(self.scale, sizes["text"], 2 if portrait else 3)
        self.board = QStackedWidget()
        self.board.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.board.addWidget(self.windows)
        if portrait:
            self.board.addWidget(self.services)
        self.notice = self.scale.set(Marquee(controller.notice), sizes["text"])
        self.page_timer = QTimer(self)
        self.page_timer.setInterval(PAGE_MS)
        self.page_timer.timeout.connect(self.turn_page)
        self.windows.page_changed.connect(self._show_page_number)
        self._frame(self._body(), self.notice)
        self._follow()

    def turn_page(self) -> None:
        """The next page of windows (in portrait, after the last: the waiting counts)."""
        if self.board.currentWidget() is self.services:
            self.board.setCurrentWidget(self.windows)
            self.windows.show_page(0)
        elif self.windows.turn_page() and self.portrait:
            self.board.setCurrentWidget(self.services)
        self._show_page_number(self.windows.page, self.windows.page_count)

    def _show_page_number(self, page: int, count: int) -> None:
        on_services = self.board.currentWidget() is self.services
        self.windows_caption.setText(translate("HallDisplay", "各业务等候人数") if on_services
                                     else translate("HallDisplay", "窗口状态"))
        self.page_label.setText(texts.page_of(page, count) if count > 1 and not on_services
                                else "")

    def start(self) -> None:
        super().start()
        self.page_timer.start()

    def stop(self) -> None:
        self.page_timer.stop()
        super().stop()

    def _body(self) -> QGridLayout:
        body = QGridLayout()
        body.setSpacing(16)
        right_column = _column()
        right = right_column.layout()
        right.setSpacing(8)
        caption = QHBoxLayout()
        caption.addWidget(self.windows_caption)
        caption.addStretch(1)
        caption.addWidget(self.page_label)
        right.addLayout(caption)
        right.addWidget(self.board, 1)
        if self.portrait:
            # one column: the newest call whole, the recent calls give way by whole
            # rows (oldest first), and the windows page through what is left
            self.services.caption.hide()  # the board's caption says it
            self.recent.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
            # the call takes the height its lines need, every spare line goes to windows
            self.newest.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            self.newest.compact()
            body.addWidget(self.newest, 0, 0)
            body.addWidget(self.recent, 1, 0)
            body.addWidget(right_column, 2, 0)
            body.setRowStretch(0, 0)
            body.setRowStretch(1, 10)   # about two recent calls at 1080x1920
            body.setRowStretch(2, 22)   # and six window lines
        else:
            # the columns keep these proportions whatever they show: a long call or
            # window name never widens the left column at the cost of the right one
            left_column = _column()
            left = left_column.layout()
            left.setSpacing(16)
            left.addWidget(self.newest, 3)
            left.addWidget(self.recent, 2)
            right.addWidget(self.services)
            body.addWidget(left_column, 0, 0)
            body.addWidget(right_column, 0, 1)
            body.setColumnStretch(0, 1)
            body.setColumnStretch(1, 2)
        return body

    # --- what the controller tells us ------------------------------------------------

    def apply_state(self, state: DisplayState) -> None:
        self.header.timezone = state.timezone
        if self.portrait and state.area_name:  # no room for both: the area is what counts
            self.header.set_title(state.area_name)
        else:
            self.header.set_title(state.hall_name, state.area_name)
        current = state.current_call
        if current != self.newest.call:
            self.newest.show_call(current)
        self.recent.set_capacity(self.controller.recent_limit)
        self.recent.set_calls([call for call in state.calls if call != current])
        self.windows.set_windows(state.windows, state.timezone)
        self.services.set_services(state.services)
        if self.notice.text() != self.controller.notice:
            self.notice.set_text(self.controller.notice)

    def on_call(self, call: CallView) -> None:
        self.newest.show_call(call)
        self.newest.highlight()
