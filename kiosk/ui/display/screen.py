"""What the hall display and the window screen share: the dark background, the type
scale, the header-body-notice frame, the controller's signals and the timers. Each
screen adds its own body and decides what a state or a call means for it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

from kiosk.queue.reads.display import CallView, DisplayState
from kiosk.ui.display import style
from kiosk.ui.display.controller import DisplayController
from kiosk.ui.display.header import Header
from kiosk.ui.display.marquee import Marquee


class DisplayScreen(QWidget):
    """A full-screen view of one controller. Subclasses build ``header``, ``notice``
    and their body, call ``_frame`` and then ``_follow`` once they can draw a state."""

    header: Header
    notice: Marquee

    def __init__(self, controller: DisplayController, name: str, title: str,
                 reference: tuple[int, int], css: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(f"#{name} {{ background: {style.BACKGROUND}; }}{css}")
        self.setWindowTitle(title)
        self.scale = style.TypeScale(reference)

    def _label(self, text: str, px: float, bold: bool = False,
               colour: str = style.TEXT) -> QLabel:
        label = self.scale.set(QLabel(text), px, bold)
        label.setStyleSheet(f"color: {colour};")
        return label

    def _frame(self, body: QLayout, *below: QWidget) -> None:
        """The header on top, ``body`` taking the spare height, then ``below``."""
        outer = QVBoxLayout(self)
        # any screen size is accepted: the type scales to it (TypeScale), and the
        # layout never forces the window larger than the screen
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setContentsMargins(16, 8, 16, 0)
        outer.setSpacing(10)
        outer.addWidget(self.header)
        outer.addLayout(body, 1)
        for widget in below:
            outer.addWidget(widget)

    def _follow(self) -> None:
        """Draw what the controller says from now on, starting with its current state."""
        controller = self.controller
        controller.state_changed.connect(self.apply_state)
        controller.call_arrived.connect(self.on_call)
        controller.notice_changed.connect(self.notice.set_text)
        controller.connection_changed.connect(self.header.set_connected)
        controller.speech_failed.connect(self.header.set_speech_failed)
        controller.speech_recovered.connect(self.header.set_speech_ok)
        self.header.set_connected(controller.connected)
        self.apply_state(controller.state)

    # --- what the controller tells us (each screen's own) -----------------------------

    def apply_state(self, state: DisplayState) -> None:
        raise NotImplementedError

    def on_call(self, call: CallView) -> None:
        raise NotImplementedError

    # --- life cycle ------------------------------------------------------------------

    def start(self) -> None:
        """Start the clock and the notice (timers of the screen only)."""
        self.header.start()
        self.notice.start()

    def stop(self) -> None:
        self.header.stop()
        self.notice.stop()

    def resizeEvent(self, event) -> None:
        if self.scale.resize_to(event.size().width(), event.size().height()):
            style.scale_spacing(self, self.scale.factor)
        super().resizeEvent(event)
