"""A case notice's QR link (<base>/c/<token>): read back by ticket_code.parse and routed
by the kiosk's scan to the citizen's view of that case, on both databases."""
from __future__ import annotations

from sqlalchemy import select

from kiosk.queue.reads.scan import CaseFound, Unrecognised, route_scan
from kiosk.queue.rules import ticket_code
from kiosk.queue.store.models import CaseFile
from tests.helpers import open_window
from tests.queue.test_cases import accept

TOKEN = "Ab3_-x9QzK2mN7pR4sT6uV8w"


def test_a_case_link_is_told_from_a_ticket_link():
    link = ticket_code.case_link("https://zwfw.example.gov.cn/", TOKEN)
    assert link == f"https://zwfw.example.gov.cn/c/{TOKEN}"
    assert ticket_code.is_link(link)
    assert ticket_code.parse(link) == ticket_code.CaseLink(TOKEN)
    assert ticket_code.parse(link.swapcase()) == ticket_code.CaseLink(TOKEN.swapcase())
    assert ticket_code.parse(f"http://10.0.0.5:8080/hall/c/{TOKEN}") == \
        ticket_code.CaseLink(TOKEN)
    assert ticket_code.parse(ticket_code.link("https://x.cn/c/hall", TOKEN)) == \
        ticket_code.TicketLink(TOKEN)
    for text in ("https://x.cn/c/short", "https://x.cn/c/", f"https://x.cn/d/{TOKEN}"):
        assert ticket_code.parse(text) is None, text


def _token(ctx, case_no: str) -> str:
    with ctx.db.read() as session:
        return session.scalar(select(CaseFile.web_token).where(CaseFile.case_no == case_no))


def test_scanning_a_notice_shows_its_case_without_the_phone_digits(ctx):
    open_window(ctx, 2)
    case_no = accept(ctx, 2, outcome="supply_later").case_no  # no phone on file
    link = ticket_code.case_link("https://zwfw.example.gov.cn", _token(ctx, case_no))
    route = route_scan(ctx, f"\x02{link}\r\n")
    assert isinstance(route, CaseFound)
    assert (route.view.case_no, route.view.state) == (case_no, "已受理")
    assert len(route.view.missing) == 2
    assert route_scan(ctx, link.swapcase()) == route  # Caps Lock on the scanner


def test_a_case_link_naming_no_case_says_so(ctx):
    route = route_scan(ctx, "https://zwfw.example.gov.cn/c/" + "Q" * 24)
    assert isinstance(route, Unrecognised)
    assert "找不到该办件" in route.message_zh
