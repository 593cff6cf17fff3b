"""Line wrapping for receipt paper, where a Chinese character is two columns wide.

``textwrap`` counts characters, so a line of Chinese comes out twice as wide as the
paper. In the printer's GB18030 text mode every character that takes more than one
byte (all CJK, full-width punctuation, □, ·, “”) prints in a double-width cell and
every ASCII character in a single one, so that is exactly how ``display_width``
counts. Raster mode passes its own ``measure`` (font pixels) to the same ``wrap``.

Rules kept: break anywhere between CJK characters, keep ASCII words whole unless a word
is wider than the line, never start a line with closing punctuation nor end one with
opening punctuation (the usual Chinese line-breaking rule, 避头尾), and never leave one
character alone on a paragraph's last line (孤字): the line before lends it a piece.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable

Measure = Callable[[str], float]

#: may not begin a line
_CLOSING = set("，。、；：？！）】」』》〉”’…·%,.;:?!)]}>")
#: may not end a line
_OPENING = set("（【「『《〈“‘([{<")


def clean(text: str) -> str:
    """Drop control characters (they would act as printer commands) and tabs.

    Keeps newlines, which ``wrap`` treats as hard breaks.
    """
    out = []
    for ch in str(text).replace("\r\n", "\n").replace("\t", " "):
        if ch == "\n":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cs"):
            continue
        else:
            out.append(ch)
    return "".join(out)


def char_width(ch: str) -> int:
    """Columns one character takes in the printer's GB18030 text mode."""
    if ch == "\n":
        return 0
    try:
        return 1 if len(ch.encode("gb18030")) == 1 else 2
    except UnicodeEncodeError:
        return 2


def display_width(text: str) -> int:
    """Columns ``text`` takes on one line in GB18030 text mode."""
    return sum(char_width(ch) for ch in text)


def _units(paragraph: str) -> list[str]:
    """Split into unbreakable pieces: runs of non-space ASCII (words, numbers, URLs),
    single spaces and single other characters; closing punctuation is glued to what
    precedes it and opening punctuation to what follows."""
    pieces: list[str] = []
    for ch in paragraph:
        extends_word = (ch != " " and ch.isascii() and pieces and pieces[-1] != " "
                        and pieces[-1].isascii())
        if extends_word:
            pieces[-1] += ch
        else:
            pieces.append(ch)
    units: list[str] = []
    pending_open = ""
    for piece in pieces:
        if piece != " " and all(ch in _OPENING for ch in piece):
            pending_open += piece
            continue
        piece, pending_open = pending_open + piece, ""
        if piece[0] in _CLOSING and units and units[-1] != " ":
            units[-1] += piece
        else:
            units.append(piece)
    if pending_open:
        units.append(pending_open)
    return units


def wrap(text: str, width: float, *, measure: Measure = display_width,
         indent: float = 0) -> list[str]:
    """Wrap ``text`` so the first line measures at most ``width`` and every later line
    at most ``width - indent`` (the caller draws that hanging indent).

    Returns no lines for empty text; a newline in ``text`` forces a break. Trailing
    spaces are dropped and spaces at a wrap point vanish, as on any page.
    """
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        _wrap_paragraph(paragraph, width, measure, indent, lines)
    if lines == [""]:
        return []
    return lines


def _wrap_paragraph(paragraph: str, width: float, measure: Measure, indent: float,
                    lines: list[str]) -> None:
    first = len(lines)
    _fill(paragraph, width, measure, indent, lines)
    if len(lines) - first >= 2:
        _no_lone_last(paragraph, max(width - indent, 1), measure, lines)


def _lone(line: str) -> bool:
    """One character (with any punctuation glued to it) alone on a line."""
    return len(_units(line)) == 1 and sum(
        ch not in _CLOSING and ch not in _OPENING for ch in line) == 1


def _no_lone_last(paragraph: str, room: float, measure: Measure, lines: list[str]) -> None:
    """A paragraph never ends with a lone character (a 孤字 reads as a misprint): the
    line before gives it its last piece, when that fits and leaves more than one."""
    before, last = lines[-2], lines[-1]
    if not _lone(last):
        return
    head = paragraph.rstrip()[:-len(last)]
    gap = " " if head != head.rstrip(" ") else ""
    if not head.rstrip(" ").endswith(before):
        return
    units = _units(before)
    keep = "".join(units[:-1]).rstrip()
    moved = units[-1] + gap + last
    if keep.strip() and not _lone(keep) and measure(moved) <= room:
        lines[-2:] = [keep, moved]


def _fill(paragraph: str, width: float, measure: Measure, indent: float,
          lines: list[str]) -> None:
    def room() -> float:
        return width if not lines else max(width - indent, 1)

    current = ""
    started = False  # a wrapped line drops its leading spaces; a paragraph keeps them
    for unit in _units(paragraph):
        if unit == " " and not current and started:
            continue
        if measure(current + unit) <= room():
            current += unit
            continue
        if unit == " ":
            if current.strip():
                lines.append(current.rstrip())
            current, started = "", True
            continue
        if current.strip():
            lines.append(current.rstrip())
            current, started = "", True
        else:
            current = ""  # only spaces so far: they do not make a line of their own
        if measure(unit) <= room():
            current = unit
            continue
        for ch in unit:  # a unit wider than a whole line: break it anywhere
            if current and measure(current + ch) > room():
                lines.append(current)
                current, started = "", True
            current += ch
    lines.append(current.rstrip())
