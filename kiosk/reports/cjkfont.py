"""Finding a Chinese font to embed in PDF exports, on Windows, Linux and macOS.

fpdf2 embeds a subset of a TrueType/OpenType font (collections .ttc included), so the
PDF shows the same glyphs on any reader. We try well-known files in the platform's font
folders (an explicit path or ``KIOSK_PDF_FONT`` first) and, if none is there, fail with
an error that names every place searched, so the installer knows what to add.
"""
from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from kiosk.errors import KioskError

WINDOWS_FILES = ("simhei.ttf", "msyh.ttc", "msyh.ttf", "simsun.ttc", "Deng.ttf")
UNIX_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
MACOS_PATHS = ("/System/Library/Fonts/STHeiti Medium.ttc",
               "/System/Library/Fonts/STHeiti Light.ttc",
               "/Library/Fonts/Arial Unicode.ttf",
               "/System/Library/Fonts/Supplemental/Songti.ttc")
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


def candidates(platform: str = sys.platform,
               env: Mapping[str, str] = os.environ) -> list[Path]:
    """Font files tried on ``platform``, best first."""
    if platform == "win32":
        windir = env.get("WINDIR") or env.get("SystemRoot") or r"C:\Windows"
        folders = [Path(windir) / "Fonts"]
        if env.get("LOCALAPPDATA"):
            folders.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        return [folder / name for folder in folders for name in WINDOWS_FILES]
    if platform == "darwin":
        return [Path(p) for p in MACOS_PATHS]
    home = Path(env.get("HOME", "~")).expanduser()
    extra = [home / ".local/share/fonts" / Path(p).name for p in UNIX_PATHS[:4]]
    return [Path(p) for p in UNIX_PATHS] + extra


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
                  env: Mapping[str, str] = os.environ) -> FontChoice:
    """The font to embed, or FontNotFound naming every path searched."""
    wanted = explicit or env.get("KIOSK_PDF_FONT")
    if wanted:
        path = Path(wanted).expanduser()
        if path.is_file():
            return FontChoice(path, collection_index(path))
        raise FontNotFound([str(path)])
    searched = []
    for path in candidates(platform, env):
        if path.is_file():
            return FontChoice(path, collection_index(path))
        searched.append(str(path))
    raise FontNotFound(searched)
