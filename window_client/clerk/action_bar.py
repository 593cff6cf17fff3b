"""The clerk's action buttons, each with its keyboard shortcut written on it.

Shortcuts are QShortcuts on the whole window (a caller keypad types keys wherever the
focus is). A key whose action does not apply now still reaches the main screen, which
says why in the message area instead of silently doing nothing.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from kiosk.ui.i18n import translate
from window_client.clerk.keys import ACTIONS
from window_client.style import BUTTON_MIN_H


def action_labels() -> dict[str, str]:
    return {
        "call_next": translate("WindowMain", "叫号"),
        "recall": translate("WindowMain", "重呼"),
        "start": translate("WindowMain", "开始办理"),
        "no_show": translate("WindowMain", "过号"),
        "finish": translate("WindowMain", "办结"),
        "finish_and_call": translate("WindowMain", "办结并叫号"),
        "transfer": translate("WindowMain", "转办"),
        "call_number": translate("WindowMain", "指定叫号"),
        "requeue": translate("WindowMain", "过号重排"),
        "pause": translate("WindowMain", "暂停服务"),
        "resume": translate("WindowMain", "恢复服务"),
        "inquiry": translate("WindowMain", "首问登记"),
        "sign_out": translate("WindowMain", "退出登录"),
    }


def _key_rank(sequence: QKeySequence | None) -> tuple[int, int, str]:
    """F1..F12 by number first, then other keys, then actions without a key."""
    if sequence is None:
        return (2, 0, "")
    text = sequence.toString()
    if text[:1] == "F" and text[1:].isdigit():
        return (0, int(text[1:]), text)
    return (1, 0, text)


def button_order(keys: dict[str, QKeySequence]) -> tuple[str, ...]:
    """The buttons left to right, row by row, in the order of their keys (F1, F2 ...),
    so the bar reads like the keypad; 退出登录 comes last, with them."""
    actions = [a for a in ACTIONS if a != "sign_out"]
    actions.sort(key=lambda a: _key_rank(keys.get(a)))
    return (*actions, "sign_out")


class ActionBar(QWidget):
    """Big buttons in two rows in key order; ``action_requested`` fires for a click or
    a key."""

    #: the clerk pressed an action's button or key (action name from keys.ACTIONS)
    action_requested = Signal(str)

    COLUMNS = 6

    def __init__(self, keys: dict[str, QKeySequence], parent: QWidget | None = None):
        super().__init__(parent)
        self._keys = keys
        self._labels = action_labels()
        self.buttons: dict[str, QPushButton] = {}
        self.shortcuts: dict[str, QShortcut] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.order = button_order(keys)
        for index, action in enumerate(self.order):
            button = QPushButton()
            button.setMinimumHeight(BUTTON_MIN_H)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter belongs to the forms
            button.clicked.connect(lambda _=False, a=action: self.action_requested.emit(a))
            grid.addWidget(button, index // self.COLUMNS, index % self.COLUMNS)
            self.buttons[action] = button
        self.set_paused(False)

    def install_shortcuts(self, host: QWidget) -> None:
        """Bind every configured key on ``host`` (the top-level window)."""
        for action, sequence in self._keys.items():
            shortcut = QShortcut(sequence, host)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(False)  # a held key is one press, not a burst of calls
            shortcut.activated.connect(lambda a=action: self.action_requested.emit(a))
            self.shortcuts[action] = shortcut

    def key_text(self, action: str) -> str:
        sequence = self._keys.get(action)
        return sequence.toString(QKeySequence.SequenceFormat.NativeText) if sequence else ""

    def _label(self, action: str, text: str) -> None:
        key = self.key_text(action)
        self.buttons[action].setText(f"{text}\n［{key}］" if key else text)

    def set_paused(self, paused: bool) -> None:
        """The pause button becomes the resume button while the window is paused."""
        for action in ACTIONS:
            text = self._labels[action]
            if action == "pause" and paused:
                text = self._labels["resume"]
            self._label(action, text)

    def set_enabled_actions(self, enabled: set[str]) -> None:
        for action, button in self.buttons.items():
            button.setEnabled(action in enabled)

    def is_enabled(self, action: str) -> bool:
        return self.buttons[action].isEnabled()

    def label(self, action: str) -> str:
        return self._labels[action]
