"""The Chinese font to embed in PDF exports: found by ``kiosk.fonts`` (shared with slip
printing, TrueType outlines first), plus the face of a .ttc collection to embed.

fpdf2 embeds a subset of a TrueType/OpenType font (collections .ttc included), so the
PDF shows the same glyphs on any reader. An explicit path or ``KIOSK_PDF_FONT`` comes
first; if no font is found, ``FontNotFound`` names every place searched, in Chinese and
English, so the installer knows what to add.
"""
from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from kiosk import fonts
from kiosk.errors import KioskError

#: family names that mark the Simplified Chinese face of a collection
SC_MARKERS = ("SC", "Zen Hei", "Micro Hei", "YaHei", "SimSun", "Heiti SC", "Songti SC")


class FontNotFound(KioskError):
    code = "font_not_found"

    def __init__(self, searched: list[str]) -> None:
        places = "; ".join(searched)
        super().__init__(
            f"找不到中文字体，无法生成 PDF。已查找：{places}。请安装黑体/雅黑（Windows）"
            "或文泉驿正黑、Noto CJK（Linux），或在 KIOSK_PDF_FONT 中指定字体文件",
            f"no Chinese font for the PDF export; searched: {places}. Install SimHei or "
            "Microsoft YaHei (Windows), WenQuanYi Zen Hei or Noto Sans CJK (Linux), or "
            "set KIOSK_PDF_FONT to a .ttf/.otf/.ttc file", searched=searched)
        self.searched = searched


@dataclasses.dataclass(frozen=True)
class FontChoice:
    path: Path
    index: int = 0   # the face within a .ttc collection


def collection_index(path: Path) -> int:
    """The Simplified Chinese face of a .ttc (Noto CJK puts Japanese first)."""
    if path.suffix.lower() != ".ttc":
        return 0
    try:
        from fontTools.ttLib import TTCollection

        collection = TTCollection(str(path), lazy=True)
        for index, font in enumerate(collection.fonts):
            family = font["name"].getDebugName(1) or ""
            if any(marker in family for marker in SC_MARKERS):
                return index
    except Exception:  # an unreadable name table: the first face is still a CJK face
        return 0
    return 0


def find_cjk_font(explicit: str | os.PathLike | None = None, *,
                  platform: str = sys.platform,
                  env: Mapping[str, str] = os.environ,
                  shipped: Path | None = fonts.SHIPPED_REGULAR) -> FontChoice:
    """The font to embed (the app's own unless ``explicit``), or FontNotFound naming
    every place searched; ``shipped`` None searches the system's fonts only."""
    try:
        path = fonts.find_cjk_font(explicit or env.get("KIOSK_PDF_FONT"),
                                   platform=platform, env=env, embed=True, shipped=shipped)
    except fonts.FontMissing as missing:
        raise FontNotFound(missing.searched) from None
    return FontChoice(path, collection_index(path))
