"""The kiosk's window: a top bar (back, home, hall, clock, 长者模式), the screens in a
stack, and the message panel over them.

Only layout and navigation live here; what a tap does is the controller's business.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.case_screen import CaseLookupScreen, CaseResultScreen
from kiosk.ui.kiosk.checkin import CheckInScreen
from kiosk.ui.kiosk.department import DepartmentScreen
from kiosk.ui.kiosk.guide import GuideScreen
from kiosk.ui.kiosk.home import HomeScreen
from kiosk.ui.touch.look import BodyLabel, apply_scale, scale_for, style_sheet, tag
from kiosk.ui.kiosk.message import MessagePanel
from kiosk.ui.kiosk.remind import RemindScreen
from kiosk.ui.kiosk.search import SearchScreen
from kiosk.ui.kiosk.take import TakeTicketScreen
from kiosk.ui.kiosk.ticket import TicketScreen
from kiosk.ui.touch.widgets import Screen, button

LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)


class KioskWindow(QWidget):
    back_requested = Signal()         # the citizen tapped 返回
    home_requested = Signal()         # the citizen tapped 首页
    elder_toggled = Signal(bool)      # the citizen switched 长者模式 on (True) or off
    fit_changed = Signal()            # the window became narrow or short, or stopped being

    def __init__(self, *, portrait: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(translate("KioskWindow", "自助取号机"))
        self.setStyleSheet(style_sheet())
        self.elder = False
        self.portrait = portrait
        #: narrower than a 1920 panel (the clock goes over two lines) / shorter than 1080
        self.narrow = portrait
        self.short = False
        self._history: list[Screen] = []
        self._bar_built = False

        root = QVBoxLayout(self)
        # no minimum size for the top-level window: a kiosk screen has a fixed size,
        # and a minimum would make Qt resize the window past the screen's edge
        root.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        self.top_bar = QWidget()
        self.top_bar.setObjectName("topBar")
        self.top_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._bar = QGridLayout(self.top_bar)
        self._bar.setContentsMargins(24, 12, 24, 12)
        self.back_button = button(translate("KioskWindow", "‹ 返回"), name="topBarButton",
                                  role="heading")
        self.home_button = button(translate("KioskWindow", "首页"), name="topBarButton",
                                  role="heading")
        self.hall_label = BodyLabel("", "title")
        self.hall_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.clock_label = BodyLabel("", "body")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.elder_button = button(translate("KioskWindow", "长者模式"), name="topBarButton",
                                   role="heading")
        self.elder_button.setCheckable(True)
        root.addWidget(self.top_bar)

        self.stack = QStackedWidget()
        root.addWidget(self.stack, 1)
        self.home = HomeScreen()
        self.department = DepartmentScreen()
        self.guide = GuideScreen()
        self.take = TakeTicketScreen()
        self.ticket = TicketScreen()
        self.check_in = CheckInScreen()
        self.remind = RemindScreen()
        self.search = SearchScreen()
        self.case_lookup = CaseLookupScreen()
        self.case_result = CaseResultScreen()
        for screen in self.screens():
            self.stack.addWidget(screen)
        self.message = MessagePanel(self)

        self.back_button.clicked.connect(self.back_requested)
        self.home_button.clicked.connect(self.home_requested)
        self.elder_button.clicked.connect(lambda on: self.elder_toggled.emit(on))
        self.stack.currentChanged.connect(self._screen_changed)
        self.set_elder(False)
        self._screen_changed()

    def screens(self) -> list[Screen]:
        return [self.home, self.department, self.guide, self.take, self.ticket,
                self.check_in, self.search, self.remind, self.case_lookup, self.case_result]

    # --- navigation -----------------------------------------------------------------

    def current(self) -> Screen:
        return self.stack.currentWidget()

    def show_screen(self, screen: Screen, *, remember: bool = True) -> None:
        """Show ``screen``; with ``remember`` the current one is kept for 返回."""
        current = self.current()
        if screen is current:
            return
        if remember:
            self._history.append(current)
        else:
            self._history.clear()
        self.stack.setCurrentWidget(screen)

    def go_back(self) -> None:
        self.stack.setCurrentWidget(self._history.pop() if self._history else self.home)

    def go_home(self) -> None:
        self._history.clear()
        self.stack.setCurrentWidget(self.home)

    def _screen_changed(self) -> None:
        on_home = self.current() is self.home
        self.back_button.setVisible(not on_home and self.current() is not self.ticket)
        self.home_button.setVisible(not on_home)

    # --- look -----------------------------------------------------------------------

    def set_elder(self, elder: bool) -> None:
        """Switch every screen to the elder scale (bigger text, bigger targets, fewer
        tiles per page) or back."""
        self.elder = elder
        self.elder_button.setChecked(elder)
        self.elder_button.setText(translate("KioskWindow", "退出长者模式") if elder
                                  else translate("KioskWindow", "长者模式"))
        self._relayout()

    @property
    def scale(self):
        return scale_for(self.elder)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        size = event.size()
        narrow = self.portrait or size.width() < 1600
        short = not self.portrait and size.height() < 900
        if (narrow, short) != (self.narrow, self.short):
            self.narrow, self.short = narrow, short
            self._relayout()
            self.fit_changed.emit()

    def _relayout(self) -> None:
        scale = self.scale
        for screen in self.screens():
            screen.set_short(self.short)
        for screen in self.screens():
            screen.set_layout_mode(scale, self.portrait)
        self._lay_out_top_bar()
        apply_scale(self, scale)
        self._bar.setSpacing(scale.spacing_px)

    def _lay_out_top_bar(self) -> None:
        """One row in both orientations: 返回, 首页, the hall's name (taking what room is
        left, wrapped if it must), the clock and 长者模式. A narrow window (portrait,
        1366) has the narrower clock (time over date) and a smaller hall name, so
        elder-size buttons fit 1080 pixels."""
        tag(self.hall_label, "heading" if self.narrow else "title")
        if self._bar_built:
            return
        self._bar_built = True
        widgets = (self.back_button, self.home_button, self.hall_label, self.clock_label,
                   self.elder_button)
        for column, widget in enumerate(widgets):
            self._bar.addWidget(widget, 0, column)
        self._bar.setColumnStretch(2, 1)

    def design_size(self) -> tuple[int, int]:
        return PORTRAIT if self.portrait else LANDSCAPE
