"""The 受理通知书 / 补正告知书 slip rendered to real ESC/POS bytes and read back."""
from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from kiosk.printing.case_notice import ACCEPTANCE, CORRECTION, CaseNoticeSlip
from kiosk.printing.paper import PAPERS
from kiosk.printing.render import PrintFormat, render
from kiosk.printing.textwrap_cjk import display_width
from tests.printing.escpos_stream import expected_qr_matrix, parse, qr_matrix
from tests.printing.slip_samples import HALL

LINK = "https://zwfw.example.gov.cn/c/Ab3_-x9QzK2mN7pR4sT6uV8w"


def case_notice(**changes) -> CaseNoticeSlip:
    values = dict(
        hall_name=HALL, kind=ACCEPTANCE, title="受理通知书", case_no="DEMO2026000001",
        item_name="食品经营许可（新办）", department="市场监督管理局", applicant="欧***",
        phone="138****5678", case_kind="承诺件", promised_days=5,
        accepted_day=dt.date(2026, 11, 23), due_date=dt.date(2026, 11, 30), window=2,
        staff_no="1002", contact="010-12345678",
        how_to_check="查询办理进度：在大厅自助服务机“办件查询”中输入办件编号和手机号后四位，"
                     "或用手机扫描本通知书上的二维码。",
        qr_payload=LINK, qr_is_link=True,
        printed_at=dt.datetime(2026, 11, 23, 9, 42, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")))
    values.update(changes)
    return CaseNoticeSlip(**values)


def correction(**changes) -> CaseNoticeSlip:
    return case_notice(kind=CORRECTION, title="补正告知书", noticed_day=dt.date(2026, 11, 24),
                       corrections=("经营场所平面布局图", "法定代表人身份证复印件"),
                       supply_later=("食品安全管理制度",), supply_due=dt.date(2026, 11, 30),
                       **changes)


def _text(stream) -> str:
    return "".join(stream.texts()).replace(" ", "")


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_acceptance_notice_reads_back_from_gb18030_bytes(paper_mm):
    slip = case_notice()
    stream = parse(render(slip, PrintFormat(paper_mm, "gb18030")))
    title = [line for line in stream.lines if line.text == "受理通知书"]
    assert len(title) == 1 and title[0].size == 0x11 and title[0].align == 1
    number = [line for line in stream.lines if "DEMO2026000001" in line.text]
    assert number[0].text == "办件编号：DEMO2026000001" and number[0].bold
    text = _text(stream)
    for words in ("欧***：您申请办理的“食品经营许可（新办）”", "现予以受理",
                  "联系电话：138****5678", "受理日期：2026年11月23日",
                  "办件类型：承诺件（5个工作日）", "承诺办结：2026年11月30日前",
                  "受理窗口：2号窗口（工号1002）", "咨询电话：010-12345678",
                  "输入办件编号和手机号后四位", "打印时间：2026-11-2309:42", "手机扫码查询办理进度"):
        assert words in text, words
    assert "补正" not in text and "容缺" not in text
    assert stream.qr_payloads == [LINK.encode()] and stream.cut_count == 1
    columns = PAPERS[paper_mm].columns
    for line in stream.lines:
        assert display_width(line.text) * ((line.size >> 4) + 1) <= columns, line


def test_correction_notice_lists_each_material_with_a_box_and_stops_the_clock():
    stream = parse(render(correction(), PrintFormat(80, "gb18030")))
    text = _text(stream)
    assert [line.text for line in stream.lines if line.size == 0x11] == ["补正告知书"]
    assert "一次性告知" in text and "告知日期：2026年11月24日" in text
    assert "需补正的材料（共2项）：□经营场所平面布局图□法定代表人身份证复印件" in text
    assert "需补交的容缺材料（共1项，2026年11月30日前）：□食品安全管理制度" in text
    assert "承诺办结：2026年11月30日前（补正期间暂停计时）" in text
    assert "补正期间暂停计算办理时限" in text


def test_without_the_web_service_the_qr_holds_the_case_number():
    slip = case_notice(qr_payload="DEMO2026000001", qr_is_link=False, phone=None,
                       applicant=None, promised_days=0, case_kind="即办件",
                       due_date=dt.date(2026, 11, 23))
    stream = parse(render(slip, PrintFormat(58, "gb18030")))
    text = _text(stream)
    assert stream.qr_payloads == [b"DEMO2026000001"] and "办件编号：DEMO2026000001" in text
    assert "申请人：您申请办理的" in text and "联系电话" not in text
    assert "办件类型：即办件" in text and "（即办件，当日办结）" in text


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_raster_notice_draws_the_text_and_the_qr_code(paper_mm):
    slip = correction()
    data = render(slip, PrintFormat(paper_mm, "raster"))
    assert "补正告知书".encode("gb18030") not in data  # drawn, not sent as text
    stream = parse(data)
    assert {image.width_bytes for image in stream.images} == {PAPERS[paper_mm].dots // 8}
    assert [m for m in map(qr_matrix, stream.images) if m] == [expected_qr_matrix(LINK)]
    assert stream.cut_count == 1
    other = render(correction(case_no="DEMO2026000002"), PrintFormat(paper_mm, "raster"))
    assert other != data  # the number is drawn into the image
