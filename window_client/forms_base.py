"""An inline form for one action, driven by keys: Enter confirms, Esc cancels, digits
pick from a list. Inline (not a modal dialog) so a caller keypad flow never gets stuck
behind a window it cannot see."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
    QWidget,
)

from kiosk.ui.i18n import tr

CONFIRM_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ChoiceList(QListWidget):
    """A short list chosen with the arrow keys or by the digit shown before each line."""

    def set_choices(self, choices: list[tuple[str, Any]], current: int = 0) -> None:
        self.clear()
        for index, (text, value) in enumerate(choices):
            label = f"{index + 1}  {text}" if index < 9 else f"    {text}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            self.addItem(item)
        if choices:
            self.setCurrentRow(max(0, min(current, len(choices) - 1)))
        rows = min(len(choices), 7)
        self.setMinimumHeight(max(1, rows) * 40 + 8)

    def value(self) -> Any:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_value(self, value: Any) -> None:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == value:
                self.setCurrentRow(row)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and text != "0" and int(text) <= self.count() \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.setCurrentRow(int(text) - 1)
            return
        super().keyPressEvent(event)


class FormPanel(QFrame):
    """Base of the action forms: a title, a body the subclass fills, confirm/cancel."""

    #: the clerk confirmed the form (Enter, the confirm button, or the action key again)
    submitted = Signal()
    #: the clerk closed the form without acting (Esc or the cancel button)
    cancelled = Signal()

    def __init__(self, title: str, confirm_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("form")
        layout = QVBoxLayout(self)
        self.title = QLabel(title)
        self.title.setObjectName("heading")
        layout.addWidget(self.title)
        self.body = QVBoxLayout()
        layout.addLayout(self.body)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(f"{confirm_text}\n{tr('WindowForms', '（回车键）')}")
        self.cancel_button = QPushButton(tr("WindowForms", "取消\n（Esc 键）"))
        for button in (self.confirm_button, self.cancel_button):
            button.setMinimumHeight(64)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.confirm_button.clicked.connect(self.submitted)
        self.cancel_button.clicked.connect(self.cancelled)

    def add_row(self, label: str, widget: QWidget) -> QWidget:
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.body.addWidget(caption)
        self.body.addWidget(widget)
        widget.installEventFilter(self)
        return widget

    def first_field(self) -> QWidget | None:
        """The widget that takes the keyboard when the form opens."""
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in CONFIRM_KEYS:
                self.submitted.emit()
                return True
            if key == Qt.Key.Key_Escape:
                self.cancelled.emit()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in CONFIRM_KEYS:
            self.submitted.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)
