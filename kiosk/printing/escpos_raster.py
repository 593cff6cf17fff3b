"""The "raster" text mode: Chinese drawn with a system font into 1-bit images.

Every ESC/POS printer can print a raster bit image (``GS v 0``), whatever fonts its
firmware has, so this mode works on all of them; the price is more bytes per slip.
Runs of text are drawn into one image the width of the paper (python-escpos splits tall
images into fragments); the QR code is its own image, or the printer's native QR.
Drawing in mode "1" keeps edges hard: anti-aliased grey would dither into noise.
"""
from __future__ import annotations

from escpos.constants import QR_ECLEVEL_M
from escpos.escpos import Escpos
from PIL import Image, ImageDraw

from kiosk.printing.blocks import Block, Gap, Qr, Rule, Text
from kiosk.printing.fonts import load_font
from kiosk.printing.paper import Paper, qr_module_size
from kiosk.printing.textwrap_cjk import wrap

#: pixel size of normal text: a Chinese glyph fills two 12-dot columns
BASE_SIZE = 24
WHITE, BLACK = 1, 0


def write_raster(printer: Escpos, blocks: list[Block], paper: Paper, font_path: str, *,
                 native_qr: bool = False) -> None:
    printer.hw("INIT")
    strips: list[Image.Image] = []
    for block in blocks:
        if isinstance(block, Text):
            strips.extend(_text_strips(block, paper, font_path))
        elif isinstance(block, Rule):
            strips.append(_rule_strip(paper))
        elif isinstance(block, Gap):
            strips.append(Image.new("1", (paper.dots, _line_height(1) * block.lines), WHITE))
        elif isinstance(block, Qr):
            _flush(printer, strips, paper)
            size = qr_module_size(block.payload, paper)
            if native_qr:
                printer.set(align="center")
                printer.qr(block.payload, ec=QR_ECLEVEL_M, size=size, native=True)
                printer.set(align="left")
                printer._raw(b"\n")
            else:
                printer.qr(block.payload, ec=QR_ECLEVEL_M, size=size, center=True)
        else:
            raise TypeError(f"unknown block {block!r}")
    _flush(printer, strips, paper)
    printer.cut()


def _line_height(scale: int) -> int:
    return round(BASE_SIZE * scale * 1.3)


def _text_strips(block: Text, paper: Paper, font_path: str) -> list[Image.Image]:
    """One strip per wrapped line. A block taller than it is wide (``height`` over
    ``scale``) is drawn at its height's size and narrowed, as the printer's ``GS !``
    does with its own font, so both modes lay the slip out alike."""
    font = load_font(font_path, BASE_SIZE * block.tall)
    stroke = block.tall if block.bold else 0  # faux bold: thermal heads like thick strokes
    narrow = block.scale / block.tall  # final width per drawn pixel

    def measure(text: str) -> float:
        return (font.getlength(text) + 2 * stroke) * narrow

    indent_px = block.indent * paper.dots_per_column
    canvas_width = round(paper.dots / narrow)
    strips = []
    for number, line in enumerate(wrap(block.text, paper.dots, measure=measure,
                                       indent=indent_px)):
        height = _line_height(block.tall)
        strip = Image.new("1", (canvas_width, height), WHITE)
        if line:
            width = measure(line)
            if block.align == "center":
                x = max(0, (paper.dots - width) / 2)
            else:
                x = indent_px if number else 0
            baseline = round(height * 0.8)
            ImageDraw.Draw(strip).text((x / narrow + stroke, baseline), line, font=font,
                                       fill=BLACK, anchor="ls", stroke_width=stroke,
                                       stroke_fill=BLACK)
        if canvas_width != paper.dots:
            grey = strip.convert("L").resize((paper.dots, height), Image.Resampling.LANCZOS)
            strip = grey.point(lambda v: 255 if v >= 128 else 0).convert("1")
        strips.append(strip)
    return strips


def _rule_strip(paper: Paper) -> Image.Image:
    strip = Image.new("1", (paper.dots, 16), WHITE)
    ImageDraw.Draw(strip).line([(0, 8), (paper.dots - 1, 8)], fill=BLACK, width=2)
    return strip


def _flush(printer: Escpos, strips: list[Image.Image], paper: Paper) -> None:
    """Send the pending strips as one image."""
    if not strips:
        return
    image = Image.new("1", (paper.dots, sum(s.height for s in strips)), WHITE)
    top = 0
    for strip in strips:
        image.paste(strip, (0, top))
        top += strip.height
    strips.clear()
    printer.image(image, impl="bitImageRaster")
