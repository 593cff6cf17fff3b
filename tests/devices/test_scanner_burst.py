"""The keyboard-wedge burst detector, fed key timings like a scanner's and a person's.

Timings are drawn from seeded generators: a scanner's keys ~8 ms apart with jitter and
now and then a missed USB poll (~16 ms); a person's a few hundred ms apart with the
odd rollover pair. Timestamps are injected: nothing here waits.
"""
from __future__ import annotations

import random

import pytest

from kiosk.devices.scanner.burst import DEFAULT_MAX_GAP_S, BurstDetector, Outcome

CODES = ["12345678",                                            # a booking code
         "KH1:demo:2026-11-23:A001",                            # our ticket's tag
         "https://zwfw.example.gov.cn/t/demo/2026-11-23/B012",  # its link form
         "ABCdef-123_xyz"]


def scanner_gaps(rng: random.Random, n: int) -> list[float]:
    """~8 ms a key, ±3 ms jitter, one in ten a missed poll (+8 ms)."""
    return [0.008 + rng.uniform(-0.003, 0.003) + (0.008 if rng.random() < 0.1 else 0)
            for _ in range(n)]


def person_gaps(rng: random.Random, n: int) -> list[float]:
    """A quick typist: ~200 ms a key (log-normal), one pair in five rolled over (~20 ms)."""
    return [rng.uniform(0.010, 0.030) if rng.random() < 0.2
            else rng.lognormvariate(-1.6, 0.4) + 0.06 for _ in range(n)]


def press(detector: BurstDetector, keys: str, gaps: list[float], start: float = 100.0):
    """Feed ``keys`` (``gaps[i]`` before key i+1); returns the outcomes, the time of the
    last key, and everything released in order."""
    at, outcomes = start, []
    for i, char in enumerate(keys):
        if i:
            at += gaps[i - 1]
        outcomes.append(detector.feed(char, at, source=(i, char)))
    return outcomes, at


def released(outcomes: list[Outcome]) -> str:
    return "".join(key.text for outcome in outcomes for key in outcome.release)


def scans(outcomes: list[Outcome]) -> list[str]:
    return [o.scan for o in outcomes if o.scan is not None]


@pytest.mark.parametrize("seed", range(20))
def test_a_scanner_burst_is_one_scan_and_nothing_is_typed(seed):
    rng = random.Random(seed)
    code = CODES[seed % len(CODES)]
    detector = BurstDetector()
    outcomes, _ = press(detector, code + "\r", scanner_gaps(rng, len(code)))
    assert scans(outcomes) == [code]
    assert released(outcomes) == ""
    assert detector.deadline is None  # nothing left held


@pytest.mark.parametrize("seed", range(20))
def test_a_person_typing_the_same_keys_is_no_scan_and_every_key_comes_through(seed):
    rng = random.Random(1000 + seed)
    code = CODES[seed % len(CODES)]
    detector = BurstDetector()
    outcomes, last = press(detector, code + "\r", person_gaps(rng, len(code)))
    outcomes.append(detector.expire(last + 1))
    assert scans(outcomes) == []
    assert released(outcomes) == code + "\r"


def test_released_keys_keep_their_order_and_the_callers_own_events():
    detector = BurstDetector()
    outcomes, last = press(detector, "ab", [0.3])
    outcomes.append(detector.expire(last + DEFAULT_MAX_GAP_S))
    keys = [key for o in outcomes for key in o.release]
    assert [k.source for k in keys] == [(0, "a"), (1, "b")]
    assert [k.at for k in keys] == [100.0, 100.3]


def test_a_fast_burst_without_enter_is_typing_released_when_the_timer_fires():
    detector = BurstDetector()
    outcomes, last = press(detector, "12345678", [0.008] * 7)
    assert released(outcomes) == "" and detector.deadline == pytest.approx(last + 0.05)
    assert detector.expire(last + 0.02) == Outcome()  # too early: still held
    assert released([detector.expire(detector.deadline)]) == "12345678"
    assert detector.deadline is None


def test_enter_after_a_pause_ends_no_scan():
    detector = BurstDetector()
    outcomes, last = press(detector, "12345678", [0.008] * 7)
    outcomes.append(detector.feed("\r", last + 0.4))
    assert scans(outcomes) == [] and released(outcomes) == "12345678\r"


def test_a_burst_shorter_than_min_chars_is_typing():
    detector = BurstDetector(min_chars=6)
    outcomes, _ = press(detector, "12345\r", [0.008] * 5)
    assert scans(outcomes) == [] and released(outcomes) == "12345\r"


def test_one_slow_key_in_the_middle_breaks_the_burst():
    detector = BurstDetector()
    gaps = [0.008] * 3 + [0.2] + [0.008] * 4
    outcomes, _ = press(detector, "ABCDEFGH\r", gaps)
    # the first four went out as typed; the rest (4 + Enter) is too short for a scan
    assert scans(outcomes) == [] and released(outcomes) == "ABCDEFGH\r"


def test_a_scan_right_after_a_persons_keys_is_still_recognised():
    detector = BurstDetector()
    outcomes, at = press(detector, "xy", [0.25])
    more, _ = press(detector, "KH1:demo:2026-11-23:A001\r", [0.008] * 24, start=at + 0.3)
    outcomes += more
    assert released(outcomes) == "xy"
    assert scans(outcomes) == ["KH1:demo:2026-11-23:A001"]


def test_modifier_keys_neither_count_nor_break_a_burst():
    detector = BurstDetector()
    at, outcomes = 5.0, []
    for char in "AB12CD34":
        outcomes.append(detector.feed("", at))  # Shift, pressed for each capital
        at += 0.004
        outcomes.append(detector.feed(char, at))
        at += 0.008
    outcomes.append(detector.feed("\r", at))
    assert scans(outcomes) == ["AB12CD34"] and released(outcomes) == ""


def test_the_lf_of_a_cr_lf_scanner_is_swallowed_but_a_later_enter_is_not():
    detector = BurstDetector()
    outcomes, last = press(detector, "12345678\r\n", [0.008] * 9)
    assert scans(outcomes) == ["12345678"] and released(outcomes) == ""
    assert released([detector.feed("\r", last + 2)]) == "\r"


def test_back_to_back_scans_are_two_scans():
    detector = BurstDetector()
    outcomes, last = press(detector, "11112222\r", [0.008] * 8)
    more, _ = press(detector, "33334444\r", [0.008] * 8, start=last + 0.3)
    assert scans(outcomes + more) == ["11112222", "33334444"]


def test_a_stuck_key_flood_is_no_scan_and_nothing_is_kept():
    detector = BurstDetector(max_chars=100)
    keys = "9" * 250 + "\r"
    outcomes, _ = press(detector, keys, [0.005] * (len(keys) - 1))
    assert scans(outcomes) == [] and released(outcomes) == keys
    assert detector.deadline is None


def test_a_longer_gap_setting_accepts_a_slow_scanner():
    gaps = [0.080] * 8  # a scanner set to an 80 ms inter-character delay
    assert scans(press(BurstDetector(), "12345678\r", gaps)[0]) == []
    assert scans(press(BurstDetector(max_gap_s=0.1), "12345678\r", gaps)[0]) == ["12345678"]


def test_reset_hands_back_what_was_held():
    detector = BurstDetector()
    press(detector, "123", [0.008] * 2)
    assert "".join(k.text for k in detector.reset()) == "123"
    assert detector.deadline is None


def test_nonsense_limits_are_refused():
    with pytest.raises(ValueError):
        BurstDetector(max_gap_s=0)
    with pytest.raises(ValueError):
        BurstDetector(min_chars=10, max_chars=5)
