"""Login: good, bad, lockout; a window held by another; B岗 takeover."""
from kiosk.queue.actions import calling, staff
from kiosk.queue.store.models import Event
from sqlalchemy import select

from tests.helpers import open_window, take
from tests.ui.window_client.conftest import login, try_login


def test_good_login_opens_the_main_screen(qtbot, sqlite_ctx, make_client):
    client = make_client(sqlite_ctx, window=1)
    login(qtbot, client, "1001")
    header = client.main.header.text()
    # the window named once: its name already says its number
    assert header.startswith("企业开办1号窗口 · 王芳") and "1 号窗口" not in header
    assert "服务中" in client.main.header.text()
    assert "登录成功" in client.main.message.text()


def test_bad_password_says_how_many_tries_are_left(qtbot, sqlite_ctx, make_client):
    client = make_client(sqlite_ctx, window=1)
    text = try_login(qtbot, client, "1001", "wrong")
    assert "工号或密码错误" in text and "再错 4 次" in text
    assert not client.signed_in


def test_five_failures_lock_the_account_until_a_manager_unlocks(qtbot, sqlite_ctx,
                                                                 make_client):
    client = make_client(sqlite_ctx, window=1)
    for _ in range(5):
        text = try_login(qtbot, client, "1001", "wrong")
    assert "已锁定" in text
    text = try_login(qtbot, client, "1001", "123456")   # right password, still locked
    assert "账号已锁定" in text and "联系管理员解锁" in text
    assert not client.signed_in
    staff.unlock_staff(sqlite_ctx, staff_no="1001", by="9001")   # the manager app does this
    login(qtbot, client, "1001")


def test_window_chosen_at_login(qtbot, sqlite_ctx, make_client):
    client = make_client(sqlite_ctx, window=None)
    page = client.login_page
    page.window_choice.setCurrentIndex(page.window_choice.findData(3))
    login(qtbot, client, "1003")
    assert client.main.window_number == 3


def test_a_window_held_by_another_is_refused(qtbot, sqlite_ctx, make_client):
    open_window(sqlite_ctx, 1)                       # 王芳 (1001) holds window 1
    client = make_client(sqlite_ctx, window=1)
    text = try_login(qtbot, client, "1003", "123456")
    assert "已由 王芳" in text
    assert not client.signed_in


def test_backup_takes_over_and_the_first_client_is_signed_out(qtbot, ctx, make_client):
    take(ctx)
    first = make_client(ctx, window=1)
    login(qtbot, first, "1001")
    calling.call_next(ctx, window=1, staff_no="1001")
    second = make_client(ctx, window=1)
    login(qtbot, second, "1002")                     # B岗 of window 1
    assert "B岗接管" in second.main.message.text()
    qtbot.waitUntil(lambda: second.main.ticket_panel.code.text() == "A001")
    # the first clerk's app learns it from the feed and goes back to login
    qtbot.waitUntil(lambda: not first.signed_in, timeout=5000)
    assert "已由 李娜" in first.login_page.message.text()
    with ctx.db.read() as session:
        event = session.scalars(select(Event).where(
            Event.action == "backup_took_over")).one()
        assert event.payload["from_staff_no"] == "1001" and event.actor == "staff:1002"


def test_the_window_fixed_by_the_window_number_setting(qtbot, sqlite_ctx, make_client):
    from kiosk.queue.reads.hall import effective_settings

    settings = effective_settings(sqlite_ctx).with_values(window__number=4)
    client = make_client(sqlite_ctx, window=None, settings=settings)
    assert client.login_page.window_choice.isHidden()
    assert "4 号窗口" in client.login_page.window_label.text()
    login(qtbot, client, "1004")
    assert client.main.window_number == 4
