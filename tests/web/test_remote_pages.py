"""The remote-ticket pages over HTTP (TestClient, both databases): which items are
offered and when, taking a ticket, and every refusal shown on the page."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from kiosk.queue.reads.phone import ticket_page
from tests.conftest import HALL_TZ

ITEM = "RSJ-001"        # queue C 社保就业 takes remote tickets, one a phone a day
NOT_REMOTE = "GJJ-001"  # queue E does not
PHONE = "13800138000"


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _take(client, item: str = ITEM, phone: str = PHONE, **headers):
    data = {"phone": phone, "csrf": _csrf(client.get("/remote").text)}
    return client.post(f"/remote/{item}", data=data, headers=headers,
                       follow_redirects=False)


def test_open_remote_items_are_offered(ctx, web_client):
    html = web_client.get("/remote").text
    assert f'action="/remote/{ITEM}"' in html
    assert f'action="/remote/{NOT_REMOTE}"' not in html
    assert "前面 0 人等候" in html


def test_a_remote_ticket_lands_on_its_ticket_page(ctx, web_client):
    answer = _take(web_client)
    assert answer.status_code == 303
    token = answer.headers["location"].removeprefix("/t/")
    page = ticket_page(ctx, token)
    assert page.code.startswith("C") and page.reminder_masked == "138****8000"
    assert web_client.get(f"/t/{token}").status_code == 200


def test_out_of_hours_the_page_says_when(ctx, clock, web_client):
    clock.set(dt.datetime(2026, 11, 23, 12, 10, tzinfo=HALL_TZ))
    html = web_client.get("/remote").text
    assert "现在不在远程取号时间" in html and "<strong>13:30</strong>" in html
    assert 'action="/remote/' not in html
    clock.set(dt.datetime(2026, 11, 23, 18, 0, tzinfo=HALL_TZ))
    assert "<strong>11月24日 周二 09:00</strong>" in web_client.get("/remote").text
    csrf = _csrf(web_client.get("/book/GJJ-001/2026-11-24").text)
    late = web_client.post(f"/remote/{ITEM}", data={"phone": PHONE, "csrf": csrf})
    assert late.status_code == 409 and 'role="alert"' in late.text


@pytest.mark.parametrize("phone", ["1380013800", "<script>alert(1)</script>", "",
                                   "1３８００１３８０００",  # full-width digits
                                   "23800138000", "1" * 500])
def test_a_bad_phone_is_refused_in_chinese_and_kept_escaped(ctx, web_client, phone):
    answer = _take(web_client, phone=phone)
    assert answer.status_code == 400
    assert "手机号码" in answer.text and 'role="alert"' in answer.text
    assert "<script>alert" not in answer.text
    assert "<details class=\"choice-open\" open>" in answer.text  # the chosen item open


def test_one_remote_ticket_per_phone_a_day(ctx, web_client):
    assert _take(web_client).status_code == 303
    again = _take(web_client)
    assert again.status_code == 409 and "每个手机每天限 1 个" in again.text


@pytest.mark.parametrize("item", [NOT_REMOTE, "NOPE-001", "<b>x</b>", "x" * 300])
def test_items_without_remote_tickets_are_refused(ctx, web_client, item):
    answer = _take(web_client, item=item)
    assert answer.status_code in (404, 409)
    assert 'role="alert"' in answer.text and "<b>x" not in answer.text


def test_a_post_without_csrf_takes_no_ticket(ctx, web_client):
    web_client.get("/remote")
    assert web_client.post(f"/remote/{ITEM}", data={"phone": PHONE}).status_code == 403
    forged = web_client.post(f"/remote/{ITEM}", data={"phone": PHONE, "csrf": "a.b"})
    assert forged.status_code == 403
    assert _take(web_client, origin="https://evil.example").status_code == 403
    assert _take(web_client).status_code == 303  # the phone's one ticket still free


def test_too_many_tries_for_one_phone_are_refused(ctx, web_client):
    for _ in range(6):
        assert _take(web_client, item=NOT_REMOTE).status_code == 409
    limited = _take(web_client, item=NOT_REMOTE)
    assert limited.status_code == 429 and "手机号码操作太频繁" in limited.text
