"""Choosing the kind of ticket: ordinary, or priority (绿色通道) for a stated reason.

Priority is self-declared here and marked on the ticket for window staff to confirm;
one tap issues the ticket (no second confirmation screen to get lost in).
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.queue.rules.names import PRIORITY_ZH
from kiosk.queue.reads.hall import ItemGuide
from kiosk.ui.i18n import translate
from kiosk.ui.touch.look import BodyLabel, set_tone
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

        self.ordinary_button = button(translate("TakeTicketScreen", "普通取号"), role="title")
        self.ordinary_button.setSizePolicy(QSizePolicy.Policy.Expanding,
                                           QSizePolicy.Policy.Expanding)
        self.ordinary_button.clicked.connect(lambda: self._request("none"))
        layout.addWidget(self.ordinary_button, 1)

        green = card()
        green_layout = QVBoxLayout(green)
        green_layout.setContentsMargins(28, 20, 28, 20)
        green_layout.addWidget(BodyLabel(translate("TakeTicketScreen", "绿色通道（优先办理）"), "title"))
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
        self._cols = 0

    def show_item(self, guide: ItemGuide) -> None:
        self.item_code = guide.code
        self.title_label.set_plain_text(guide.name)
        windows = window_numbers_text(guide.window_numbers)
        self.where_label.set_plain_text(
            translate("TakeTicketScreen", "办理窗口：%1窗口").replace("%1", windows) if windows
            else translate("TakeTicketScreen", "办理窗口：请留意大厅叫号屏"))

    def _request(self, priority: str) -> None:
        if self.item_code:
            self.ticket_requested.emit(self.item_code, priority)

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self.layout().setSpacing(scale.spacing_px * 2)
        cols = 2 if portrait else 4
        if cols == self._cols:
            return
        self._cols = cols
        for index, widget in enumerate(self.priority_buttons.values()):
            self._priority_grid.removeWidget(widget)
            self._priority_grid.addWidget(widget, index // cols, index % cols)
        self._priority_grid.setSpacing(scale.spacing_px)
