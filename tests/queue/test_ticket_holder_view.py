"""What a ticket taken by ID card shows: the masked holder and a 绿色通道 by age, in the
kiosk's result, the window's current ticket and the printed slip; never the name or
the number themselves."""
from __future__ import annotations

import datetime as dt

from kiosk.printing import PrintFormat, render
from kiosk.queue.actions import calling, issuing, staff
from kiosk.queue.reads import window as window_reads
from kiosk.queue.rules.personal import CardReading
from tests.helpers import clerk_no, open_window
from tests.queue.test_id_card_rules import NUMBER_1950, set_rules

ELDER = CardReading(id_number=NUMBER_1950, name="欧阳娜娜", birth_date=dt.date(1950, 11, 23))


def _slip_bytes(result) -> bytes:
    from kiosk.ui.kiosk.slips_from import ticket_slip

    slip = ticket_slip(result, hall_name="示例大厅", hall_code="demo",
                       timezone="Asia/Shanghai")
    return render(slip, PrintFormat(80, "gb18030"))


def test_a_ticket_by_card_carries_the_masked_holder_everywhere(ctx):
    set_rules(ctx, "A", "optional")
    staff.set_hall_setting(ctx, name="queue.green_channel_age", value=70)
    done = issuing.issue_ticket(ctx, prefix="A", card=ELDER)
    assert (done.holder_masked, done.priority_check) == ("欧***", "by_age")
    assert done.ticket.priority == "elderly"

    printed = _slip_bytes(done)
    assert "欧***".encode("gb18030") in printed
    assert "绿色通道（按年龄自动）".encode("gb18030") in printed
    assert "欧阳娜娜".encode("gb18030") not in printed
    assert NUMBER_1950.encode() not in printed and NUMBER_1950[-4:].encode() not in printed

    open_window(ctx, 1)
    calling.call_next(ctx, window=1, staff_no=clerk_no(1))
    current = window_reads.window_screen(ctx, 1).current
    assert current.code == done.ticket.code
    assert (current.holder_masked, current.priority_check) == ("欧***", "by_age")
    assert not window_reads.window_screen(ctx, 1).current_needs_check


def test_an_anonymous_ticket_has_no_holder_and_a_claimed_priority(ctx):
    done = issuing.issue_ticket(ctx, prefix="A", priority="elderly")
    assert (done.holder_masked, done.priority_check) == (None, "claimed")
    printed = _slip_bytes(done)
    assert "持证人".encode("gb18030") not in printed
    assert "绿色通道·老年人（待窗口确认）".encode("gb18030") in printed
