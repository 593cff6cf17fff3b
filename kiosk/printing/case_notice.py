"""The 受理通知书 / 补正告知书 of a case (办件): its data, its wording, its slip blocks.

The wording lives here once and the A4 PDF (``kiosk.reports.case_notice_pdf``) reads
it too, so the ticket printer's slip and the PDF say the same thing. No queue import:
the notice arrives as plain data, names and phone already masked.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk.printing.blocks import Block, Gap, Qr, Rule, Text
from kiosk.printing.textwrap_cjk import display_width

ACCEPTANCE, CORRECTION = "acceptance", "correction"
LINK_CAPTION = "手机扫码查询办理进度"
TEXT_CAPTION = "办件编号"
CLOCK_STOPPED_NOTE = "补正期间暂停计算办理时限，材料补齐之日起恢复计算，办结日期相应顺延。"


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseNoticeSlip:
    """What the notice says (``kiosk.queue.reads.case_notice.CaseNotice``'s fields)."""

    hall_name: str
    kind: str  # ACCEPTANCE or CORRECTION
    title: str
    case_no: str
    item_name: str
    department: str
    applicant: str | None
    phone: str | None
    case_kind: str  # 即办件 / 承诺件
    promised_days: int
    accepted_day: dt.date
    due_date: dt.date
    stopped_days: int = 0
    window: int | None = None
    staff_no: str | None = None
    supply_later: tuple[str, ...] = ()
    supply_due: dt.date | None = None
    corrections: tuple[str, ...] = ()
    noticed_day: dt.date | None = None
    contact: str | None = None
    how_to_check: str = ""
    qr_payload: str = ""
    qr_is_link: bool = False
    printed_at: dt.datetime | str = ""  # hall wall clock, printed as it reads

    @classmethod
    def of(cls, notice: object) -> CaseNoticeSlip:
        """The slip of an object carrying these fields by name (the queue's notice)."""
        return cls(**{f.name: getattr(notice, f.name) for f in dataclasses.fields(cls)})

    def __post_init__(self) -> None:
        if self.kind not in (ACCEPTANCE, CORRECTION):
            raise ValueError(f"unknown notice kind {self.kind!r}")
        for name in ("supply_later", "corrections"):
            object.__setattr__(self, name, tuple(getattr(self, name)))


def zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def printed_at_text(slip: CaseNoticeSlip) -> str:
    at = slip.printed_at
    return at.strftime("%Y-%m-%d %H:%M") if isinstance(at, dt.datetime) else str(at)


def salutation(slip: CaseNoticeSlip) -> str:
    """Whom the notice addresses: the masked applicant, else 申请人."""
    return f"{slip.applicant or '申请人'}："


def printed_on(slip: CaseNoticeSlip) -> str:
    """The day under the hall's seal."""
    at = slip.printed_at
    return zh_date(at.date()) if isinstance(at, dt.datetime) else str(at)


def intro(slip: CaseNoticeSlip) -> str:
    """The notice's opening paragraph (after the salutation)."""
    item = f"您申请办理的“{slip.item_name}”"
    if slip.kind == CORRECTION:
        return (f"{item}，经审查，申请材料不齐全或者不符合法定形式。现将需要补正的"
                "全部材料一次性告知如下，请补正后到受理窗口提交。")
    if slip.supply_later and slip.supply_due:
        return (f"{item}，主要申请材料齐全、符合法定形式，现予以容缺受理。请于"
                f"{zh_date(slip.supply_due)}前补交下列材料。")
    return f"{item}，申请材料齐全、符合法定形式，现予以受理。"


def due_text(slip: CaseNoticeSlip) -> str:
    if slip.promised_days == 0:
        return f"{zh_date(slip.due_date)}（即办件，当日办结）"
    text = f"{zh_date(slip.due_date)}前"
    if slip.kind == CORRECTION:
        return text + "（补正期间暂停计时）"
    if slip.stopped_days:
        text += f"（已因补正顺延{slip.stopped_days}个工作日）"
    return text


def fields(slip: CaseNoticeSlip) -> list[tuple[str, str]]:
    """(label, value) rows, labels ending in "：", in the order they are printed."""
    rows = [("办件编号：", slip.case_no), ("申请事项：", slip.item_name),
            ("实施部门：", slip.department)]
    if slip.applicant:
        rows.append(("申请人：", slip.applicant))
    if slip.phone:
        rows.append(("联系电话：", slip.phone))
    rows.append(("受理日期：", zh_date(slip.accepted_day)))
    kind = slip.case_kind if slip.promised_days == 0 else \
        f"{slip.case_kind}（{slip.promised_days}个工作日）"
    rows.append(("办件类型：", kind))
    rows.append(("承诺办结：", due_text(slip)))
    if slip.kind == CORRECTION and slip.noticed_day:
        rows.append(("告知日期：", zh_date(slip.noticed_day)))
    if slip.window is not None:
        clerk = f"（工号 {slip.staff_no}）" if slip.staff_no else ""
        rows.append(("受理窗口：", f"{slip.window}号窗口{clerk}"))
    if slip.contact:
        rows.append(("咨询电话：", slip.contact))
    return rows


def material_lists(slip: CaseNoticeSlip) -> list[tuple[str, tuple[str, ...]]]:
    """(heading, material names): what the applicant still has to bring."""
    lists = []
    if slip.corrections:
        lists.append((f"需补正的材料（共{len(slip.corrections)}项）：", slip.corrections))
    if slip.supply_later:
        by = f"，{zh_date(slip.supply_due)}前" if slip.supply_due else ""
        lists.append((f"需补交的容缺材料（共{len(slip.supply_later)}项{by}）：",
                      slip.supply_later))
    return lists


def notes(slip: CaseNoticeSlip) -> list[str]:
    found = [CLOCK_STOPPED_NOTE] if slip.kind == CORRECTION else []
    return found + ([slip.how_to_check] if slip.how_to_check else [])


def qr_caption(slip: CaseNoticeSlip) -> str:
    return LINK_CAPTION if slip.qr_is_link else f"{TEXT_CAPTION}：{slip.case_no}"


def _labelled(label: str, value: str, **style) -> Text:
    return Text(f"{label}{value}", indent=display_width(label), **style)


def case_notice_blocks(slip: CaseNoticeSlip) -> list[Block]:
    """The slip for the ticket printer: 办件编号 tall and bold, then the fields, the
    materials with a box to tick, the notes and the QR code."""
    rows = fields(slip)
    blocks: list[Block] = [
        Text(slip.hall_name, align="center", bold=True),
        Text(slip.title, scale=2, align="center", bold=True),
        Rule(),
        _labelled(*rows[0], height=2, bold=True),
        Text(salutation(slip) + intro(slip)),
        Rule(),
        *(_labelled(label, value) for label, value in rows[1:]),
    ]
    for heading, names in material_lists(slip):
        blocks += [Rule(), Text(heading, bold=True)]
        blocks += [Text(f"□ {name}", indent=2) for name in names]
    blocks.append(Rule())
    blocks += [Text(note) for note in notes(slip)]
    blocks.append(Text(f"打印时间：{printed_at_text(slip)}"))
    if slip.qr_payload:
        blocks += [Qr(slip.qr_payload), Text(qr_caption(slip), align="center")]
    blocks.append(Gap())
    return blocks
