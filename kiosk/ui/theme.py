"""The look shared by every app: high contrast, large type, touch-sized targets.

Elder mode (长者模式) scales type and targets up; nothing is said by colour alone
(states carry a word or symbol too).
"""
from __future__ import annotations

import dataclasses

from PySide6.QtGui import QFont, QFontDatabase

from kiosk import fonts

#: colours with at least 4.5:1 contrast against their backgrounds
INK = "#111111"
PAPER = "#FFFFFF"
PRIMARY = "#0B3D91"        # deep blue: white text on it is 10:1
PRIMARY_TEXT = "#FFFFFF"
ACCENT = "#8A1C1C"         # deep red for the called number on white
MUTED = "#4A4A4A"          # secondary text on white: 8.9:1
WARN_BG = "#FFF4CE"
WARN_INK = "#5C3B00"
OK_INK = "#0B5D1E"

CJK_FAMILIES = (fonts.SHIPPED_FAMILY, "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Source Han Sans SC",
                "WenQuanYi Zen Hei", "PingFang SC", "SimHei")


@dataclasses.dataclass(frozen=True)
class Scale:
    body_px: int
    title_px: int
    target_px: int
    line_height: float
    spacing_px: int


NORMAL = Scale(body_px=22, title_px=34, target_px=64, line_height=1.4, spacing_px=12)
ELDER = Scale(body_px=32, title_px=46, target_px=96, line_height=1.5, spacing_px=18)


def register_shipped_fonts() -> list[str]:
    """Make the app's own Chinese font (both weights) known to Qt; the families added.

    Qt then draws every screen with it on a PC with no Chinese font at all, and falls
    back to the system's fonts for a character the subset lacks."""
    families: list[str] = []
    for path in (fonts.SHIPPED_REGULAR, fonts.SHIPPED_BOLD):
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families


def cjk_family() -> str:
    """The first installed font that has Chinese glyphs (no empty boxes on screen)."""
    families = set(QFontDatabase.families())
    for name in CJK_FAMILIES:
        if name in families:
            return name
    for name in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return name
    return QFont().defaultFamily()


def app_font(px: int) -> QFont:
    font = QFont(cjk_family())
    font.setPixelSize(px)
    return font
