import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kiosk.errors import InvalidInput
from kiosk.settings import Settings
from kiosk.speech.numerals import read_number
from kiosk.speech.text import (announcement_from_settings, build_announcement, spoken_code,
                               spoken_window, validate_template)

DEFAULT = "请 {code} 号到 {window} 号窗口办理"


def test_default_template_display_and_spoken_text():
    a = announcement_from_settings("A012", 3, Settings())
    assert a.display == "请 A012 号到 3 号窗口办理"
    assert a.spoken == "请 A 零 一 二 号到 三 号窗口办理"
    assert (a.code, a.window) == ("A012", "3")


@pytest.mark.parametrize(("code", "spoken"), [
    ("A012", "A 零 一 二"), ("B100", "B 一 零 零"), ("a7", "A 七"), ("AB09", "A B 零 九"),
    ("Ａ０１２", "A 零 一 二"), (" c-003 ", "C 零 零 三"), ("123", "一 二 三"),
])
def test_letters_as_letters_digits_one_by_one(code, spoken):
    assert spoken_code(code, digits_one_by_one=True) == spoken


def test_one_may_be_read_yao():
    assert spoken_code("A101", digits_one_by_one=True, one="幺") == "A 幺 零 幺"


@pytest.mark.parametrize(("code", "spoken"), [
    ("A012", "A 十二"), ("A000", "A 零"), ("B100", "B 一百"), ("C1001", "C 一千零一"),
    ("D12345", "D 一 二 三 四 五"),  # longer than four digits: one by one
])
def test_digits_as_a_number(code, spoken):
    assert spoken_code(code, digits_one_by_one=False) == spoken


def test_digits_one_by_one_setting_is_used():
    settings = Settings().with_values(speech__digits_one_by_one=False)
    assert announcement_from_settings("A012", 3, settings).spoken == "请 A 十二 号到 三 号窗口办理"


@pytest.mark.parametrize("window", range(1, 100))
def test_windows_1_to_99_read_as_natural_numbers(window):
    expected = read_number(window)
    assert spoken_window(window) == expected
    assert spoken_window(str(window)) == expected
    assert spoken_window(f"{window:02d}") == expected
    assert "一十" not in expected


def test_window_spot_checks_and_labels():
    assert spoken_window(3) == "三"
    assert spoken_window(12) == "十二"
    assert spoken_window("B2") == "B 二"
    a = build_announcement("A1", "03", template=DEFAULT, digits_one_by_one=True)
    assert a.display == "请 A1 号到 3 号窗口办理"


def test_custom_template():
    a = build_announcement("B7", 15, template="{code}号请到{window}号窗口，{{VIP}}",
                           digits_one_by_one=True)
    assert a.display == "B7号请到15号窗口，{VIP}"
    assert a.spoken == "B 七号请到十五号窗口，{VIP}"


def test_template_without_window_is_allowed():
    a = build_announcement("A1", 2, template="请 {code} 号办理", digits_one_by_one=True)
    assert a.spoken == "请 A 一 号办理"


@pytest.mark.parametrize(("template", "fragment"), [
    ("请 {number} 号", "{number}"), ("请 {} 号", "{}"), ("请 {0} 号", "{0}"),
    ("请 {code!r} 号", "{code!r}"), ("请 {code:>5} 号", "{code:>5}"),
    ("请 {code.upper} 号", "{code.upper}"), ("请 {code} 号 {Window}", "{Window}"),
])
def test_unknown_placeholder_is_named_in_both_languages(template, fragment):
    with pytest.raises(InvalidInput) as caught:
        validate_template(template)
    assert fragment in caught.value.message_en and "unknown placeholder" in caught.value.message_en
    assert fragment in caught.value.message_zh and "未知占位符" in caught.value.message_zh
    assert "{code}" in caught.value.message_en  # says what is allowed


@pytest.mark.parametrize("template", ["请 {code 号", "请 code} 号"])
def test_unbalanced_braces(template):
    with pytest.raises(InvalidInput) as caught:
        validate_template(template)
    assert "malformed" in caught.value.message_en and "花括号" in caught.value.message_zh


@pytest.mark.parametrize("template", ["", "请到 {window} 号窗口"])
def test_template_must_contain_code(template):
    with pytest.raises(InvalidInput) as caught:
        validate_template(template)
    assert "{code}" in caught.value.message_en and "{code}" in caught.value.message_zh


def test_bad_template_in_settings_fails_the_build():
    settings = Settings().with_values(speech__template="请 {cod} 号")
    with pytest.raises(InvalidInput):
        announcement_from_settings("A1", 1, settings)


@pytest.mark.parametrize(("code", "window"), [("", 1), ("---", 1), ("A1", -1), ("A1", ""),
                                               ("A1", 10000), ("A1", True)])
def test_unreadable_input(code, window):
    with pytest.raises(InvalidInput):
        build_announcement(code, window, template=DEFAULT, digits_one_by_one=True)


@hypothesis_settings(derandomize=True, max_examples=300)
@given(code=st.text(max_size=12), window=st.one_of(st.integers(), st.text(max_size=6)),
       one_by_one=st.booleans())
def test_builder_returns_digit_free_speech_or_invalid_input(code, window, one_by_one):
    try:
        a = build_announcement(code, window, template=DEFAULT, digits_one_by_one=one_by_one)
    except InvalidInput:
        return
    assert not any("0" <= ch <= "9" for ch in a.spoken)
    assert a.spoken.startswith("请 ") and a.spoken.endswith(" 号窗口办理")
