"""Appointment check-in (预约签到): by appointment code or by the booking's phone
number, typed on an on-screen numeric keypad.

The early/late rule is shown before the citizen types, so a refusal is never a
surprise; the numbers come from the hall's settings.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup, QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget,
)

from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.keyboard import digit_keypad
from kiosk.ui.kiosk.look import BodyLabel, set_tone, tag
from kiosk.ui.kiosk.widgets import Screen, button
from kiosk.ui.theme import Scale

CODE, PHONE = "code", "phone"


class CheckInScreen(Screen):
    check_in_requested = Signal(str, str)  # ("code" or "phone", the digits typed)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(48, 24, 48, 24)

        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(BodyLabel(translate("CheckInScreen", "预约签到取号"), "title"))
        self.rules_label = BodyLabel("")
        set_tone(self.rules_label, "muted")
        form.addWidget(self.rules_label)
        modes = QHBoxLayout()
        self.code_button = button(translate("CheckInScreen", "用预约号签到"),
                                  kind="secondary", role="heading")
        self.phone_button = button(translate("CheckInScreen", "用手机号签到"),
                                   kind="secondary", role="heading")
        self._modes = QButtonGroup(self)
        for mode_button in (self.code_button, self.phone_button):
            mode_button.setCheckable(True)
            self._modes.addButton(mode_button)
            modes.addWidget(mode_button)
        self.code_button.toggled.connect(self._mode_changed)
        form.addLayout(modes)
        self.prompt_label = BodyLabel("", "heading")
        form.addWidget(self.prompt_label)
        self.field = QLineEdit()
        tag(self.field, "title")
        self.field.setMaxLength(11)
        self.field.returnPressed.connect(self.submit)
        form.addWidget(self.field)
        self.submit_button = button(translate("CheckInScreen", "签到取号"), role="title", rows=1.5)
        self.submit_button.clicked.connect(self.submit)
        form.addWidget(self.submit_button)
        form.addStretch(1)

        self.keypad = digit_keypad(self.field)
        self._portrait: bool | None = None
        self.code_button.setChecked(True)

    @property
    def mode(self) -> str:
        return PHONE if self.phone_button.isChecked() else CODE

    def set_mode(self, mode: str) -> None:
        (self.phone_button if mode == PHONE else self.code_button).setChecked(True)

    def set_rules(self, early_minutes: int, late_minutes: int) -> None:
        self.rules_label.set_plain_text(
            translate("CheckInScreen", "请在预约时段开始前 %1 分钟至开始后 %2 分钟内签到，签到后优先叫号；"
               "超过时间请取普通号。").replace("%1", str(early_minutes))
            .replace("%2", str(late_minutes)))

    def submit(self) -> None:
        value = self.field.text().strip()
        self.check_in_requested.emit(self.mode, value)

    def _mode_changed(self) -> None:
        # the chosen mode is said in words (● / ○), not by colour alone
        code = self.mode == CODE
        self.code_button.setText(("● " if code else "○ ") + translate("CheckInScreen", "用预约号签到"))
        self.phone_button.setText(("○ " if code else "● ") + translate("CheckInScreen", "用手机号签到"))
        self.prompt_label.set_plain_text(
            translate("CheckInScreen", "请输入预约号（如 261123001）") if code
            else translate("CheckInScreen", "请输入预约时填写的 11 位手机号"))
        self.field.setMaxLength(12 if code else 11)
        self.field.clear()

    def clear_input(self) -> None:
        self.field.clear()
        self.set_mode(CODE)

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self.keypad.set_scale(scale)
        self._grid.setSpacing(scale.spacing_px * 3)
        if portrait == self._portrait:
            return
        self._portrait = portrait
        self._grid.removeWidget(self.form)
        self._grid.removeWidget(self.keypad)
        for index in range(2):
            self._grid.setRowStretch(index, 0)
            self._grid.setColumnStretch(index, 0)
        if portrait:
            self._grid.addWidget(self.form, 0, 0)
            self._grid.addWidget(self.keypad, 1, 0)
            self._grid.setRowStretch(1, 1)
        else:
            self._grid.addWidget(self.form, 0, 0)
            self._grid.addWidget(self.keypad, 0, 1)
            self._grid.setColumnStretch(0, 1)
            self._grid.setColumnStretch(1, 1)
