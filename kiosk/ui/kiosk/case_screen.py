"""办件查询 at the kiosk: the 办件编号 typed on a letter-and-digit keyboard, then the
phone's last four digits on the digit keypad (as check-in asks them), and the answer on
a screen of its own: the state, the promised date and the materials still owed.

The screens only show and emit; ``case_query.CaseQuery`` reads off the GUI thread and
counts the wrong tries. The answer screen is also where a scanned notice lands.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.queue.reads.case_lookup import CitizenView
from kiosk.queue.rules import ticket_code
from kiosk.queue.store.models import CASE_STATE_NOTE
from kiosk.ui.i18n import translate
from kiosk.ui.theme import Scale
from kiosk.ui.touch.keyboard import CODE_ROWS, Keypad, digit_keypad, place_beside_keypad
from kiosk.ui.touch.look import TARGET_ROWS, BodyLabel, set_tone, tag
from kiosk.ui.touch.widgets import Screen, button

NUMBER, DIGITS = "number", "digits"
#: longer than any 办件编号 format; a notice's link scanned into the field fits too
FIELD_MAX = 120
#: the letter keys' height when the screen has room (portrait): large, not huge
KEY_MAX_HEIGHT = 130


class CaseLookupScreen(Screen):
    #: (the 办件编号 typed, the phone's last four digits)
    lookup_requested = Signal(str, str)
    #: a notice's QR code was scanned into the field (the scan's text)
    link_scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        # ten elder-size keys a row need all but 24 pixels a side of a portrait screen
        self._grid.setContentsMargins(24, 24, 24, 24)
        self.number_form = self._build_number_form()
        self.digits_form = self._build_digits_form()
        # not a QStackedWidget: its height would be the taller form's on both steps
        self.steps = QWidget()
        column = QVBoxLayout(self.steps)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.number_form)
        column.addWidget(self.digits_form)
        self._step = NUMBER
        self.keyboard = Keypad(CODE_ROWS, self.field)   # typed upper case, as printed
        for key in self.keyboard.findChildren(QPushButton):  # keys grow into the room
            key.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
            key.setMaximumHeight(KEY_MAX_HEIGHT)
        self.keyboard.setMaximumHeight(len(CODE_ROWS) * (KEY_MAX_HEIGHT + 8))
        self.keypad = digit_keypad(self.digits_field)
        for pad in (self.keyboard, self.keypad):  # in the grid when their step comes
            pad.setParent(self)
            pad.hide()
        self._case_no = ""
        self._portrait = False
        self._short = False
        self._placed: tuple | None = None

    def _build_number_form(self) -> QWidget:
        page = QWidget()
        form = QVBoxLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.title_label = BodyLabel(translate("CaseLookupScreen", "办件查询"), "title")
        self.prompt_label = BodyLabel(
            translate("CaseLookupScreen", "请输入受理通知书上的办件编号"), "heading")
        self.example_label = BodyLabel("")
        set_tone(self.example_label, "muted")
        self.field = QLineEdit()
        tag(self.field, "title")
        self.field.setMaxLength(FIELD_MAX)
        self.field.returnPressed.connect(self.submit)
        self.next_button = button(translate("CaseLookupScreen", "下一步"), role="title")
        self.next_button.clicked.connect(self.submit)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.next_button)
        for widget in (self.title_label, self.prompt_label, self.example_label):
            form.addWidget(widget)
        form.addLayout(row)
        form.addStretch(1)
        return page

    def _build_digits_form(self) -> QWidget:
        page = QWidget()
        form = QVBoxLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.case_label = BodyLabel("", "heading")
        self.digits_prompt = BodyLabel(
            translate("CaseLookupScreen", "请输入申请时留下的手机号码后四位"), "title")
        self.why_label = BodyLabel(translate(
            "CaseLookupScreen", "核对手机号，只有申请人本人能查看办件"))
        set_tone(self.why_label, "muted")
        self.digits_field = QLineEdit()
        tag(self.digits_field, "title")
        self.digits_field.setMaxLength(4)
        self.digits_field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digits_field.returnPressed.connect(self.submit)
        self.search_button = button(translate("CaseLookupScreen", "查询"), role="title",
                                    rows=1.5)
        self.search_button.clicked.connect(self.submit)
        self.change_button = button(translate("CaseLookupScreen", "重新输入办件编号"),
                                    kind="secondary", role="heading")
        self.change_button.clicked.connect(self.show_number)
        for widget in (self.case_label, self.digits_prompt, self.why_label,
                       self.digits_field, self.search_button, self.change_button):
            form.addWidget(widget)
        form.addStretch(1)
        return page

    @property
    def step(self) -> str:
        return self._step

    def set_example(self, example: str) -> None:
        self.example_label.set_plain_text(translate(
            "CaseLookupScreen", "编号由字母和数字组成，如 %1").replace("%1", example)
            if example else "")
        self.example_label.setVisible(bool(example) and not self._short)

    def submit(self) -> None:
        """The number: on to the digits. The digits: ask (the controller checks both)."""
        typed = self.field.text().strip()
        if self.step == DIGITS:
            self.lookup_requested.emit(self._case_no, self.digits_field.text().strip())
        elif isinstance(ticket_code.parse(typed), ticket_code.CaseLink):
            self.field.clear()
            self.link_scanned.emit(typed)
        elif typed:
            self.show_digits(typed.upper())  # as printed (a scanner's case is kept)

    def show_digits(self, case_no: str) -> None:
        self._case_no = case_no
        self.case_label.set_plain_text(
            translate("CaseLookupScreen", "办件编号：%1").replace("%1", case_no))
        self.digits_field.clear()
        self._step = DIGITS
        self._place()

    def show_number(self) -> None:
        """Back to the number (as typed), e.g. to correct it."""
        self.digits_field.clear()
        self._step = NUMBER
        self._place()

    def step_back(self) -> bool:
        """返回 on the digits goes to the number; elsewhere it is the window's."""
        if self.step != DIGITS:
            return False
        self.show_number()
        return True

    def set_busy(self, busy: bool) -> None:
        """A lookup is being answered: no second one meanwhile."""
        for widget in (self.search_button, self.change_button):
            widget.setEnabled(not busy)

    def clear_digits(self) -> None:
        self.digits_field.clear()

    def clear_input(self) -> None:
        self._case_no = ""
        self.field.clear()
        self.set_busy(False)
        self.show_number()

    def set_short(self, short: bool) -> None:
        """A short screen: the heading and the explanations go, the buttons one target
        high, so the keyboard and the field fit in elder mode at 768 pixels."""
        self._short = short
        self._grid.setContentsMargins(24, 8 if short else 24, 24, 8 if short else 24)
        for label in (self.title_label, self.why_label):
            label.setVisible(not short)
        self.example_label.setVisible(not short and bool(self.example_label.plain_text()))
        self.search_button.setProperty(TARGET_ROWS, 1.0 if short else 1.5)
        self._placed = None

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self.keyboard.set_scale(scale)
        self.keypad.set_scale(scale)
        self._grid.setSpacing(scale.spacing_px * (1 if self._short else 3))
        self._portrait = portrait
        self._place()

    def _place(self) -> None:
        """The number over the full-width keyboard (ten keys a row need the width); the
        digits beside their keypad in landscape, over it in portrait."""
        placed = (self.step, self._portrait, self._short)
        if placed == self._placed:
            return
        self._placed = placed
        grid = self._grid
        for widget in (self.steps, self.keyboard, self.keypad):
            grid.removeWidget(widget)
        for index in range(3):
            grid.setRowStretch(index, 0)
            grid.setColumnStretch(index, 0)
        number = self.step == NUMBER
        if number:
            grid.addWidget(self.steps, 0, 0)
            grid.addWidget(self.keyboard, 1, 0)
            # keys grow to their largest first; what a tall screen has left stays below
            grid.setRowStretch(1, 100)
            grid.setRowStretch(2, 1)
        else:
            place_beside_keypad(grid, self.steps, self.keypad, portrait=self._portrait,
                                short=self._short)
        # shown once in the grid: a widget shown before it has a parent is a window
        self.number_form.setVisible(number)
        self.digits_form.setVisible(not number)
        self.keyboard.setVisible(number)
        self.keypad.setVisible(not number)


class CaseResultScreen(Screen):
    another_requested = Signal()   # 查询其他办件
    finished = Signal()            # 完成，返回首页

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: CitizenView | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(48, 24, 48, 24)
        self.facts = QWidget()
        facts = QVBoxLayout(self.facts)
        facts.setContentsMargins(0, 0, 0, 0)
        self.case_label = BodyLabel("", "heading")
        self.item_label = BodyLabel("", "heading")
        self.state_label = BodyLabel("", "title")
        self.note_label = BodyLabel("")
        self.promised_label = BodyLabel("", "title")
        for widget in (self.case_label, self.item_label, self.state_label,
                       self.promised_label):
            facts.addWidget(widget)
        facts.addStretch(1)
        self._facts = facts
        self.owed = QWidget()
        owed = QVBoxLayout(self.owed)
        owed.setContentsMargins(0, 0, 0, 0)
        self.missing_title = BodyLabel(translate("CaseResultScreen", "尚需补交的材料"),
                                       "heading")
        self.missing_label = BodyLabel("", "heading")
        self.hint_label = BodyLabel(translate(
            "CaseResultScreen", "如有疑问，请携带受理通知书到服务台咨询"))
        set_tone(self.hint_label, "muted")
        for widget in (self.missing_title, self.missing_label, self.hint_label):
            owed.addWidget(widget)
        owed.addStretch(1)
        self._owed = owed
        self.buttons = QWidget()
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        self.another_button = button(translate("CaseResultScreen", "查询其他办件"),
                                     kind="secondary", role="heading", rows=1.25)
        self.another_button.clicked.connect(self.another_requested)
        self.done_button = button(translate("CaseResultScreen", "完成，返回首页"),
                                  role="heading", rows=1.25)
        self.done_button.clicked.connect(self.finished)
        row.addWidget(self.another_button)
        row.addWidget(self.done_button)
        self._portrait: bool | None = None
        self._short = False

    def show_view(self, view: CitizenView) -> None:
        self.view = view
        self.case_label.set_plain_text(
            translate("CaseResultScreen", "办件编号：%1").replace("%1", view.case_no))
        self.item_label.set_plain_text(
            translate("CaseResultScreen", "办理事项：%1").replace("%1", view.item))
        self.state_label.set_plain_text(
            translate("CaseResultScreen", "当前状态：%1").replace("%1", view.state))
        correcting = view.state_code == "correcting"
        set_tone(self.state_label, "warning" if correcting else None)
        self.note_label.set_plain_text(state_note(view.state_code))
        self.promised_label.set_plain_text(translate(
            "CaseResultScreen", "承诺办结日期：%1").replace("%1", date_text(view.promised_date)))
        if view.missing:
            self.missing_label.set_plain_text("\n".join(f"· {name}" for name in view.missing))
            set_tone(self.missing_label, "warning")
        else:
            self.missing_label.set_plain_text(translate("CaseResultScreen", "无"))
            set_tone(self.missing_label, None)

    def clear_input(self) -> None:
        self.view = None

    def set_short(self, short: bool) -> None:
        """A short screen: one size smaller text and no closing hint, so a case with
        several materials owed still fits in elder mode at 768 pixels."""
        self._short = short
        big, small = ("heading", "body") if short else ("title", "heading")
        for label in (self.state_label, self.promised_label):
            tag(label, big)
        for label in (self.case_label, self.item_label, self.missing_title,
                      self.missing_label):
            tag(label, small)
        self.hint_label.setVisible(not short)
        for widget in (self.another_button, self.done_button):
            widget.setProperty(TARGET_ROWS, 1.0 if short else 1.25)
        self._grid.setContentsMargins(48, 8 if short else 24, 48, 8 if short else 24)

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self._grid.setSpacing(scale.spacing_px * (1 if self._short else 2))
        if portrait == self._portrait:
            return
        self._portrait = portrait
        grid = self._grid
        for widget in (self.facts, self.owed, self.buttons):
            grid.removeWidget(widget)
        # the state's note: under the state in one column; beside, under the materials
        # (the left column has no room for it in elder mode at 768 pixels)
        self._facts.removeWidget(self.note_label)
        self._owed.removeWidget(self.note_label)
        if portrait:
            self._facts.insertWidget(3, self.note_label)
        else:
            self._owed.insertWidget(2, self.note_label)
        if portrait:  # one column
            grid.addWidget(self.facts, 0, 0)
            grid.addWidget(self.owed, 1, 0)
            grid.addWidget(self.buttons, 2, 0)
            grid.setColumnStretch(1, 0)
        else:         # the case on the left, what is owed on the right
            grid.addWidget(self.facts, 0, 0)
            grid.addWidget(self.owed, 0, 1)
            grid.addWidget(self.buttons, 1, 0, 1, 2)
            grid.setColumnStretch(1, 1)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(0, 0 if portrait else 1)  # the room left goes above the buttons
        grid.setRowStretch(1, 1 if portrait else 0)


def state_note(state: str) -> str:
    """What a state means for the applicant, beyond its name."""
    note = CASE_STATE_NOTE.get(state)
    return translate("CaseState", note) if note else ""


def date_text(day: dt.date) -> str:
    weekdays = (translate("CaseResultScreen", "星期一"), translate("CaseResultScreen", "星期二"),
                translate("CaseResultScreen", "星期三"), translate("CaseResultScreen", "星期四"),
                translate("CaseResultScreen", "星期五"), translate("CaseResultScreen", "星期六"),
                translate("CaseResultScreen", "星期日"))
    return translate("CaseResultScreen", "%1年%2月%3日 %4").replace("%1", str(day.year)) \
        .replace("%2", str(day.month)).replace("%3", str(day.day)) \
        .replace("%4", weekdays[day.weekday()])
