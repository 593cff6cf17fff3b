"""The "gb18030" text mode: Chinese sent as GB18030 bytes for the printer's own font.

Fast and crisp on the Chinese thermal printers every hall buys (their firmware has a
GB2312/GBK/GB18030 font), but useless on a printer without one, hence raster mode.

Why not ``printer.text()``: python-escpos encodes text through its ``MagicEncode``
code-page machinery, which only knows single-byte code pages selected with ``ESC t``;
it has no GB18030 (nor GBK) entry and would substitute "?" for every Chinese
character. So the printer is switched into Chinese (double-byte) character mode with
``FS &`` and the GB18030 bytes are written with ``printer._raw``; ``FS .`` leaves that
mode at the end. Characters outside GBK become four-byte GB18030 sequences that older
GBK-only firmware prints as two wrong glyphs; slip texts never need them.

Size and style use ``GS !`` (via ``set(custom_size=True)``) because, unlike ``ESC !``,
it scales double-byte characters too; width and height multiply the 24-dot cell apart,
so the ticket number prints 5 x 24 = 120 dots (15 mm at 8 dots/mm) tall yet fits 58 mm.
"""
from __future__ import annotations

from escpos.constants import QR_ECLEVEL_M
from escpos.escpos import Escpos

from kiosk.printing.blocks import Block, Gap, Qr, Rule, Text
from kiosk.printing.paper import Paper, qr_module_size
from kiosk.printing.textwrap_cjk import wrap

FS_CHINESE_ON = b"\x1c\x26"  # FS &: select Chinese (double-byte) character mode
FS_CHINESE_OFF = b"\x1c\x2e"  # FS .: cancel Chinese character mode
ENCODING = "gb18030"


def encode(text: str) -> bytes:
    return text.encode(ENCODING, errors="replace")


#: height of the printers' standard font A cell in dots (12 x 24; Chinese 24 x 24)
CELL_DOTS = 24


def _style(printer: Escpos, align: str = "left", bold: bool = False, scale: int = 1,
           height: int = 0) -> None:
    printer.set(align=align, bold=bold, custom_size=True, width=scale,
                height=height or scale)


def write_text(printer: Escpos, blocks: list[Block], paper: Paper, *,
               native_qr: bool = True) -> None:
    printer.hw("INIT")
    printer._raw(FS_CHINESE_ON)
    for block in blocks:
        if isinstance(block, Text):
            _write_paragraph(printer, block, paper)
        elif isinstance(block, Rule):
            _style(printer)
            printer._raw(b"-" * paper.columns + b"\n")
        elif isinstance(block, Gap):
            printer._raw(b"\n" * block.lines)
        elif isinstance(block, Qr):
            _style(printer, align="center")
            size = qr_module_size(block.payload, paper)
            if native_qr:
                printer.qr(block.payload, ec=QR_ECLEVEL_M, size=size, native=True)
                printer._raw(b"\n")
            else:
                printer.qr(block.payload, ec=QR_ECLEVEL_M, size=size, center=True)
        else:
            raise TypeError(f"unknown block {block!r}")
    _style(printer)
    printer._raw(FS_CHINESE_OFF)
    printer.cut()


def _write_paragraph(printer: Escpos, block: Text, paper: Paper) -> None:
    scale = block.scale
    indent = block.indent // scale
    lines = wrap(block.text, paper.columns // scale, indent=indent)
    if not lines:
        return
    _style(printer, align=block.align, bold=block.bold, scale=scale, height=block.tall)
    for number, line in enumerate(lines):
        prefix = " " * indent if number and block.align == "left" else ""
        printer._raw(encode(prefix + line) + b"\n")
