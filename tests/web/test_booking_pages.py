"""The booking pages over HTTP (TestClient, both databases): items, days, slots, the
form's refusals and hostile input, the confirmation with its QR, cancelling."""
from __future__ import annotations

import datetime as dt
import re

import pytest
import qrcode

from kiosk.devices.idcard.text import check_digit
from kiosk.queue.actions import appointments
from kiosk.queue.reads import booking as reads
from kiosk.queue.reads.scan import CheckIn, route_scan
from tests.conftest import HALL_TZ

ITEM = "GJJ-001"            # 住房公积金 (queue E): 30-minute slots of 4 places
TUESDAY = "2026-11-24"      # the first booking day after Monday 2026-11-23
PHONE = "13800138000"


def person(n: int) -> str:
    """A valid 18-character ID number (check digit included), one per ``n``."""
    first17 = f"11010519800101{n:03d}"
    return first17 + check_digit(first17)


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _form(client, path: str = f"/book/{ITEM}/{TUESDAY}", **fields) -> dict:
    data = {"slot": "09:00", "name": "张三", "phone": PHONE, "id_number": person(1)}
    data.update(fields)
    data["csrf"] = _csrf(client.get(path).text)
    return data


def _book(client, path: str = f"/book/{ITEM}/{TUESDAY}", **fields):
    return client.post(path, data=_form(client, path, **fields), follow_redirects=False)


def _slot_left(html: str, start: str) -> str:
    """What the slot page says about one slot: "余 N 个" or "已约满"."""
    found = re.search(rf"{start}-\d\d:\d\d</span>\s*<span class=\"slot-left\">([^<]+)<",
                      html)
    return found.group(1)


def test_items_are_grouped_by_department_and_searchable_without_script(ctx, web_client):
    html = web_client.get("/book").text
    assert "<h2>住房公积金管理中心</h2>" in html
    assert f'href="/book/{ITEM}"' in html
    found = web_client.get("/book", params={"q": "公积金"}).text
    assert "共 4 项" in found and "市场监督管理局" not in found
    none = web_client.get("/book", params={"q": "<script>alert(1)</script>" * 50})
    assert none.status_code == 200
    assert "<script>alert" not in none.text and "&lt;script&gt;" in none.text
    assert "没有找到相关事项" in none.text


def test_days_show_places_left_and_unknown_items_are_404(ctx, web_client):
    html = web_client.get(f"/book/{ITEM}").text
    days = re.findall(rf'href="/book/{ITEM}/([0-9-]+)"', html)
    assert days[0] == TUESDAY and len(days) == 5
    assert "11月24日 周二" in html and "余 52 个名额" in html   # 13 slots of 4
    for code in ("NOPE-001", "<b>x</b>", "x" * 500, "GJJ-001'--"):
        answer = web_client.get(f"/book/{code}")
        assert answer.status_code == 404 and "<b>x" not in answer.text


@pytest.mark.parametrize("day", ["2026-11-23", "2026-11-28", "2026-13-01", "tomorrow",
                                 "9" * 300])
def test_a_day_not_offered_is_refused_in_chinese(ctx, web_client, day):
    answer = web_client.get(f"/book/{ITEM}/{day}")
    assert answer.status_code in (400, 404)
    assert "预约" in answer.text or "没有找到" in answer.text


def test_a_booking_lands_on_its_confirmation_with_code_qr_and_cancel(ctx, web_client):
    answer = _book(web_client)
    assert answer.status_code == 303
    token = answer.headers["location"].removeprefix("/b/")
    booking = reads.booking_by_token(ctx, token)
    page = web_client.get(f"/b/{token}")
    html = page.text
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert f'id="booking-code">{booking.code}<' in html
    assert "住房公积金提取" in html and "11月24日 周二" in html and "09:00-09:30" in html
    assert "138****8000" in html and PHONE not in html and person(1) not in html
    assert "可在 07:00 前取消" in html and f'action="/b/{token}/cancel"' in html
    assert _qr_payload_matches(html, booking.code)
    # what the kiosk's scanner makes of that QR's text: check-in by this code
    assert route_scan(ctx, booking.code) == CheckIn(booking.code)
    assert _slot_left(web_client.get(f"/book/{ITEM}/{TUESDAY}").text, "09:00") == "余 3 个"


def _qr_payload_matches(html: str, payload: str) -> bool:
    """The page's QR modules are exactly those of a QR code of ``payload``."""
    svg = re.search(r'<svg class="qr" viewBox="0 0 (\d+) \d+".*?<path d="([^"]+)"', html)
    size, path = int(svg.group(1)), svg.group(2)
    dark = set()
    for x, y, run in re.findall(r"M(\d+),(\d+)h(\d+)v1h-\d+z", path):
        dark.update((int(x) + i, int(y)) for i in range(int(run)))
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()
    return len(matrix) == size and dark == {
        (x, y) for y, row in enumerate(matrix) for x, on in enumerate(row) if on}


def test_the_booking_checks_in_at_the_kiosk(ctx, clock, web_client):
    token = _book(web_client).headers["location"].removeprefix("/b/")
    code = reads.booking_by_token(ctx, token).code
    clock.set(dt.datetime(2026, 11, 24, 9, 5, tzinfo=HALL_TZ))
    issued = appointments.check_in(ctx, code=code, phone_last_four=PHONE[-4:])
    assert issued.ticket.code.startswith("E") and issued.ticket.appointment_id
    assert "已签到取号" in web_client.get(f"/b/{token}").text


@pytest.mark.parametrize("fields, message", [
    ({"phone": "1380013800"}, "11 位手机号码"),
    ({"phone": "23800138000"}, "11 位手机号码"),
    ({"phone": "1３８００１３８０００"}, "11 位手机号码"),  # full-width digits
    ({"phone": "<script>alert(1)</script>"}, "11 位手机号码"),
    ({"id_number": person(1)[:-1] + ("0" if person(1)[-1] != "0" else "1")},
     "身份证号码不正确"),
    ({"id_number": "1101051980010100"}, "身份证号码不正确"),
    ({"id_number": "²" * 17 + "X"}, "身份证号码不正确"),
    ({"id_number": ""}, "请填写身份证号码"),
    ({"name": ""}, "请填写姓名"),
    ({"name": "名" * 300}, "姓名"),
    ({"slot": "08:00"}, "不是可预约的时段"),
    ({"slot": "<b>"}, "请选择预约时段"),
    ({"slot": ""}, "请选择预约时段"),
])
def test_refusals_keep_the_form_but_never_the_id_number(ctx, web_client, fields, message):
    typed = {"name": "<b>李四</b>", **fields}
    answer = _book(web_client, **typed)
    assert answer.status_code == 400, answer.text
    html = answer.text
    assert message in html and 'role="alert"' in html
    assert "<b>李四</b>" not in html
    if "name" not in fields:
        assert 'value="&lt;b&gt;李四&lt;/b&gt;"' in html          # kept, escaped
    id_typed = typed.get("id_number", person(1))
    assert len(id_typed) < 8 or id_typed not in html
    assert "身份证号码请重新填写" in html
    assert not re.search(r'id="id_number"[^>]*value=', html)


def test_a_post_without_csrf_is_refused_and_books_nothing(ctx, web_client):
    data = _form(web_client)
    del data["csrf"]
    assert web_client.post(f"/book/{ITEM}/{TUESDAY}", data=data).status_code == 403
    forged = {**_form(web_client), "csrf": "forged.token"}
    assert web_client.post(f"/book/{ITEM}/{TUESDAY}", data=forged).status_code == 403
    other_site = web_client.post(f"/book/{ITEM}/{TUESDAY}", data=_form(web_client),
                                 headers={"origin": "https://evil.example"})
    assert other_site.status_code == 403
    assert _slot_left(web_client.get(f"/book/{ITEM}/{TUESDAY}").text, "09:00") == "余 4 个"


def test_an_oversized_post_is_refused_before_it_is_read(ctx, web_client):
    answer = _book(web_client, name="名" * 5000)
    assert answer.status_code == 413 and "提交的内容太长" in answer.text


def test_one_booking_per_person_a_day(ctx, web_client):
    assert _book(web_client).status_code == 303
    again = _book(web_client, slot="10:00", phone="13900139000")
    assert again.status_code == 409
    assert "每人每天只能预约一次" in again.text


def test_a_full_slot_says_so_in_words_and_refuses(ctx, web_client):
    for n in range(4):
        appointments.book_appointment(
            ctx, item_code=ITEM, day=dt.date(2026, 11, 24), slot_start=dt.time(9),
            name="王五", phone=f"1370000000{n}", id_number=person(10 + n))
    html = web_client.get(f"/book/{ITEM}/{TUESDAY}").text
    assert _slot_left(html, "09:00") == "已约满"
    assert 'value="09:00"' not in html                      # no radio to choose it
    full = _book(web_client)
    assert full.status_code == 409 and "时段已约满" in full.text


def test_too_many_posts_for_one_phone_are_refused(ctx, web_client):
    for n in range(6):
        assert _book(web_client, id_number="bad").status_code == 400
    limited = _book(web_client, id_number="bad")
    assert limited.status_code == 429 and "手机号码操作太频繁" in limited.text


def test_too_many_posts_from_one_address_are_refused_with_the_form_kept(ctx, web_client):
    for n in range(10):   # web.form_rate_per_minute: 10
        assert _book(web_client, phone=f"1390000000{n}", id_number="bad").status_code == 400
    limited = _book(web_client, phone="13700000000", name="赵六")
    assert limited.status_code == 429 and "操作太频繁" in limited.text
    assert 'value="赵六"' in limited.text


def test_cancelling_frees_the_slot_once_and_only_with_csrf(ctx, web_client):
    token = _book(web_client).headers["location"].removeprefix("/b/")
    assert web_client.post(f"/b/{token}/cancel", data={}).status_code == 403
    data = {"csrf": _csrf(web_client.get(f"/b/{token}").text)}
    answer = web_client.post(f"/b/{token}/cancel", data=data, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/b/{token}?c=1"
    html = web_client.get(f"/b/{token}?c=1").text
    assert "预约已取消" in html and "名额已释放" in html and "/cancel" not in html
    assert _slot_left(web_client.get(f"/book/{ITEM}/{TUESDAY}").text, "09:00") == "余 4 个"
    again = web_client.post(f"/b/{token}/cancel", data=data, follow_redirects=False)
    assert again.status_code == 303


def test_cancelling_too_late_is_refused_on_the_page(ctx, clock, web_client):
    token = _book(web_client).headers["location"].removeprefix("/b/")
    data = {"csrf": _csrf(web_client.get(f"/b/{token}").text)}
    clock.set(dt.datetime(2026, 11, 24, 7, 30, tzinfo=HALL_TZ))
    page = web_client.get(f"/b/{token}").text
    assert "已过取消时间（07:00）" in page and "/cancel" not in page
    refused = web_client.post(f"/b/{token}/cancel", data=data)
    assert refused.status_code == 409 and "现已不能取消" in refused.text
    assert reads.booking_by_token(ctx, token).state == "booked"


@pytest.mark.parametrize("token", ["AAAAAAAAAAAAAAAAAAAAAAAA", "short", "x" * 5000,
                                   "<script>", "中文"])
def test_unknown_booking_tokens_get_the_one_404(ctx, web_client, token):
    known_bad = web_client.get("/t/AAAAAAAAAAAAAAAAAAAAAAAB")
    answer = web_client.get(f"/b/{token}")
    assert answer.status_code == 404 and answer.text == known_bad.text
    csrf = _csrf(web_client.get(f"/book/{ITEM}/{TUESDAY}").text)
    cancel = web_client.post(f"/b/{token}/cancel", data={"csrf": csrf})
    assert cancel.status_code == 404 and cancel.text == known_bad.text
