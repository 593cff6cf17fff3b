"""Idle for the configured time on any screen: home, elder mode off, input cleared."""
from __future__ import annotations

from kiosk.queue.actions import staff

from kiosk.queue.reads import hall as hall_reads
from tests.ui.kiosk.conftest import click, open_guide, tap_and_wait
from tests.ui.kiosk.conftest import feed_from_start


def test_idle_timeout_comes_from_the_hall_setting(make_kiosk, sqlite_ctx):
    staff.set_hall_setting(sqlite_ctx, name="kiosk.idle_timeout_s", value=15)
    kiosk = make_kiosk(settings=hall_reads.effective_settings(sqlite_ctx))
    assert kiosk.controller.idle.timer.interval() == 15_000
    assert kiosk.controller.idle.timer.isActive()


def test_default_idle_timeout_is_a_minute(kiosk):
    assert kiosk.controller.idle.timer.interval() == 60_000


def test_idle_resets_everything(qtbot, make_kiosk, sqlite_ctx):
    settings = hall_reads.effective_settings(sqlite_ctx).with_values(
        kiosk__idle_timeout_s=10)
    kiosk = make_kiosk(settings=settings)
    w = kiosk.window
    assert kiosk.controller.idle.timer.interval() == 10_000
    click(qtbot, w.elder_button)
    assert w.elder
    click(qtbot, w.home.check_in_button)
    click(qtbot, w.check_in.phone_button)
    for digit in "138":
        click(qtbot, w.check_in.keypad.keys[digit])
    assert w.check_in.field.text() == "138"
    click(qtbot, w.home_button)
    click(qtbot, w.home.search_button)
    click(qtbot, w.search.keyboard.keys["G"])
    assert w.search.field.text() == "g"
    kiosk.controller.show_error("提示", "一条消息")

    with qtbot.waitSignal(kiosk.controller.reset_done):
        kiosk.controller.idle.timer.timeout.emit()
    assert w.current() is w.home
    assert not w.elder and not w.elder_button.isChecked()
    assert w.elder_button.text() == "长者模式"
    assert w.search.field.text() == ""
    assert w.check_in.field.text() == "" and w.check_in.mode == "code"
    assert not w.message.isVisible()
    assert w.home.department_pager.page == 0


def test_a_touch_restarts_the_idle_timer(qtbot, kiosk):
    timer = kiosk.controller.idle.timer
    timer.stop()
    click(qtbot, kiosk.window.home.search_button)
    assert timer.isActive()
    timer.stop()
    qtbot.keyClick(kiosk.window.search.field, "a")
    assert timer.isActive()


def test_idle_on_the_ticket_screen_goes_home(qtbot, kiosk):
    w = kiosk.window
    open_guide(qtbot, kiosk, "SCJG-001")
    click(qtbot, w.guide.take_button)
    tap_and_wait(qtbot, kiosk, w.take.ordinary_button)
    assert w.current() is w.ticket
    kiosk.controller.idle.timer.timeout.emit()
    assert w.current() is w.home
    assert not w.ticket.return_timer.isActive()


def test_a_changed_hall_setting_reaches_the_running_kiosk(qtbot, make_kiosk, sqlite_ctx):
    feed = feed_from_start(sqlite_ctx)
    kiosk = make_kiosk(feed=feed)
    feed.start()
    staff.set_hall_setting(sqlite_ctx, name="kiosk.idle_timeout_s", value=120)
    timer = kiosk.controller.idle.timer
    qtbot.waitUntil(lambda: timer.interval() == 120_000, timeout=10_000)
