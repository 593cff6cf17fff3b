"""A strict reader of the ESC/POS subset our slips use, for asserting on real bytes.

It walks the stream command by command and fails on any byte it does not understand,
so a test that parses a slip also proves the slip contains no stray control bytes.
Text between ``FS &`` and ``FS .`` is decoded as GB18030, elsewhere as ASCII.
"""
from __future__ import annotations

import dataclasses

ESC, GS, FS, DLE, LF = 0x1B, 0x1D, 0x1C, 0x10, 0x0A

#: ESC x n commands taking one argument byte
_ESC_ONE_ARG = {ord("a"): "align", ord("E"): "bold", ord("!"): "mode", ord("d"): "feed",
                ord("t"): "codepage", ord("-"): "underline", ord("M"): "font"}


@dataclasses.dataclass
class Line:
    text: str
    align: int  # 0 left, 1 center
    bold: bool
    size: int  # GS ! argument: 0x00 normal, 0x11 double


@dataclasses.dataclass
class Image:
    width_bytes: int
    height: int
    data: bytes

    def pixel(self, x: int, y: int) -> bool:
        """True where the printer puts ink."""
        byte = self.data[y * self.width_bytes + x // 8]
        return bool(byte & (0x80 >> (x % 8)))


@dataclasses.dataclass
class Stream:
    commands: list[tuple[str, object]] = dataclasses.field(default_factory=list)
    lines: list[Line] = dataclasses.field(default_factory=list)
    images: list[Image] = dataclasses.field(default_factory=list)
    qr_payloads: list[bytes] = dataclasses.field(default_factory=list)

    def names(self) -> list[str]:
        return [name for name, _ in self.commands]

    def texts(self) -> list[str]:
        return [line.text for line in self.lines]

    @property
    def cut_count(self) -> int:
        return self.names().count("cut")


def parse(data: bytes) -> Stream:
    out = Stream()
    state = {"align": 0, "bold": False, "size": 0, "chinese": False}
    text = bytearray()
    i = 0

    def flush_line() -> None:
        raw = bytes(text)
        if not state["chinese"] and any(b >= 0x80 for b in raw):
            raise ValueError(f"non-ASCII text outside Chinese mode: {raw!r}")
        out.lines.append(Line(raw.decode("gb18030"), state["align"], state["bold"],
                              state["size"]))
        text.clear()

    while i < len(data):
        b = data[i]
        if b == LF:
            flush_line()
            i += 1
        elif b >= 0x20:
            text.append(b)
            i += 1
        elif text:
            raise ValueError(f"command inside a line at {i}: {data[i:i + 8]!r}")
        elif b == ESC:
            cmd = data[i + 1]
            if cmd == ord("@"):
                out.commands.append(("init", None))
                state.update(align=0, bold=False, size=0, chinese=False)
                i += 2
            elif cmd in _ESC_ONE_ARG:
                name, arg = _ESC_ONE_ARG[cmd], data[i + 2]
                out.commands.append((name, arg))
                if name == "align":
                    state["align"] = arg
                elif name == "bold":
                    state["bold"] = bool(arg)
                elif name == "feed":
                    out.lines.extend(Line("", state["align"], False, 0) for _ in range(arg))
                i += 3
            else:
                raise ValueError(f"unknown ESC command at {i}: {data[i:i + 8]!r}")
        elif b == GS:
            cmd = data[i + 1]
            if cmd == ord("!"):
                state["size"] = data[i + 2]
                out.commands.append(("size", data[i + 2]))
                i += 3
            elif data[i + 1:i + 3] == b"(k":
                length = data[i + 3] + 256 * data[i + 4]
                cn, fn, rest = data[i + 5], data[i + 6], data[i + 7:i + 5 + length]
                assert cn == ord("1"), "only QR (cn 49) is expected"
                out.commands.append(("qr", (fn, rest)))
                if fn == ord("P"):
                    assert rest[:1] == b"0"
                    out.qr_payloads.append(rest[1:])
                i += 5 + length
            elif data[i + 1:i + 3] == b"v0":
                width = data[i + 4] + 256 * data[i + 5]
                height = data[i + 6] + 256 * data[i + 7]
                start = i + 8
                image = Image(width, height, data[start:start + width * height])
                assert len(image.data) == width * height, "truncated raster image"
                out.images.append(image)
                out.commands.append(("image", (width, height)))
                i = start + width * height
            elif cmd == ord("V"):
                mode = data[i + 2]
                out.commands.append(("cut", mode))
                i += 4 if mode in (65, 66) else 3
            else:
                raise ValueError(f"unknown GS command at {i}: {data[i:i + 8]!r}")
        elif b == FS and data[i + 1] == ord("&"):
            state["chinese"] = True
            out.commands.append(("chinese_on", None))
            i += 2
        elif b == FS and data[i + 1] == ord("."):
            state["chinese"] = False
            out.commands.append(("chinese_off", None))
            i += 2
        elif b == DLE and data[i + 1] == 0x04:
            out.commands.append(("status_request", data[i + 2]))
            i += 3
        else:
            raise ValueError(f"unknown control byte at {i}: {data[i:i + 8]!r}")
    if text:
        flush_line()
    return out


def qr_matrix(image: Image) -> list[list[bool]] | None:
    """Read a QR code's module grid back from a raster image, or None if the image is
    not a lone QR code: find the inked bounding box, take the module size from the
    top-left finder pattern (7 modules wide), and sample the centre of each module."""
    inked = [(x, y) for y in range(image.height) for x in range(image.width_bytes * 8)
             if image.pixel(x, y)]
    if not inked:
        return None
    left = min(x for x, _ in inked)
    right = max(x for x, _ in inked)
    top = min(y for _, y in inked)
    bottom = max(y for _, y in inked)
    side = right - left + 1
    if side != bottom - top + 1:
        return None
    run = 0
    while left + run <= right and image.pixel(left + run, top):
        run += 1
    if run % 7:
        return None
    module = run // 7
    if side % module:
        return None
    count = side // module
    return [[image.pixel(left + c * module + module // 2, top + r * module + module // 2)
             for c in range(count)] for r in range(count)]


def expected_qr_matrix(payload: str) -> list[list[bool]]:
    """The module grid the qrcode library makes for ``payload`` at level M."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]
