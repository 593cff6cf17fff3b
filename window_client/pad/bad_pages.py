"""The 差评 pages: what went wrong as large toggles, an optional comment typed on an
on-screen keyboard (letters and digits: the reasons cover most cases, so no pinyin
input), and an optional phone for the call back (回访), shown masked as it is typed."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from kiosk.errors import InvalidInput
from kiosk.queue.actions.rating import BAD_REASONS
from kiosk.queue.rules.personal import clean_mobile
from kiosk.ui.i18n import translate
from kiosk.ui.theme import PRIMARY, PRIMARY_TEXT
from kiosk.ui.touch.keyboard import Keypad, digit_keypad
from kiosk.ui.touch.look import set_tone, tag
from kiosk.ui.touch.widgets import button
from window_client.pad.look import label, tick_box

COMMENT_ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
COMMENT_MAX = 200


def masked_as_typed(digits: str) -> str:
    """139****5678 as the digits come: the 4th to 7th never appear on screen."""
    return "".join("*" if 3 <= i < 7 else d for i, d in enumerate(digits))


class ReasonToggle(QPushButton):
    """A reason: touched anywhere it toggles; a ticked box says it is chosen (not only
    the colour)."""

    def __init__(self, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(translate("Rating", reason), parent)
        self.reason = reason
        self.setProperty("reason", reason)
        self.setProperty("kind", "secondary")
        tag(self, "body")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.toggled.connect(self._draw)
        self._draw(False)

    def _draw(self, checked: bool) -> None:
        self.setIcon(QIcon(tick_box(checked, 40, PRIMARY_TEXT if checked else PRIMARY)))
        self.setIconSize(tick_box(False, 40, PRIMARY).size())


class _Taps(QObject):
    """Calls ``action`` when its widget is touched (a line edit opens the keyboard)."""

    def __init__(self, widget: QWidget, action) -> None:
        super().__init__(widget)
        self._action = action
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.MouseButtonPress:
            self._action()
            return True
        return False


class ReasonsPage(QWidget):
    """Levels 1-2: at least one reason, or a comment; then send, or leave a phone."""

    #: the citizen sent the reasons without a phone: (reasons, comment)
    reasons_submitted = Signal(list, str)
    #: the citizen wants a call back: (reasons, comment); the phone page comes next
    phone_wanted = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = label(translate("RatingPad", "请告诉我们哪里不满意（可多选）"),
                              "title", centre=True)
        self.checks = [ReasonToggle(reason) for reason in BAD_REASONS]
        for check in self.checks:     # larger on a larger screen, up to a point
            check.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            check.setMaximumHeight(150)
        self.grid_widget = QWidget()
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.comment = QLineEdit()
        self.comment.setMaxLength(COMMENT_MAX)
        self.comment.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.comment.setPlaceholderText(translate("RatingPad", "其他意见（可不填，点此输入）"))
        tag(self.comment, "body")
        _Taps(self.comment, self.open_keyboard)
        self.keyboard = Keypad(COMMENT_ROWS, self.comment, lower=True)
        self.space_button = button(translate("RatingPad", "空格"), kind="key", role="heading")
        self.space_button.clicked.connect(lambda: self.keyboard.type_text(" "))
        self.done_button = button(translate("RatingPad", "输入完成"), role="heading")
        self.done_button.clicked.connect(self.close_keyboard)
        comment_row = QHBoxLayout()
        comment_row.addWidget(self.comment, 1)
        comment_row.addWidget(self.space_button)
        comment_row.addWidget(self.done_button)
        self.keyboard_widget = self.keyboard
        self.message = label("", "body", centre=True)
        self.phone_button = button(translate("RatingPad", "留电话，方便回访"), kind="secondary")
        self.submit_button = button(translate("RatingPad", "提交评价"))
        self.phone_button.clicked.connect(lambda: self._send(self.phone_wanted))
        self.submit_button.clicked.connect(self.submit)
        self.comment.returnPressed.connect(self.submit)
        self.actions = QWidget()
        actions = QHBoxLayout(self.actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.phone_button, 1)
        actions.addWidget(self.submit_button, 1)
        self.countdown = label("", "body", centre=True)
        set_tone(self.countdown, "muted")
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.question)
        layout.addWidget(self.grid_widget, 1)
        layout.addLayout(comment_row)
        layout.addWidget(self.keyboard_widget)
        layout.addStretch(0)          # takes the room only while the reasons are hidden
        layout.addWidget(self.message)
        layout.addWidget(self.actions)
        layout.addWidget(self.countdown)
        self.set_portrait(False)
        self.close_keyboard()

    def set_portrait(self, portrait: bool) -> None:
        columns = 2 if portrait else 4
        for index, check in enumerate(self.checks):
            self.grid.addWidget(check, index // columns, index % columns)

    @property
    def typing(self) -> bool:
        return self.keyboard_widget.isVisibleTo(self)

    def open_keyboard(self) -> None:
        """The comment's keyboard takes the reasons' place (they stay chosen)."""
        for widget in (self.question, self.grid_widget, self.actions, self.message):
            widget.hide()
        for widget in (self.keyboard_widget, self.space_button, self.done_button):
            widget.show()
        self.comment.setPlaceholderText(translate("RatingPad", "请用下方键盘输入（字母、数字均可）"))

    def close_keyboard(self) -> None:
        for widget in (self.keyboard_widget, self.space_button, self.done_button):
            widget.hide()
        for widget in (self.question, self.grid_widget, self.actions):
            widget.show()
        self.message.setVisible(bool(self.message.text()))
        self.comment.setPlaceholderText(translate("RatingPad", "其他意见（可不填，点此输入）"))

    def prepare(self) -> None:
        for check in self.checks:
            check.setChecked(False)
        self.comment.clear()
        self.message.clear()
        set_tone(self.message, None)
        self.close_keyboard()

    def toggle(self, index: int) -> None:
        if 0 <= index < len(self.checks):
            self.checks[index].toggle()

    def chosen(self) -> list[str]:
        return [c.reason for c in self.checks if c.isChecked()]

    def submit(self) -> None:
        self._send(self.reasons_submitted)

    def _send(self, signal) -> None:
        reasons, comment = self.chosen(), self.comment.text().strip()
        if not reasons and not comment:
            set_tone(self.message, "warning")
            self.message.setText(translate("RatingPad", "请至少选择一项原因"))
            self.message.show()
            return
        signal.emit(reasons, comment)


class PhonePage(QWidget):
    """An 11-digit mobile for the call back; checked by the core's rule before it is
    sent, so a wrong number is refused here in words and nothing is written."""

    #: the citizen sent the rating with this phone ("" = without one)
    phone_submitted = Signal(str)
    #: back to the reasons
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = label(translate("RatingPad", "留下手机号码，方便回访"),
                              "title", centre=True)
        self.note = label(translate("RatingPad", "可不填。号码只用于回访，不会完整显示或保存明文"),
                          "body", centre=True)
        set_tone(self.note, "muted")
        self.entry = QLineEdit()         # never shown: the masked label shows it
        self.entry.setMaxLength(11)
        self.entry.hide()
        self.shown = label("", "title", centre=True)
        self.shown.setObjectName("phoneShown")
        self.shown.setMinimumHeight(88)
        self.message = label("", "body", centre=True)
        self.keypad = digit_keypad(self.entry)
        self.entry.textChanged.connect(self._show_masked)
        self.back_button = button(translate("RatingPad", "返回"), kind="secondary")
        self.submit_button = button(translate("RatingPad", "提交评价"))
        self.back_button.clicked.connect(self.back_requested.emit)
        self.submit_button.clicked.connect(self.submit)
        self.countdown = label("", "body", centre=True)
        set_tone(self.countdown, "muted")
        self.top = QWidget()
        top = QVBoxLayout(self.top)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(14)
        for widget in (self.question, self.note, self.shown, self.message):
            top.addWidget(widget)
        self.bottom = QWidget()
        bottom = QVBoxLayout(self.bottom)
        bottom.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.back_button, 1)
        row.addWidget(self.submit_button, 1)
        bottom.addLayout(row)
        bottom.addWidget(self.countdown)
        self.grid = QGridLayout(self)
        self.grid.setSpacing(20)
        self.set_portrait(False)
        self._show_masked("")

    def set_portrait(self, portrait: bool) -> None:
        """Landscape: the keypad beside the number; portrait: under it, the buttons last."""
        for widget in (self.top, self.keypad, self.bottom):
            self.grid.removeWidget(widget)
        if portrait:
            self.grid.addWidget(self.top, 0, 0)
            self.grid.addWidget(self.keypad, 1, 0)
            self.grid.addWidget(self.bottom, 2, 0)
            columns = (1, 0)
        else:
            self.grid.addWidget(self.top, 0, 0)
            self.grid.addWidget(self.bottom, 2, 0)
            self.grid.addWidget(self.keypad, 0, 1, 3, 1)
            columns = (3, 2)
        for row, stretch in enumerate((0, 1, 0)):
            self.grid.setRowStretch(row, stretch)
        for column, stretch in enumerate(columns):
            self.grid.setColumnStretch(column, stretch)

    def prepare(self) -> None:
        self.entry.clear()
        self.message.clear()
        set_tone(self.message, None)

    def _show_masked(self, digits: str) -> None:
        self.shown.setText(masked_as_typed(digits) if digits
                           else translate("RatingPad", "请用下方数字键输入"))
        self.message.clear()
        set_tone(self.message, None)

    def submit(self) -> None:
        digits = self.entry.text()
        if not digits:
            self.phone_submitted.emit("")
            return
        try:
            clean_mobile(digits)
        except InvalidInput as refused:
            set_tone(self.message, "warning")
            self.message.setText(refused.message_zh)
            return
        self.phone_submitted.emit(digits)
