"""The ticket's phone page over HTTP (TestClient): what it shows, headers, CSRF, rate
limits, the one 404 for every unknown token, hostile input and the rating form."""
from __future__ import annotations

import re

import pytest

from kiosk.queue.actions import calling
from kiosk.queue.demo import clerk_no
from tests.helpers import open_window, serve_next, take


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def test_the_page_shows_the_ticket_and_the_people_ahead(ctx, web_client):
    take(ctx)
    mine = take(ctx)
    answer = web_client.get(f"/t/{mine.ticket.web_token}")
    assert answer.status_code == 200
    html = answer.text
    assert mine.ticket.code in html and "前面还有" in html
    assert re.search(r'id="ahead">1<', html)
    assert "到号短信提醒" in html


def test_called_shows_the_window_big(ctx, web_client):
    mine = take(ctx)
    open_window(ctx, 4)
    calling.call_next(ctx, window=4, staff_no=clerk_no(4))
    html = web_client.get(f"/t/{mine.ticket.web_token}").text
    called = re.search(r'<div class="called" id="called".*?</div>', html, re.DOTALL).group(0)
    assert " ".join(re.sub("<[^>]+>", " ", called).split()) == "请到 4 号窗口办理"
    assert "到号短信提醒" not in html


def test_security_headers_on_every_page(ctx, web_client):
    token = take(ctx).ticket.web_token
    for path in (f"/t/{token}", "/t/unknown-token-here", "/healthz"):
        headers = web_client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"
        assert "camera=()" in headers["permissions-policy"]
    assert web_client.get(f"/t/{token}").headers["cache-control"] == "no-store"


@pytest.mark.parametrize("token", [
    "AAAAAAAAAAAAAAAAAAAAAAAA",               # well-formed, never issued
    "short", "x" * 5000, "<script>alert(1)</script>", "' OR 1=1 --", "１２３４",
    "%00", "..%2F..%2Fetc%2Fpasswd", "中文号票",
])
def test_every_unknown_token_gets_the_same_404(ctx, web_client, token):
    known_bad = web_client.get("/t/AAAAAAAAAAAAAAAAAAAAAAAB")
    answer = web_client.get(f"/t/{token}")
    assert answer.status_code == 404
    assert answer.text == known_bad.text  # no oracle: the same page, byte for byte
    assert "没有找到这个页面" in answer.text
    for suffix in ("/events",):
        assert web_client.get(f"/t/{token}{suffix}").text == known_bad.text


def test_a_post_without_the_csrf_token_is_refused(ctx, web_client):
    token = take(ctx).ticket.web_token
    answer = web_client.post(f"/t/{token}/remind", data={"phone": "13800138000"})
    assert answer.status_code == 403
    assert "页面已过期" in answer.text
    web_client.get(f"/t/{token}")  # the cookie
    forged = web_client.post(f"/t/{token}/remind",
                             data={"phone": "13800138000", "csrf": "abc.def"})
    assert forged.status_code == 403
    other_site = web_client.post(
        f"/t/{token}/remind", headers={"origin": "https://evil.example"},
        data={"phone": "13800138000", "csrf": _csrf(web_client.get(f"/t/{token}").text)})
    assert other_site.status_code == 403


@pytest.mark.parametrize("phone", ["12345", "<b>13800138000</b>", "1380013800x",
                                   "' OR 1=1 --", "１３８００１３８０００", "9" * 3000])
def test_a_bad_phone_is_refused_in_chinese_with_the_form_kept(ctx, web_client, phone):
    token = take(ctx).ticket.web_token
    csrf = _csrf(web_client.get(f"/t/{token}").text)
    answer = web_client.post(f"/t/{token}/remind", data={"phone": phone, "csrf": csrf})
    assert answer.status_code == 400
    assert "请输入 1 开头的 11 位手机号码" in answer.text
    assert "<b>" not in answer.text  # escaped, never markup


def test_a_phone_left_on_the_page_is_shown_masked(ctx, web_client):
    token = take(ctx).ticket.web_token
    csrf = _csrf(web_client.get(f"/t/{token}").text)
    answer = web_client.post(f"/t/{token}/remind",
                             data={"phone": "13800138000", "csrf": csrf})
    assert answer.status_code == 200 and "已登记到号提醒" in answer.text
    assert "138****8000" in answer.text and "13800138000" not in answer.text


def test_the_reminder_form_is_limited_per_phone(ctx, web_app):
    from starlette.testclient import TestClient

    web_app.state.options = web_app.state.options.with_values(web__phone_per_hour=2)
    tokens = [take(ctx).ticket.web_token for _ in range(3)]
    with TestClient(web_app) as client:
        csrf = _csrf(client.get(f"/t/{tokens[0]}").text)
        codes = [client.post(f"/t/{t}/remind", data={"phone": "13800138000",
                                                      "csrf": csrf}).status_code
                 for t in tokens]
    assert codes == [200, 200, 429]


def test_too_many_requests_from_one_address_are_refused(ctx):
    from starlette.testclient import TestClient

    from kiosk.web.app import create_app

    token = take(ctx).ticket.web_token
    app = create_app(ctx, settings={"web.rate_per_minute": 5}, follow_feed=False)
    with TestClient(app) as client:
        codes = [client.get(f"/t/{token}").status_code for _ in range(6)]
        assert codes == [200] * 5 + [429]
        assert "操作太频繁" in client.get(f"/t/{token}").text
        assert client.get("/static/phone.css").status_code == 200  # never limited


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(ctx):
    from starlette.testclient import TestClient

    from kiosk.web.app import create_app

    token = take(ctx).ticket.web_token
    app = create_app(ctx, settings={"web.rate_per_minute": 2,
                                    "web.trusted_proxies": "10.0.0.0/8, ::1"},
                     follow_feed=False)
    with TestClient(app, client=("10.0.0.7", 40000)) as client:
        for n in range(3):  # each its own client address behind the proxy
            ok = client.get(f"/t/{token}", headers={"x-forwarded-for": f"1.2.3.{n}"})
            assert ok.status_code == 200
    untrusted = create_app(ctx, settings={"web.rate_per_minute": 2,
                                          "web.trusted_proxies": "10.0.0.0/8"},
                           follow_feed=False)
    with TestClient(untrusted, client=("192.0.2.9", 40000)) as client:
        codes = [client.get(f"/t/{token}", headers={"x-forwarded-for": f"1.2.3.{n}"})
                 .status_code for n in range(3)]
        assert codes == [200, 200, 429]  # a forged header buys nothing


def test_the_rating_form_rates_once(ctx, web_client):
    open_window(ctx, 1)
    ticket = take(ctx).ticket
    serve_next(ctx, 1)
    page = web_client.get(f"/t/{ticket.web_token}").text
    assert "请为本次服务评价" in page and "非常满意" in page and "办事效率低" in page
    csrf = _csrf(page)
    bad = web_client.post(f"/t/{ticket.web_token}/rate", data={"level": "1", "csrf": csrf})
    assert bad.status_code == 400 and "请选择不满意的原因" in bad.text
    done = web_client.post(f"/t/{ticket.web_token}/rate", data={"level": "4", "csrf": csrf})
    assert done.status_code == 200 and "感谢您的评价" in done.text
    assert "本次服务已评价：满意（手机）" in done.text and "请为本次服务评价" not in done.text
    again = web_client.post(f"/t/{ticket.web_token}/rate",
                            data={"level": "5", "csrf": csrf})
    assert again.status_code == 409
    assert "已评价（手机），每张号票只能评价一次" in again.text


@pytest.mark.parametrize("level", ["", "6", "0", "-1", "五", "<i>", "4; DROP TABLE"])
def test_a_hostile_level_is_refused_in_chinese(ctx, web_client, level):
    open_window(ctx, 1)
    ticket = take(ctx).ticket
    serve_next(ctx, 1)
    csrf = _csrf(web_client.get(f"/t/{ticket.web_token}").text)
    answer = web_client.post(f"/t/{ticket.web_token}/rate",
                             data={"level": level, "csrf": csrf})
    assert answer.status_code == 400 and "评价等级应为 1 到 5" in answer.text


def test_access_log_has_no_tokens(ctx, web_client, caplog):
    token = take(ctx).ticket.web_token
    with caplog.at_level("INFO", logger="kiosk.web.access"):
        web_client.get(f"/t/{token}?phone=13800138000")
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.web.access"]
    assert lines == ["GET /t/… 200 " + lines[0].rsplit(" ", 1)[1]]
    assert token not in caplog.text and "13800138000" not in caplog.text


def test_python_m_kiosk_web_serves_and_prints_its_address(sqlite_url, tmp_path):
    import subprocess
    import sys

    import httpx

    from tests.conftest import KEYED

    config = tmp_path / "kiosk.ini"
    config.write_text(f"[security]\nkey_file = {KEYED['security.key_file']}\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--db", sqlite_url, "--config", str(config),
         "web", "--port", "0", "--no-deliver"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in proc.stdout:  # blocks until the server says where it listens
            if line.startswith("web service for phones at "):
                break
        else:
            raise AssertionError("the web service did not start")
        base = line.split(" at ", 1)[1].split()[0].rstrip("/")
        assert httpx.get(f"{base}/healthz", timeout=10).text == "ok"
        assert httpx.get(f"{base}/t/{'A' * 24}", timeout=10).status_code == 404
    finally:
        proc.terminate()
        proc.wait(15)
