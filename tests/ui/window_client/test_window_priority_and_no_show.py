"""The clerk sees 绿色通道 and 预约 tickets marked in words, checks a 绿色通道 claim at the
counter, and is asked before a 过号 pressed right after the call."""
import datetime as dt

from sqlalchemy import select

from kiosk.queue.actions import appointments
from kiosk.queue.store.models import Ticket
from tests.helpers import take
from tests.ui.window_client.conftest import idle, login, press


def shown(client) -> str:
    return client.main.ticket_panel.code.text()


def row(ctx, code):
    with ctx.db.read() as session:
        ticket = session.scalar(select(Ticket).where(Ticket.code == code))
        return ticket.state.value, ticket.priority.value, ticket.priority_check


def test_next_up_marks_priority_and_appointment_in_words(qtbot, ctx, make_client, clock):
    take(ctx)                                                  # A001 ordinary
    take(ctx, priority="elderly")                              # A002 claims 绿色通道
    booking = appointments.record_booking(
        ctx, item_code="SCJG-001", day=dt.date(2026, 11, 23), slot_start=dt.time(9, 30),
        slot_minutes=30, name="张三", phone="13800138000")
    appointments.check_in(ctx, code=booking, phone_last_four="8000")   # A003, due now
    client = make_client(ctx, window=1)
    login(qtbot, client, "1001")
    text = client.main.queue_panel.next_codes.text()
    assert text.splitlines() == ["接下来：", "A003  【预约 09:30】",
                                 "A002  【绿色通道·老年人（待核验）】", "A001"]


def test_confirm_a_claim_at_the_counter(qtbot, ctx, make_client):
    take(ctx, priority="pregnant")
    client = make_client(ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_next")
    box = client.main.ticket_panel.check_box
    qtbot.waitUntil(lambda: box.isVisible())
    assert "A001 号申请绿色通道·孕妇" in box.question.text()
    assert "（待核验）" in client.main.ticket_panel.values["priority"].text()
    box.confirm_button.click()
    qtbot.waitUntil(lambda: "A001 号绿色通道已核验确认" in client.main.message.text())
    idle(qtbot, client)
    assert not box.isVisible() and shown(client) == "A001"
    assert client.main.ticket_panel.values["priority"].text() == "绿色通道·孕妇"
    assert row(ctx, "A001") == ("called", "pregnant", "confirmed")


def test_reject_a_claim_sends_the_ticket_back_as_ordinary(qtbot, ctx, make_client, clock):
    take(ctx)                                                  # A001 ordinary, older
    clock.advance(seconds=10)
    take(ctx, priority="military")                             # A002 claims
    client = make_client(ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A002")
    box = client.main.ticket_panel.check_box
    qtbot.waitUntil(lambda: box.isVisible())
    box.reject_button.click()
    qtbot.waitUntil(lambda: shown(client) == "—")
    assert "A002 号不符合绿色通道条件" in client.main.message.text()
    idle(qtbot, client)
    assert client.main.queue_panel.next_codes.text().splitlines() == [
        "接下来：", "A001", "A002"]
    assert row(ctx, "A002") == ("waiting", "none", None)


def test_no_show_right_after_the_call_asks_first(qtbot, ctx, make_client, clock):
    take(ctx)
    take(ctx)
    client = make_client(ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A001")
    idle(qtbot, client)
    clock.advance(seconds=3)
    press(qtbot, client, "no_show")                                  # F3: too soon
    form = client.main.no_show_form
    assert client.main.forms.currentWidget() is form
    assert "确认 A001 号过号" in form.title.text() and "叫号才 3 秒" in form.explain.text()
    idle(qtbot, client)
    assert row(ctx, "A001")[0] == "called"                           # nothing was sent
    press(qtbot, client, "no_show")                                  # F3 again confirms
    qtbot.waitUntil(lambda: shown(client) == "—")
    assert "A001 已按过号处理" in client.main.message.text()

    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A002")
    idle(qtbot, client)
    clock.advance(seconds=60)                                        # waited a minute
    press(qtbot, client, "no_show")
    qtbot.waitUntil(lambda: shown(client) == "—")
    assert client.main.forms.currentIndex() == 0


def test_cancelling_the_no_show_question_keeps_the_call(qtbot, sqlite_ctx, make_client):
    take(sqlite_ctx)
    client = make_client(sqlite_ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A001")
    idle(qtbot, client)
    press(qtbot, client, "no_show")
    client.main.no_show_form.cancel_button.click()
    assert client.main.forms.currentIndex() == 0
    press(qtbot, client, "no_show")                                  # asked again...
    assert client.main.forms.currentWidget() is client.main.no_show_form
    press(qtbot, client, "recall")                                   # ...recall instead
    qtbot.waitUntil(lambda: "1 / 3" in client.main.ticket_panel.values["recalls"].text())
    idle(qtbot, client)
    assert client.main.forms.currentIndex() == 0                     # the question closed
    press(qtbot, client, "no_show")                                  # one recall: enough
    qtbot.waitUntil(lambda: shown(client) == "—")
    assert row(sqlite_ctx, "A001")[0] == "no_show"
