"""A row of controls that wraps onto a second line when the page is narrow (a portrait
1080-pixel screen) instead of widening the console past the screen: one long row of
filters and buttons sets the whole window's minimum width (a box layout adds its
widgets' widths, a stacked widget takes its widest page)."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QWidget

SPACING_PX = 8

Part = QWidget | Sequence[QWidget]


class FlowRow(QLayout):
    """Items side by side, wrapping to the next line when they no longer fit; the items
    from ``right_from`` on are pushed to the right edge of the line they land on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.right_from: int | None = None
        self.setContentsMargins(0, 0, 0, 0)

    # --- QLayout ------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Everything on one line."""
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + SPACING_PX * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width, height) + self._margins()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        """As narrow as the widest single item: everything else wraps."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size + self._margins()

    # --- laying out ---------------------------------------------------------------------
    def _margins(self) -> QSize:
        m = self.contentsMargins()
        return QSize(m.left() + m.right(), m.top() + m.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); the height they take."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list[tuple[int, QLayoutItem, int]]] = [[]]
        used = 0
        for index, item in enumerate(self._items):
            if item.isEmpty():
                continue
            width = max(min(item.sizeHint().width(), area.width()), item.minimumSize().width())
            if lines[-1] and used + SPACING_PX + width > area.width():
                lines.append([])
                used = 0
            used += (SPACING_PX if lines[-1] else 0) + width
            lines[-1].append((index, item, width))
        y = area.y()
        for line in lines:
            height = max((item.sizeHint().height() for _, item, _ in line), default=0)
            if move:
                self._move_line(line, area, y, height)
            y += height + SPACING_PX
        return y - SPACING_PX - area.y() + m.top() + m.bottom() if lines[0] else 0

    def _move_line(self, line, area: QRect, y: int, height: int) -> None:
        right = [(item, width) for index, item, width in line
                 if self.right_from is not None and index >= self.right_from]
        left = [(item, width) for index, item, width in line
                if self.right_from is None or index < self.right_from]
        x = area.x()
        for item, width in left:
            _put(item, x, y, width, height)
            x += width + SPACING_PX
        x = area.right() + 1 - sum(w for _, w in right) - SPACING_PX * max(len(right) - 1, 0)
        for item, width in right:
            _put(item, x, y, width, height)
            x += width + SPACING_PX


def _put(item: QLayoutItem, x: int, y: int, width: int, height: int) -> None:
    """An item at its own height, centred on the line's (a button beside a taller field)."""
    own = min(item.sizeHint().height(), height)
    item.setGeometry(QRect(QPoint(x, y + (height - own) // 2), QSize(width, own)))


def _kept_together(part: Part) -> QWidget:
    """A label and its field (or any widgets) that never wrap apart."""
    if isinstance(part, QWidget):
        return part
    if len(part) == 1:
        return part[0]
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(SPACING_PX)
    for widget in part:
        layout.addWidget(widget)
    return holder


def flow_row(left: Sequence[Part], right: Sequence[QWidget] = ()) -> FlowRow:
    """A wrapping row: ``left`` from the left edge (a sequence of widgets as one part
    stays on one line), ``right`` (the actions, kept together) pushed to the right."""
    row = FlowRow()
    for part in left:
        row.addWidget(_kept_together(part))
    if right:
        row.right_from = len(left)
        row.addWidget(_kept_together(right))
    return row
