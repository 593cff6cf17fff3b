"""Finding a Chinese font file on Windows, Linux and macOS.

The app ships its own (assets/fonts/, Noto Sans CJK SC subset to GB 2312 and our texts,
OFL; built by scripts/build-font.py), so a fresh PC renders and prints Chinese with
nothing installed: an explicit path first, then the shipped font, then the system's.

Slip printing (raster mode draws the text itself) and the PDF export (which embeds the
font) both need a font with Chinese glyphs; one list of folders and files keeps them
choosing the same font. We look in the platform's usual font folders for well-known
Chinese fonts (sans-serif first: thin serif strokes print poorly on thermal paper and
read poorly in small table cells) rather than asking fontconfig, which Windows lacks.
An explicit path always wins. If nothing is found, ``FontMissing`` names every place
searched, and each caller turns it into its own error so the installer knows what to fix.

No Qt and no font library here: the caller loads the file with whatever it draws with.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

#: file names looked for in the Windows font folders, best first
WINDOWS_FILES = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "Deng.ttf", "simsun.ttc", "simsun.ttf")
#: macOS font files, best first
MACOS_PATHS = (
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
)
#: file names searched for anywhere below the Linux/BSD font folders, best first
UNIX_FILES = (
    "NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf",
    "SourceHanSansSC-Regular.otf", "SourceHanSans-Regular.ttc",
    "wqy-zenhei.ttc", "wqy-microhei.ttc", "DroidSansFallbackFull.ttf",
    "NotoSerifCJK-Regular.ttc", "uming.ttc",
)
#: the fonts shipped with the app (TrueType outlines, so PDFs embed them well)
SHIPPED_DIR = Path(__file__).resolve().parents[1] / "assets" / "fonts"
SHIPPED_REGULAR = SHIPPED_DIR / "HallSansSC-Regular.ttf"
SHIPPED_BOLD = SHIPPED_DIR / "HallSansSC-Bold.ttf"
#: its family name, as Qt and PDF readers see it
SHIPPED_FAMILY = "Hall Sans SC"
UNIX_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


class FontMissing(LookupError):
    """No Chinese font was found; ``searched`` lists every place looked, in order."""

    def __init__(self, searched: Sequence[str]) -> None:
        super().__init__("; ".join(searched))
        self.searched = list(searched)


def font_dirs(platform: str = sys.platform,
              env: Mapping[str, str] = os.environ) -> list[Path]:
    """The font folders of ``platform``, in the order they are searched.

    ``~`` is the ``HOME`` of ``env`` so that tests and services can point it elsewhere."""
    if platform == "win32":
        windir = env.get("WINDIR") or env.get("SystemRoot") or r"C:\Windows"
        dirs = [Path(windir) / "Fonts"]
        if env.get("LOCALAPPDATA"):
            dirs.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    home = Path(env["HOME"]) if env.get("HOME") else Path.home()
    if platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    dirs = [home / d[2:] if d.startswith("~/") else Path(d) for d in UNIX_DIRS]
    for data_dir in env.get("XDG_DATA_DIRS", "").split(os.pathsep):
        if data_dir:
            dirs.append(Path(data_dir) / "fonts")
    return list(dict.fromkeys(dirs))


def find_cjk_font(explicit: str | os.PathLike | None = None, *,
                  platform: str = sys.platform,
                  env: Mapping[str, str] = os.environ,
                  dirs: Sequence[Path] | None = None,
                  embed: bool = False,
                  shipped: Path | None = SHIPPED_REGULAR) -> Path:
    """Path of a Chinese font file, or raise ``FontMissing`` naming what was searched.

    ``shipped`` (the app's own font) comes before the system's; None searches only the
    system (tests of the search, a stripped install). ``dirs`` replaces the platform's font folders (tests, unusual installs). ``embed``:
    the font goes into a PDF, so fonts with TrueType outlines come first; fpdf2 embeds
    CFF ones (Noto Sans CJK, Source Han) so that their text copies out garbled."""
    if explicit:
        path = Path(explicit).expanduser()
        if path.is_file():
            return path
        raise FontMissing([str(path)])
    if shipped is not None and shipped.is_file():
        return shipped
    folders = list(dirs) if dirs is not None else font_dirs(platform, env)
    if platform == "win32":
        tried = [folder / name for folder in folders for name in WINDOWS_FILES]
        found = [path for path in tried if path.is_file()]
        searched = [str(path) for path in tried]
    else:
        mac = [Path(p) for p in MACOS_PATHS] if platform == "darwin" else []
        found = [path for path in mac if path.is_file()] + _scan(tuple(folders), UNIX_FILES)
        searched = [str(path) for path in mac] + [
            f"{d} (looking for {', '.join(UNIX_FILES)})" for d in folders]
    if embed:
        found.sort(key=has_cff_outlines)  # stable: each kind keeps its ranking
    if found:
        return found[0]
    raise FontMissing(searched)


def has_cff_outlines(path: Path) -> bool:
    """Whether ``path`` is an OpenType font with CFF outlines (sfnt tag ``OTTO``); a
    collection is judged by its first face. Unreadable files count as TrueType."""
    try:
        with open(path, "rb") as font:
            tag = font.read(16)
            if tag[:4] == b"ttcf":  # collection header: tag, version, count, offsets
                font.seek(int.from_bytes(tag[12:16], "big"))
                tag = font.read(4)
    except OSError:
        return False
    return tag[:4] == b"OTTO"


#: (folders, names) -> the fonts found there, best first; a miss is not kept, so a font
#: installed while the app runs is found on the next try
_found: dict[tuple[tuple[Path, ...], tuple[str, ...]], list[Path]] = {}


def _scan(dirs: tuple[Path, ...], names: tuple[str, ...]) -> list[Path]:
    """Every one of ``names`` found anywhere below ``dirs`` (case-insensitive), best first.

    Remembered: walking the font folders for every slip would cost more than drawing it."""
    known = [path for path in _found.get((dirs, names), []) if path.is_file()]
    if known:
        return known
    rank = {name.lower(): i for i, name in enumerate(names)}
    hits: list[tuple[int, Path]] = []
    for folder in dirs:
        if not folder.is_dir():
            continue
        for root, _subdirs, files in os.walk(folder):
            hits.extend((rank[name.lower()], Path(root) / name)
                        for name in files if name.lower() in rank)
    found = [path for _rank, path in sorted(hits, key=lambda hit: hit[0])]
    if found:
        _found[(dirs, names)] = found
    return list(found)
