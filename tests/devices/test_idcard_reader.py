"""The reader thread against a simulated reader on a pseudo-terminal.

Every wait is on an event or on the simulator's count of commands, with a timeout:
the caller (a kiosk screen) must get its answer, or its error, without blocking.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
import time

import pytest

pytest.importorskip("serial", reason="pyserial (setup.cfg extra 'serial') is not installed")

from kiosk.devices.idcard import protocol as p
from kiosk.devices.idcard.errors import (
    CardReadFailed,
    FrameError,
    ReaderFault,
    ReaderTimeout,
    ReaderUnavailable,
    UnsupportedCard,
)
from kiosk.devices.idcard.reader import CardReader
from kiosk.devices.idcard.text import FOREIGN_PERMANENT, HKMT_RESIDENCE
from tests.devices.idcard_sim import (
    SimulatedReader,
    citizen_number,
    foreigner_block,
    hkmt_block,
    resident_block,
)

WAIT = 5.0  # generous: the machine is shared; a pass takes milliseconds
FAST = {"timeout_s": 0.3, "poll_s": 0.02, "retry_s": 0.05}


class Seen:
    """What the reader handed to the app, with waits on it."""

    def __init__(self) -> None:
        self.cards, self.errors, self.removed = [], [], 0
        self._changed = threading.Condition()

    def gone(self) -> None:
        with self._changed:
            self.removed += 1
            self._changed.notify_all()

    def card(self, card) -> None:
        with self._changed:
            self.cards.append(card)
            self._changed.notify_all()

    def error(self, error) -> None:
        with self._changed:
            self.errors.append(error)
            self._changed.notify_all()

    def wait(self, predicate, timeout: float = WAIT) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: predicate(self), timeout)


@pytest.fixture
def sim():
    reader = SimulatedReader()
    yield reader
    reader.close()


@pytest.fixture
def run(sim):
    readers = []

    def start(**options) -> Seen:
        seen = Seen()
        reader = CardReader(sim.path, seen.card, seen.error, on_removed=seen.gone,
                            **{**FAST, **options})
        reader.start()
        readers.append(reader)
        return seen

    yield start
    for reader in readers:
        assert reader.stop(5), "the reader thread did not end"


def finds(sim) -> int:
    return sim.count(p.FIND_CARD)


@pytest.mark.parametrize("birth", [dt.date(1946, 3, 1), dt.date(1980, 5, 17),
                                   dt.date(2008, 12, 31)])
def test_a_good_card_is_read_once_while_it_stays_and_again_when_placed_again(sim, run,
                                                                              birth):
    sim.place(resident_block(birth=birth))
    seen = run()
    assert seen.wait(lambda s: s.cards)
    card = seen.cards[0]
    assert (card.birth_date, card.id_number) == (birth, citizen_number(birth))
    # left on the reader: found again and again, never read again
    assert sim.wait_for(p.FIND_CARD, finds(sim) + 5)
    assert len(seen.cards) == 1 and sim.count(p.READ_TEXT) == 1 and seen.removed == 0
    sim.remove()
    assert seen.wait(lambda s: s.removed == 1)
    sim.place(resident_block(birth=birth, name="李四"))
    assert seen.wait(lambda s: len(s.cards) == 2)
    assert seen.cards[1].name == "李四" and seen.errors == []
    assert seen.removed == 1


def test_the_other_two_card_kinds_are_read(sim, run):
    sim.place(foreigner_block())
    seen = run()
    assert seen.wait(lambda s: s.cards)
    sim.remove()
    assert sim.wait_for(p.FIND_CARD, finds(sim) + 2)
    sim.place(hkmt_block())
    assert seen.wait(lambda s: len(s.cards) == 2)
    assert [c.kind for c in seen.cards] == [FOREIGN_PERMANENT, HKMT_RESIDENCE]


def test_no_card_means_no_callback_at_all(sim, run):
    seen = run()
    assert sim.wait_for(p.FIND_CARD, 10)
    assert seen.cards == [] and seen.errors == [] and seen.removed == 0
    assert sim.count(p.SELECT_CARD) == 0


def test_a_bad_checksum_asks_for_the_card_again_and_the_next_placing_reads(sim, run):
    sim.corrupt_read = True
    sim.place(resident_block())
    seen = run()
    assert seen.wait(lambda s: s.errors)
    assert isinstance(seen.errors[0], FrameError) and "checksum" in seen.errors[0].message_en
    assert "重新放" in seen.errors[0].message_zh
    assert sim.wait_for(p.FIND_CARD, finds(sim) + 3)
    assert seen.cards == []  # not retried while it lies there: the citizen lifts it
    sim.remove()
    assert sim.wait_for(p.FIND_CARD, finds(sim) + 2)
    sim.place(resident_block())
    assert seen.wait(lambda s: s.cards)
    assert len(seen.errors) == 1


def test_a_card_pulled_mid_read_is_a_failed_read_then_the_reader_goes_on(sim, run):
    sim.pull_mid_read = True
    sim.place(resident_block())
    seen = run()
    assert seen.wait(lambda s: s.errors)
    assert isinstance(seen.errors[0], FrameError) and seen.cards == []
    assert sim.wait_for(p.FIND_CARD, finds(sim) + 2)  # no card now: polling goes on
    sim.place(resident_block())
    assert seen.wait(lambda s: s.cards)


def test_a_read_the_reader_reports_failed_names_its_status(sim, run):
    sim.read_status = 0x41
    sim.place(resident_block())
    seen = run()
    assert seen.wait(lambda s: s.errors)
    assert isinstance(seen.errors[0], CardReadFailed)
    assert seen.errors[0].details["sw3"] == 0x41 and "0x41" in seen.errors[0].message_en


def test_an_unknown_card_is_reported_once(sim, run):
    sim.place(resident_block(flag="Y"))
    seen = run()
    assert seen.wait(lambda s: s.errors)
    assert sim.wait_for(p.FIND_CARD, finds(sim) + 3)
    assert [type(e) for e in seen.errors] == [UnsupportedCard] and seen.cards == []


def test_a_failed_sam_is_a_reader_fault_and_no_card_is_looked_for(sim, run):
    sim.sam_status = 0x60
    seen = run()
    assert seen.wait(lambda s: s.errors)
    assert isinstance(seen.errors[0], ReaderFault) and "0x60" in seen.errors[0].message_en
    assert finds(sim) == 0


def test_a_reader_that_stops_answering_never_blocks_the_caller(sim, run):
    sim.place(resident_block())
    started = time.monotonic()
    seen = run(timeout_s=0.2, retry_s=0.1)
    assert time.monotonic() - started < 0.5  # start() hands back at once
    assert seen.wait(lambda s: s.cards)
    sim.remove()
    assert sim.wait_for(p.FIND_CARD, finds(sim) + 2)  # the reader saw it go
    sim.silent = True
    assert seen.wait(lambda s: s.errors)
    assert isinstance(seen.errors[0], ReaderTimeout)
    assert "联系工作人员" in seen.errors[0].message_zh
    sim.silent = False  # back: the thread reopens the port and reads the next card
    sim.place(resident_block(name="赵六"))
    assert seen.wait(lambda s: len(s.cards) == 2)


def test_stop_returns_promptly_while_the_reader_is_silent(sim):
    sim.silent = True
    seen = Seen()
    reader = CardReader(sim.path, seen.card, seen.error, timeout_s=0.3, poll_s=0.02,
                        retry_s=30)
    reader.start()
    assert sim.wait_for(p.SAM_STATUS, 1)
    started = time.monotonic()
    assert reader.stop(5)
    assert time.monotonic() - started < 2


def test_a_missing_port_is_reported_not_raised(tmp_path):
    seen = Seen()
    reader = CardReader(str(tmp_path / "no-such-tty"), seen.card, seen.error, **FAST)
    reader.start()
    try:
        assert seen.wait(lambda s: s.errors)
        assert isinstance(seen.errors[0], ReaderUnavailable)
    finally:
        assert reader.stop(5)


def test_the_log_never_holds_a_name_or_number(sim, run, caplog):
    caplog.set_level(logging.DEBUG, logger="kiosk")
    birth = dt.date(1955, 1, 2)
    sim.place(resident_block(name="钱七", birth=birth))
    seen = run()
    assert seen.wait(lambda s: s.cards)
    sim.corrupt_read = True
    sim.remove()
    assert sim.wait_for(p.FIND_CARD, finds(sim) + 2)
    sim.place(resident_block(name="钱七", birth=birth))
    assert seen.wait(lambda s: s.errors)
    text = caplog.text + " ".join(f"{e!r} {e.details}" for e in seen.errors)
    assert "ID card read (resident)" in caplog.text
    assert "钱七" not in text and citizen_number(birth) not in text
