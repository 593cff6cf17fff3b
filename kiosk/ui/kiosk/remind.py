"""到号短信提醒 after a ticket: the citizen types a mobile number on the digit keypad and
is told when the messages will come (N people ahead, and the call).

The number is checked in the core (``reminders.leave_phone``, run by the controller on
the action worker); the screen only shows what it answered, masked, never the number.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.touch.keyboard import digit_keypad, place_beside_keypad
from kiosk.ui.touch.look import TARGET_ROWS, BodyLabel, set_tone, tag
from kiosk.ui.touch.widgets import Screen, button
from kiosk.ui.theme import Scale


def done_text(phone_masked: str, ahead: int | None) -> str:
    """What the citizen is promised: "N ahead" only when that message is still due."""
    if ahead:
        return translate("RemindScreen", "将在前面还有 %1 人时和叫号时发短信至 %2").replace(
            "%1", str(ahead)).replace("%2", phone_masked)
    return translate("RemindScreen", "将在叫号时发短信至 %1").replace("%1", phone_masked)


class RemindScreen(Screen):
    phone_entered = Signal(int, str)   # (ticket id, the number typed)
    finished = Signal()                # 完成 after the number was taken

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticket_id: int | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(48, 24, 48, 24)

        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        self.title_label = BodyLabel(translate("RemindScreen", "到号短信提醒"), "title")
        self.code_label = BodyLabel("", "heading")
        self.prompt_label = BodyLabel(
            translate("RemindScreen", "请输入您的 11 位手机号码"), "heading")
        self.why_label = BodyLabel(translate(
            "RemindScreen", "号码仅用于本次到号提醒，当天结束后删除"))
        set_tone(self.why_label, "muted")
        self.field = QLineEdit()
        tag(self.field, "title")
        self.field.setMaxLength(11)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.returnPressed.connect(self.submit)
        self.submit_button = button(translate("RemindScreen", "确定"), role="title", rows=1.5)
        self.submit_button.clicked.connect(self.submit)
        for widget in (self.title_label, self.code_label, self.prompt_label, self.why_label,
                       self.field, self.submit_button):
            form.addWidget(widget)
        form.addStretch(1)

        self.done = QWidget()
        done = QVBoxLayout(self.done)
        done.setContentsMargins(0, 0, 0, 0)
        self.done_title = BodyLabel(translate("RemindScreen", "已设置到号提醒"), "title")
        self.done_label = BodyLabel("", "heading")
        set_tone(self.done_label, "ok")
        self.done_button = button(translate("RemindScreen", "完成，返回首页"),
                                  kind="secondary", role="heading", rows=1.25)
        self.done_button.clicked.connect(self.finished)
        for widget in (self.done_title, self.done_label, self.done_button):
            done.addWidget(widget)
        done.addStretch(1)

        self.steps = QStackedWidget()
        self.steps.addWidget(self.form)
        self.steps.addWidget(self.done)
        self.keypad = digit_keypad(self.field)
        self._portrait: bool | None = None
        self._short = False

    def show_for(self, ticket_id: int, code: str) -> None:
        self.ticket_id = ticket_id
        self.code_label.set_plain_text(translate("RemindScreen", "号码：%1").replace("%1", code))
        self.field.clear()
        self.steps.setCurrentWidget(self.form)
        self.keypad.setVisible(True)
        self.field.setFocus()

    def submit(self) -> None:
        if self.ticket_id is not None and self.steps.currentWidget() is self.form:
            self.phone_entered.emit(self.ticket_id, self.field.text().strip())

    def show_done(self, phone_masked: str, ahead: int | None) -> None:
        self.field.clear()
        self.done_label.set_plain_text(done_text(phone_masked, ahead))
        self.steps.setCurrentWidget(self.done)
        self.keypad.setVisible(False)

    @property
    def taken(self) -> bool:
        return self.steps.currentWidget() is self.done

    def clear_input(self) -> None:
        self.ticket_id = None
        self.field.clear()
        self.steps.setCurrentWidget(self.form)
        self.keypad.setVisible(True)

    def set_short(self, short: bool) -> None:
        self._short = short
        self.why_label.setVisible(not short)
        self.submit_button.setProperty(TARGET_ROWS, 1.0 if short else 1.5)
        self._portrait = None  # lay out again

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self.keypad.set_scale(scale)
        self._grid.setSpacing(scale.spacing_px * (1 if self._short else 3))
        if portrait == self._portrait:
            return
        self._portrait = portrait
        place_beside_keypad(self._grid, self.steps, self.keypad, portrait=portrait,
                            short=self._short)
