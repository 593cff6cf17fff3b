"""Appointment check-in (预约签到): by appointment code or by the booking's phone
number, typed on an on-screen numeric keypad.

The early/late rule is shown before the citizen types, so a refusal is never a
surprise; the numbers come from the hall's settings. A code alone would let anyone who
saw it check the booking in, so a second step asks for the last four digits of the
booking's phone, on the same large keys, with nothing else on the form.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QGridLayout, QHBoxLayout, QLineEdit, QStackedWidget, QVBoxLayout, QWidget,
)

from kiosk.ui.i18n import translate
from kiosk.ui.touch.keyboard import digit_keypad, place_beside_keypad
from kiosk.ui.touch.look import TARGET_ROWS, BodyLabel, set_tone, tag
from kiosk.ui.touch.widgets import Screen, button
from kiosk.ui.theme import Scale

CODE, PHONE = "code", "phone"
#: the two steps of checking in by code
ENTRY, DIGITS = "entry", "digits"


class CheckInScreen(Screen):
    #: ("code" or "phone", the code or phone typed, the phone's last four digits or "")
    check_in_requested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(48, 24, 48, 24)

        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        self.title_label = BodyLabel(translate("CheckInScreen", "预约签到取号"), "title")
        form.addWidget(self.title_label)
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

        self.digits_form = self._build_digits_form()
        self.steps = QStackedWidget()
        self.steps.addWidget(self.form)
        self.steps.addWidget(self.digits_form)
        self._code = ""
        self.keypad = digit_keypad(self.field)
        self._portrait: bool | None = None
        self._short = False
        self.code_button.setChecked(True)

    def set_short(self, short: bool) -> None:
        """A short screen: the heading and the explanations go (the top bar's back
        button and the prompts remain), the form gets the wider column, the buttons
        one target high."""
        self._short = short
        for label in (self.title_label, self.rules_label, self.why_label):
            label.setVisible(not short)
        for widget in (self.submit_button, self.digits_submit_button):
            widget.setProperty(TARGET_ROWS, 1.0 if short else 1.5)
        self._portrait = None  # lay out again

    def _build_digits_form(self) -> QWidget:
        page = QWidget()
        form = QVBoxLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.code_label = BodyLabel("", "heading")
        form.addWidget(self.code_label)
        self.digits_prompt = BodyLabel(
            translate("CheckInScreen", "请输入预约手机号的后四位"), "title")
        form.addWidget(self.digits_prompt)
        why = self.why_label = BodyLabel(translate("CheckInScreen", "核对手机号，防止他人冒用您的预约"))
        set_tone(why, "muted")
        form.addWidget(why)
        self.digits_field = QLineEdit()
        tag(self.digits_field, "title")
        self.digits_field.setMaxLength(4)
        self.digits_field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digits_field.returnPressed.connect(self.submit)
        form.addWidget(self.digits_field)
        self.digits_submit_button = button(translate("CheckInScreen", "签到取号"),
                                           role="title", rows=1.5)
        self.digits_submit_button.clicked.connect(self.submit)
        form.addWidget(self.digits_submit_button)
        self.change_code_button = button(translate("CheckInScreen", "重新输入预约号"),
                                         kind="secondary", role="heading")
        self.change_code_button.clicked.connect(self.show_entry)
        form.addWidget(self.change_code_button)
        form.addStretch(1)
        return page

    @property
    def step(self) -> str:
        return DIGITS if self.steps.currentWidget() is self.digits_form else ENTRY

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
        """Phone: check in. Code: ask for the phone's last four digits, then check in."""
        if self.step == DIGITS:
            self.check_in_requested.emit(CODE, self._code, self.digits_field.text().strip())
            return
        value = self.field.text().strip()
        if self.mode == CODE and value:
            self.show_digits(value)
            return
        self.check_in_requested.emit(self.mode, value, "")

    def show_digits(self, code: str) -> None:
        self._code = code
        self.code_label.set_plain_text(
            translate("CheckInScreen", "预约号：%1").replace("%1", code))
        self.digits_field.clear()
        self.steps.setCurrentWidget(self.digits_form)
        self.keypad.retarget(self.digits_field)
        self.digits_field.setFocus()

    def show_entry(self) -> None:
        """Back to the code (as typed), e.g. to correct it."""
        self.digits_field.clear()
        self.steps.setCurrentWidget(self.form)
        self.keypad.retarget(self.field)
        self.field.setFocus()

    def clear_digits(self) -> None:
        self.digits_field.clear()

    def _mode_changed(self) -> None:
        # the chosen mode is said in words (● / ○), not by colour alone
        code = self.mode == CODE
        self.code_button.setText(("● " if code else "○ ") + translate("CheckInScreen", "用预约号签到"))
        self.phone_button.setText(("○ " if code else "● ") + translate("CheckInScreen", "用手机号签到"))
        self.prompt_label.set_plain_text(
            translate("CheckInScreen", "请输入 8 位预约号") if code
            else translate("CheckInScreen", "请输入预约时填写的 11 位手机号"))
        self.submit_button.setText(translate("CheckInScreen", "下一步") if code
                                   else translate("CheckInScreen", "签到取号"))
        self.field.setMaxLength(12 if code else 11)
        self.field.clear()

    def clear_input(self) -> None:
        self.show_entry()
        self._code = ""
        self.field.clear()
        self.set_mode(CODE)

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self.keypad.set_scale(scale)
        self._grid.setSpacing(scale.spacing_px * (1 if self._short else 3))
        if portrait == self._portrait:
            return
        self._portrait = portrait
        place_beside_keypad(self._grid, self.steps, self.keypad, portrait=portrait,
                            short=self._short)
