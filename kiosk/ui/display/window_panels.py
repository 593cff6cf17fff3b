"""Every window's state as a grid of cards, and the waiting count per service.

A card says its state in words ("办理中 A012", "暂停服务 · 午休 · 预计 14:00 恢复",
"未开放"); colour and border only repeat the words.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy,
                               QVBoxLayout, QWidget)

from kiosk.queue.reads.display import ServiceWaiting, WindowStatus
from kiosk.ui.display import style, texts
from kiosk.ui.i18n import translate

KIND_COLOUR = {"open": style.OPEN, "idle": style.OPEN, "paused": style.PAUSED,
               "closed": style.CLOSED}


class WindowCard(QFrame):
    """Three lines: "3号窗口" / "办理中  A012" / the clerk; a paused window says
    "暂停服务  <reason>" / "预计 14:00 恢复"."""

    def __init__(self, scale: style.TypeScale, px: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("windowCard")
        self.number = style.elastic(scale.set(QLabel(), px, bold=True))
        self.headline = style.elastic(scale.set(QLabel(), px * 0.9, bold=True))
        self.code = scale.set(QLabel(), px * 1.05, bold=True)
        self.detail = scale.set(style.FittedLabel(), px * 0.68)
        # when paused, the reason goes where a ticket number would stand (a paused
        # window has none), so the return time keeps the last line to itself
        self.reason = scale.set(style.FittedLabel(), px * 0.68)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.reason.hide()
        middle = self._middle = QHBoxLayout()
        middle.setSpacing(8)
        middle.addWidget(self.headline, 1)
        middle.addWidget(self.code, 0, Qt.AlignmentFlag.AlignRight)
        middle.addWidget(self.reason, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 4, 14, 6)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addLayout(middle)
        layout.addWidget(self.detail)
        self.kind = ""
        self.status: WindowStatus | None = None

    def set_status(self, status: WindowStatus, timezone: str) -> None:
        self.status = status
        words = texts.window_words(status, timezone)
        self.number.setText(texts.window_label(status.number))
        self.headline.setText(words.headline)
        self.code.setText(words.code)
        if words.kind == "paused" and words.back and words.reason:
            self.detail.setText(words.back)
            self.reason.setText(words.reason)
        else:
            self.detail.setText(words.detail)
            self.reason.setText("")
        self.reason.setVisible(bool(self.reason.text()))
        self.code.setVisible(bool(words.code))
        # the state word is never cut for the reason's sake: the reason takes what is left
        paused = self.reason.isVisibleTo(self)
        self._middle.setStretchFactor(self.headline, 0 if paused else 1)
        self.headline.setSizePolicy(
            QSizePolicy.Policy.Preferred if paused else QSizePolicy.Policy.Ignored,
            QSizePolicy.Policy.Preferred)
        self.setToolTip(status.name)
        if words.kind != self.kind:
            self.kind = words.kind
            colour = KIND_COLOUR[words.kind]
            border = style.PAUSED if words.kind == "paused" else None
            self.setStyleSheet(
                style.panel_css("windowCard", border=border, radius=10)
                + f"#windowCard QLabel {{ background: transparent; color: {style.TEXT}; }}")
            self.headline.setStyleSheet(f"color: {colour};")
            self.code.setStyleSheet(f"color: {style.NUMBER};")
            for label in (self.detail, self.reason):
                label.setStyleSheet(
                    f"color: {style.PAUSED if words.kind == 'paused' else style.SOFT};")

    def text(self) -> str:
        """Everything the card says, in one line (for tests)."""
        return " ".join(part for part in (self.number.text(), self.headline.text(),
                                          self.code.text(), self.detail.text(),
                                          self.reason.text()) if part)


class WindowGrid(QWidget):
    """One card per window, ``columns`` across, rows as needed."""

    def __init__(self, scale: style.TypeScale, px: float, columns: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = scale
        self._px = px
        self._columns = columns
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(10)
        self.cards: dict[int, WindowCard] = {}

    def set_columns(self, columns: int) -> None:
        """Lay the cards out ``columns`` across (the hall's window count decides)."""
        if columns == self._columns:
            return
        for col in range(self._columns):
            self._grid.setColumnStretch(col, 0)
        self._columns = columns
        self._rebuild(list(self.cards))

    def set_windows(self, windows: Sequence[WindowStatus], timezone: str) -> None:
        numbers = [w.number for w in windows]
        if numbers != list(self.cards):
            self._rebuild(numbers)
        for status in windows:
            self.cards[status.number].set_status(status, timezone)

    def _rebuild(self, numbers: list[int]) -> None:
        for card in self.cards.values():
            self._grid.removeWidget(card)
            card.deleteLater()
        self.cards = {}
        for index, number in enumerate(numbers):
            card = WindowCard(self._scale, self._px, self)
            style.scale_spacing(card, self._scale.factor)
            row, col = divmod(index, self._columns)
            self._grid.addWidget(card, row, col)
            self.cards[number] = card
        for col in range(self._columns):
            self._grid.setColumnStretch(col, 1)


class ServiceStrip(QFrame):
    """"A 企业开办 等候 5 人" for each service, ``columns`` across."""

    def __init__(self, scale: style.TypeScale, px: float, columns: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceStrip")
        self.setStyleSheet(style.panel_css("serviceStrip")
                           + "#serviceStrip QLabel { background: transparent; }")
        self._scale = scale
        self._px = px
        self._columns = columns
        self.caption = scale.set(QLabel(translate("HallDisplay", "各业务等候人数")), px * 0.75)
        self.caption.setStyleSheet(f"color: {style.SOFT};")
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(20)
        self._grid.setVerticalSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 4, 20, 8)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addLayout(self._grid)
        self.cells: dict[str, tuple[QLabel, QLabel]] = {}

    def set_services(self, services: Sequence[ServiceWaiting]) -> None:
        prefixes = [s.prefix for s in services]
        if prefixes != list(self.cells):
            self._rebuild(services)
        for service in services:
            name, count = self.cells[service.prefix]
            name.setText(f"{service.prefix}  {service.name}")
            count.setText(texts.waiting_count(service.waiting))

    def _rebuild(self, services: Sequence[ServiceWaiting]) -> None:
        for name, count in self.cells.values():
            for label in (name, count):
                self._grid.removeWidget(label)
                label.deleteLater()
        self.cells = {}
        for index, service in enumerate(services):
            row, col = divmod(index, self._columns)
            name = self._scale.set(style.FittedLabel(), self._px)
            name.setStyleSheet(f"color: {style.TEXT};")
            count = self._scale.set(QLabel(), self._px, bold=True)
            count.setStyleSheet(f"color: {style.NUMBER};")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._grid.addWidget(name, row, col * 2)
            self._grid.addWidget(count, row, col * 2 + 1)
            self._grid.setColumnStretch(col * 2, 1)
            self.cells[service.prefix] = (name, count)

    def text_of(self, prefix: str) -> str:
        name, count = self.cells[prefix]
        return f"{name.text()} {count.text()}"
