"""Reading numbers aloud in Mandarin, as a hall announcer does.

TTS engines read Arabic digits unpredictably (espeak reads "012" as "twelve" or digit by
digit depending on voice and version), so the spoken text never contains digits: they
are turned into Chinese numerals here.
"""
from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
MAX_NUMBER = 9999


def read_digit(digit: str, one: str = "一") -> str:
    """One digit character as Chinese; ``one`` may be "幺", as on phone numbers."""
    value = int(digit)
    return one if value == 1 else DIGITS[value]


def read_digits(digits: str, one: str = "一") -> list[str]:
    """Digits one by one: "012" -> ["零", "一", "二"]."""
    return [read_digit(d, one) for d in digits]


def read_number(n: int) -> str:
    """0..9999 as a Chinese number: 12 -> 十二, 105 -> 一百零五, 1010 -> 一千零一十.

    A leading 一十 is shortened to 十 (十二, not 一十二), as people say it; inner zeros
    collapse to one 零; trailing zeros are silent.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"read_number needs an int, not {type(n).__name__}")
    if not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"read_number reads 0..{MAX_NUMBER}, not {n}")
    if n == 0:
        return DIGITS[0]
    parts: list[str] = []
    rest = n
    pending_zero = False
    for size, unit in _UNITS:
        digit, rest = divmod(rest, size)
        if digit:
            if pending_zero:
                parts.append(DIGITS[0])
                pending_zero = False
            parts.append(DIGITS[digit] + unit)
        elif parts:
            pending_zero = True
    if rest:
        if pending_zero:
            parts.append(DIGITS[0])
        parts.append(DIGITS[rest])
    text = "".join(parts)
    if 10 <= n <= 19:
        text = text[1:]  # 一十二 -> 十二
    return text
