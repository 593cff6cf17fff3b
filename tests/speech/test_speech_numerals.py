import pytest

from kiosk.speech.numerals import MAX_NUMBER, read_digits, read_number

DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}
UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}


def parse_chinese(text: str) -> int:
    """Independent reader of the numbers read_number writes (test oracle)."""
    if text == "零":
        return 0
    total, digit = 0, None
    for ch in text:
        if ch in UNIT_VALUE:
            total += (1 if digit is None else digit) * UNIT_VALUE[ch]
            digit = None
        elif ch == "零":
            digit = None
        else:
            digit = DIGIT_VALUE[ch]
    return total + (digit or 0)


@pytest.mark.parametrize(("n", "text"), [
    (0, "零"), (1, "一"), (3, "三"), (9, "九"), (10, "十"), (11, "十一"), (12, "十二"),
    (19, "十九"), (20, "二十"), (21, "二十一"), (99, "九十九"), (100, "一百"),
    (101, "一百零一"), (110, "一百一十"), (111, "一百一十一"), (200, "二百"),
    (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"),
    (2024, "二千零二十四"), (9999, "九千九百九十九"),
])
def test_read_number(n, text):
    assert read_number(n) == text


def test_every_number_reads_back_to_itself():
    for n in range(MAX_NUMBER + 1):
        text = read_number(n)
        assert parse_chinese(text) == n, (n, text)
        assert "零零" not in text and not (n and text.endswith("零")), (n, text)


@pytest.mark.parametrize("bad", [-1, 10000])
def test_read_number_rejects_out_of_range(bad):
    with pytest.raises(ValueError):
        read_number(bad)


@pytest.mark.parametrize("bad", [True, 1.0, "1"])
def test_read_number_rejects_non_int(bad):
    with pytest.raises(TypeError):
        read_number(bad)


def test_read_digits_one_by_one_with_choice_of_one():
    assert read_digits("0123456789") == list("零一二三四五六七八九")
    assert read_digits("101", one="幺") == ["幺", "零", "幺"]
