"""The ticket page in a real browser (Debian's chromium, phone viewport): it follows a
window's call live, offers the rating once finished, and takes one rating only.
Screenshots go to the test's folder and /tmp/web_shots for a person to look at."""
from __future__ import annotations

from kiosk.queue.actions import calling, serving
from kiosk.queue.demo import clerk_no
from tests.helpers import open_window, take
from tests.web.conftest import shoot

LAID_OUT = """(selector) => document.fonts.ready.then(() => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return {fonts: document.fonts.status, width: box.width, height: box.height};
})"""


def _laid_out(page, selector: str) -> None:
    """The element's text is drawn: fonts loaded and a real box (not collapsed)."""
    box = page.evaluate(LAID_OUT, selector)
    assert box["fonts"] == "loaded" and box["width"] > 0 and box["height"] > 0, box


def test_the_page_follows_the_call_and_rates_once(ctx, live_web, phone_page, tmp_path):
    backend = ctx.db.backend
    take(ctx)
    mine = take(ctx).ticket
    url = live_web.url(f"/t/{mine.web_token}")
    page = phone_page
    page.goto(url)
    page.wait_for_selector('#ticket[data-live="1"]')  # the SSE stream is open
    assert page.inner_text("#code") == mine.code
    assert page.inner_text("#ahead") == "1"
    _laid_out(page, "#state")
    shoot(page, tmp_path, f"ticket-waiting-{backend}")

    open_window(ctx, 4)
    calling.call_next(ctx, window=4, staff_no=clerk_no(4))  # the one ahead
    page.wait_for_selector('#ahead:text-is("0")')
    serving.start(ctx, window=4, staff_no=clerk_no(4))
    serving.finish(ctx, window=4, staff_no=clerk_no(4), outcome="completed")
    calling.call_next(ctx, window=4, staff_no=clerk_no(4))  # mine, live
    page.wait_for_selector("#called:not(.hidden)")
    assert " ".join(page.inner_text("#called").split()) == "请到 4 号窗口办理"
    _laid_out(page, "#called")
    shoot(page, tmp_path, f"ticket-called-{backend}")

    serving.start(ctx, window=4, staff_no=clerk_no(4))
    serving.finish(ctx, window=4, staff_no=clerk_no(4), outcome="completed")
    page.wait_for_selector("#rate-form")  # the page redrew itself with the form
    other = page.context.new_page()  # a second tab, still showing the form
    other.goto(url)
    shoot(page, tmp_path, f"ticket-rate-{backend}")

    page.click("#rate-form button[value='2']")  # 不满意 without a reason: asked for one
    page.wait_for_selector("#reasons.asked")
    assert "请选择不满意的原因" in page.inner_text("main")
    _laid_out(page, "#reasons legend")
    shoot(page, tmp_path, f"ticket-rate-needs-reason-{backend}")
    page.click("#rate-form button[value='4']")
    page.wait_for_selector("text=感谢您的评价")
    assert "本次服务已评价：满意（手机）" in page.inner_text("main")
    assert page.query_selector("#rate-form") is None
    shoot(page, tmp_path, f"ticket-rated-{backend}")

    other.click("#rate-form button[value='5']")
    other.wait_for_selector("text=每张号票只能评价一次")
    assert "已评价（手机）" in other.inner_text(".message.error")
    shoot(other, tmp_path, f"ticket-rated-twice-{backend}")
    other.close()

