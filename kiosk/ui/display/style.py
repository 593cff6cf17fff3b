"""The display's look: light text on a dark ground (read from across a hall), and type
that scales with the screen, so the same layout works on a 1920x1080 wall screen, a
portrait totem and a small window monitor.

Every colour pair below is at least 7:1; states are always written out in words, the
colour only repeats them.
"""
from __future__ import annotations

import math
import weakref

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QGridLayout, QLabel, QLayout, QSizePolicy, QStyle, QStyleOption, QWidget,
)

from kiosk.ui.theme import cjk_family

BACKGROUND = "#05080F"
PANEL = "#13213F"       # navy panels: white on it is 15:1
TEXT = "#FFFFFF"
NUMBER = "#FFD400"      # ticket numbers: yellow on navy 11:1
SOFT = "#C9D3E3"        # secondary text on navy: 10:1
OPEN = "#8CF5A8"        # 'serving' words: green on navy 11:1
PAUSED = "#FFB547"      # 'paused' words: amber on navy 8.6:1
CLOSED = "#AEB8C8"      # 'closed' words: grey on navy 7.6:1
FLASH_BG = "#FFD400"    # highlighted call: black on yellow 14:1
FLASH_TEXT = "#000000"
WARN_BG = "#FFF4CE"     # the discreet status marks (connection, speech)
WARN_TEXT = "#5C3B00"

#: the layouts are drawn for these sizes and scaled to the real screen
LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)
WINDOW_SCREEN = (1280, 720)
#: the smallest text a citizen needs, as a share of the screen's height: a 55-inch panel
#: (68 cm high) read from 7 m wants letters of about 24 mm, ~38 px at 1080 px high
MIN_SHARE = 0.035
#: each role's share of the screen height; landscape / portrait (a portrait panel is
#: twice as high, so the call needs a smaller share of it to be as large)
ROLE_SHARE = {
    "call": (0.175, 0.10),       # the newest call's number
    "go_to": (0.072, 0.05),      # 请到 3号窗口
    "title": (0.046, 0.038),     # the hall's name, the clock
    "recent": (0.042, 0.037),    # the list of calls before it
    "text": (0.037, 0.036),      # everything else a citizen reads
    "tag": (0.037, 0.036),       # 重呼 / 过号
    "staff": (0.018, 0.012),     # the staff-only mark (语音播报不可用)
}
HIGHLIGHT_S = 8.0       # how long a new call stays highlighted
BLINK_MS = 600          # highlight alternates this often during its first half


def role_sizes(height: int, portrait: bool = False) -> dict[str, int]:
    """Pixel size of each text role on a screen ``height`` px high; every role but
    "staff" is at least MIN_SHARE of the height (rounded up, never below)."""
    floor = math.ceil(MIN_SHARE * height)
    sizes = {}
    for role, shares in ROLE_SHARE.items():
        px = math.ceil(shares[portrait] * height)
        sizes[role] = px if role == "staff" else max(px, floor)
    return sizes


class TypeScale:
    """Font sizes given for the reference screen, applied times the real screen's scale.

    ``set(widget, px)`` remembers the widget; ``resize_to(w, h)`` rescales them all.
    """

    def __init__(self, reference: tuple[int, int]) -> None:
        self.reference = reference
        self.factor = 1.0
        self._fonts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def px(self, size: float) -> int:
        # rounded up: a size set at a share of the height never falls below it
        return max(1, math.ceil(size * self.factor - 0.01))

    def font(self, size: float, bold: bool = False) -> QFont:
        font = QFont(cjk_family())
        font.setPixelSize(self.px(size))
        font.setBold(bold)
        return font

    def set(self, widget: QWidget, size: float, bold: bool = False) -> QWidget:
        self._fonts[widget] = (size, bold)
        widget.setFont(self.font(size, bold))
        return widget

    def resize_to(self, width: int, height: int) -> bool:
        """Rescale for a ``width`` x ``height`` screen; True if the factor changed."""
        ref_w, ref_h = self.reference
        factor = max(0.2, min(width / ref_w, height / ref_h))
        if abs(factor - self.factor) < 0.01:
            return False
        self.factor = factor
        for widget, (size, bold) in list(self._fonts.items()):
            widget.setFont(self.font(size, bold))
        return True


def scale_spacing(root: QWidget, factor: float) -> None:
    """Margins and gaps are written for the reference screen, like the type sizes; keep
    them in the same proportion (a half-size window with full-size gaps runs out of
    room for its lines). Each layout's written values are kept as its reference."""
    for layout in root.findChildren(QLayout):
        reference = layout.property("referenceSpacing")
        if reference is None:
            m = layout.contentsMargins()
            gaps = ((layout.horizontalSpacing(), layout.verticalSpacing())
                    if isinstance(layout, QGridLayout) else (layout.spacing(),))
            reference = [m.left(), m.top(), m.right(), m.bottom(), *gaps]
            layout.setProperty("referenceSpacing", reference)
        left, top, right, bottom, *gaps = (round(v * factor) if v > 0 else v
                                           for v in reference)
        layout.setContentsMargins(left, top, right, bottom)
        if isinstance(layout, QGridLayout):
            layout.setHorizontalSpacing(gaps[0])
            layout.setVerticalSpacing(gaps[1])
        else:
            layout.setSpacing(gaps[0])


def elastic(widget: QWidget) -> QWidget:
    """Let a label with text of any length take the width it is given instead of
    widening the screen; too long a text is cut at the panel's edge."""
    widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return widget


class FittedLabel(QLabel):
    """A one-line label that takes the width it is given (like ``elastic``) and, only
    when its text still does not fit, ends it with "…" instead of cutting a character
    in half. ``text()`` is always the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        elastic(self)
        self.short = ""  # shown instead when the whole text does not fit and this does

    def set_text(self, text: str, short: str = "") -> None:
        self.short = short
        self.setText(text)

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def shown_text(self) -> str:
        """What is drawn: the text, else the short form when it fits, else cut with …"""
        if not self.is_elided():
            return self.text()
        width = self.contentsRect().width()
        if self.short and self.fontMetrics().horizontalAdvance(self.short) <= width:
            return self.short
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, event) -> None:
        if not self.is_elided() or "\n" in self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)
        rect = self.contentsRect()
        shown = self.shown_text()
        align = (self.alignment() & ~Qt.AlignmentFlag.AlignHorizontal_Mask) \
            | Qt.AlignmentFlag.AlignLeft
        self.style().drawItemText(painter, rect, int(align), self.palette(), self.isEnabled(),
                                  shown, self.foregroundRole())


def panel_css(name: str, background: str = PANEL, border: str | None = None,
              radius: int = 12) -> str:
    edge = f"border: 3px solid {border};" if border else "border: none;"
    return (f"#{name} {{ background: {background}; {edge} border-radius: {radius}px; }}")
