"""Frames of the ID card reader interface (GA 450 readers and their SAM modules).

Both directions: the preamble ``AA AA AA 96 69``, a two-byte big-endian length of what
follows, then (to the reader) CMD PARA DATA or (from the reader) SW1 SW2 SW3 DATA, and
an XOR of every byte from the length to the end of DATA. SW1 SW2 are the card's own
APDU status passed through; SW3 is the reader's status (``STATUS``). Built and parsed
here byte for byte, so the reader thread and the tests' simulated reader agree on one
definition.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import reduce

from kiosk.devices.idcard.errors import FrameError, ReaderTimeout

PREAMBLE = bytes((0xAA, 0xAA, 0xAA, 0x96, 0x69))
#: no frame of this interface is longer (text, photo and fingerprints: under 2.5 kB);
#: a bigger length is line noise, not a frame to wait for
MAX_LENGTH = 4096
#: bytes skipped looking for a preamble before the line counts as garbled
MAX_SKIP = 2 * MAX_LENGTH

# (CMD, PARA) of the commands the kiosk sends
RESET_SAM = (0x10, 0xFF)
SAM_STATUS = (0x11, 0xFF)
SAM_ID = (0x12, 0xFF)
FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_TEXT = (0x30, 0x01)     # text and photo
READ_TEXT_FP = (0x30, 0x10)  # text, photo and fingerprints (not used: the photo is not)

OK = 0x90
FOUND = 0x9F
NO_CARD = 0x80
#: SW3, the reader's own status: Chinese for the log of faults, English for logs
STATUS: dict[int, tuple[str, str]] = {
    0x90: ("操作成功", "done"),
    0x91: ("证/卡中此项无内容", "the card holds no such item"),
    0x9F: ("寻找证/卡成功", "card found"),
    0x10: ("阅读器收到的数据校验和错", "the reader got a bad checksum"),
    0x11: ("阅读器收到的数据长度错", "the reader got a bad length"),
    0x21: ("阅读器收到的命令错误", "the reader got a bad command"),
    0x23: ("越权操作", "operation not permitted"),
    0x24: ("阅读器无法识别的错误", "unknown reader error"),
    0x31: ("证/卡认证阅读器失败", "the card did not accept the reader"),
    0x32: ("阅读器认证证/卡失败", "the reader did not accept the card"),
    0x33: ("信息验证错误", "the card's data failed verification"),
    0x40: ("无法识别的证/卡类型", "not a card this reader knows"),
    0x41: ("读证/卡操作失败", "reading the card failed"),
    0x47: ("取随机数失败", "the card gave no random number"),
    0x60: ("阅读器自检失败，不能接收命令", "the reader's self-test failed"),
    0x66: ("阅读器未经授权，无法使用", "the reader's SAM is not authorised"),
    0x80: ("寻找证/卡失败", "no card found"),
    0x81: ("选取证/卡失败", "selecting the card failed"),
}


def describe(sw3: int) -> str:
    """``0x41 (reading the card failed)`` for logs and messages."""
    return f"0x{sw3:02X} ({STATUS.get(sw3, ('', 'unknown status'))[1]})"


def checksum(data: bytes) -> int:
    return reduce(lambda a, b: a ^ b, data, 0)


def frame(payload: bytes) -> bytes:
    """A whole frame around ``payload`` (CMD PARA DATA or SW1 SW2 SW3 DATA)."""
    body = (len(payload) + 1).to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes((checksum(body),))


def command(cmd: tuple[int, int], data: bytes = b"") -> bytes:
    return frame(bytes(cmd) + data)


def answer(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return frame(bytes((sw1, sw2, sw3)) + data)


@dataclasses.dataclass(frozen=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes

    def __repr__(self) -> str:  # never the data: it may be a card's text
        return f"Response(sw3={describe(self.sw3)}, {len(self.data)} data bytes)"


@dataclasses.dataclass(frozen=True)
class Request:
    cmd: tuple[int, int]
    data: bytes


def read_payload(read: Callable[[int], bytes]) -> bytes:
    """The next frame's payload (checksum checked), from ``read(n)``, which returns
    fewer bytes than asked when its timeout passes (pyserial's ``read``).

    Bytes before a preamble are skipped (a frame begun before we listened); a silent
    line raises ReaderTimeout, a frame that cannot be one raises FrameError.
    """
    window = b""
    skipped = 0
    while window != PREAMBLE:
        byte = read(1)
        if not byte:
            raise _silent() if not skipped else _cut()
        window = (window + byte)[-len(PREAMBLE):]
        skipped += 1
        if skipped > MAX_SKIP:
            raise FrameError("no frame start in the reader's bytes")
    length_bytes = _exactly(read, 2)
    length = int.from_bytes(length_bytes, "big")
    if not 2 <= length <= MAX_LENGTH:
        raise FrameError(f"impossible frame length {length}")
    rest = _exactly(read, length)
    if checksum(length_bytes + rest[:-1]) != rest[-1]:
        raise FrameError("bad checksum")
    return rest[:-1]


def _exactly(read: Callable[[int], bytes], count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = read(count - len(data))
        if not chunk:
            raise _cut()
        data += chunk
    return data


def _silent() -> ReaderTimeout:
    return ReaderTimeout("the ID card reader did not answer in time (is it switched on, "
                         "on this port, at this baud rate?)")


def _cut() -> FrameError:
    return FrameError("the reader stopped in the middle of a frame")


def parse_response(payload: bytes) -> Response:
    if len(payload) < 3:
        raise FrameError(f"a reader's answer of {len(payload)} bytes has no status")
    return Response(payload[0], payload[1], payload[2], payload[3:])


def parse_request(payload: bytes) -> Request:
    if len(payload) < 2:
        raise FrameError(f"a command of {len(payload)} bytes has no CMD and PARA")
    return Request((payload[0], payload[1]), payload[2:])


def text_block(data: bytes) -> bytes:
    """The text block out of a READ_TEXT answer's data: two big-endian lengths (text,
    photo), then the text (256 bytes) and the photo (1024, not kept)."""
    if len(data) < 4:
        raise FrameError("the card's answer has no text length")
    text_len = int.from_bytes(data[:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if len(data) < 4 + text_len + photo_len:
        raise FrameError(f"the card's answer is short: {len(data) - 4} bytes for "
                         f"{text_len} + {photo_len}")
    return data[4:4 + text_len]
