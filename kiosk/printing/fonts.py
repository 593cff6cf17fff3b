"""The Chinese font for raster printing: found by ``kiosk.fonts`` (shared with the PDF
export), loaded with Pillow here.

Raster mode draws the text itself, so it needs a font with Chinese glyphs. If none is
found, ``FontNotFound`` names every place searched and suggests the gb18030 text mode.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

from PIL import ImageFont

from kiosk import fonts
from kiosk.printing.errors import FontNotFound, PrinterConfigError


def find_cjk_font(explicit: str | os.PathLike | None = None, **where) -> Path:
    """``kiosk.fonts.find_cjk_font`` (``where``: its platform, env and dirs), failing with
    the printer's ``FontNotFound`` so the kiosk shows it as a printer setup problem."""
    try:
        return fonts.find_cjk_font(explicit, **where)
    except fonts.FontMissing as missing:
        raise FontNotFound(missing.searched) from None


@functools.lru_cache(maxsize=16)
def load_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    """The font at ``size`` pixels; in a collection, the Simplified Chinese face if any
    (Noto/Source Han collections start with the Japanese one, whose glyph shapes differ)."""
    index = _simplified_chinese_index(path)
    try:
        return ImageFont.truetype(path, size, index=index)
    except OSError as exc:
        raise PrinterConfigError(
            f"中文字体无法使用：{path}",
            f"cannot load font {path}: {exc}",
        ) from None


@functools.lru_cache(maxsize=8)
def _simplified_chinese_index(path: str) -> int:
    if not path.lower().endswith((".ttc", ".otc")):
        return 0
    for index in range(16):
        try:
            family, _style = ImageFont.truetype(path, 12, index=index).getname()
        except OSError:
            break
        if family and (family.endswith(" SC") or " GB" in family or "SC " in family):
            return index
    return 0
