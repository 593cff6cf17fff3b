"""A dialog-like panel over the whole kiosk for refusals, errors and waits.

Not a QMessageBox: a modal dialog has its own event loop (trouble for tests and for the
idle reset) and tiny buttons. This is a child of the window, dimming the screen below,
with one large button (知道了, or a way out of a long wait); the idle reset dismisses it.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.touch.look import BodyLabel, tag
from kiosk.ui.touch.widgets import button


class MessagePanel(QWidget):
    """Covers its parent; ``show_message(title, text)`` shows it, 知道了 hides it.
    ``show_waiting(text)`` says the kiosk is working on the tap (taps below are blocked
    meanwhile)."""

    dismissed = Signal()  # the citizen closed the panel
    cancelled = Signal()  # the citizen gave up waiting
    action_chosen = Signal()  # the citizen tapped the message's second button

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("messageDim")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = QFrame()
        self.card.setObjectName("messageCard")
        self.card.setMaximumWidth(1100)
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(28)
        # a word and a symbol, never colour alone, say this is a warning
        self.title_label = QLabel()
        tag(self.title_label, "title")
        self.title_label.setWordWrap(True)
        self.text_label = BodyLabel("", "heading")
        self.ok_button = button(translate("MessagePanel", "知道了"), role="title")
        self.ok_button.clicked.connect(self._button_pressed)
        # a way on from a refusal (查看办事指南): secondary, under 知道了
        self.action_button = button("", kind="secondary", role="heading")
        self.action_button.clicked.connect(self._action_pressed)
        self.action_button.hide()
        self.waiting = False
        inner.addWidget(self.title_label)
        inner.addWidget(self.text_label)
        inner.addWidget(self.ok_button)
        inner.addWidget(self.action_button)
        outer.addWidget(self.card)
        parent.installEventFilter(self)
        self.hide()

    def show_message(self, title: str, text: str, action_text: str = "", *,
                     warning: bool = True) -> None:
        """A refusal or error; ``action_text`` adds a second button (``action_chosen``).
        ``warning=False``: information the citizen asked for (a scanned ticket's status),
        without the warning sign."""
        self.waiting = False
        if warning:
            self.title_label.setText(f"⚠ {title}" if title else "⚠")
        else:
            self.title_label.setText(title)
        self.text_label.set_plain_text(text)
        self.ok_button.setText(translate("MessagePanel", "知道了"))
        self.ok_button.show()
        self.action_button.setText(action_text)
        self.action_button.setVisible(bool(action_text))
        self._cover()

    def set_text(self, text: str) -> None:
        """Replace the text of the message on show (a fuller explanation came in)."""
        self.text_label.set_plain_text(text)

    def show_waiting(self, text: str, cancel_text: str | None = None) -> None:
        """A wait the citizen can see; with ``cancel_text`` a button to give it up."""
        self.waiting = True
        self.action_button.hide()
        self.title_label.setText(translate("MessagePanel", "请稍候"))
        self.text_label.set_plain_text(text)
        self.ok_button.setVisible(cancel_text is not None)
        if cancel_text is not None:
            self.ok_button.setText(cancel_text)
        self._cover()

    def end_waiting(self) -> None:
        if self.waiting:
            self.waiting = False
            self.hide()

    def _cover(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.card.setMinimumWidth(min(900, self.parentWidget().width() - 96))
        self.show()
        self.raise_()

    def text(self) -> str:
        return self.text_label.plain_text()

    def dismiss(self) -> None:
        if self.isVisible():
            self.waiting = False
            self.hide()
            self.dismissed.emit()

    def _button_pressed(self) -> None:
        if self.waiting:
            self.end_waiting()
            self.cancelled.emit()
        else:
            self.dismiss()

    def _action_pressed(self) -> None:
        self.dismiss()
        self.action_chosen.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False
