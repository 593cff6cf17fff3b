"""办件查询 in a real browser (Debian's chromium, phone viewport): the form refuses wrong
digits, shows the case with the right ones, and the notice's link opens it directly.
Screenshots go to the test's folder and /tmp/web_shots for a person to look at."""
from __future__ import annotations

from tests.web.conftest import shoot
from tests.web.test_case_page import case  # noqa: F401 - the fixture
from tests.web.test_ticket_page_browser import _laid_out


def test_a_citizen_checks_a_case_by_number_and_by_the_notices_link(ctx, live_web,
                                                                   phone_page, tmp_path,
                                                                   case):  # noqa: F811
    backend = ctx.db.backend
    case_no, token = case
    page = phone_page
    page.goto(live_web.url("/c"))
    _laid_out(page, "h1")
    shoot(page, tmp_path, f"case-form-{backend}")

    page.fill("#case_no", case_no.lower())
    page.fill("#last_four", "0000")
    page.click("#case-form button[type=submit]")
    page.wait_for_selector("#error")
    assert page.inner_text("#error") == "办件编号或手机号后四位不正确，请核对后重试"
    assert page.input_value("#case_no") == case_no.lower()  # kept; shown upper case
    assert page.input_value("#last_four") == ""
    shoot(page, tmp_path, f"case-form-refused-{backend}")

    page.fill("#last_four", "5678")
    page.click("#case-form button[type=submit]")
    page.wait_for_selector("#state")
    assert page.inner_text("#case-no") == case_no
    assert page.inner_text("#state") == "已受理"
    assert page.inner_text("#promised") == "2026年11月30日 周一"
    assert page.locator("#missing li").count() == 2
    _laid_out(page, "#missing")
    shoot(page, tmp_path, f"case-found-{backend}")

    page.goto(live_web.url(f"/c/{token}"))
    assert page.inner_text("#case-no") == case_no
    box = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert box[0] <= box[1], box  # nothing wider than the phone
    shoot(page, tmp_path, f"case-by-link-{backend}")
