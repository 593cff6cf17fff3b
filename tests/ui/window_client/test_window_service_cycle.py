"""A whole service cycle by keyboard alone, with the citizen rating on the pad."""
from PySide6.QtCore import Qt

from kiosk.queue.reads import hall as hall_reads
from tests.helpers import take
from tests.ui.window_client.conftest import activate, idle, login, press, ratings


def shown(client) -> str:
    return client.main.ticket_panel.code.text()


def test_call_recall_finish_rate_and_unrated_timeout_by_keys(qtbot, ctx, make_client,
                                                             make_pad, clock):
    take(ctx)
    clock.advance(seconds=30)
    take(ctx)
    pad = make_pad(ctx, window=1)
    client = make_client(ctx, window=1)
    login(qtbot, client, "1001")
    qtbot.waitUntil(lambda: "王芳" in pad.identity.name.text())   # 亮身份
    assert "1001" in pad.identity.staff_no.text()
    assert "A 企业开办：等候 2 人" in client.main.queue_panel.counts.text()
    assert "接下来：\nA001\nA002" in client.main.queue_panel.next_codes.text()

    press(qtbot, client, "call_next")                                # F1
    qtbot.waitUntil(lambda: shown(client) == "A001")
    assert "已叫号" in client.main.message.text()
    press(qtbot, client, "recall")                                   # F2
    qtbot.waitUntil(lambda: "1 / 3" in client.main.ticket_panel.values["recalls"].text())
    qtbot.waitUntil(lambda: "正在为 A001 号办理" in pad.identity.status.text())

    press(qtbot, client, "finish")                                   # F4 opens the form
    assert client.main.forms.currentWidget() is client.main.finish_form
    assert client.main.finish_form.outcomes.value() == "completed"
    qtbot.keyClick(client.main.finish_form.outcomes, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(client) == "—")
    assert "A001 已办结" in client.main.message.text()
    # the pad asks the citizen; the clerk's screen shows nothing of it
    qtbot.waitUntil(lambda: pad.page == "rate", timeout=5000)
    assert "A001" in pad.rate_page.question.text()
    assert "评价" not in client.main.ticket_panel.values["state"].text()
    qtbot.keyClick(pad, Qt.Key.Key_5)                               # 非常满意
    qtbot.waitUntil(lambda: ratings(ctx) == [("A001", 5, [])])
    assert pad.page == "thanks"
    qtbot.waitUntil(lambda: "非常满意 1" in client.main.figures_panel.ratings.text())

    # the next citizen leaves without rating: the pad's timer records 未评
    activate(qtbot, client)
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A002")
    press(qtbot, client, "finish")
    press(qtbot, client, "finish")                    # the finish key again confirms
    qtbot.waitUntil(lambda: pad.page == "rate" and pad.ticket is not None
                    and pad.ticket[1] == "A002", timeout=5000)
    assert pad.rating_timer.isActive()
    assert pad.rating_timer.interval() == 30_000     # rating.timeout_s
    pad.rating_timer.timeout.emit()                   # the timeout, without waiting 30 s
    qtbot.waitUntil(lambda: ratings(ctx) == [("A001", 5, []), ("A002", None, [])])
    assert pad.page == "identity"
    idle(qtbot, client)
    qtbot.waitUntil(lambda: "未评 1" in client.main.figures_panel.ratings.text())
    assert "已办结 2 件" in client.main.figures_panel.served.text()


def test_a_bad_rating_asks_for_reasons(qtbot, sqlite_ctx, make_client, make_pad):
    take(sqlite_ctx)
    pad = make_pad(sqlite_ctx, window=1)
    client = make_client(sqlite_ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A001")
    press(qtbot, client, "finish")
    press(qtbot, client, "finish")
    qtbot.waitUntil(lambda: pad.page == "rate", timeout=5000)
    qtbot.mouseClick(pad.rate_page.buttons[2], Qt.MouseButton.LeftButton)   # 不满意
    assert pad.page == "reasons"
    qtbot.keyClick(pad, Qt.Key.Key_Return)             # no reason yet: asked again
    assert "至少选择一项" in pad.reasons_page.message.text()
    qtbot.keyClick(pad, Qt.Key.Key_5)                  # 5 = 等候时间长
    qtbot.mouseClick(pad.reasons_page.checks[1], Qt.MouseButton.LeftButton)
    pad.reasons_page.comment.insert("排队太久")   # (QTest types ASCII only)
    qtbot.keyClick(pad.reasons_page.comment, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ratings(sqlite_ctx) == [("A001", 2, ["服务态度差", "等候时间长"])])


def test_finish_outcomes_and_errors_in_the_message_area(qtbot, sqlite_ctx, make_client):
    take(sqlite_ctx, "SCJG-001")        # instant item
    take(sqlite_ctx, "SCJG-004", prefix="B")  # promised item, queue B
    client = make_client(sqlite_ctx, window=2)   # window 2 serves A and B
    login(qtbot, client, "1002")
    press(qtbot, client, "recall")                   # nothing called: said, not done
    assert "没有已叫号" in client.main.message.text()
    assert client.main.message.tone == "error"
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A001")
    idle(qtbot, client)
    press(qtbot, client, "finish")
    qtbot.keyClick(client.main.finish_form.outcomes, Qt.Key.Key_2)   # 受理: promised only
    qtbot.keyClick(client.main.finish_form.outcomes, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "只适用于承诺件" in client.main.message.text())
    assert client.main.forms.currentWidget() is client.main.finish_form  # still open
    qtbot.keyClick(client.main.finish_form.outcomes, Qt.Key.Key_3)   # 一次性告知
    client.main.finish_form.note.insert("缺章程")
    qtbot.keyClick(client.main.finish_form.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(client) == "—")
    assert "一次性告知" in client.main.message.text()
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "B001")
    idle(qtbot, client)
    press(qtbot, client, "finish")
    assert client.main.finish_form.outcomes.value() == "accepted"   # offered first
    qtbot.keyClick(client.main.finish_form.outcomes, Qt.Key.Key_Return)
    assert client.main.finish_form.case_step                         # 受理登记: the phone
    qtbot.keyClick(client.main.finish_form.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(client) == "—")
    ticket = hall_reads.ticket(sqlite_ctx, 2)
    assert (ticket.code, ticket.outcome) == ("B001", "accepted")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: "当前没有等候的号码" in client.main.message.text())


def test_finish_and_call_next_in_one_press_and_the_pad_asks_for_the_finished(
        qtbot, ctx, make_client, make_pad):
    """办结并叫号 (F11): a 即办件 is finished and the next citizen called by one key;
    the pad asks for the rating of the ticket just finished, not the one called."""
    take(ctx)
    take(ctx)
    pad = make_pad(ctx, window=1)
    client = make_client(ctx, window=1)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "A001")
    idle(qtbot, client)
    qtbot.waitUntil(lambda: client.main._item_kind == "instant")
    press(qtbot, client, "finish_and_call")                         # F11
    qtbot.waitUntil(lambda: shown(client) == "A002")
    assert "A001 已办结" in client.main.message.text()
    assert "已叫号：A002" in client.main.message.text()
    assert client.main.forms.currentWidget() is not client.main.finish_form  # no form
    qtbot.waitUntil(lambda: pad.page == "rate" and pad.ticket is not None
                    and pad.ticket[1] == "A001", timeout=5000)
    qtbot.keyClick(pad, Qt.Key.Key_4)                               # 满意
    qtbot.waitUntil(lambda: ratings(ctx) == [("A001", 4, [])])


def test_finish_and_call_for_a_promised_item_asks_for_the_outcome(qtbot, sqlite_ctx,
                                                                   make_client):
    take(sqlite_ctx, "SCJG-004", prefix="B")  # a 承诺件, queue B (window 3)
    take(sqlite_ctx, "SCJG-004", prefix="B")
    client = make_client(sqlite_ctx, window=3)
    login(qtbot, client, "1003")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: shown(client) == "B001")
    idle(qtbot, client)
    qtbot.waitUntil(lambda: client.main._item_kind == "promised")
    press(qtbot, client, "finish_and_call")
    assert client.main.forms.currentWidget() is client.main.finish_form
    assert "并叫下一位" in client.main.finish_form.title.text()
    assert client.main.finish_form.outcomes.value() == "accepted"
    press(qtbot, client, "finish_and_call")                         # the key again confirms
    assert "受理登记" in client.main.finish_form.title.text()          # then 受理登记
    press(qtbot, client, "finish_and_call")
    qtbot.waitUntil(lambda: shown(client) == "B002")
    assert hall_reads.ticket(sqlite_ctx, 1).outcome == "accepted"
