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
    """A big button with a wrapped title, an optional muted second line and an optional
    status line (等候 3 人, 已满…); its text is centred. A refused tile (``refused``) looks
    different, and says so in words too, never by colour alone."""

    #: apply_scale leaves the minimum size to the tile (its text may need more)
    sizes_itself = True

    def __init__(self, key: str, title: str, subtitle: str = "", status: str = "",
                 refused: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setProperty("kind", "tile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._target = NORMAL.target_px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.setSpacing(4)
        layout.addStretch(1)
        self.title_label = self._line(title, "heading", layout)
        self.subtitle_label = None
        if subtitle:
            self.subtitle_label = self._line(subtitle, "body", layout)
            set_tone(self.subtitle_label, "muted")
        self.status_label = self._line("", "body", layout)
        layout.addStretch(1)
        self.refused = False
        self.set_status(status, refused)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @staticmethod
    def _line(text: str, role: str, layout: QVBoxLayout) -> BodyLabel:
        label = BodyLabel(text, role)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(label)
        return label

    def set_status(self, status: str, refused: bool = False) -> None:
        """The status line and the refused look (kept in step with each other). Its
        parts wrap at " · " only, so "等候 62 人" never leaves "人" alone on a line."""
        self._status = status
        self.status_label.set_plain_text(" · ".join(_unbroken(part)
                                                    for part in status.split(" · ")))
        self.status_label.setVisible(bool(status))
        set_tone(self.status_label, "refused" if refused else "status")
        if refused != self.refused or self.property("refused") is None:
            self.refused = refused
            self.setProperty("refused", refused)
            self.style().unpolish(self)
            self.style().polish(self)
        self.setAccessibleName("，".join(t for t in (self.title(), status) if t))

    def status(self) -> str:
        return self._status

    def title(self) -> str:
        return self.title_label.plain_text()

    def set_target(self, px: int) -> None:
        self._target = px
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """The touch target; the height the text needs at the tile's width is the
        pager's business (it pages rather than clip), so a long wrapped title never
        squeezes the rest of the screen (a keyboard under the results)."""
        inner = self.layout().minimumSize()
        return QSize(max(self._target, inner.width()), self._target)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return False  # the pager fits rows to heightForWidth; layouts must not

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
    status: str = ""         # a third line: 等候 3 人, 已满 …
    refused: bool = False    # the tile looks refused (its status says why)


class TilePager(QWidget):
    """Entries as a grid of tiles, one page at a time, with 上一页 / 下一页."""

    entry_chosen = Signal(str)  # the chosen entry's key
    too_small = Signal()        # not even one row of tiles fits (the owner may hide it)

    def __init__(self, context: str = "TilePager", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._rows, self._cols = 3, 2
        # the grid asked for; fewer rows (or fewer, wider columns, when that shows more
        # tiles) when the tiles need more room
        self._max_rows, self._max_cols = 3, 2
        self._fitting = False
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

    def update_entries(self, entries: list[Entry]) -> None:
        """New statuses for the same list (a live refresh): the page stays, and tiles on
        it are updated in place when they are the same entries (a finger on one keeps
        its press)."""
        old = [e.key for e in self._entries]
        self._entries = list(entries)
        if [e.key for e in entries] != old:
            self.show_page(self._page)
            return
        by_key = {e.key: e for e in entries}
        for tile in self.tiles:
            entry = by_key[tile.key]
            tile.set_status(entry.status, entry.refused)

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def set_grid(self, rows: int, cols: int, scale: Scale) -> None:
        """Rows x columns per page (fewer in elder mode); keeps the first entry shown
        on screen so a mode switch does not lose the user's place."""
        first = self._page * self.page_size
        self._rows, self._cols, self._scale = rows, cols, scale
        self._max_rows, self._max_cols = rows, cols
        self._grid.setSpacing(scale.spacing_px)
        self.show_page(first // self.page_size)
        self._fit_rows()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """As many rows per page as there is room for tiles tall enough for their text
        (at most the grid asked for): a smaller screen pages instead of clipping. Where
        fewer, wider columns let more tiles fit (titles that wrapped no longer do), the
        page takes those."""
        if self._fitting or not self.tiles or self.height() <= 0:
            return
        rows, cols = max(((self._rows_fitting(c), c) for c in range(self._max_cols, 0, -1)),
                         key=lambda grid: min(grid[0], self._max_rows) * grid[1])
        if rows < 1:
            self.too_small.emit()
        rows = min(self._max_rows, max(rows, 1))
        if (rows, cols) != (self._rows, self._cols):
            first = self._page * self.page_size
            self._rows, self._cols = rows, cols
            self._fitting = True
            try:
                self.show_page(first // self.page_size)
            finally:
                self._fitting = False

    def _rows_fitting(self, cols: int) -> int:
        """How many rows of tiles ``cols`` to a row have room (0: not even one)."""
        spacing = self._grid.spacing()
        width = (self.width() - spacing * (cols - 1)) // cols
        need = max(tile.heightForWidth(width) for tile in self.tiles)
        fit = (self.height() + spacing) // (need + spacing)
        if fit * cols < len(self._entries):  # pages: leave room for 上一页/下一页
            room = self.height() - self._controls.sizeHint().height() \
                - self.layout().spacing()
            fit = (room + spacing) // (need + spacing)
        return max(fit, 0)

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
            tile = Tile(entry.key, entry.title, entry.subtitle, entry.status, entry.refused)
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
        self._fit_rows()


class Screen(QWidget):
    """Base of the kiosk's screens: each can re-lay itself out for a scale and
    orientation, and forget what a citizen typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("screen", True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        """Rows, columns and spacing for this scale and orientation."""

    def set_short(self, short: bool) -> None:
        """A short landscape window (1366x768): drop what can go so the rest fits."""

    def clear_input(self) -> None:
        """Forget anything typed or chosen (idle reset)."""


def _unbroken(words: str) -> str:
    """``words`` that never wrap: no-break spaces, word joiners between characters
    (Chinese text may otherwise break between any two)."""
    return "\u2060".join(words.replace(" ", "\u00a0"))
