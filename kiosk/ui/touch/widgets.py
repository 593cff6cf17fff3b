"""Touch widgets the kiosk screens share: buttons, tiles and a paged tile grid.

A pager instead of a scrolling list because a first-time user does not know a list
scrolls, and because elder mode must show fewer, larger tiles per screen.
"""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from kiosk.ui.i18n import translate
from kiosk.ui.touch.look import TARGET_ROWS, BodyLabel, apply_scale, set_tone, tag
from kiosk.ui.theme import NORMAL, Scale


def button(text: str, *, kind: str | None = None, role: str = "body",
           name: str | None = None, rows: float = 1.0) -> QPushButton:
    """A touch button; ``kind`` picks its look (None = primary, "secondary", "key");
    ``rows`` makes a main action taller than the minimum touch target."""
    widget = QPushButton(text)
    tag(widget, role)
    if rows != 1.0:
        widget.setProperty(TARGET_ROWS, rows)
    if kind:
        widget.setProperty("kind", kind)
    if name:
        widget.setObjectName(name)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return widget


def card() -> QFrame:
    frame = QFrame()
    frame.setProperty("card", True)
    return frame


class Tile(QPushButton):
    """A big button with a wrapped title and an optional muted second line."""

    #: apply_scale leaves the minimum size to the tile (its text may need more)
    sizes_itself = True

    def __init__(self, key: str, title: str, subtitle: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setProperty("kind", "tile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(title)
        self._target = NORMAL.target_px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.setSpacing(4)
        self.title_label = BodyLabel(title, "heading")
        self.title_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(self.title_label)
        self.subtitle_label = None
        if subtitle:
            self.subtitle_label = BodyLabel(subtitle, "body")
            set_tone(self.subtitle_label, "muted")
            self.subtitle_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(self.subtitle_label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def title(self) -> str:
        return self.title_label.plain_text()

    def set_target(self, px: int) -> None:
        self._target = px
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        inner = self.layout().minimumSize()
        return QSize(max(self._target, inner.width()), max(self._target, inner.height()))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        """Tall enough for the wrapped title at this width (never clipped)."""
        return max(self._target, self.layout().totalHeightForWidth(width))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        inner = self.layout().sizeHint()
        return QSize(max(self._target * 3, inner.width()), max(self._target, inner.height()))


@dataclasses.dataclass(frozen=True)
class Entry:
    key: str
    title: str
    subtitle: str = ""


class TilePager(QWidget):
    """Entries as a grid of tiles, one page at a time, with 上一页 / 下一页."""

    entry_chosen = Signal(str)  # the chosen entry's key

    def __init__(self, context: str = "TilePager", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._rows, self._cols = 3, 2
        self._page = 0
        self._scale = NORMAL
        self.tiles: list[Tile] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._grid = QGridLayout()
        self._grid.setSpacing(NORMAL.spacing_px)
        outer.addLayout(self._grid, 1)
        self.empty_label = BodyLabel("", "heading")
        set_tone(self.empty_label, "muted")
        self.empty_label.hide()
        outer.addWidget(self.empty_label)
        controls = QHBoxLayout()
        self.prev_button = button(translate("TilePager", "上一页"), kind="secondary")
        self.next_button = button(translate("TilePager", "下一页"), kind="secondary")
        self.page_label = QLabel()
        tag(self.page_label, "body")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        controls.addWidget(self.prev_button)
        controls.addWidget(self.page_label, 1)
        controls.addWidget(self.next_button)
        self._controls = QWidget()
        self._controls.setLayout(controls)
        controls.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._controls)
        self.prev_button.clicked.connect(lambda: self.show_page(self._page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self._page + 1))

    # --- configuration --------------------------------------------------------------

    def set_entries(self, entries: list[Entry], empty_text: str = "") -> None:
        self._entries = list(entries)
        self.empty_label.set_plain_text(empty_text)
        self.show_page(0)

    def set_grid(self, rows: int, cols: int, scale: Scale) -> None:
        """Rows x columns per page (fewer in elder mode); keeps the first entry shown
        on screen so a mode switch does not lose the user's place."""
        first = self._page * self.page_size
        self._rows, self._cols, self._scale = rows, cols, scale
        self._grid.setSpacing(scale.spacing_px)
        self.show_page(first // self.page_size)

    @property
    def page_size(self) -> int:
        return self._rows * self._cols

    @property
    def page_count(self) -> int:
        return max(1, -(-len(self._entries) // self.page_size))

    @property
    def page(self) -> int:
        return self._page

    def visible_titles(self) -> list[str]:
        return [tile.title() for tile in self.tiles]

    def tile_for(self, key: str) -> Tile | None:
        return next((t for t in self.tiles if t.key == key), None)

    # --- paging ---------------------------------------------------------------------

    def show_page(self, page: int) -> None:
        self._page = min(max(page, 0), self.page_count - 1)
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        self.tiles = []
        start = self._page * self.page_size
        for index, entry in enumerate(self._entries[start:start + self.page_size]):
            tile = Tile(entry.key, entry.title, entry.subtitle)
            tile.clicked.connect(lambda _=False, key=entry.key: self.entry_chosen.emit(key))
            apply_scale(tile, self._scale)
            self._grid.addWidget(tile, index // self._cols, index % self._cols)
            tile.show()  # now, not at the next event loop pass (a tap may come first)
            self.tiles.append(tile)
        # empty cells keep the tile size steady on a short last page
        for row in range(max(self._rows, self._grid.rowCount())):
            self._grid.setRowStretch(row, 1 if row < self._rows else 0)
        for col in range(max(self._cols, self._grid.columnCount())):
            self._grid.setColumnStretch(col, 1 if col < self._cols else 0)
        self.empty_label.setVisible(not self._entries and bool(self.empty_label.plain_text()))
        many = self.page_count > 1
        self._controls.setVisible(many)
        self.prev_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < self.page_count - 1)
        self.page_label.setText(translate("TilePager", "第 %1 / %2 页")
                                .replace("%1", str(self._page + 1))
                                .replace("%2", str(self.page_count)))


class Screen(QWidget):
    """Base of the kiosk's screens: each can re-lay itself out for a scale and
    orientation, and forget what a citizen typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("screen", True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        """Rows, columns and spacing for this scale and orientation."""

    def clear_input(self) -> None:
        """Forget anything typed or chosen (idle reset)."""
