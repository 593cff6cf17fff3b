"""What a printed 受理通知书 or 补正告知书 says about one case (办件).

One read gathers it for both papers (ticket printer and A4 PDF), so the slip and the
PDF never disagree; the wording is the printing layer's. Personal data arrives masked.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from kiosk.errors import IllegalTransition, NotFound
from kiosk.queue.rules import ticket_code
from kiosk.queue.rules.personal import mask_name
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.models import (
    OPEN_CASE_STATES,
    CaseFile,
    CaseMaterial,
    CaseState,
    Department,
    Item,
    Staff,
    Window,
)

ACCEPTANCE, CORRECTION = "acceptance", "correction"
TITLE_ZH = {ACCEPTANCE: "受理通知书", CORRECTION: "补正告知书"}
CASE_KIND_ZH = {"instant": "即办件", "promised": "承诺件"}


@dataclasses.dataclass(frozen=True)
class CaseNotice:
    hall_name: str
    kind: str                      # ACCEPTANCE or CORRECTION
    title: str                     # 受理通知书 / 补正告知书
    case_no: str
    item_code: str
    item_name: str
    department: str
    applicant: str | None          # masked: 张*
    phone: str | None              # masked: 138****5678
    case_kind: str                 # 即办件 / 承诺件
    promised_days: int
    accepted_day: dt.date
    due_date: dt.date              # the promised date, moved on by the days 补正 stopped
    stopped_days: int
    window: int | None
    staff_no: str | None
    supply_later: tuple[str, ...]  # 容缺 materials still owed ...
    supply_due: dt.date | None     # ... by this day
    corrections: tuple[str, ...]   # every material the open 补正告知 asks for
    noticed_day: dt.date | None    # the day of that 补正告知
    contact: str | None            # the item's 咨询电话
    how_to_check: str              # how the applicant follows the case
    qr_payload: str                # the case's phone page, else the 办件编号
    qr_is_link: bool
    printed_at: dt.datetime        # hall wall clock


def _once(names) -> tuple[str, ...]:
    """Each material once, in the order asked (一次性告知 names nothing twice)."""
    return tuple(dict.fromkeys(names))


def how_to_check(has_phone: bool, qr_is_link: bool) -> str:
    """The line telling the applicant where to follow the case: the kiosk needs the
    phone's last four digits on file, the phone page needs ``web.base_url``."""
    ways = []
    if has_phone:
        ways.append("在大厅自助服务机“办件查询”中输入办件编号和手机号后四位")
    if qr_is_link:
        ways.append("用手机扫描本通知书上的二维码")
    if not ways:
        return "查询办理进度：请凭办件编号到服务窗口查询。"
    return f"查询办理进度：{'，或'.join(ways)}。"


def notice(ctx: HallContext, case_no: str) -> CaseNotice:
    """The notice an open case prints now: 补正告知书 while a 补正告知 waits for its
    materials, else 受理通知书 (with the 容缺 materials owed). A concluded case has
    neither any more."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        case = session.scalar(select(CaseFile).where(
            CaseFile.hall_id == scope.hall.id, CaseFile.case_no == (case_no or "").strip()))
        if case is None:
            raise NotFound(f"找不到办件 {case_no}", f"no case {case_no!r}", case_no=case_no)
        if CaseState(case.state) not in OPEN_CASE_STATES:
            raise IllegalTransition(
                f"办件 {case.case_no} 已办结，不再出具受理通知书或补正告知书",
                f"case {case.case_no} is {case.state}: no notice to print")
        owed = session.execute(select(CaseMaterial.name, CaseMaterial.reason).where(
            CaseMaterial.case_id == case.id, CaseMaterial.received_at.is_(None))
            .order_by(CaseMaterial.id)).all()
        item = session.get(Item, case.item_id)
        department = session.get(Department, case.department_id)
        window = session.get(Window, case.window_id) if case.window_id else None
        clerk = session.get(Staff, case.staff_id) if case.staff_id else None
        base = scope.settings.get("web.base_url")
        is_link = bool(base and case.web_token)
        kind = CORRECTION if case.state == CaseState.CORRECTING.value else ACCEPTANCE
        return CaseNotice(
            hall_name=scope.hall.name, kind=kind, title=TITLE_ZH[kind],
            case_no=case.case_no, item_code=item.code, item_name=item.name,
            department=department.name,
            applicant=mask_name(case.applicant_masked) if case.applicant_masked else None,
            phone=case.phone_masked, case_kind=CASE_KIND_ZH.get(case.kind, case.kind),
            promised_days=case.promised_days, accepted_day=case.accepted_day,
            due_date=case.due_date, stopped_days=case.stopped_days,
            window=window.number if window else None,
            staff_no=clerk.staff_no if clerk else None,
            supply_later=_once(name for name, why in owed if why == "supply_later"),
            supply_due=case.supply_due,
            corrections=_once(name for name, why in owed if why == "correction")
            if kind == CORRECTION else (),
            noticed_day=case.paused_since if kind == CORRECTION else None,
            contact=item.contact,
            how_to_check=how_to_check(bool(case.phone_masked), is_link),
            qr_payload=ticket_code.case_link(base, case.web_token) if is_link
            else case.case_no,
            qr_is_link=is_link, printed_at=scope.local(scope.now))
