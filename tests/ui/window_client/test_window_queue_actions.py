"""No-show and requeue, call a given number, transfer, pause/resume, first inquiry, and
shortcut keys taken from window.keys."""
from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk.queue.actions import calling

from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.models import FirstInquiry
from kiosk.queue.reads.hall import effective_settings
from tests.helpers import open_window, take
from tests.ui.window_client.conftest import idle, login, press


def shown(client) -> str:
    return client.main.ticket_panel.code.text()


def type_code(qtbot, client, form, code: str) -> None:
    qtbot.keyClicks(form.code, code)
    qtbot.keyClick(form.code, Qt.Key.Key_Return)


def test_recall_stops_at_the_maximum_then_no_show_and_requeue(qtbot, ctx, make_client,
                                                              clock):
    take(ctx)
    clock.advance(seconds=10)
    take(ctx)
    client = make_client(ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A001")
    for n in (1, 2, 3):
        press(qtbot, client, "recall")
        qtbot.waitUntil(lambda n=n: f"{n} / 3" in
                        client.main.ticket_panel.values["recalls"].text())
    idle(qtbot, client)
    assert not client.actions.is_enabled("recall")
    press(qtbot, client, "recall")
    assert "已重呼 3 次" in client.main.message.text()

    press(qtbot, client, "no_show")                                  # F3
    qtbot.waitUntil(lambda: shown(client) == "—")
    assert "A001 已按过号处理" in client.main.message.text()
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A002")
    press(qtbot, client, "finish")
    press(qtbot, client, "finish")
    qtbot.waitUntil(lambda: shown(client) == "—")

    press(qtbot, client, "requeue")                                  # F8: A001 came back
    assert client.main.forms.currentWidget() is client.main.requeue_form
    type_code(qtbot, client, client.main.requeue_form, "a1")
    qtbot.waitUntil(lambda: "A001 已重新排队" in client.main.message.text())
    idle(qtbot, client)
    assert "A001" in client.main.queue_panel.next_codes.text()
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A001")
    assert hall_reads.ticket(ctx, 1).no_show_count == 1


def test_call_a_given_number(qtbot, sqlite_ctx, make_client, clock):
    for _ in range(3):
        take(sqlite_ctx)
        clock.advance(seconds=10)
    client = make_client(sqlite_ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_number")                              # F7
    type_code(qtbot, client, client.main.call_form, "A003")
    qtbot.waitUntil(lambda: shown(client) == "A003")
    press(qtbot, client, "finish")
    press(qtbot, client, "finish")
    qtbot.waitUntil(lambda: shown(client) == "—")
    press(qtbot, client, "call_number")
    type_code(qtbot, client, client.main.call_form, "B001")          # no such ticket today
    qtbot.waitUntil(lambda: client.main.message.tone == "error")
    assert "今天没有 B001 号" in client.main.message.text()
    qtbot.keyClick(client.main.call_form.code, Qt.Key.Key_Escape)
    assert client.main.forms.currentIndex() == 0


def test_transfer_keeps_the_tickets_place_in_time(qtbot, ctx, make_client, clock):
    take(ctx, "SCJG-001")                 # A001 at 09:30
    clock.advance(minutes=5)
    take(ctx, "WJW-002")                  # B001 at 09:35, already waiting at window 3
    client = make_client(ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A001")
    idle(qtbot, client)
    press(qtbot, client, "transfer")                                 # F5
    form = client.main.transfer_form
    form.targets.select_value(("prefix", "B"))
    form.note.insert("需办理食品经营许可")
    qtbot.keyClick(form.targets, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(client) == "—")
    assert "A001 已转办" in client.main.message.text()
    open_window(ctx, 3)                   # the B window calls: A001 first (一票到底)
    assert calling.call_next(ctx, window=3, staff_no="1003").ticket.code == "A001"
    ticket = hall_reads.ticket(ctx, 1)
    assert ticket.transfer_count == 1 and ticket.note == "需办理食品经营许可"


def test_transfer_to_a_window(qtbot, sqlite_ctx, make_client):
    take(sqlite_ctx)
    open_window(sqlite_ctx, 4)
    client = make_client(sqlite_ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A001")
    idle(qtbot, client)
    press(qtbot, client, "transfer")
    client.main.transfer_form.targets.select_value(("window", 4))
    press(qtbot, client, "transfer")               # the key again confirms
    qtbot.waitUntil(lambda: shown(client) == "—")
    assert hall_reads.ticket(sqlite_ctx, 1).target_window_id is not None


def test_pause_shows_on_the_window_and_the_pad_and_resumes(qtbot, ctx, make_client,
                                                          make_pad):
    pad = make_pad(ctx, window=1)
    client = make_client(ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "pause")                                    # F6
    form = client.main.pause_form
    qtbot.keyClick(form.reasons, Qt.Key.Key_2)                       # 会议
    form.back.setCurrentIndex(1)                                     # back in 30 minutes
    qtbot.keyClick(form.reasons, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: client.main.pause_notice.isVisible())
    assert "暂停服务中：会议" in client.main.pause_notice.text()
    assert "10:00" in client.main.pause_notice.text()                # 09:30 + 30 min
    assert "状态：暂停服务" in client.main.header.text()
    assert "恢复服务" in client.actions.buttons["pause"].text()
    assert not client.actions.is_enabled("call_next")
    press(qtbot, client, "call_next")
    assert "请先按［F6］恢复服务" in client.main.message.text()
    window = next(w for w in hall_reads.windows(ctx) if w.number == 1)
    assert (window.state, window.pause_reason) == ("paused", "会议")
    qtbot.waitUntil(lambda: "暂停服务" in pad.identity.status.text(), timeout=5000)

    press(qtbot, client, "pause")                                    # F6 again: resume
    qtbot.waitUntil(lambda: not client.main.pause_notice.isVisible())
    assert "状态：服务中" in client.main.header.text()
    assert client.actions.is_enabled("call_next")
    qtbot.waitUntil(lambda: "欢迎办理业务" in pad.identity.status.text(), timeout=5000)


def test_first_inquiry_is_recorded(qtbot, sqlite_ctx, make_client):
    client = make_client(sqlite_ctx, window=1)
    login(qtbot, client, "1001")
    client.actions.buttons["inquiry"].click()           # no key by default
    form = client.main.inquiry_form
    form.question.insert("个体户注销要带什么材料")
    form.referred_to.insert("4 号窗口")
    qtbot.keyClick(form.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "首问登记已保存" in client.main.message.text())
    with sqlite_ctx.db.read() as session:
        row = session.scalars(select(FirstInquiry)).one()
        assert (row.question, row.referred_to) == ("个体户注销要带什么材料", "4 号窗口")


def test_keys_come_from_the_window_keys_setting(qtbot, sqlite_ctx, make_client):
    take(sqlite_ctx)
    settings = effective_settings(sqlite_ctx).with_values(
        window__keys='{"call_next": "F9", "start": "Ctrl+S"}')
    client = make_client(sqlite_ctx, window=1, settings=settings)
    login(qtbot, client, "1001")
    assert "［F9］" in client.actions.buttons["call_next"].text()
    assert "［F2］" in client.actions.buttons["recall"].text()   # the declared default
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A001")
    press(qtbot, client, "start")
    qtbot.waitUntil(lambda: "办理中" in client.main.ticket_panel.values["state"].text())
    assert hall_reads.ticket(sqlite_ctx, 1).state == "serving"


def test_sign_out_returns_to_login(qtbot, sqlite_ctx, make_client):
    client = make_client(sqlite_ctx, window=1)
    login(qtbot, client, "1001")
    client.actions.buttons["sign_out"].click()
    qtbot.waitUntil(lambda: not client.signed_in)
    assert "已退出登录" in client.login_page.message.text()
    window = next(w for w in hall_reads.windows(sqlite_ctx) if w.number == 1)
    assert window.state == "closed"


def test_transfer_to_a_closed_window_is_refused_on_the_clerks_screen(qtbot, sqlite_ctx,
                                                                     make_client):
    take(sqlite_ctx)
    client = make_client(sqlite_ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A001")
    idle(qtbot, client)
    press(qtbot, client, "transfer")
    client.main.transfer_form.targets.select_value(("window", 4))
    press(qtbot, client, "transfer")
    qtbot.waitUntil(lambda: client.main.message.tone == "error")
    assert "4号窗口未开放" in client.main.message.text()
    assert shown(client) == "A001"  # still the clerk's ticket
