"""Build the Chinese font the apps ship (assets/fonts/), so a fresh Windows or Linux PC
shows and prints Chinese without installing anything.

The source is Noto Sans CJK SC (SIL Open Font License 1.1), Regular and Bold. Shipping the
whole font would add 40 MB; the subset holds GB 2312 (the 6,763 characters of everyday
Simplified Chinese), every character the sample catalog, the translations and the code
use, and the punctuation and symbol blocks, about 7,500 characters. Characters outside it
(a rare name) still show on screen through the system's own fonts, which Qt falls back
to.

The outlines are converted from CFF to TrueType quadratics: fpdf2 embeds CFF fonts so
that a PDF's text copies out garbled, and some thermal-printer rasterisers only take
TrueType. The family is renamed (the subset is not the whole Noto font and must not
shadow an installed one).

    .venv/bin/python scripts/build-font.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
        /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc

(Debian's fonts-noto-cjk package; on Windows pass the NotoSansSC-*.otf files from
https://github.com/notofonts/noto-cjk.) Run it again after adding text with characters
outside GB 2312.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "fonts"
FAMILY = "Hall Sans SC"  # Noto Sans CJK SC, subset
#: the symbol and punctuation blocks a screen or slip may use besides the ideographs
RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x214F), (0x2190, 0x21FF),
          (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x2600, 0x26FF), (0x2700, 0x27BF),
          (0x3000, 0x303F), (0xFF00, 0xFFEF))
#: where the texts we show live
TEXT_GLOBS = ("kiosk/**/*.py", "window_client/**/*.py", "assets/**/*.yaml",
              "assets/translations/*.ts", "README.md")


def gb2312() -> set[str]:
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def project_text() -> set[str]:
    chars: set[str] = set()
    for pattern in TEXT_GLOBS:
        for path in ROOT.glob(pattern):
            chars.update(ch for ch in path.read_text(encoding="utf-8") if ord(ch) > 0x7F)
    return chars


def wanted() -> set[str]:
    chars = gb2312() | project_text()
    for first, last in RANGES:
        chars.update(chr(code) for code in range(first, last + 1))
    return chars


def open_sc_face(path: Path) -> TTFont:
    """The Simplified Chinese face of a collection, or the font itself."""
    if path.suffix.lower() != ".ttc":
        return TTFont(str(path))
    for font in TTCollection(str(path)).fonts:
        family = font["name"].getDebugName(1) or ""
        if family.endswith(" SC") and "Mono" not in family:
            return font
    raise SystemExit(f"{path}: no Simplified Chinese face")


def to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by TrueType quadratic ones (within 1 font unit)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():  # TrueType wants lsb == xMin
        glyph.recalcBounds(glyf)
        width, _lsb = hmtx[name]
        hmtx[name] = (width, getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, weight: str) -> None:
    names = font["name"]
    full = f"{FAMILY} {weight}" if weight != "Regular" else FAMILY
    postscript = f"{FAMILY.replace(' ', '')}-{weight}"
    for record in list(names.names):
        if record.nameID in (16, 17, 21, 22):  # typographic names: the basic ones do
            names.removeNames(nameID=record.nameID)
    for name_id, value in ((1, FAMILY), (2, weight if weight == "Bold" else "Regular"),
                           (3, f"{postscript};subset"), (4, full), (6, postscript)):
        names.removeNames(nameID=name_id)
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)


def build(source: Path, weight: str, chars: set[str]) -> Path:
    font = open_sc_face(source)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in chars])
    subsetter.subset(font)
    to_truetype(font)
    rename(font, weight)
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"HallSansSC-{weight}.ttf"
    font.save(str(target))
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("regular", type=Path, help="Noto Sans CJK SC Regular (.otf/.ttc)")
    parser.add_argument("bold", type=Path, help="Noto Sans CJK SC Bold (.otf/.ttc)")
    args = parser.parse_args(argv)
    chars = wanted()
    for source, weight in ((args.regular, "Regular"), (args.bold, "Bold")):
        target = build(source, weight, chars)
        print(f"{target}: {target.stat().st_size // 1024} KiB, {len(chars)} characters asked")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
