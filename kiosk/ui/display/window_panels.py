"""The open windows' states, page by page, and the waiting count per service.

A window is one line read from afar: "3号窗口  办理中  A012  王芳", or
"5号窗口  暂停服务  14:00 恢复 · 临时离岗". Closed windows take no room. When more
windows are open than one screen holds at a readable size, they are shown a page at a
time and the hall screen turns the pages on its timer (``turn_page``), so a hall of
100 windows is shown whole without shrinking the type.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget,
)

from kiosk.queue.reads.display import ServiceWaiting, WindowStatus
from kiosk.ui.display import style, texts
from kiosk.ui.i18n import translate

KIND_COLOUR = {"open": style.OPEN, "idle": style.OPEN, "paused": style.PAUSED,
               "closed": style.CLOSED}
#: a window line needs about this many ems ("12号窗口 暂停服务 14:00 恢复"); the grid
#: puts as many columns side by side as the width holds at that
LINE_EMS = 15
UNSIZED = (10, 2)  # rows and columns before the grid has its size


def shown_windows(windows: Sequence[WindowStatus]) -> list[WindowStatus]:
    """The windows a citizen can go to (open or paused); closed ones take no room."""
    return [w for w in windows if w.state != "closed"]


class WindowCard(QFrame):
    """One window on one line: number, state in words, the number it serves, and the
    clerk (or, paused, the return time then the reason, cut with "…" if need be)."""

    def __init__(self, scale: style.TypeScale, px: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("windowCard")
        self.number = scale.set(QLabel(), px, bold=True)
        self.headline = scale.set(QLabel(), px, bold=True)
        self.code = scale.set(QLabel(), px, bold=True)
        self.detail = scale.set(style.FittedLabel(), px)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 2, 14, 2)
        layout.setSpacing(14)
        layout.addWidget(self.number)
        layout.addWidget(self.headline)
        layout.addWidget(self.code)
        layout.addWidget(self.detail, 1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.kind = ""
        self.status: WindowStatus | None = None

    def set_status(self, status: WindowStatus, timezone: str) -> None:
        self.status = status
        words = texts.window_words(status, timezone)
        self.number.setText(texts.window_label(status.number))
        self.headline.setText(words.headline)
        self.code.setText(words.code)
        self.code.setVisible(bool(words.code))
        if words.kind == "paused":
            back = texts.back_short(status.pause_back_at, timezone)
            # the return time alone rather than a reason cut down to "…"
            self.detail.set_text(" · ".join(p for p in (back, words.reason) if p), back)
        else:
            self.detail.set_text(status.staff_name or "")
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
            self.detail.setStyleSheet(
                f"color: {style.PAUSED if words.kind == 'paused' else style.SOFT};")

    def text(self) -> str:
        """Everything the line says (for tests)."""
        return " ".join(part for part in (self.number.text(), self.headline.text(),
                                          self.code.text(), self.detail.text()) if part)


class WindowGrid(QWidget):
    """The open windows, as many lines as fit at full size, one page at a time."""

    #: the page shown changed: (page index, page count)
    page_changed = Signal(int, int)

    def __init__(self, scale: style.TypeScale, px: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = scale
        self._px = px
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(10)
        self._slots: list[WindowCard] = []
        self._columns = 1
        self._windows: list[WindowStatus] = []
        self._timezone = "Asia/Shanghai"
        self.page = 0
        #: the cards on the current page, by window number
        self.cards: dict[int, WindowCard] = {}

    # --- what is shown -----------------------------------------------------------------

    def set_windows(self, windows: Sequence[WindowStatus], timezone: str) -> None:
        self._windows = shown_windows(windows)
        self._timezone = timezone
        self._fill()

    @property
    def per_page(self) -> int:
        return max(1, len(self._slots))

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(len(self._windows) / self.per_page))

    def turn_page(self) -> bool:
        """Show the next page; True when it wrapped back to the first."""
        self.page = (self.page + 1) % self.page_count
        self._fill()
        return self.page == 0

    def show_page(self, page: int) -> None:
        self.page = page % self.page_count
        self._fill()

    def numbers_on_page(self) -> list[int]:
        return list(self.cards)

    # --- layout ------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """As many lines as the height holds, as many columns as the width holds."""
        probe = WindowCard(self._scale, self._px)
        style.scale_spacing(probe, self._scale.factor)
        probe.number.setText(texts.window_label(88))
        line_h = probe.sizeHint().height()
        em = self._scale.px(self._px)
        probe.deleteLater()
        gap = max(0, self._grid.verticalSpacing())
        rows = max(1, (self.height() + gap) // (line_h + gap))
        columns = max(1, self.width() // (LINE_EMS * em))
        self._build(rows, columns)

    def _build(self, rows: int, columns: int) -> None:
        if rows * columns == len(self._slots) and columns == self._columns:
            return
        for card in self._slots:
            self._grid.removeWidget(card)
            card.deleteLater()
        for col in range(self._columns):
            self._grid.setColumnStretch(col, 0)
        self._columns = columns
        self._slots = []
        for index in range(rows * columns):
            card = WindowCard(self._scale, self._px, self)
            style.scale_spacing(card, self._scale.factor)
            # column by column, so the numbers read down then across
            col, row = divmod(index, rows)
            self._grid.addWidget(card, row, col, Qt.AlignmentFlag.AlignTop)
            self._slots.append(card)
        for col in range(columns):
            self._grid.setColumnStretch(col, 1)
        self._grid.setRowStretch(rows, 1)
        self._fill()

    def _fill(self) -> None:
        if not self._slots:  # not laid out yet: a first guess, fitted once it has a size
            self._build(*UNSIZED)
        self.page = min(self.page, self.page_count - 1)
        start = self.page * self.per_page
        shown = self._windows[start:start + self.per_page]
        self.cards = {}
        for index, card in enumerate(self._slots):
            if index < len(shown):
                card.set_status(shown[index], self._timezone)
                card.show()
                self.cards[shown[index].number] = card
            else:
                card.hide()
        self.page_changed.emit(self.page, self.page_count)


class ServiceStrip(QFrame):
    """"A  企业开办  5 人" for each service, ``columns`` across."""

    def __init__(self, scale: style.TypeScale, px: float, columns: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceStrip")
        self.setStyleSheet(style.panel_css("serviceStrip")
                           + "#serviceStrip QLabel { background: transparent; }")
        self._scale = scale
        self._px = px
        self._columns = columns
        self.caption = scale.set(QLabel(translate("HallDisplay", "各业务等候人数")), px)
        self.caption.setStyleSheet(f"color: {style.SOFT};")
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(20)
        self._grid.setVerticalSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 4, 20, 8)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addLayout(self._grid)
        layout.addStretch(1)
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
