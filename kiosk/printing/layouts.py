"""What goes on each slip, top to bottom, as blocks (see ``blocks``).

Only Chinese wording and order live here; wrapping, sizes in dots and ESC/POS commands
belong to the writers. Labels are followed by a hanging indent of their own width so
a wrapped value lines up under its first line.
"""
from __future__ import annotations

import datetime as dt

from kiosk.printing.blocks import Block, Gap, Qr, Rule, Text
from kiosk.printing.case_notice import CaseNoticeSlip, case_notice_blocks
from kiosk.printing.slips import (
    LocalTime,
    Material,
    NoticeSlip,
    Slip,
    TestPage,
    TicketSlip,
)
from kiosk.printing.textwrap_cjk import display_width

TEST_PAGE_QR = "kiosk-hall print test"
#: under a ticket's QR code when it links to the ticket's phone page (web.base_url set)
TICKET_QR_CAPTION = "微信扫码查看排队进度"
#: the ticket number's size multipliers: a 24-dot cell 5 times as tall (120 dots, 15 mm
#: at 8 dots/mm; real tickets print 10-15 mm) and 4 times as wide (48 dots a character,
#: so eight characters still fit the 384 dots of 58 mm paper)
NUMBER_WIDTH, NUMBER_HEIGHT = 4, 5


def layout(slip: Slip) -> list[Block]:
    """The blocks of any slip."""
    if isinstance(slip, TicketSlip):
        return ticket_blocks(slip)
    if isinstance(slip, NoticeSlip):
        return notice_blocks(slip)
    if isinstance(slip, TestPage):
        return print_test_blocks(slip)
    if isinstance(slip, CaseNoticeSlip):
        return case_notice_blocks(slip)
    raise TypeError(f"cannot lay out {type(slip).__name__}")


def format_local_time(value: LocalTime) -> str:
    """A hall wall-clock time as printed; strings are printed as given."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def format_wait(minutes: int) -> str:
    if minutes <= 0:
        return "即将叫号"
    if minutes < 60:
        return f"约 {minutes} 分钟"
    hours, rest = divmod(minutes, 60)
    return f"约 {hours} 小时 {rest} 分钟" if rest else f"约 {hours} 小时"


def _labelled(label: str, value: str, **style) -> Text:
    return Text(f"{label}{value}", indent=display_width(label), **style)


def ticket_blocks(slip: TicketSlip) -> list[Block]:
    blocks: list[Block] = [
        Text(slip.hall_name, align="center", bold=True),
        Rule(),
        Text("您的排队号码", align="center"),
        Text(slip.code, scale=NUMBER_WIDTH, height=NUMBER_HEIGHT, align="center", bold=True),
    ]
    if slip.priority_label:
        blocks.append(Text(f"【{slip.priority_label}】", align="center", bold=True))
    if slip.appointment_label:
        blocks.append(Text(f"【{slip.appointment_label}】", align="center", bold=True))
    if slip.holder_masked:
        blocks.append(Text(f"持证人：{slip.holder_masked}（刷身份证取号）", align="center"))
    blocks.append(Rule())
    blocks.append(_labelled("业务：", slip.service_name))
    if slip.item_name:
        blocks.append(_labelled("事项：", slip.item_name))
    if slip.windows:
        blocks.append(_labelled("窗口：", "、".join(slip.windows)))
    # what the citizen looks for after the number: double height, bold, on 58 mm too
    if slip.people_ahead:
        blocks.append(Text(f"前面还有 {slip.people_ahead} 人等候", height=2, bold=True))
    else:
        blocks.append(Text("前面无人等候，请留意叫号", height=2, bold=True))
    blocks.append(Text(f"预计等候：{format_wait(slip.estimated_wait_minutes)}", height=2,
                       bold=True))
    blocks.append(Text(f"取号时间：{format_local_time(slip.issued_at_local)}"))
    if slip.qr_payload:
        blocks.append(Qr(slip.qr_payload))
        if slip.qr_payload.startswith(("http://", "https://")):  # the ticket's phone page
            blocks.append(Text(TICKET_QR_CAPTION, align="center"))
    if slip.footer:
        blocks.append(Text(slip.footer, align="center"))
    return blocks


def material_line(material: Material) -> str:
    """``□ 居民身份证（原件，1份）【必需】``: a checkbox the citizen ticks at home."""
    if material.required and material.may_supply_later:
        mark = "【容缺】"
    elif material.required:
        mark = "【必需】"
    else:
        mark = "【非必需】"
    return f"□ {material.name}（{material.form_label}，{material.copies}份）{mark}"


def _days(days: int) -> str:
    return "当场办结" if days == 0 else f"{days}个工作日"


def notice_blocks(slip: NoticeSlip) -> list[Block]:
    blocks: list[Block] = [
        Text(slip.hall_name, align="center", bold=True),
        Text("一次性告知单", scale=2, align="center", bold=True),
        Rule(),
        _labelled("事项名称：", slip.item_name),
        _labelled("事项编码：", slip.item_code),
        _labelled("实施部门：", slip.department_name),
        _labelled("办件类型：", slip.kind_label),
        _labelled("法定期限：", _days(slip.legal_days)),
        _labelled("承诺期限：", _days(slip.promised_days)),
        Rule(),
        Text(f"所需材料（共{len(slip.materials)}项）：", bold=True),
    ]
    for material in slip.materials:
        blocks.append(Text(material_line(material), indent=2))
        if material.note:
            blocks.append(Text(f"  说明：{material.note}", indent=8))
    if any(m.required and m.may_supply_later for m in slip.materials):
        blocks.append(Text("注：标“容缺”的材料可先受理、后补交。"))
    blocks.append(Rule())
    if slip.windows:
        blocks.append(_labelled("办理窗口：", "、".join(slip.windows)))
    if slip.contact:
        blocks.append(_labelled("咨询电话：", slip.contact))
    blocks.append(Text(f"打印时间：{format_local_time(slip.printed_at_local)}"))
    if slip.qr_payload:
        blocks.append(Qr(slip.qr_payload))
        blocks.append(Text(f"扫码查看办事指南（{slip.item_code}）", align="center"))
    return blocks


def print_test_blocks(page: TestPage) -> list[Block]:
    blocks: list[Block] = [
        Text(page.hall_name, align="center", bold=True),
        Text("打印测试页", scale=2, align="center", bold=True),
        Rule(),
        Text("中文：政务服务中心 排队叫号 一次性告知单"),
        Text("ASCII: 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        Text(f"纸宽 Paper: {page.paper_mm} mm, {page.dots} dots, {page.columns} columns"),
        Text(f"中文打印方式 Text mode: {page.text_mode}"),
        Text(f"连接 Transport: {page.transport}"),
        Text(f"时间 Time: {format_local_time(page.printed_at_local)}"),
    ]
    if page.text_mode == "gb18030":  # the printer's font: a full line of columns
        blocks.append(Text("".join(str(i % 10) for i in range(1, page.columns + 1))))
    blocks += [
        Qr(TEST_PAGE_QR),
        Text("如能看清上面每一行，打印机设置正确。", align="center"),
        Gap(),
    ]
    return blocks
