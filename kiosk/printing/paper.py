"""Paper widths and the sizes that follow from them (text columns, QR module size)."""
from __future__ import annotations

import dataclasses

import qrcode


@dataclasses.dataclass(frozen=True)
class Paper:
    """Printable width of a roll: 58 mm rolls print 48 mm = 384 dots, 80 mm print
    72 mm = 576 dots (203 dpi); a normal text cell is 12 dots wide."""

    mm: int
    dots: int
    columns: int
    qr_module: int  # preferred QR module size in dots

    @property
    def dots_per_column(self) -> int:
        return self.dots // self.columns


PAPERS = {58: Paper(58, 384, 32, 5), 80: Paper(80, 576, 48, 6)}


def qr_module_size(payload: str, paper: Paper) -> int:
    """The paper's preferred module size, shrunk if the code would not fit the width."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=1)
    code.add_data(payload)
    code.make(fit=True)
    return max(1, min(paper.qr_module, paper.dots // (code.modules_count + 2)))
