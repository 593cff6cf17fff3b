"""The clerk sees the masked name of a ticket taken by ID card (to greet the citizen),
and a 绿色通道 the card's age earned as needing no check; never the name itself."""
import datetime as dt

from kiosk.queue.actions import calling, issuing, serving, staff
from kiosk.queue.rules.personal import CardReading
from tests.helpers import take
from tests.queue.test_id_card_rules import NUMBER_1950, set_rules
from tests.ui.window_client.conftest import idle, login, press


def test_the_current_ticket_shows_the_masked_holder(qtbot, ctx, make_client):
    set_rules(ctx, "A", "optional")
    staff.set_hall_setting(ctx, name="queue.green_channel_age", value=70)
    issuing.issue_ticket(ctx, prefix="A", card=CardReading(
        id_number=NUMBER_1950, name="欧阳娜娜", birth_date=dt.date(1950, 11, 23)))
    take(ctx)                                                  # A002, anonymous
    client = make_client(ctx, window=1)
    login(qtbot, client, "1001")
    panel = client.main.ticket_panel
    assert panel.values["holder"].text() == ""                 # nobody in hand yet

    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: panel.code.text() == "A001")
    assert panel.values["holder"].text() == "欧***（刷身份证取号）"
    assert panel.values["priority"].text() == "绿色通道·老年人（按年龄自动）"
    assert not panel.check_box.isVisible()                    # the card settled it
    shown = " ".join(label.text() for label in panel.values.values())
    assert "欧阳" not in shown and NUMBER_1950[-4:] not in shown

    # the next citizen (through the core, as another screen would; the feed tells it)
    serving.start(ctx, window=1, staff_no="1001")
    serving.finish(ctx, window=1, staff_no="1001", outcome="completed")
    calling.call_next(ctx, window=1, staff_no="1001")
    qtbot.waitUntil(lambda: panel.code.text() == "A002", timeout=10_000)
    idle(qtbot, client)
    assert panel.values["holder"].text() == "—"                # taken without a card
