"""Slips rendered to real ESC/POS bytes, read back with a strict stream parser."""
import pytest

from kiosk.printing.errors import FontNotFound, PrinterConfigError
from kiosk.printing.escpos_text import FS_CHINESE_OFF, FS_CHINESE_ON
from kiosk.printing.layouts import format_wait, material_line
from kiosk.printing.paper import PAPERS
from kiosk.printing.render import PrintFormat, render
from kiosk.printing.slips import Material
from kiosk.printing.textwrap_cjk import display_width
from tests.printing.escpos_stream import expected_qr_matrix, parse, qr_matrix
from tests.printing.slip_samples import HALL, notice, ticket

GB = PrintFormat(80, "gb18030")
RASTER = PrintFormat(80, "raster")


def _visible_text(stream) -> str:
    return "".join(stream.texts())


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_gb18030_ticket_reads_back(paper_mm):
    slip = ticket(priority_label="绿色通道·老年人", appointment_label="预约 09:30-10:00")
    data = render(slip, PrintFormat(paper_mm, "gb18030"))
    stream = parse(data)

    assert data.startswith(b"\x1b@" + FS_CHINESE_ON)
    assert stream.names()[-3:] == ["chinese_off", "feed", "cut"]
    number = [line for line in stream.lines if line.text == "A012"]
    assert len(number) == 1 and number[0].size == 0x34 and number[0].bold  # 4 wide, 5 tall
    assert number[0].align == 1
    assert b"A012" in data and HALL.encode("gb18030") in data
    texts = stream.texts()
    assert "【绿色通道·老年人】" in texts and "【预约 09:30-10:00】" in texts
    assert "前面还有 5 人等候" in texts and "预计等候：约 40 分钟" in texts
    assert "取号时间：2026-05-12 09:31" in texts
    assert "窗口：3号窗口、4号窗口、12号窗口" in _visible_text(stream).replace("      ", "")
    assert stream.qr_payloads == [slip.qr_payload.encode()]
    assert stream.cut_count == 1


@pytest.mark.parametrize("paper_mm", [58, 80])
@pytest.mark.parametrize("slip", [ticket(), notice()], ids=["ticket", "notice"])
def test_gb18030_lines_fit_the_paper(paper_mm, slip):
    columns = PAPERS[paper_mm].columns
    stream = parse(render(slip, PrintFormat(paper_mm, "gb18030")))
    for line in stream.lines:
        width = (line.size >> 4) + 1  # GS ! bits 4-6: the width multiplier
        assert display_width(line.text) * width <= columns, line


def test_paper_widths_differ():
    narrow, wide = (parse(render(ticket(), PrintFormat(mm, "gb18030"))) for mm in (58, 80))
    assert "-" * 32 in narrow.texts() and "-" * 48 in wide.texts()
    # the long item name wraps on 58 mm but not on 80 mm
    assert len(narrow.lines) > len(wide.lines)
    raster = [parse(render(ticket(), PrintFormat(mm, "raster"))) for mm in (58, 80)]
    assert {img.width_bytes for img in raster[0].images} == {384 // 8}
    assert {img.width_bytes for img in raster[1].images} == {576 // 8}


def test_labels_are_optional():
    texts = parse(render(ticket(), GB)).texts()
    assert not any(t.startswith("【") for t in texts)
    idle = ticket(people_ahead=0, estimated_wait_minutes=0, item_name="")
    texts = parse(render(idle, GB)).texts()
    assert "前面无人等候，请留意叫号" in texts and "预计等候：即将叫号" in texts
    assert not any(t.startswith("事项：") for t in texts)


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_raster_ticket_is_images_without_chinese_text(paper_mm):
    slip = ticket(priority_label="绿色通道·老年人")
    data = render(slip, PrintFormat(paper_mm, "raster"))
    stream = parse(data)

    assert b"\x1dv0" in data
    assert FS_CHINESE_ON not in data and FS_CHINESE_OFF not in data
    for text in (HALL, "社会保障", "绿色通道"):
        assert text.encode("gb18030") not in data and text.encode("utf-8") not in data
    assert all(line.text == "" for line in stream.lines)  # only feeds, no printed text
    assert stream.qr_payloads == []  # image QR, readable on any printer
    matrices = [m for m in map(qr_matrix, stream.images) if m is not None]
    assert matrices == [expected_qr_matrix(slip.qr_payload)]
    assert stream.names()[-1] == "cut" and stream.cut_count == 1


def test_raster_differs_per_ticket_and_is_deterministic():
    assert render(ticket(), RASTER) == render(ticket(), RASTER)
    assert render(ticket(), RASTER) != render(ticket(code="A013"), RASTER)


def test_qr_style_can_be_overridden():
    slip = ticket()
    native = parse(render(slip, PrintFormat(80, "raster", native_qr=True)))
    assert native.qr_payloads == [slip.qr_payload.encode()]
    image = parse(render(slip, PrintFormat(80, "gb18030", native_qr=False)))
    assert image.qr_payloads == []
    assert [m for m in map(qr_matrix, image.images) if m] == [expected_qr_matrix(slip.qr_payload)]


def test_long_qr_payload_still_fits_58mm():
    payload = "https://zwfw.example.gov.cn/queue/" + "x" * 160
    stream = parse(render(ticket(qr_payload=payload), PrintFormat(58, "raster")))
    assert [m for m in map(qr_matrix, stream.images) if m] == [expected_qr_matrix(payload)]


def test_notice_slip_lists_every_material_with_its_mark():
    slip = notice()
    stream = parse(render(slip, GB))
    text = _visible_text(stream).replace(" ", "")
    title = [line for line in stream.lines if line.text == "一次性告知单"]
    assert len(title) == 1 and title[0].size == 0x11
    assert "□居民身份证（原件，1份）【必需】" in text
    assert "□户口簿（原件和复印件，1份）【容缺】" in text
    assert "□委托书（原件，1份）【非必需】" in text
    assert "说明：他人代办时提供" in text
    assert "注：标“容缺”的材料可先受理、后补交。" in text
    assert "所需材料（共4项）：" in text
    assert "法定期限：20个工作日" in text and "承诺期限：5个工作日" in text
    assert "办理窗口：3号窗口、5号窗口" in text and "咨询电话：010-12345678" in text
    assert stream.qr_payloads == [b"110105-SB-0012"]
    assert stream.cut_count == 1


def test_notice_material_wraps_under_its_checkbox():
    stream = parse(render(notice(), PrintFormat(58, "gb18030")))
    texts = stream.texts()
    start = next(i for i, t in enumerate(texts) if t.startswith("□ 近期一寸"))
    assert texts[start + 1].startswith("  ") and not texts[start + 1].startswith("   ")


def test_raster_notice_has_no_chinese_text():
    data = render(notice(), PrintFormat(58, "raster"))
    assert "一次性告知单".encode("gb18030") not in data
    stream = parse(data)
    assert [m for m in map(qr_matrix, stream.images) if m] == [expected_qr_matrix("110105-SB-0012")]


def test_control_bytes_in_catalog_text_cannot_act_as_commands():
    stream = parse(render(ticket(service_name="社保\x1dV\x00业务\x1b@"), GB))
    assert stream.cut_count == 1 and stream.names().count("init") == 1


def test_material_line_and_wait_wording():
    line = material_line(Material("身份证", "原件", 1, True, False))
    assert line == "□ 身份证（原件，1份）【必需】"
    assert material_line(Material("户口簿", "复印件", 2, True, True)).endswith("【容缺】")
    assert material_line(Material("证明", "原件", 1, False, False)).endswith("【非必需】")
    assert format_wait(0) == "即将叫号"
    assert format_wait(45) == "约 45 分钟"
    assert format_wait(80) == "约 1 小时 20 分钟"
    assert format_wait(120) == "约 2 小时"


def test_bad_format_and_missing_font_are_config_errors(tmp_path):
    with pytest.raises(PrinterConfigError):
        PrintFormat(76, "raster")
    with pytest.raises(PrinterConfigError):
        PrintFormat(80, "utf8")
    missing = tmp_path / "nope.ttf"
    with pytest.raises(FontNotFound) as caught:
        render(ticket(), PrintFormat(80, "raster", font_path=str(missing)))
    assert str(missing) in caught.value.message_en
