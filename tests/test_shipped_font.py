"""The Chinese font shipped with the app: every text we show has its glyphs, and every
place that draws text (screens, raster slips, PDF) uses it on a PC without fonts."""
from pathlib import Path

from fontTools.ttLib import TTFont

from kiosk import fonts
from kiosk.printing.fonts import find_cjk_font as printing_font
from kiosk.reports.cjkfont import find_cjk_font as pdf_font

ROOT = Path(__file__).resolve().parents[1]


def _shown_text() -> set[str]:
    """Every non-ASCII character of the sample catalog, the demo staff, the translation
    template and the code (where the screens' texts are)."""
    chars: set[str] = set()
    for pattern in ("assets/**/*.yaml", "assets/translations/*.ts", "kiosk/**/*.py",
                    "window_client/**/*.py"):
        for path in ROOT.glob(pattern):
            chars.update(ch for ch in path.read_text(encoding="utf-8") if ord(ch) > 0x7F)
    return chars


#: the xlsx's percentile note (Excel draws it with its own fonts) and variation selectors
DRAWN_ELSEWHERE = {"⌈", "⌉"} | {chr(code) for code in range(0xFE00, 0xFE10)}


def test_every_character_we_show_is_in_the_shipped_font():
    for path in (fonts.SHIPPED_REGULAR, fonts.SHIPPED_BOLD):
        cmap = TTFont(path, lazy=True).getBestCmap()
        missing = sorted(ch for ch in _shown_text() - DRAWN_ELSEWHERE
                         if ord(ch) not in cmap)
        assert not missing, (f"{path.name} lacks {''.join(missing)}: run "
                             "scripts/build-font.py (see its docstring)")


def test_gb2312_is_covered_so_catalog_edits_render():
    cmap = TTFont(fonts.SHIPPED_REGULAR, lazy=True).getBestCmap()
    common = [bytes((high, low)).decode("gb2312") for high in range(0xB0, 0xF8)
              for low in range(0xA1, 0xFF) if (high, low) not in _GB2312_HOLES]
    assert all(ord(ch) in cmap for ch in common)


#: level-2 row 0xD7 ends at 0xF9; the rest of that row is unassigned in GB 2312
_GB2312_HOLES = {(0xD7, low) for low in range(0xFA, 0xFF)}


def test_printing_and_pdf_use_the_shipped_font_before_any_system_font(tmp_path):
    assert printing_font() == fonts.SHIPPED_REGULAR
    assert pdf_font().path == fonts.SHIPPED_REGULAR
    # not CFF: fpdf2 embeds CFF fonts so that the PDF's text copies out garbled
    assert not fonts.has_cff_outlines(fonts.SHIPPED_REGULAR)
    # an installer's explicit choice still wins
    own = tmp_path / "simhei.ttf"
    own.write_bytes(b"\0\1\0\0")
    assert printing_font(own) == own
