"""Finding a Chinese font for raster printing on Windows, Linux and macOS.

Raster mode draws the text itself, so it needs a font with Chinese glyphs. We look in
the platform's usual font folders for well-known Chinese fonts (sans-serif first: thin
serif strokes print poorly on thermal paper) rather than asking fontconfig, which
Windows lacks. An explicit path always wins. If nothing is found the error names every
place searched, so the installer knows what to fix.
"""
from __future__ import annotations

import functools
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from PIL import ImageFont

from kiosk.printing.errors import FontNotFound, PrinterConfigError

WINDOWS_FILES = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "Deng.ttf", "simsun.ttc", "simsun.ttf")
MACOS_PATHS = (
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
)
#: file names searched for under the Linux/BSD font folders, best first
UNIX_FILES = (
    "NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf",
    "SourceHanSansSC-Regular.otf", "SourceHanSans-Regular.ttc",
    "wqy-zenhei.ttc", "wqy-microhei.ttc", "DroidSansFallbackFull.ttf",
    "NotoSerifCJK-Regular.ttc", "uming.ttc",
)
UNIX_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


def candidate_dirs(platform: str = sys.platform,
                   env: Mapping[str, str] = os.environ) -> list[Path]:
    """Folders searched on ``platform``, in order."""
    if platform == "win32":
        windir = env.get("WINDIR") or env.get("SystemRoot") or r"C:\Windows"
        dirs = [Path(windir) / "Fonts"]
        if env.get("LOCALAPPDATA"):
            dirs.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"),
                Path("~/Library/Fonts").expanduser()]
    dirs = [Path(d).expanduser() for d in UNIX_DIRS]
    for data_dir in env.get("XDG_DATA_DIRS", "").split(os.pathsep):
        if data_dir:
            dirs.append(Path(data_dir) / "fonts")
    return list(dict.fromkeys(dirs))


def find_cjk_font(explicit: str | os.PathLike | None = None, *,
                  platform: str = sys.platform,
                  env: Mapping[str, str] = os.environ,
                  dirs: Sequence[Path] | None = None) -> Path:
    """Path of a Chinese font file, or raise ``FontNotFound`` naming what was searched.

    ``dirs`` replaces the platform's font folders (tests, unusual installs)."""
    if explicit:
        path = Path(explicit).expanduser()
        if path.is_file():
            return path
        raise FontNotFound([str(path)])
    searched: list[str] = []
    folders = list(dirs) if dirs is not None else candidate_dirs(platform, env)
    if platform == "win32":
        for folder in folders:
            for name in WINDOWS_FILES:
                if (folder / name).is_file():
                    return folder / name
            searched.append(f"{folder} ({', '.join(WINDOWS_FILES)})")
        raise FontNotFound(searched)
    if platform == "darwin":
        for path in map(Path, MACOS_PATHS):
            if path.is_file():
                return path
        searched.extend(MACOS_PATHS)
    found = _scan(tuple(folders), UNIX_FILES)
    if found:
        return found
    searched.extend(f"{d} (looking for {', '.join(UNIX_FILES)})" for d in folders)
    raise FontNotFound(searched)


@functools.lru_cache(maxsize=8)
def _scan(dirs: tuple[Path, ...], names: tuple[str, ...]) -> Path | None:
    """The best-ranked of ``names`` found anywhere below ``dirs`` (case-insensitive).

    Cached: walking the font folders for every slip would cost more than drawing it."""
    rank = {name.lower(): i for i, name in enumerate(names)}
    best: tuple[int, Path] | None = None
    for folder in dirs:
        if not folder.is_dir():
            continue
        for root, _subdirs, files in os.walk(folder):
            for name in files:
                i = rank.get(name.lower())
                if i is not None and (best is None or i < best[0]):
                    best = (i, Path(root) / name)
    return best[1] if best else None


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
