"""A case's 受理通知书 / 补正告知书 as an A4 PDF (text read back, the QR code's modules
compared), on a ticket printer that is a real TCP peer, and on the command line."""
from __future__ import annotations

import dataclasses
import re

import pytest

from kiosk.printing.errors import PrinterConfigError
from kiosk.queue.actions import case_moves, staff
from kiosk.queue.demo import clerk_no
from kiosk.queue.reads.case_notice import notice
from kiosk.reports.case_notice import print_notice
from kiosk.reports.case_notice_pdf import write_notice_pdf
from kiosk.settings import Settings
from tests.helpers import open_window
from tests.printing.escpos_stream import expected_qr_matrix, parse, qr_matrix
from tests.printing.printer_peers import GOOD, PrinterPeer
from tests.queue.test_case_notice import accept
from tests.reports.pdfcheck import embedded_fonts, page_count

pypdf = pytest.importorskip("pypdf")
BASE = "https://zwfw.example.gov.cn"
STATUS = b"\x10\x04\x01\x10\x04\x02\x10\x04\x03\x10\x04\x04"  # DLE EOT 1-4


@dataclasses.dataclass
class _Bitmap:
    """A PIL image seen as the printing tests' raster image (ink where dark)."""

    image: object

    @property
    def width_bytes(self) -> int:
        return (self.image.width + 7) // 8

    @property
    def height(self) -> int:
        return self.image.height

    def pixel(self, x: int, y: int) -> bool:
        return x < self.image.width and self.image.getpixel((x, y)) < 128


def _pdf(path):
    reader = pypdf.PdfReader(path)
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    images = [image.image.convert("L") for page in reader.pages for image in page.images]
    return text, images


def test_the_acceptance_pdf_says_what_the_notice_says_with_a_working_qr(sqlite_ctx, tmp_path):
    open_window(sqlite_ctx, 2)
    case_no = accept(sqlite_ctx, phone="13812345678")
    staff.set_hall_setting(sqlite_ctx, name="web.base_url", value=BASE)
    path = write_notice_pdf(sqlite_ctx, case_no, tmp_path / "受理.pdf")
    data = path.read_bytes()
    assert page_count(data) == 1 and embedded_fonts(data)
    text, images = _pdf(path)
    for words in ("受理通知书", f"办件编号{case_no}", "现予以受理", "138****5678",
                  "2026年11月30日前", "承诺件（5个工作日）", "2号窗口", "手机号后四位",
                  "手机扫码查询办理进度", "（盖章）", "申请人签收"):
        assert words in text, words
    assert "13812345678" not in text and "补正" not in text
    [qr] = images
    link = notice(sqlite_ctx, case_no).qr_payload
    assert link.startswith(f"{BASE}/c/") and qr_matrix(_Bitmap(qr)) == expected_qr_matrix(link)


def test_the_correction_pdf_lists_each_material_and_holds_the_number(sqlite_ctx, tmp_path):
    open_window(sqlite_ctx, 2)
    case_no = accept(sqlite_ctx, outcome="supply_later")
    case_moves.notice_correction(sqlite_ctx, case_no, by=clerk_no(2),
                                 materials=["经营场所平面布局图", "经营场所平面布局图"])
    text, [qr] = _pdf(write_notice_pdf(sqlite_ctx, case_no, tmp_path / "补正.pdf"))
    assert "补正告知书" in text and "一次性告知" in text
    assert text.count("经营场所平面布局图") == 1
    assert "需补正的材料（共1项）" in text and "需补交的容缺材料（共2项，2026年11月30日前）" in text
    assert "补正期间暂停计算办理时限" in text and "请凭办件编号到服务窗口查询" in text
    assert qr_matrix(_Bitmap(qr)) == expected_qr_matrix(case_no)  # no web service: the number


def test_the_notice_goes_to_the_configured_ticket_printer(sqlite_ctx):
    open_window(sqlite_ctx, 2)
    case_no = accept(sqlite_ctx)
    with PrinterPeer(status=GOOD) as peer:
        sqlite_ctx.machine_settings.update({
            "printer.kind": "network", "printer.host": "127.0.0.1", "printer.port": peer.port,
            "printer.text_mode": "gb18030", "printer.paper_mm": 58})
        assert print_notice(sqlite_ctx, case_no) is True
        received = bytes(peer.received)
    assert received.startswith(STATUS) and received.endswith(STATUS)
    stream = parse(received[len(STATUS):-len(STATUS)])
    assert "受理通知书" in stream.texts() and f"办件编号：{case_no}" in stream.texts()
    assert stream.qr_payloads == [case_no.encode()] and stream.cut_count == 1
    with pytest.raises(PrinterConfigError) as none:
        print_notice(sqlite_ctx, case_no, settings=Settings())
    assert "未配置小票打印机" in none.value.message_zh


def test_cases_notice_on_the_command_line(sqlite_ctx, tmp_path, capsys):
    from kiosk.cli import main

    open_window(sqlite_ctx, 2)
    case_no = accept(sqlite_ctx)
    url = sqlite_ctx.db.url
    sqlite_ctx.db.dispose()
    out = tmp_path / "notice.pdf"
    assert main(["--db", url, "cases", "notice", case_no, "--pdf", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"pdf: {out}" and page_count(out.read_bytes())
    assert main(["--db", url, "cases", "notice", case_no]) == 0
    printed = capsys.readouterr().out
    assert "受理通知书" in printed and f"办件编号：{case_no}" in printed
    assert main(["--db", url, "cases", "notice", case_no, "--printer"]) == 1
    assert main(["--db", url, "cases", "notice", "DEMO2026999999"]) == 1
    assert "找不到办件" in capsys.readouterr().err
