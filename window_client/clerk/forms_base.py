"""An inline form for one action, driven by keys: Enter confirms, Esc cancels, digits
pick from a list. Inline (not a modal dialog) so a caller keypad flow never gets stuck
behind a window it cannot see."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea, QCheckBox, QFrame, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from kiosk.ui.i18n import translate
from window_client.clerk.panels import WrapLabel
from window_client.style import BUTTON_MIN_H, TOUCH_MIN_H

CONFIRM_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
#: a list shows at most this many rows before it scrolls
VISIBLE_ROWS = 7


def two_line_button(text: str) -> QPushButton:
    """A large button whose two lines (action, key) are never clipped: its height comes
    from the font, not from a pixel guess, and layouts may not squeeze it."""
    button = QPushButton(text)
    lines = text.count("\n") + 1
    height = lines * button.fontMetrics().lineSpacing() + 32   # padding, border, margin
    button.setMinimumHeight(max(BUTTON_MIN_H, height))
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class ChoiceList(QListWidget):
    """A short list chosen with the arrow keys or by the digit shown before each line.
    Rows are touch-sized; the list asks for room for all its rows (up to VISIBLE_ROWS)
    and scrolls beyond that."""

    def __init__(self, parent: QWidget | None = None, columns: int = 1) -> None:
        super().__init__(parent)
        self.columns = columns
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        if columns > 1:      # short choices side by side: the form fits a 768 px screen
            self.setFlow(QListWidget.Flow.LeftToRight)
            self.setWrapping(True)
            self.setResizeMode(QListWidget.ResizeMode.Adjust)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _line(self) -> int:
        return max(TOUCH_MIN_H, self.fontMetrics().lineSpacing() + 12)

    def resizeEvent(self, event) -> None:
        if self.columns > 1:
            self._fit_cells()
        super().resizeEvent(event)

    def _fit_cells(self) -> None:
        cell = QSize(max(1, (self.viewport().width() - 2) // self.columns), self._line())
        self.setGridSize(cell)
        for row in range(self.count()):
            self.item(row).setSizeHint(cell - QSize(4, 4))

    def set_choices(self, choices: list[tuple[str, Any]], current: int = 0) -> None:
        self.clear()
        for index, (text, value) in enumerate(choices):
            label = f"{index + 1}  {text}" if index < 9 else f"    {text}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            self.addItem(item)
        if choices:
            self.setCurrentRow(max(0, min(current, len(choices) - 1)))
        if self.columns > 1:
            self._fit_cells()
        self.updateGeometry()

    def _rows_height(self) -> int:
        line = self._line()
        if self.columns > 1:
            rows = min(-(-self.count() // self.columns), VISIBLE_ROWS)
            return max(line, rows * line) + 2 * self.frameWidth() + 4
        rows = min(self.count(), VISIBLE_ROWS)
        height = sum(max(line, self.sizeHintForRow(row)) for row in range(rows))
        return max(line, height) + 2 * self.frameWidth() + 4

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._rows_height())

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._rows_height())

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


class _CheckLabel(WrapLabel):
    """A check box's words, wrapped (a long material name is never clipped); touching
    them ticks the box as touching the box does."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self._box = box

    def mousePressEvent(self, event) -> None:
        self._box.toggle()


class CheckList(QWidget):
    """Touch-sized check boxes, one a line (materials to tick); Space toggles the one
    with the focus, Tab moves between them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: list[QCheckBox] = []
        self._rows: list[QWidget] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.setStyleSheet(f"QCheckBox {{ min-height: {TOUCH_MIN_H}px; }}"
                           " QCheckBox::indicator { width: 28px; height: 28px; }")

    def set_items(self, names, checked: bool = True) -> None:
        for row in self._rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self.boxes, self._rows = [], []
        for name in names:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            box = QCheckBox()
            box.setProperty("value", name)
            box.setAccessibleName(name)
            box.setChecked(checked)
            line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(_CheckLabel(name, box), 1)
            self._layout.addWidget(row)
            self.boxes.append(box)
            self._rows.append(row)
        self.updateGeometry()

    def names(self) -> list[str]:
        return [box.property("value") for box in self.boxes]

    def checked(self) -> list[str]:
        return [box.property("value") for box in self.boxes if box.isChecked()]


class FormPanel(QFrame):
    """Base of the action forms: a title, a body the subclass fills, confirm/cancel.
    The body scrolls when the screen is short, so its rows never draw over each other;
    the title and the buttons stay in view."""

    #: the clerk confirmed the form (Enter, the confirm button, or the action key again)
    submitted = Signal()
    #: the clerk closed the form without acting (Esc or the cancel button)
    cancelled = Signal()

    def __init__(self, title: str, confirm_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("form")
        self._captions: dict[QWidget, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        self.title = QLabel(title)
        self.title.setObjectName("heading")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        content = QWidget()
        content.setObjectName("formBody")
        outer_body = QVBoxLayout(content)
        outer_body.setContentsMargins(0, 0, 0, 0)
        self.body = QVBoxLayout()
        self.body.setSpacing(4)
        outer_body.addLayout(self.body)
        outer_body.addStretch(1)
        self.body_scroll.setWidget(content)
        layout.addWidget(self.body_scroll, 1)
        buttons = QHBoxLayout()
        # one line each (the key in brackets): the form fits a 768 px high screen
        self.confirm_button = two_line_button(
            confirm_text + translate("WindowForms", "（回车）"))
        self.cancel_button = two_line_button(translate("WindowForms", "取消（Esc）"))
        for button in (self.confirm_button, self.cancel_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.confirm_button.clicked.connect(self.submitted)
        self.cancel_button.clicked.connect(self.cancelled)

    def add_row(self, label: str, widget: QWidget, *, inline: bool = False) -> QWidget:
        """``label`` above ``widget`` (none when empty), or beside it when ``inline``."""
        row = QHBoxLayout() if inline else self.body
        if label:
            caption = QLabel(label)
            caption.setWordWrap(not inline)
            caption.setBuddy(widget)
            row.addWidget(caption)
            self._captions[widget] = caption
        row.addWidget(widget, 1) if inline else row.addWidget(widget)
        if inline:
            self.body.addLayout(row)
        widget.installEventFilter(self)
        return widget

    def set_row_visible(self, widget: QWidget, visible: bool) -> None:
        """Show or hide a row added by ``add_row``, its caption with it."""
        widget.setVisible(visible)
        if widget in self._captions:
            self._captions[widget].setVisible(visible)

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
