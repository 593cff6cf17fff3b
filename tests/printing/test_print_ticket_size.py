"""The ticket as a citizen reads it: the number at least 10 mm tall on both papers and in
both text modes, people ahead and the wait in double height, and no lone character on a
line of its own. Measured on the real ESC/POS bytes (and the raster image's ink)."""
import pytest

from kiosk.printing.escpos_text import CELL_DOTS
from kiosk.printing.paper import PAPERS
from kiosk.printing.render import PrintFormat, render
from kiosk.printing.textwrap_cjk import display_width, wrap
from tests.printing.escpos_stream import parse
from tests.printing.slip_samples import ticket

DOTS_PER_MM = 8  # 203 dpi
MIN_NUMBER_MM = 10

#: long item names whose last character used to wrap onto a line of its own at 58 mm
LONG_NAMES = (
    "城乡居民基本养老保险参保登记及关系转移接续申请受理服务",
    "企业设立登记变更登记注销登记及备案一件事联办服务申请",
    "残疾人证新办换领补办迁移及残疾类别等级变更申请受理",
)


def _multipliers(size: int) -> tuple[int, int]:
    """(width, height) of a GS ! argument: bits 4-6 and 0-2, each plus one."""
    return (size >> 4) + 1, (size & 0x0F) + 1


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_text_mode_number_is_at_least_10_mm_tall(paper_mm):
    data = render(ticket(code="A012"), PrintFormat(paper_mm, "gb18030"))
    stream = parse(data)
    [number] = [line for line in stream.lines if line.text == "A012"]
    width, height = _multipliers(number.size)
    assert number.bold and number.align == 1
    tall_dots = CELL_DOTS * height
    assert tall_dots >= MIN_NUMBER_MM * DOTS_PER_MM
    assert tall_dots / DOTS_PER_MM == 15.0             # 120 dots: 15 mm
    # the number fits the paper: 12-dot ASCII cells, ``width`` times as wide
    assert display_width("A012") * 12 * width <= PAPERS[paper_mm].dots
    assert display_width("A12345") * 12 * width <= PAPERS[58].dots
    # the bytes themselves: GS ! 0x34, then the number
    assert b"\x1d!\x34" in data and data.index(b"\x1d!\x34") < data.index(b"A012\n")
    after = data[data.index(b"\x1d!\x34"):data.index(b"A012\n")]
    assert b"\x1d!" not in after[3:]


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_text_mode_people_ahead_and_wait_print_double_height(paper_mm):
    slip = ticket(people_ahead=12, estimated_wait_minutes=80)
    lines = {line.text: line for line in parse(render(slip, PrintFormat(paper_mm,
                                                                        "gb18030"))).lines}
    for text in ("前面还有 12 人等候", "预计等候：约 1 小时 20 分钟"):
        line = lines[text]                                # one line, even on 58 mm
        assert _multipliers(line.size) == (1, 2) and line.bold, text
        assert display_width(text) <= PAPERS[paper_mm].columns


def _ink_rows(image) -> list[tuple[int, int, int, int]]:
    """(top, height, left, right) of each band of rows holding ink, top to bottom."""
    width = image.width_bytes * 8
    bands, top = [], None
    for y in range(image.height + 1):
        inked = y < image.height and any(image.data[y * image.width_bytes:
                                                    (y + 1) * image.width_bytes])
        if inked and top is None:
            top = y
        elif not inked and top is not None:
            xs = [x for yy in range(top, y) for x in range(width) if image.pixel(x, yy)]
            bands.append((top, y - top, min(xs), max(xs)))
            top = None
    return bands


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_raster_number_ink_is_at_least_10_mm_tall(paper_mm):
    stream = parse(render(ticket(code="A012"), PrintFormat(paper_mm, "raster")))
    text_image = stream.images[0]                # the text above the QR code
    bands = _ink_rows(text_image)
    tallest = max(bands, key=lambda band: band[1])
    top, height, left, right = tallest
    assert height >= MIN_NUMBER_MM * DOTS_PER_MM, height
    assert height / DOTS_PER_MM >= 12            # measured: 100 dots, 12.5 mm
    assert right < PAPERS[paper_mm].dots and left > 0
    # it is the number: the third band (hall name, rule, caption, number), centred
    assert bands.index(tallest) == 3
    assert abs((left + right) / 2 - PAPERS[paper_mm].dots / 2) < 8
    # the people ahead and the wait are taller than ordinary text
    ordinary = bands[-1][1]                      # the issue time, one normal line
    ahead, wait = bands[-3][1], bands[-2][1]
    assert min(ahead, wait) > 1.5 * ordinary


@pytest.mark.parametrize("name", LONG_NAMES)
def test_no_lone_character_at_58mm_in_text_mode(name):
    stream = parse(render(ticket(item_name=name), PrintFormat(58, "gb18030")))
    texts = [line.text.strip() for line in stream.lines if line.text.strip()]
    assert any(text.startswith("事项：") for text in texts)
    assert all(len(text) > 1 for text in texts), texts


@pytest.mark.parametrize("name", LONG_NAMES)
def test_no_lone_character_at_58mm_in_raster_mode(name):
    stream = parse(render(ticket(item_name=name), PrintFormat(58, "raster")))
    bands = _ink_rows(stream.images[0])
    text_bands = [band for band in bands if band[1] > 4]      # rules are 2 dots tall
    one_glyph = 26                                            # a 24-dot glyph, inked
    assert all(right - left > one_glyph for _, _, left, right in text_bands), text_bands


def test_wrap_lends_the_last_line_a_piece():
    assert wrap("一二三四五六七", 6) == ["一二三", "四五", "六七"]
    assert wrap("前面还有五人，请稍候。", 20) == ["前面还有五人，请", "稍候。"]
    assert wrap("foo bar x", 7) == ["foo", "bar x"]
    assert wrap("甲乙丙", 4) == ["甲乙", "丙"]  # nothing to lend without leaving one behind
