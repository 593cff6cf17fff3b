"""Wrapping by display width: a CJK character takes two columns."""
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.printing.textwrap_cjk import clean, display_width, wrap

MIXED = st.text(
    alphabet=st.sampled_from(list("abcXYZ0129 ,.-/:()")
                             + list("号窗口政务服务中心□·，。、（）【】“”")),
    max_size=120,
)


def test_display_width_counts_cjk_as_two_columns():
    assert display_width("A012") == 4
    assert display_width("号") == 2
    assert display_width("□·“”（，") == 12  # full-width in the printer's GB font
    assert display_width("3号窗口") == 7


@settings(max_examples=300, deadline=None)
@given(text=MIXED, width=st.integers(2, 60), data=st.data())
def test_no_line_is_wider_than_the_paper(text, width, data):
    indent = data.draw(st.integers(0, width - 2))
    lines = wrap(text, width, indent=indent)
    for number, line in enumerate(lines):
        assert display_width(line) <= (width if number == 0 else width - indent), (line, lines)
    # nothing but spaces is lost, and order is kept
    assert "".join(lines).replace(" ", "") == clean(text).replace(" ", "").replace("\n", "")


def test_chinese_breaks_between_characters():
    assert wrap("一二三四五六七八九十", 6) == ["一二三", "四五六", "七八", "九十"]  # no 孤字


def test_ascii_words_stay_whole_and_spaces_vanish_at_breaks():
    assert wrap("hello world foo", 11) == ["hello world", "foo"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]  # too long: broken anywhere


def test_closing_punctuation_never_starts_a_line():
    lines = wrap("前面还有五人，请稍候。", 12)
    assert lines == ["前面还有五", "人，请稍候。"]
    assert not any(line[0] in "，。）】" for line in wrap("（原件，1份）【必需】" * 4, 10))


def test_opening_punctuation_never_ends_a_line():
    for line in wrap("材料（原件）材料（原件）材料（原件）", 10):
        assert line[-1] not in "（【“"


def test_hanging_indent_and_hard_breaks():
    assert wrap("事项：一二三四五六七八", 12, indent=6) == ["事项：一二三", "四五六", "七八"]
    assert wrap("甲\n\n乙", 10) == ["甲", "", "乙"]
    assert wrap("", 10) == []


def test_control_characters_are_dropped_so_text_cannot_inject_commands():
    assert clean("社保\x1bd\x05业务\x1dV\x00") == "社保d业务V"
    assert wrap("a\tb", 10) == ["a b"]
