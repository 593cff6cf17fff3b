"""A ticket taken by ID card prints its holder masked (张*), under the number; a ticket
without a card prints no holder line."""
from __future__ import annotations

import pytest

from kiosk.printing import PrintFormat, render
from kiosk.printing.blocks import Text
from kiosk.printing.layouts import ticket_blocks
from tests.printing.slip_samples import ticket


def texts(slip) -> list[str]:
    return [block.text for block in ticket_blocks(slip) if isinstance(block, Text)]


def test_the_holder_line_follows_the_priority_line():
    lines = texts(ticket(priority_label="绿色通道（按年龄自动）", holder_masked="欧***"))
    at = lines.index("【绿色通道（按年龄自动）】")
    assert lines[at + 1] == "持证人：欧***（刷身份证取号）"
    assert not any("持证人" in line for line in texts(ticket()))


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_the_holder_is_printed_on_either_paper(paper_mm):
    data = render(ticket(holder_masked="张*"), PrintFormat(paper_mm, "gb18030"))
    assert "持证人：张*".encode("gb18030") in data
