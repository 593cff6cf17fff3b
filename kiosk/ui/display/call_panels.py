"""The two call panels: the call still waiting for its citizen in very large type,
highlighted for a few seconds when it arrives, and the list of the calls before it
(最近叫号), a missed one marked 已过号 in words.

The big panel shows the newest call whose ticket is still called or served at its
window (``DisplayState.current_call``): once that ticket is finished, or the window
pauses, it stops sending people there and says 请留意叫号 instead."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.queue.reads.display import CallView
from kiosk.ui.display import style, texts
from kiosk.ui.display.highlight import Highlighter
from kiosk.ui.i18n import translate


class NewestCallPanel(QFrame):
    """"A012 / 请到 3号窗口 / window name"; ``highlight()`` makes it stand out for a few
    seconds (see highlight.py)."""

    def __init__(self, scale: style.TypeScale, sizes: dict[str, float],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newestCall")
        self.caption = scale.set(QLabel(translate("HallDisplay", "请听叫号")), sizes["text"])
        self.code = scale.set(QLabel(), sizes["call"], bold=True)
        self.code.setObjectName("callCode")
        self.go_to = style.elastic(scale.set(QLabel(), sizes["go_to"], bold=True))
        self.window_name = style.elastic(scale.set(QLabel(), sizes["text"]))
        self.window_name.setObjectName("callWindowName")
        self.tag = scale.set(QLabel(texts.recall_tag()), sizes["tag"], bold=True)
        self.tag.setObjectName("callTag")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(0)
        top = self._top = QHBoxLayout()
        top.addWidget(self.caption)
        top.addStretch(1)
        top.addWidget(self.tag)
        layout.addLayout(top)
        self._floating_tag = False
        layout.addStretch(1)
        for label in (self.code, self.go_to, self.window_name):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        self.call: CallView | None = None
        self.highlighter = Highlighter(self._paint, self)
        self.show_call(None)

    def compact(self) -> None:
        """A portrait screen: no caption line and no window name (请到 8号窗口 says
        where); the 重呼 tag floats in the top-right corner, so the panel never changes
        height and every line saved goes to the window list."""
        self.caption.hide()
        self.window_name.hide()
        self._top.removeWidget(self.tag)
        self._floating_tag = True
        self._place_tag()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_tag()

    def _place_tag(self) -> None:
        if self._floating_tag:
            self.tag.adjustSize()
            margin = self.layout().contentsMargins()
            self.tag.move(self.width() - self.tag.width() - margin.right(), margin.top())
            self.tag.raise_()

    @property
    def highlighted(self) -> bool:
        return self.highlighter.active

    def show_call(self, call: CallView | None) -> None:
        self.call = call
        if call is None:
            self.code.setText(" ")
            self.go_to.setText(texts.no_current_call())
            self.window_name.setText("")
            self.tag.hide()
            return
        self.code.setText(call.code)
        self.go_to.setText(texts.go_to(call.window))
        self.window_name.setText(call.window_name)
        self.tag.setVisible(call.recall)

    def highlight(self) -> None:
        self.highlighter.start()

    def _paint(self, inverted: bool) -> None:
        if inverted:
            bg, ink, number, soft = style.FLASH_BG, style.FLASH_TEXT, style.FLASH_TEXT, \
                style.FLASH_TEXT
        else:
            bg, ink, number, soft = style.PANEL, style.TEXT, style.NUMBER, style.SOFT
        self.setStyleSheet(
            f"#newestCall {{ background: {bg}; border-radius: 16px; }}"
            f"#newestCall QLabel {{ color: {ink}; background: transparent; }}"
            f"#newestCall QLabel#callCode {{ color: {number}; }}"
            f"#newestCall QLabel#callWindowName {{ color: {soft}; }}"
            f"#newestCall QLabel#callTag {{ color: {bg}; background: {ink};"
            " border-radius: 6px; padding: 0 12px; }")


class RecentCalls(QFrame):
    """The calls before the newest one, newest first, in ``columns`` columns."""

    def __init__(self, scale: style.TypeScale, rows: int, row_px: float, columns: int = 1,
                 caption_px: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recentCalls")
        self.setStyleSheet(style.panel_css("recentCalls")
                           + "#recentCalls QLabel { background: transparent; }")
        self._scale = scale
        self._row_px = row_px
        self._columns = columns
        self._tag_px = caption_px or row_px
        self.caption = scale.set(QLabel(translate("HallDisplay", "最近叫号")), self._tag_px)
        self.caption.setStyleSheet(f"color: {style.SOFT};")
        self._grid = QGridLayout()
        # small fixed gaps inside a group (number, window, tag) and a stretching gap
        # between groups, so the list fits the left column at any screen size
        self._grid.setHorizontalSpacing(14)
        self._grid.setVerticalSpacing(4)
        for col in range(columns):
            self._grid.setColumnStretch(col * 4 + 3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self.caption)
        layout.addLayout(self._grid)
        layout.addStretch(1)
        self.rows: list[tuple[QLabel, QLabel, QLabel]] = []
        self._laid_out = False  # rows are fitted once the panel has its real size
        self.set_capacity(rows)

    def set_capacity(self, count: int) -> None:
        """Show ``count`` rows (display.recent_calls)."""
        while len(self.rows) > count:
            for label in self.rows.pop():
                self._grid.removeWidget(label)
                label.deleteLater()
        while len(self.rows) < count:
            index = len(self.rows)
            row, col = divmod(index, self._columns)
            code = self._scale.set(QLabel(), self._row_px, bold=True)
            code.setStyleSheet(f"color: {style.NUMBER};")
            where = self._scale.set(QLabel(), self._row_px)
            where.setStyleSheet(f"color: {style.TEXT};")
            tag = self._scale.set(QLabel(), self._tag_px, bold=True)
            tag.setStyleSheet(f"color: {style.SOFT};")
            for offset, label in enumerate((code, where, tag)):
                self._grid.addWidget(label, row, col * 4 + offset)
            self.rows.append((code, where, tag))
        self._fit_rows()

    def set_calls(self, calls: Sequence[CallView]) -> None:
        for index, (code, where, tag) in enumerate(self.rows):
            call = calls[index] if index < len(calls) else None
            code.setText(call.code if call else "")
            where.setText(texts.window_label(call.window) if call else "")
            tag.setText(texts.call_tag(call) if call else "")
            # a missed call stands out in the pause colour; its words say it anyway
            tag.setStyleSheet(f"color: {style.PAUSED if call and call.no_show else style.SOFT};")

    def codes(self) -> list[str]:
        """The numbers on screen, top to bottom (for tests and the benchmark)."""
        return [code.text() for code, _, _ in self.rows
                if code.text() and code.isVisibleTo(self)]

    def lines(self) -> list[str]:
        """Each shown row as one line of words (for tests)."""
        return [" ".join(label.text() for label in row if label.text())
                for row in self.rows if row[0].text() and row[0].isVisibleTo(self)]

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._laid_out = True
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Show as many rows as the panel's height holds: where a small screen gives the
        recent calls only what is left, the oldest calls go, never half a line."""
        if not self.rows or not self._laid_out:
            return
        layout = self.layout()
        margins = layout.contentsMargins()
        room = (self.height() - margins.top() - margins.bottom()
                - self.caption.sizeHint().height() - max(0, layout.spacing()))
        code, where, _ = self.rows[0]
        row_height = (max(code.sizeHint().height(), where.sizeHint().height())
                      + max(0, self._grid.verticalSpacing()))
        fitting_rows = max(0, (room + max(0, self._grid.verticalSpacing())) // row_height)
        for index, labels in enumerate(self.rows):
            for label in labels:
                label.setVisible(index // self._columns < fitting_rows)
