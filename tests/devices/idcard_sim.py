"""A simulated ID card reader on a pseudo-terminal pair, answering byte for byte.

The kiosk's reader opens ``sim.path`` (the pty's terminal end) like a real serial port;
the simulator reads command frames from the other end on its own thread and answers as
a GA 450 reader does. Tests place and remove cards and choose faults; every command
seen is counted, so a test waits on "N more finds answered" instead of sleeping.

Fields are made up: names, numbers (with valid check digits) and addresses of no one.
"""
from __future__ import annotations

import datetime as dt
import os
import select
import threading
import tty

from kiosk.devices.idcard import protocol as p
from kiosk.devices.idcard.errors import IdCardError
from kiosk.devices.idcard.text import check_digit

PHOTO = bytes(1024)


def citizen_number(birth: dt.date, region: str = "110101", seq: str = "123") -> str:
    first17 = f"{region}{birth:%Y%m%d}{seq}"
    return first17 + check_digit(first17)


def _put(block: bytearray, start: int, stop: int, text: str) -> None:
    data = text.encode("utf-16-le")
    assert len(data) <= stop - start, (text, stop - start)
    block[start:stop] = data + " ".encode("utf-16-le") * ((stop - start - len(data)) // 2)


def resident_block(*, name: str = "张三", sex: str = "1", ethnicity: str = "01",
                   birth: dt.date = dt.date(1980, 5, 17), number: str | None = None,
                   address: str = "北京市东城区示例路1号", issuer: str = "北京市公安局东城分局",
                   valid_from: str = "20160101", valid_until: str = "20360101",
                   flag: str = "", extra: dict | None = None) -> bytes:
    block = bytearray(" ".encode("utf-16-le") * 128)
    for (start, stop), text in {
            (0, 30): name, (30, 32): sex, (32, 36): ethnicity,
            (36, 52): f"{birth:%Y%m%d}", (52, 122): address,
            (122, 158): number or citizen_number(birth), (158, 188): issuer,
            (188, 204): valid_from, (204, 220): valid_until, (248, 250): flag,
            **(extra or {})}.items():
        _put(block, start, stop, text)
    return bytes(block)


def hkmt_block(*, birth: dt.date = dt.date(1990, 2, 3), name: str = "陈大文") -> bytes:
    """A 港澳台居民居住证 (type J): a citizen-style number starting 810000 (Hong Kong)."""
    return resident_block(name=name, ethnicity="", birth=birth, flag="J",
                          number=citizen_number(birth, "810000", "004"),
                          address="广东省深圳市福田区示例街2号",
                          extra={(220, 238): "H12345678", (238, 242): "01"})


def foreigner_block(*, birth: dt.date = dt.date(1950, 7, 1), chinese_name: str = "史密斯",
                    english_name: str = "SMITH JOHN") -> bytes:
    """A 外国人永久居留身份证 of the 2017 layout (type I)."""
    block = bytearray(" ".encode("utf-16-le") * 128)
    for (start, stop), text in {
            (0, 120): english_name, (120, 122): "1", (122, 152): "USA110050070101",
            (152, 158): "USA", (158, 188): chinese_name, (188, 204): "20170101",
            (204, 220): "20270101", (220, 236): f"{birth:%Y%m%d}", (236, 240): "02",
            (240, 248): "1100", (248, 250): "I"}.items():
        _put(block, start, stop, text)
    return bytes(block)


def read_answer(block: bytes) -> bytes:
    data = (len(block).to_bytes(2, "big") + len(PHOTO).to_bytes(2, "big") + block + PHOTO)
    return p.answer(p.OK, data, 0x90, 0x00)


class SimulatedReader:
    """Answers on a pty like a reader with one reading area. Faults (set by tests):

    ``silent``: reads commands and answers nothing (a hung reader);
    ``sam_status``: what the SAM check answers (0x60: self-test failed);
    ``corrupt_read``: the next READ_TEXT answer carries a wrong checksum;
    ``pull_mid_read``: the next READ_TEXT answer stops half-way and the card is gone;
    ``read_status``: the next READ_TEXT answers this SW3 instead of the text (0x41).
    """

    def __init__(self) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no line editing: a serial line
        self.path = os.ttyname(self._slave)
        self.card: bytes | None = None
        self.silent = False
        self.sam_status = p.OK
        self.corrupt_read = False
        self.pull_mid_read = False
        self.read_status: int | None = None
        self.seen: list[tuple[int, int]] = []
        self.errors: list[Exception] = []
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="idcard-sim", daemon=True)
        self._thread.start()

    # --- what tests do ------------------------------------------------------------
    def place(self, block: bytes) -> None:
        self.card = block

    def remove(self) -> None:
        self.card = None

    def count(self, cmd: tuple[int, int]) -> int:
        with self._changed:
            return self.seen.count(cmd)

    def wait_for(self, cmd: tuple[int, int], at_least: int, timeout: float = 5.0) -> bool:
        """Until the simulator has received ``cmd`` ``at_least`` times in all."""
        with self._changed:
            return self._changed.wait_for(lambda: self.seen.count(cmd) >= at_least, timeout)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        for fd in (self._master, self._slave):
            os.close(fd)

    # --- the reader's side --------------------------------------------------------
    def _read(self, size: int) -> bytes:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if ready:
                try:
                    return os.read(self._master, size)
                except OSError:  # the terminal end is closed and not yet reopened
                    continue
        return b""

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                request = p.parse_request(p.read_payload(self._read))
            except IdCardError as exc:
                if not self._stop.is_set():
                    self.errors.append(exc)
                continue
            reply = None if self.silent else self._answer(request.cmd)
            if reply:
                os.write(self._master, reply)
            with self._changed:  # counted after the answer is on the line
                self.seen.append(request.cmd)
                self._changed.notify_all()

    def _answer(self, cmd: tuple[int, int]) -> bytes:
        if cmd == p.SAM_STATUS:
            return p.answer(self.sam_status)
        if cmd == p.FIND_CARD:
            return p.answer(p.FOUND, bytes(4)) if self.card else p.answer(p.NO_CARD)
        if cmd == p.SELECT_CARD:
            return p.answer(p.OK, bytes(8)) if self.card else p.answer(0x81)
        if cmd == p.READ_TEXT:
            return self._read_text()
        return p.answer(0x21)

    def _read_text(self) -> bytes:
        if self.card is None:
            return p.answer(0x41)
        if self.read_status is not None:
            status, self.read_status = self.read_status, None
            return p.answer(status)
        reply = read_answer(self.card)
        if self.pull_mid_read:
            self.pull_mid_read = False
            self.card = None
            return reply[:len(reply) // 2]
        if self.corrupt_read:
            self.corrupt_read = False
            return reply[:-1] + bytes((reply[-1] ^ 0xFF,))
        return reply
