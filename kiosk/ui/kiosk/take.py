"""Choosing the kind of ticket: ordinary, or priority (绿色通道) for a stated reason.

Priority is self-declared here and marked on the ticket for window staff to confirm;
one tap issues the ticket (no second confirmation screen to get lost in).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.queue.rules.names import PRIORITY_ZH
from kiosk.queue.reads.hall import ItemGuide
from kiosk.ui.i18n import translate
from kiosk.ui.touch.look import TARGET_ROWS, BodyLabel, set_tone
from kiosk.ui.touch.widgets import Screen, button, card
from kiosk.ui.theme import Scale


def priority_labels() -> dict[str, str]:
    """Screen names of the priority classes (绿色通道), in display order."""
    return {code: translate("Priority", name) for code, name in PRIORITY_ZH.items()}


def window_numbers_text(numbers: tuple[int, ...]) -> str:
    """``1号、2号、4号`` (the caller adds 窗口)."""
    return translate("Windows", "、").join(translate("Windows", "%1号").replace("%1", str(n))
                                    for n in numbers)


class TakeTicketScreen(Screen):
    ticket_requested = Signal(str, str)  # (item code, priority: "none" or a class)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_code: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        self.title_label = BodyLabel("", "title")
        self.where_label = BodyLabel("")
        set_tone(self.where_label, "muted")
        layout.addWidget(self.title_label)
        layout.addWidget(self.where_label)

        # the ID card: a framed prompt on a queue that takes tickets by card only; a
        # line saying the card works too (optional), or what is wrong with the reader
        self.card_box = card()
        box = QVBoxLayout(self.card_box)
        box.setContentsMargins(40, 40, 40, 40)
        box.addStretch(1)
        self.card_title = BodyLabel(translate("TakeTicketScreen", "请在读卡区刷身份证"),
                                    "number_small")
        self.card_title.setProperty("tone", "number")  # the accent colour of the number
        self.card_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_steps = BodyLabel(translate(
            "TakeTicketScreen", "将身份证放在读卡区，保持不动；读卡成功后自动出号。"
            "本业务需凭身份证取号，请勿替他人取号。"), "heading")
        self.card_steps.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.card_title)
        box.addWidget(self.card_steps)
        box.addStretch(1)
        self.card_box.hide()
        layout.addWidget(self.card_box, 1)
        self.card_label = BodyLabel("", "heading")
        self.card_label.hide()
        layout.addWidget(self.card_label)
        self.card_mode = "off"
        self._card_line = ("", "")       # (text, tone) under the windows line
        self._where_text = ""

        self.ordinary_button = button(translate("TakeTicketScreen", "普通取号"), role="title")
        self.ordinary_button.setSizePolicy(QSizePolicy.Policy.Expanding,
                                           QSizePolicy.Policy.Expanding)
        self.ordinary_button.clicked.connect(lambda: self._request("none"))
        layout.addWidget(self.ordinary_button, 1)

        green = card()
        green_layout = QVBoxLayout(green)
        green_layout.setContentsMargins(28, 20, 28, 20)
        self.green_title = BodyLabel(translate("TakeTicketScreen", "绿色通道（优先办理）"), "title")
        green_layout.addWidget(self.green_title)
        green_layout.addWidget(BodyLabel(translate(
            "TakeTicketScreen",
            "老年人、残疾人、军人、孕妇可优先办理。请选择您的情况；"
            "叫号后请向窗口工作人员出示相关证件，由工作人员确认。")))
        self._priority_grid = QGridLayout()
        self.priority_buttons = {}
        for key, label in priority_labels().items():
            self.priority_buttons[key] = button(
                translate("TakeTicketScreen", "优先 · %1").replace("%1", label),
                kind="secondary", role="heading", rows=1.5)
            self.priority_buttons[key].clicked.connect(
                lambda _=False, k=key: self._request(k))
        green_layout.addLayout(self._priority_grid)
        layout.addWidget(green)
        self.green_card = green
        self._cols = 0
        self._short = False

    def set_short(self, short: bool) -> None:
        """On a short screen the card's heading goes (its text and buttons say it) and
        the priority buttons are one target high."""
        self._short = short
        self._show_lines()
        self.green_title.setVisible(not short)
        for widget in self.priority_buttons.values():
            widget.setProperty(TARGET_ROWS, 1.0 if short else 1.5)

    def show_item(self, guide: ItemGuide) -> None:
        self.item_code = guide.code
        self.title_label.set_plain_text(guide.name)
        windows = window_numbers_text(guide.window_numbers)
        self._where_text = (
            translate("TakeTicketScreen", "办理窗口：%1窗口").replace("%1", windows) if windows
            else translate("TakeTicketScreen", "办理窗口：请留意大厅叫号屏"))
        self._show_lines()

    def set_card_mode(self, id_card: str, reader: bool, problem: str = "") -> None:
        """``id_card``: the queue's rule (required / optional / off); ``reader``: this
        kiosk has one; ``problem``: what is wrong with it (Chinese), or "".

        A queue that takes tickets by card only shows no 取号 buttons: the card placed
        is the tap (a 绿色通道 by age comes from the card itself)."""
        self.card_mode = id_card
        required = id_card == "required"
        self.ordinary_button.setVisible(not required)
        self.green_card.setVisible(not required)
        if required and not reader:
            text, tone = translate("TakeTicketScreen", "此业务需刷身份证取号，本机未连接身份证阅读器，"
                                   "请到服务台咨询"), "warning"
        elif reader and problem:
            text, tone = problem, "warning"
        elif reader and id_card == "optional":
            text, tone = translate("TakeTicketScreen", "也可在读卡区刷身份证取号"), "muted"
        else:
            text, tone = "", ""
        self.card_box.setVisible(required and reader and not problem)
        self._card_line = (text, tone)
        self._show_lines()

    def _show_lines(self) -> None:
        """The windows line and the card line; on a short screen one line holds both,
        so the 绿色通道 buttons keep their room."""
        text, tone = self._card_line
        merge = self._short and bool(text)
        set_tone(self.card_label, tone)
        self.card_label.set_plain_text(text)
        self.card_label.setVisible(bool(text) and not merge)
        set_tone(self.where_label, tone if merge and tone == "warning" else "muted")
        self.where_label.set_plain_text(
            f"{self._where_text}  ·  {text}" if merge else self._where_text)

    def _request(self, priority: str) -> None:
        if self.item_code:
            self.ticket_requested.emit(self.item_code, priority)

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self.layout().setSpacing(scale.spacing_px * (1 if self._short else 2))
        cols = 2 if portrait else 4
        if cols == self._cols:
            return
        self._cols = cols
        for index, widget in enumerate(self.priority_buttons.values()):
            self._priority_grid.removeWidget(widget)
            self._priority_grid.addWidget(widget, index // cols, index % cols)
        self._priority_grid.setSpacing(scale.spacing_px)
