"""On-screen keyboards: letters (and the digits and hyphen of item codes) for search,
digits for check-in.

A kiosk has no physical keyboard; each key types into one QLineEdit. Keys are large
buttons sized by the current scale like every other target.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.touch.widgets import button
from kiosk.ui.theme import Scale

LETTER_ROWS = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
#: item codes (SCJG-001) have digits and a hyphen: a row of digits above, - after M
CODE_ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM-")
DIGIT_ROWS = ("123", "456", "789")


class Keypad(QWidget):
    """Keys in rows; the last row ends with 删除 (backspace) and 清空 (clear)."""

    edited = Signal()  # the target's text changed because a key was pressed

    def __init__(self, rows: tuple[str, ...], target: QLineEdit, *, lower: bool = False,
                 trailing: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self._grid = grid
        for row_index, row in enumerate(rows):
            for col, char in enumerate(row):
                self._add_key(char, char.lower() if lower else char, row_index, col)
        self.erase_button = button(translate("Keypad", "删除"), kind="secondary", role="heading")
        self.clear_button = button(translate("Keypad", "清空"), kind="secondary", role="heading")
        self.erase_button.clicked.connect(self.erase)
        self.clear_button.clicked.connect(self.clear)
        width, last = max(len(r) for r in rows), len(rows)
        if trailing:  # the digit pad: 清空 0 删除 under 7 8 9
            grid.addWidget(self.clear_button, last, 0)
            for col, char in enumerate(trailing, start=1):
                self._add_key(char, char, last, col)
            grid.addWidget(self.erase_button, last, len(trailing) + 1)
        else:  # the letter board: 删除 and 清空 fill the shorter rows' ends
            grid.addWidget(self.erase_button, last - 2, len(rows[-2]), 1,
                           width - len(rows[-2]))
            grid.addWidget(self.clear_button, last - 1, len(rows[-1]), 1,
                           width - len(rows[-1]))

    def _add_key(self, label: str, text: str, row: int, col: int) -> None:
        key = button(label, kind="key", role="key")
        key.setAccessibleName(label)
        key.clicked.connect(lambda _=False, t=text: self.type_text(t))
        self._grid.addWidget(key, row, col)
        self.keys[label] = key

    def set_scale(self, scale: Scale) -> None:
        self._grid.setSpacing(6 if scale.target_px >= 88 else 8)

    def retarget(self, target: QLineEdit) -> None:
        """Type into ``target`` from now on (one pad for a screen's successive fields)."""
        self.target = target

    def type_text(self, text: str) -> None:
        if self.target.maxLength() and len(self.target.text()) >= self.target.maxLength():
            return
        self.target.insert(text)
        self.edited.emit()

    def erase(self) -> None:
        self.target.backspace()
        self.edited.emit()

    def clear(self) -> None:
        self.target.clear()
        self.edited.emit()


def letter_keyboard(target: QLineEdit, *, digits: bool = False) -> Keypad:
    """Letters (typed lower case); with ``digits`` also 0-9 and the hyphen."""
    return Keypad(CODE_ROWS if digits else LETTER_ROWS, target, lower=True)


def digit_keypad(target: QLineEdit) -> Keypad:
    """Digits in a phone-like 3x4 block; its keys grow to fill the space they get."""
    pad = Keypad(DIGIT_ROWS, target, trailing="0")
    for key in pad.findChildren(QPushButton):
        key.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        key.setMaximumHeight(200)
    return pad


def place_beside_keypad(grid, entry, keypad, *, portrait: bool, short: bool) -> None:
    """Lay out a screen's entry part and its keypad in ``grid``: the keypad under the
    entry in portrait, beside it in landscape (wider for the entry on a short screen)."""
    grid.removeWidget(entry)
    grid.removeWidget(keypad)
    for index in range(2):
        grid.setRowStretch(index, 0)
        grid.setColumnStretch(index, 0)
    grid.addWidget(entry, 0, 0)
    if portrait:
        grid.addWidget(keypad, 1, 0)
        grid.setRowStretch(1, 1)
    else:
        grid.addWidget(keypad, 0, 1)
        grid.setColumnStretch(0, 3 if short else 1)
        grid.setColumnStretch(1, 2 if short else 1)
