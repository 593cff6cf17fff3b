"""The printed ticket's QR code: the link to the ticket's phone page (only its token)
with a caption when the hall has a web service, else the readable text with the tag."""
from __future__ import annotations

import pytest

from kiosk.printing import PrintFormat, render
from kiosk.printing.layouts import TICKET_QR_CAPTION
from kiosk.queue.reads.scan import route_scan
from kiosk.queue.rules import ticket_code
from tests.helpers import take
from tests.printing.escpos_stream import expected_qr_matrix, parse, qr_matrix

BASE = "http://192.168.1.20:8080"


def _slip(result, web_base: str):
    from kiosk.ui.kiosk.slips_from import ticket_slip

    return ticket_slip(result, hall_name="示例大厅", hall_code="demo",
                       timezone="Asia/Shanghai", web_base=web_base)


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_with_a_web_base_the_slip_prints_the_token_link_and_its_caption(ctx, paper_mm):
    result = take(ctx)
    url = f"{BASE}/t/{result.ticket.web_token}"
    slip = _slip(result, BASE + "/")
    assert slip.qr_payload == url
    data = render(slip, PrintFormat(paper_mm, "gb18030"))
    stream = parse(data)
    assert stream.qr_payloads == [url.encode()] and url.encode() in data
    assert TICKET_QR_CAPTION in stream.texts()
    assert TICKET_QR_CAPTION.encode("gb18030") in data
    raster = parse(render(slip, PrintFormat(paper_mm, "raster")))
    assert expected_qr_matrix(url) in [m for m in map(qr_matrix, raster.images) if m]
    assert route_scan(ctx, url).ticket_id == result.ticket.id  # the kiosk scans it back


def test_without_a_web_base_the_slip_keeps_the_readable_tag_and_no_caption(ctx):
    result = take(ctx)
    slip = _slip(result, "")
    assert slip.qr_payload.startswith("号码 A001") and "KH1:demo:" in slip.qr_payload
    assert not ticket_code.is_link(slip.qr_payload)
    stream = parse(render(slip, PrintFormat(80, "gb18030")))
    assert TICKET_QR_CAPTION not in stream.texts()
    assert stream.qr_payloads == [slip.qr_payload.encode()]  # the printer's QR is UTF-8
