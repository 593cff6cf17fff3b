"""The small vocabulary a slip layout is written in.

Layouts say *what* goes on the paper (a centred bold line, a rule, a QR code); the two
writers (GB18030 text, raster image) decide *how*, so each slip is laid out once and
prints the same way in both modes and on both paper widths.
"""
from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the paper; ``indent`` (columns) applies to wrapped lines."""

    text: str
    scale: int = 1  # width multiplier: 1 = normal, 2 = double width (and height)
    align: str = "left"  # "left" or "center"
    bold: bool = False
    indent: int = 0
    height: int = 0  # height multiplier when it differs from ``scale`` (0 = scale)

    @property
    def tall(self) -> int:
        """The height multiplier: a 24-dot text cell printed ``tall`` times as high."""
        return self.height or self.scale


@dataclasses.dataclass(frozen=True)
class Rule:
    """A horizontal separator across the paper."""


@dataclasses.dataclass(frozen=True)
class Gap:
    """Empty space, in text lines."""

    lines: int = 1


@dataclasses.dataclass(frozen=True)
class Qr:
    """A QR code, centred."""

    payload: str


Block = Text | Rule | Gap | Qr
