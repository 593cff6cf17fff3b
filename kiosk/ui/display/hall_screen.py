"""The hall display (叫号大屏): the newest call, the calls before it, every window's
state, the waiting count per service and the scrolling notice, for a landscape
(1920x1080) or portrait (1080x1920) screen. It draws what the controller's signals carry
and reads nothing itself."""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.queue.reads.display import CallView, DisplayState
from kiosk.ui.display import style
from kiosk.ui.display.call_panels import NewestCallPanel, RecentCalls
from kiosk.ui.display.controller import DisplayController
from kiosk.ui.display.header import Header
from kiosk.ui.display.marquee import Marquee
from kiosk.ui.display.screen import DisplayScreen
from kiosk.ui.display.window_panels import ServiceStrip, WindowGrid
from kiosk.ui.i18n import translate

#: reference type sizes (px on the reference screen) per orientation
SIZES = {
    False: {"title": 44, "clock": 40, "caption": 28, "code": 190, "go_to": 80, "name": 34,
            "recent": 36, "card": 28, "service": 22, "notice": 36},
    True: {"title": 44, "clock": 40, "caption": 28, "code": 190, "go_to": 76, "name": 34,
           "recent": 38, "card": 28, "service": 22, "notice": 36},
}
RECENT_COLUMNS = {False: 2, True: 2}


def window_columns(count: int) -> int:
    return 4 if count <= 20 else 5 if count <= 30 else 6


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
    def __init__(self, controller: DisplayController, portrait: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(controller, "hallScreen", translate("HallDisplay", "叫号大屏"),
                         style.PORTRAIT if portrait else style.LANDSCAPE, parent=parent)
        self.portrait = portrait
        sizes = SIZES[portrait]
        state = controller.state
        self.header = Header(self.scale, controller.ctx.clock.now, state.timezone,
                             sizes["title"], sizes["clock"])
        self.newest = NewestCallPanel(self.scale, sizes)
        self.recent = RecentCalls(self.scale, controller.recent_limit, sizes["recent"],
                                  columns=RECENT_COLUMNS[portrait])
        self.windows = WindowGrid(self.scale, sizes["card"], window_columns(len(state.windows)))
        self.windows_caption = self._label(translate("HallDisplay", "窗口状态"),
                                           sizes["caption"] * 0.8, colour=style.SOFT)
        self.services = ServiceStrip(self.scale, sizes["service"], 2 if portrait else 3)
        self.notice = self.scale.set(Marquee(controller.notice), sizes["notice"])
        self._frame(self._body(), self.notice)
        self._follow()

    def _body(self) -> QGridLayout:
        body = QGridLayout()
        body.setSpacing(16)
        right_column = _column()
        right = right_column.layout()
        right.setSpacing(8)
        right.addWidget(self.windows_caption)
        right.addWidget(self.windows, 1)
        right.addWidget(self.services)
        if self.portrait:
            # one column: every window card keeps room for its lines, and on a small
            # screen the recent calls give way (their oldest rows go) instead
            right.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
            self.recent.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
            body.addWidget(self.newest, 0, 0)
            body.addWidget(self.recent, 1, 0)
            body.addWidget(right_column, 2, 0)
            body.setRowStretch(0, 5)
            body.setRowStretch(1, 3)
            body.setRowStretch(2, 12)
        else:
            # the columns keep these proportions whatever they show: a long call or
            # window name never widens the left column at the cost of the right one
            left_column = _column()
            left = left_column.layout()
            left.setSpacing(16)
            left.addWidget(self.newest, 3)
            left.addWidget(self.recent, 2)
            body.addWidget(left_column, 0, 0)
            body.addWidget(right_column, 0, 1)
            body.setColumnStretch(0, 1)
            body.setColumnStretch(1, 2)
        return body

    # --- what the controller tells us ------------------------------------------------

    def apply_state(self, state: DisplayState) -> None:
        self.header.timezone = state.timezone
        self.header.set_title(state.hall_name)
        if state.newest_call != self.newest.call:
            self.newest.show_call(state.newest_call)
        self.recent.set_capacity(self.controller.recent_limit)
        self.recent.set_calls(state.calls[1:])
        self.windows.set_columns(window_columns(len(state.windows)))
        self.windows.set_windows(state.windows, state.timezone)
        self.services.set_services(state.services)
        if self.notice.text() != self.controller.notice:
            self.notice.set_text(self.controller.notice)

    def on_call(self, call: CallView) -> None:
        self.newest.show_call(call)
        self.newest.highlight()
