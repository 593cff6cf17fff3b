"""A dialog-like panel over the whole kiosk for refusals and errors.

Not a QMessageBox: a modal dialog has its own event loop (trouble for tests and for the
idle reset) and tiny buttons. This is a child of the window, dimming the screen below,
with one large 知道了 button; the idle reset dismisses it too.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.ui.i18n import tr
from kiosk.ui.kiosk.look import BodyLabel, tag
from kiosk.ui.kiosk.widgets import button


class MessagePanel(QWidget):
    """Covers its parent; ``show_message(title, text)`` shows it, 知道了 hides it."""

    dismissed = Signal()  # the citizen closed the panel

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
        self.ok_button = button(tr("MessagePanel", "知道了"), role="title")
        self.ok_button.clicked.connect(self.dismiss)
        inner.addWidget(self.title_label)
        inner.addWidget(self.text_label)
        inner.addWidget(self.ok_button)
        outer.addWidget(self.card)
        parent.installEventFilter(self)
        self.hide()

    def show_message(self, title: str, text: str) -> None:
        self.title_label.setText(f"⚠ {title}" if title else "⚠")
        self.text_label.set_plain_text(text)
        self.setGeometry(self.parentWidget().rect())
        self.card.setMinimumWidth(min(900, self.parentWidget().width() - 96))
        self.show()
        self.raise_()

    def text(self) -> str:
        return self.text_label.plain_text()

    def dismiss(self) -> None:
        if self.isVisible():
            self.hide()
            self.dismissed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False
