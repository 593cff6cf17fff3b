"""Booking and the remote ticket in a real browser (Debian's chromium, phone viewport):
a booking is made and checked in at the kiosk, a cancelled booking frees its slot, a
remote ticket lands on its ticket page. Screenshots: /tmp/web_shots/booking-*.png."""
from __future__ import annotations

import datetime as dt

from kiosk.queue.actions import appointments
from kiosk.queue.reads import booking as reads
from tests.conftest import HALL_TZ
from tests.web.conftest import shoot
from tests.web.test_booking_pages import ITEM, PHONE, TUESDAY, person

SLOT_LEFT = 'label.slot:has(input[value="{}"]) .slot-left'
DRAWN = """(selector) => document.fonts.ready.then(() => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return {fonts: document.fonts.status, width: box.width, height: box.height};
})"""


def _drawn(page, selector: str) -> None:
    box = page.evaluate(DRAWN, selector)
    assert box["fonts"] == "loaded" and box["width"] > 0 and box["height"] > 0, box


def _fill_and_book(page, slot: str = "09:00", id_number: str = person(1)) -> None:
    page.check(f'input[name="slot"][value="{slot}"]')
    page.fill("#name", "张三")
    page.fill("#phone", PHONE)
    page.fill("#id_number", id_number)
    page.click("button:text('确认预约')")


def test_a_booking_is_made_and_checked_in_at_the_kiosk(ctx, clock, live_web, phone_page,
                                                       tmp_path):
    backend, page = ctx.db.backend, phone_page
    page.goto(live_web.url("/book"))
    _drawn(page, "h1")
    shoot(page, tmp_path, f"booking-items-{backend}")
    page.fill("#q", "公积金")
    page.click("button:text('搜索')")
    page.wait_for_selector("text=共 4 项")
    shoot(page, tmp_path, f"booking-search-{backend}")
    page.click(f'a[href="/book/{ITEM}"]')
    page.wait_for_selector(f'a[href="/book/{ITEM}/{TUESDAY}"]')
    shoot(page, tmp_path, f"booking-days-{backend}")
    page.click(f'a[href="/book/{ITEM}/{TUESDAY}"]')
    assert page.inner_text(SLOT_LEFT.format("09:00")) == "余 4 个"

    # a refusal answers 400, which chromium logs as a console error: another tab
    refused = page.context.new_page()
    refused.goto(page.url)
    bad = person(1)[:-1] + ("1" if person(1)[-1] != "1" else "2")  # wrong check digit
    _fill_and_book(refused, id_number=bad)
    refused.wait_for_selector(".message.error")
    assert "身份证号码不正确" in refused.inner_text(".message.error")
    assert refused.input_value("#name") == "张三"
    assert refused.input_value("#id_number") == ""
    shoot(refused, tmp_path, f"booking-refused-{backend}")
    refused.close()

    _fill_and_book(page)
    page.wait_for_selector("#booking-code")
    _drawn(page, "#booking-code")
    _drawn(page, "svg.qr")
    code = page.inner_text("#booking-code")
    token = page.url.rsplit("/", 1)[1]
    assert reads.booking_by_token(ctx, token).code == code
    shown = page.inner_text("main")
    assert "138****8000" in shown and "可在 07:00 前取消" in shown
    shoot(page, tmp_path, f"booking-done-{backend}")

    clock.set(dt.datetime(2026, 11, 24, 9, 5, tzinfo=HALL_TZ))     # at the kiosk
    ticket = appointments.check_in(ctx, code=code, phone_last_four=PHONE[-4:]).ticket
    assert ticket.code.startswith("E") and ticket.appointment_id is not None
    page.reload()
    assert "已签到取号" in page.inner_text("main") and page.query_selector("svg.qr") is None
    shoot(page, tmp_path, f"booking-checked-in-{backend}")


def test_a_cancelled_booking_frees_its_slot(ctx, live_web, phone_page, tmp_path):
    backend, page = ctx.db.backend, phone_page
    slots = live_web.url(f"/book/{ITEM}/{TUESDAY}")
    for n in range(3):   # 10:00 keeps one place
        appointments.book_appointment(
            ctx, item_code=ITEM, day=dt.date(2026, 11, 24), slot_start=dt.time(10),
            name="王五", phone=f"1370000000{n}", id_number=person(10 + n))
    page.goto(slots)
    assert page.inner_text(SLOT_LEFT.format("10:00")) == "余 1 个"
    _fill_and_book(page, slot="10:00")
    page.wait_for_selector("#booking-code")
    confirmation = page.url
    page.goto(slots)
    assert page.inner_text('li:has-text("10:00-10:30") .slot-left') == "已约满"
    assert page.query_selector('input[value="10:00"]') is None
    shoot(page, tmp_path, f"booking-slots-full-{backend}")

    page.goto(confirmation)
    page.click("summary:text('取消预约')")
    page.wait_for_selector("button:text('确定取消')")
    shoot(page, tmp_path, f"booking-cancel-confirm-{backend}")
    page.click("button:text('确定取消')")
    page.wait_for_selector("text=名额已释放")
    assert page.inner_text("h1") == "预约已取消"
    shoot(page, tmp_path, f"booking-cancelled-{backend}")
    page.goto(slots)
    assert page.inner_text(SLOT_LEFT.format("10:00")) == "余 1 个"
    shoot(page, tmp_path, f"booking-slots-{backend}")


def test_a_remote_ticket_lands_on_its_ticket_page(ctx, clock, live_web, phone_page,
                                                  tmp_path):
    backend, page = ctx.db.backend, phone_page
    page.goto(live_web.url("/remote"))
    _drawn(page, "h1")
    shoot(page, tmp_path, f"booking-remote-{backend}")
    item = page.locator('details:has(form[action="/remote/RSJ-001"])')
    item.locator("summary").click()
    item.locator('input[name="phone"]').fill(PHONE)
    shoot(page, tmp_path, f"booking-remote-open-{backend}")
    item.locator("button").click()
    page.wait_for_url("**/t/*")
    page.wait_for_selector("#code")
    assert page.inner_text("#code").startswith("C")
    shoot(page, tmp_path, f"booking-remote-ticket-{backend}")

    clock.set(dt.datetime(2026, 11, 23, 18, 0, tzinfo=HALL_TZ))
    page.goto(live_web.url("/remote"))
    assert "下次开放时间：11月24日 周二 09:00" in page.inner_text("main")
    shoot(page, tmp_path, f"booking-remote-closed-{backend}")
