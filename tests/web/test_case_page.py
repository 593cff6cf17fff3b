"""办件查询 on the phone over HTTP (TestClient): /c/<token> from the notice's QR code,
the /c form with its CSRF token and its limits, the one 404 for unknown tokens."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from kiosk.queue.actions import case_moves
from kiosk.queue.demo import clerk_no
from kiosk.queue.store.models import CaseFile
from tests.helpers import open_window
from tests.queue.test_cases import accept


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _text(html: str) -> str:
    return " ".join(re.sub("<[^>]+>", " ", html).split())


@pytest.fixture
def case(ctx):
    """A 容缺受理 case (two materials owed) with the phone 13812345678: (number, token)."""
    open_window(ctx, 2)
    case_no = accept(ctx, 2, outcome="supply_later", phone="13812345678").case_no
    with ctx.db.read() as session:
        token = session.scalar(select(CaseFile.web_token).where(CaseFile.case_no == case_no))
    return case_no, token


def _ask(client, case_no: str, digits: str):
    csrf = _csrf(client.get("/c").text)
    return client.post("/c", data={"case_no": case_no, "last_four": digits, "csrf": csrf})


def test_the_notices_link_shows_state_promised_date_and_missing_materials(ctx, web_client,
                                                                        case):
    case_no, token = case
    answer = web_client.get(f"/c/{token}")
    assert answer.status_code == 200
    text = _text(answer.text)
    assert case_no in text and "当前状态 已受理" in text
    assert "承诺办结日期 2026年11月30日 周一" in text
    assert "尚需补交的材料" in text and "无" not in re.search(
        r'<ul id="missing">.*?</ul>', answer.text, re.DOTALL).group(0)
    assert len(re.findall(r"<li>", answer.text)) == 2
    assert "138" not in text and "5678" not in text  # nothing personal on the page
    headers = answer.headers
    assert headers["cache-control"] == "no-store"
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["referrer-policy"] == "no-referrer"


def test_a_correction_notice_shows_its_materials_and_the_paused_clock(ctx, web_client, case):
    case_no, token = case
    case_moves.notice_correction(ctx, case_no, by=clerk_no(2), materials=["身份证复印件"])
    text = _text(web_client.get(f"/c/{token}").text)
    assert "当前状态 待补正" in text and "补正期间暂停计时" in text
    assert "身份证复印件" in text


@pytest.mark.parametrize("token", [
    "AAAAAAAAAAAAAAAAAAAAAAAA", "short", "x" * 5000, "<script>alert(1)</script>",
    "' OR 1=1 --", "１２３４", "%00", "..%2F..%2Fetc%2Fpasswd", "中文办件",
])
def test_every_unknown_token_gets_the_ticket_pages_404(ctx, web_client, case, token):
    ticket_404 = web_client.get("/t/AAAAAAAAAAAAAAAAAAAAAAAB")
    answer = web_client.get(f"/c/{token}")
    assert answer.status_code == 404
    assert answer.text == ticket_404.text  # no oracle: the same page, byte for byte


def test_the_form_finds_the_case_with_the_right_digits_only(ctx, web_client, case):
    case_no, _ = case
    form = web_client.get("/c")
    assert form.status_code == 200 and 'name="csrf"' in form.text
    found = _ask(web_client, case_no.lower(), "5678")
    assert found.status_code == 200 and "当前状态 已受理" in _text(found.text)
    wrong = _ask(web_client, case_no, "5679")
    unknown = _ask(web_client, "DEMO2026999999", "5678")
    assert wrong.status_code == unknown.status_code == 404
    refusal = "办件编号或手机号后四位不正确，请核对后重试"
    assert refusal in wrong.text and refusal in unknown.text
    assert f'value="{case_no}"' in wrong.text  # the number is kept, the digits are not
    bad = _ask(web_client, case_no, "56a8")
    assert bad.status_code == 400 and "请输入手机号后四位数字" in bad.text


def test_a_post_without_the_csrf_token_is_refused(ctx, web_client, case):
    case_no, _ = case
    answer = web_client.post("/c", data={"case_no": case_no, "last_four": "5678"})
    assert answer.status_code == 403 and "页面已过期" in answer.text
    web_client.get("/c")
    forged = web_client.post("/c", data={"case_no": case_no, "last_four": "5678",
                                         "csrf": "abc.def"})
    assert forged.status_code == 403


def test_wrong_digits_are_limited_per_case_number(ctx, case):
    from starlette.testclient import TestClient

    from kiosk.web.app import create_app

    case_no, token = case
    app = create_app(ctx, settings={"web.form_rate_per_minute": 0}, follow_feed=False)
    codes = []
    for n in range(6):  # each try from another address: the count is the case's
        with TestClient(app, client=(f"192.0.2.{n}", 40000)) as client:
            codes.append(_ask(client, case_no, f"{n:04d}").status_code)
    assert codes == [404] * 5 + [429]
    with TestClient(app, client=("192.0.2.99", 40000)) as client:
        refused = _ask(client, case_no, "5678")  # the right digits, too late
        assert refused.status_code == 429 and "请 10 分钟后再试" in refused.text
        assert refused.headers["retry-after"] == "60"
        assert client.get(f"/c/{token}").status_code == 200  # the paper still works
    ctx.clock.advance(minutes=10)
    with TestClient(app) as client:
        assert _ask(client, case_no, "5678").status_code == 200


def test_the_form_is_limited_per_client_address(ctx):
    from starlette.testclient import TestClient

    from kiosk.web.app import create_app

    app = create_app(ctx, settings={"web.form_rate_per_minute": 2}, follow_feed=False)
    with TestClient(app) as client:
        codes = [_ask(client, f"DEMO202600000{n}", "1234").status_code for n in range(3)]
    assert codes == [404, 404, 429]


def test_access_log_has_no_tokens(ctx, web_client, case, caplog):
    _, token = case
    with caplog.at_level("INFO", logger="kiosk.web.access"):
        web_client.get(f"/c/{token}")
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.web.access"]
    assert lines == ["GET /c/… 200 " + lines[0].rsplit(" ", 1)[1]]
    assert token not in caplog.text
