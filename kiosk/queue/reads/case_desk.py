"""What the window's 办件 panel reads: this window's cases to work on, and one case with
the item's 材料目录 (a 补正告知 ticks the materials asked for from it)."""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from kiosk.queue.reads import cases
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.models import CaseFile, CaseState, Item, Material, Window


@dataclasses.dataclass(frozen=True)
class DeskRow:
    case_no: str
    item: str
    state: str                 # CaseState value
    due_date: dt.date          # due now; for a concluded case, the day it was concluded
    card: str | None           # "yellow", "red" or None
    supply_card: str | None    # of the 容缺 materials still owed


@dataclasses.dataclass(frozen=True)
class Desk:
    rows: list[DeskRow]        # open cases by due date, then those awaiting 送达/领取
    open: int                  # open cases of the window in all
    yellow: int
    red: int


def window_desk(ctx: HallContext, window: int, limit: int = 100) -> Desk:
    """This window's open cases with their cards, then its concluded cases not yet
    delivered or collected (送达 / 领取 is the clerk's last move)."""
    seen = cases.supervision(ctx, window=window, limit=limit)
    rows = [DeskRow(r.case_no, r.item, r.state, r.due_date, r.card, r.supply_card)
            for r in seen.rows]
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        done = session.execute(
            select(CaseFile.case_no, Item.name, CaseFile.state, CaseFile.concluded_day)
            .join(Item, Item.id == CaseFile.item_id)
            .join(Window, Window.id == CaseFile.window_id)
            .where(CaseFile.hall_id == scope.hall.id, Window.number == window,
                   CaseFile.state == CaseState.CONCLUDED.value)
            .order_by(CaseFile.concluded_day, CaseFile.case_no)
            .limit(max(0, limit - len(rows)))).all()
    rows += [DeskRow(no, item, state, day, None, None) for no, item, state, day in done]
    return Desk(rows, seen.total.open, seen.total.yellow, seen.total.red)


@dataclasses.dataclass(frozen=True)
class CaseAtDesk:
    detail: cases.CaseDetail
    item_materials: tuple[str, ...]   # the item's 全部材料目录, in catalog order


def case_at_desk(ctx: HallContext, case_no: str) -> CaseAtDesk:
    """One case (``cases.case_detail``) and its item's materials."""
    case_no = (case_no or "").strip().upper()
    detail = cases.case_detail(ctx, case_no)
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        names = session.scalars(
            select(Material.name).join(CaseFile, CaseFile.item_id == Material.item_id)
            .where(CaseFile.hall_id == scope.hall.id, CaseFile.case_no == case_no)
            .order_by(Material.seq)).all()
    return CaseAtDesk(detail, tuple(names))
