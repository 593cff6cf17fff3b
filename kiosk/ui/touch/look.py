"""Sizing and colours of the kiosk, switchable at run time between the ordinary and
the elder (长者模式) scale.

Widgets are tagged with a *role* when built (``body``, ``title``, ``number``...);
``apply_scale`` walks the window and sets every tagged widget's font and touch-target
size from the current ``theme.Scale``. Fonts are set with ``setFont`` (never in the
style sheet) so tests can measure them on the widgets.
"""
from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk.ui.theme import (
    ACCENT, ELDER, INK, MUTED, NORMAL, OK_INK, PAPER, PRIMARY, PRIMARY_TEXT, WARN_BG,
    WARN_INK, Scale, app_font,
)

ROLE = "kioskRole"
TARGET_ROWS = "kioskTargetRows"  # a main action may be taller than the minimum target
BACKGROUND = "#EEF1F5"     # window background; INK on it is 17:1
LINE = "#5A6578"           # borders of white tiles; 5.9:1 on white (a visible edge)
PRESSED = "#062A66"        # pressed primary button; white on it is 13:1
DISABLED_BG = "#D9DDE3"
DISABLED_INK = "#3F4752"   # 7.3:1 on DISABLED_BG
REFUSED_BG = "#E4E7EC"     # a tile whose queue takes no tickets now (INK on it 15:1)
DIM = "rgba(0, 0, 0, 150)"  # behind the message panel

#: (text colour, background) pairs the kiosk draws; each must reach 4.5:1 (tested)
COLOUR_PAIRS = {
    "body": (INK, PAPER), "window": (INK, BACKGROUND), "muted": (MUTED, PAPER),
    "muted_window": (MUTED, BACKGROUND), "primary_button": (PRIMARY_TEXT, PRIMARY),
    "pressed_button": (PRIMARY_TEXT, PRESSED), "secondary_button": (PRIMARY, PAPER),
    "disabled_button": (DISABLED_INK, DISABLED_BG), "warning": (WARN_INK, WARN_BG),
    "accent": (ACCENT, PAPER), "ok": (OK_INK, PAPER), "tile": (INK, PAPER),
    "refused_tile": (INK, REFUSED_BG), "refused_tile_muted": (MUTED, REFUSED_BG),
    "refused_status": (WARN_INK, WARN_BG), "tile_status": (OK_INK, PAPER),
}


def role_px(role: str, scale: Scale) -> int:
    """Font pixel size of a role; nothing is ever smaller than the scale's body text."""
    return {
        "body": scale.body_px,
        "heading": (scale.body_px + scale.title_px) // 2,
        "title": scale.title_px,
        "number": scale.title_px * 5,
        "number_short": scale.title_px * 3,  # the ticket's number on a short screen
        "number_small": scale.title_px * 2,  # … beside a 绿色通道 badge (elder, 768 px)
        "key": scale.title_px,
    }.get(role, scale.body_px)


def tag(widget: QWidget, role: str) -> QWidget:
    """Mark ``widget`` with a role; its font and size follow the scale from now on."""
    widget.setProperty(ROLE, role)
    return widget


def apply_scale(root: QWidget, scale: Scale) -> None:
    """Set fonts and minimum touch sizes of ``root`` and every tagged descendant."""
    for widget in [root, *root.findChildren(QWidget)]:
        if getattr(widget, "sizes_itself", False):
            widget.set_target(scale.target_px)
        role = widget.property(ROLE)
        if not role:
            continue
        widget.setFont(app_font(role_px(role, scale)))
        rows = widget.property(TARGET_ROWS) or 1.0
        if isinstance(widget, QAbstractButton) and not getattr(widget, "sizes_itself", False):
            widget.setMinimumSize(scale.target_px, round(scale.target_px * rows))
        elif isinstance(widget, QLineEdit):
            widget.setMinimumHeight(round(scale.target_px * rows))
        if isinstance(widget, BodyLabel):
            widget.set_line_height(scale.line_height)


def set_tone(label: QLabel, tone: str | None) -> None:
    """Give a label a tone (warning, ok, muted...) that the style sheet colours; the
    framed tones get a margin so their text stays off the frame."""
    label.setProperty("tone", tone or None)
    label.setMargin({"warning": 14, "ok": 14, "refused": 4}.get(tone or "", 0))
    label.style().unpolish(label)
    label.style().polish(label)


def scale_for(elder: bool) -> Scale:
    return ELDER if elder else NORMAL


#: a number with 号 or 号窗口 after it: never broken across lines ("19 / 号窗口")
_NUMBERED = re.compile(r"\d+号(?:窗口)?")
WORD_JOINER = "\u2060"


def keep_together(text: str) -> str:
    """Glue each "19号窗口" with word joiners (Qt breaks between any CJK characters
    and ignores CSS white-space on spans)."""
    return _NUMBERED.sub(lambda m: WORD_JOINER.join(m.group(0)), text)


class BodyLabel(QLabel):
    """A word-wrapped label whose lines keep the scale's line spacing (QLabel's plain
    text has no line spacing of its own, so the text is shown as escaped rich text)."""

    def __init__(self, text: str = "", role: str = "body",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tag(self, role)
        self._plain = text
        self.line_height = NORMAL.line_height
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._render()

    def plain_text(self) -> str:
        return self._plain

    def set_plain_text(self, text: str) -> None:
        self._plain = text
        self._render()

    def set_line_height(self, factor: float) -> None:
        self.line_height = factor
        self._render()

    def _render(self) -> None:
        body = keep_together(html.escape(self._plain)).replace("\n", "<br>")
        self.setText(f'<div style="line-height:{round(self.line_height * 100)}%;">'
                     f"{body}</div>")


def style_sheet() -> str:
    """Colours, borders and padding only: sizes come from ``apply_scale``."""
    return f"""
    QWidget#kioskRoot, QStackedWidget, QWidget[screen="true"] {{
        background: {BACKGROUND}; color: {INK}; }}
    QLabel {{ color: {INK}; background: transparent; }}
    QLabel[tone="muted"] {{ color: {MUTED}; }}
    QLabel[tone="warning"] {{ color: {WARN_INK}; background: {WARN_BG};
        border: 3px solid {WARN_INK}; border-radius: 8px; }}
    QLabel[tone="ok"] {{ color: {OK_INK}; background: {PAPER};
        border: 3px solid {OK_INK}; border-radius: 8px; }}
    QLabel[tone="number"] {{ color: {ACCENT}; }}
    QWidget#topBar {{ background: {PRIMARY}; }}
    QWidget#topBar QLabel {{ color: {PRIMARY_TEXT}; }}
    QFrame[card="true"] {{ background: {PAPER}; border: 2px solid {LINE};
        border-radius: 12px; }}
    QPushButton {{ background: {PRIMARY}; color: {PRIMARY_TEXT};
        border: 3px solid {PRIMARY}; border-radius: 12px; padding: 8px 18px; }}
    QPushButton:pressed {{ background: {PRESSED}; border-color: {PRESSED}; }}
    QPushButton[kind="secondary"] {{ background: {PAPER}; color: {PRIMARY};
        border: 3px solid {PRIMARY}; }}
    QPushButton[kind="secondary"]:checked {{ background: {PRIMARY}; color: {PRIMARY_TEXT}; }}
    QPushButton[kind="secondary"]:pressed {{ background: {DISABLED_BG}; }}
    QPushButton[kind="tile"] {{ background: {PAPER}; color: {INK};
        border: 2px solid {LINE}; border-radius: 12px; text-align: left; }}
    QPushButton[kind="tile"]:pressed {{ background: {DISABLED_BG}; }}
    QPushButton[kind="tile"] QLabel {{ color: {INK}; }}
    QPushButton[kind="tile"] QLabel[tone="muted"] {{ color: {MUTED}; }}
    QPushButton[kind="tile"] QLabel[tone="status"] {{ color: {OK_INK}; }}
    QPushButton[kind="tile"][refused="true"] {{ background: {REFUSED_BG};
        border: 3px dashed {DISABLED_INK}; }}
    QPushButton[kind="tile"][refused="true"]:pressed {{ background: {DISABLED_BG}; }}
    QPushButton[kind="tile"] QLabel[tone="refused"] {{ color: {WARN_INK};
        background: {WARN_BG}; border: 2px solid {WARN_INK}; border-radius: 6px; }}
    QPushButton[kind="key"] {{ background: {PAPER}; color: {INK};
        border: 2px solid {LINE}; border-radius: 10px; padding: 4px; }}
    QPushButton[kind="key"]:pressed {{ background: {DISABLED_BG}; }}
    QPushButton#topBarButton {{ background: {PAPER}; color: {PRIMARY};
        border: 3px solid {PAPER}; }}
    QPushButton#topBarButton:checked {{ background: {WARN_BG}; color: {WARN_INK};
        border-color: {WARN_INK}; }}
    QLineEdit {{ background: {PAPER}; color: {INK}; border: 3px solid {PRIMARY};
        border-radius: 10px; padding: 6px 12px; }}
    QTextBrowser {{ background: {PAPER}; color: {INK}; border: 2px solid {LINE};
        border-radius: 12px; padding: 12px; }}
    QPushButton:disabled, QPushButton[kind="secondary"]:disabled,
    QPushButton[kind="key"]:disabled, QPushButton[kind="tile"]:disabled {{
        background: {DISABLED_BG}; color: {DISABLED_INK}; border: 3px dashed {DISABLED_INK}; }}
    QWidget#messageDim {{ background: {DIM}; }}
    QFrame#messageCard {{ background: {PAPER}; border: 4px solid {WARN_INK};
        border-radius: 16px; }}
    """


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
