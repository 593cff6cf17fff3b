"""Slip -> ESC/POS bytes, for a paper width and a Chinese text mode.

Everything is written onto python-escpos's ``Dummy`` printer and its ``output`` is
returned, so the same bytes go to any transport and tests compare real printer bytes.
Rendering never touches a device; sending is the transports' job.

python-escpos is imported on first render, not with this package: its import calls
``logging.basicConfig()`` and writes a capabilities cache to a temp folder, which
should not happen before the app has configured logging (or at all in a CLI command
that never prints).
"""
from __future__ import annotations

import copy
import dataclasses
from typing import TYPE_CHECKING

from kiosk.printing.blocks import Block
from kiosk.printing.errors import PrinterConfigError
from kiosk.printing.fonts import find_cjk_font
from kiosk.printing.layouts import layout
from kiosk.printing.paper import PAPERS, Paper
from kiosk.printing.slips import Slip

if TYPE_CHECKING:
    from escpos.printer import Dummy

TEXT_MODES = ("raster", "gb18030")


@dataclasses.dataclass(frozen=True)
class PrintFormat:
    """How this kiosk's printer wants slips: paper width, text mode, optional font."""

    paper_mm: int
    text_mode: str
    font_path: str | None = None  # raster mode: None = search the system's fonts
    native_qr: bool | None = None  # None = printer's own QR in gb18030 mode, image in raster

    def __post_init__(self) -> None:
        if self.paper_mm not in PAPERS:
            raise PrinterConfigError(
                f"不支持 {self.paper_mm} 毫米纸宽", f"unsupported paper width {self.paper_mm} mm; "
                f"use one of {sorted(PAPERS)}")
        if self.text_mode not in TEXT_MODES:
            raise PrinterConfigError(
                f"不支持的中文打印方式：{self.text_mode}",
                f"unknown text mode {self.text_mode!r}; use one of {TEXT_MODES}")

    @classmethod
    def from_settings(cls, settings, font_path: str | None = None) -> PrintFormat:
        return cls(paper_mm=settings.get("printer.paper_mm"),
                   text_mode=settings.get("printer.text_mode"),
                   font_path=font_path or settings.get("printer.font_path") or None)

    @property
    def paper(self) -> Paper:
        return PAPERS[self.paper_mm]

    @property
    def uses_native_qr(self) -> bool:
        return self.text_mode == "gb18030" if self.native_qr is None else self.native_qr


def render(slip: Slip, fmt: PrintFormat) -> bytes:
    """The complete print job for ``slip``, ending with a paper cut."""
    return render_blocks(layout(slip), fmt)


def render_blocks(blocks: list[Block], fmt: PrintFormat) -> bytes:
    printer = new_dummy(fmt.paper)
    if fmt.text_mode == "gb18030":
        from kiosk.printing.escpos_text import write_text

        write_text(printer, blocks, fmt.paper, native_qr=fmt.uses_native_qr)
    else:
        from kiosk.printing.escpos_raster import write_raster

        font = find_cjk_font(fmt.font_path)
        write_raster(printer, blocks, fmt.paper, str(font), native_qr=fmt.uses_native_qr)
    return printer.output


def new_dummy(paper: Paper) -> Dummy:
    """A Dummy printer whose profile knows the paper width (python-escpos needs it to
    centre and check images) and keeps the default profile's features (cut, QR)."""
    from escpos.capabilities import Profile
    from escpos.printer import Dummy

    profile = Profile(columns=paper.columns)
    data = copy.deepcopy(profile.profile_data)
    data["media"] = {"dpi": 203, "width": {"mm": paper.mm, "pixels": paper.dots}}
    profile.profile_data = data
    profile.features = dict(data["features"])
    return Dummy(profile=profile)
