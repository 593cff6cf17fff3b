"""Cutting a serial scanner's byte stream into codes, and decoding them.

A serial scanner sends each code followed by its configured suffix (CR, LF or CRLF);
bytes arrive in whatever pieces the port hands over, so a code, or a CRLF, may be
split across reads. Codes are cut at the suffix's last byte and stripped of CR and
LF, so a CRLF scanner behind a CR setting still yields clean codes. A piece with no
suffix that sits idle (a scan cut short) is dropped rather than glued to the next code,
and so is a run longer than any code (line noise, a wrong baud rate).
"""
from __future__ import annotations

SUFFIXES = {"enter": b"\r", "cr": b"\r", "lf": b"\n", "crlf": b"\r\n"}
#: a QR code holds at most 2953 bytes; anything longer without a suffix is noise
MAX_CODE_BYTES = 4096
#: a scanner sends a whole code within milliseconds; a piece this old is a dead end
STALE_S = 1.0


class LineSplitter:
    """Feed it the bytes read and the monotonic time; it returns the whole codes."""

    def __init__(self, suffix: str = "enter", *, max_bytes: int = MAX_CODE_BYTES,
                 stale_s: float = STALE_S) -> None:
        try:
            self.end = SUFFIXES[suffix][-1:]
        except KeyError:
            raise ValueError(f"unknown scanner suffix {suffix!r}: one of "
                             f"{', '.join(SUFFIXES)}") from None
        self.max_bytes, self.stale_s = max_bytes, stale_s
        self._piece = bytearray()
        self._since: float | None = None
        self._discarding = False
        #: pieces dropped (too long or stale), for the log
        self.dropped = 0

    @property
    def pending(self) -> bool:
        return bool(self._piece)

    def feed(self, data: bytes, now: float) -> list[bytes]:
        self.idle(now)
        codes = []
        *whole, rest = bytes(data).split(self.end)
        for part in whole:
            if self._discarding:
                self._discarding = False  # the noise ended here
            else:
                self._piece += part
                code = bytes(self._piece).strip(b"\r\n")
                if code:
                    codes.append(code)
            self._piece.clear()
        if not self._discarding and rest:
            self._piece += rest
            if len(self._piece) > self.max_bytes:
                self._drop()
                self._discarding = True
        self._since = now if self._piece or self._discarding else None
        return codes

    def idle(self, now: float) -> None:
        """A read came back empty at ``now``: drop a piece left unfinished too long."""
        if self._since is not None and now - self._since > self.stale_s:
            self._drop()
            self._discarding = False

    def _drop(self) -> None:
        if self._piece.strip(b"\r\n"):
            self.dropped += 1
        self._piece.clear()
        self._since = None


def decode(raw: bytes) -> str:
    """A code's text: scanners send UTF-8 or, set for Chinese Windows, GB18030."""
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")
