"""The ticket's QR payload: readable on a phone, read back by machines."""
from __future__ import annotations

import datetime as dt

from kiosk.queue.rules import ticket_code

DAY = dt.date(2026, 11, 23)


def test_readable_text_round_trip():
    payload = ticket_code.build("demo", DAY, "A001", hall_name="示例市政务服务中心",
                                queue_name="企业开办")
    assert payload == "号码 A001 · 企业开办 · 示例市政务服务中心 · 2026-11-23 · " \
                      "KH1:demo:2026-11-23:A001"
    assert "\n" not in payload  # a keyboard-wedge scanner would type Enter
    assert ticket_code.parse(payload) == ticket_code.TicketCode("demo", DAY, "A001")


def test_a_scanner_that_drops_the_chinese_still_reads_the_ticket():
    payload = ticket_code.build("hall-2", DAY, "K120", hall_name="示例", queue_name="税务")
    ascii_only = payload.encode("ascii", "ignore").decode()
    assert ticket_code.parse(ascii_only) == ticket_code.TicketCode("hall-2", DAY, "K120")


TOKEN = "Ab3_-x9QzK2mN7pR4sT6uV8w"  # the form of issuing.web_token()


def test_the_link_form_for_the_web_page_names_only_the_token():
    link = ticket_code.build("demo", DAY, "A001", hall_name="x",
                             web_base="https://zwfw.example.gov.cn/", web_token=TOKEN)
    assert link == f"https://zwfw.example.gov.cn/t/{TOKEN}"
    assert "A001" not in link and "2026" not in link and "demo" not in link
    assert ticket_code.is_link(link)
    assert ticket_code.parse(link) == ticket_code.TicketLink(TOKEN)
    assert ticket_code.parse(f"http://192.168.1.5:8080/hall/t/{TOKEN}") == \
        ticket_code.TicketLink(TOKEN)


def test_without_a_web_base_or_a_token_the_code_stays_readable_text():
    for base, token in (("", TOKEN), ("https://zwfw.example.gov.cn", None)):
        text = ticket_code.build("demo", DAY, "A001", web_base=base, web_token=token)
        assert text.startswith("号码 A001") and not ticket_code.is_link(text)
        assert ticket_code.parse(text) == ticket_code.TicketCode("demo", DAY, "A001")


def test_other_codes_are_not_tickets():
    for text in ("", "YY2611234", "https://example.com/", "KH1:demo:2026-13-45:A001",
                 "kiosk-hall:demo:2026-11-23",
                 "https://zwfw.example.gov.cn/t/short", "https://example.com/t/"):
        assert ticket_code.parse(text) is None, text
