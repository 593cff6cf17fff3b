"""What the citizen's rating pad shows (亮身份): the hall, its window, the clerk with
photo and 工号, the pause notice and the hall's 监督电话, in one read transaction."""
from __future__ import annotations

import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import undefer

from kiosk.errors import NotFound
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.models import ACTIVE_STATES, Staff, Ticket, Window


@dataclasses.dataclass(frozen=True)
class PadView:
    hall_name: str
    supervision_phone: str         # "" = the hall has not set one
    window_id: int
    number: int
    name: str                      # the window's name
    state: str                     # closed / open / paused ... (WindowState values)
    staff_no: str | None
    staff_name: str | None
    photo_jpeg: bytes | None       # stored in the database (any PC of the hall shows it)
    photo_path: str | None         # an older photo file on this PC, if any
    pause_reason: str | None
    back_at: str | None            # "HH:MM" hall time, when a pause says when
    current_code: str | None
    rating_timeout_s: int

    @property
    def staffed(self) -> bool:
        return self.state != "closed" and bool(self.staff_name)


def pad_screen(ctx: HallContext, number: int) -> PadView:
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        window = session.scalar(select(Window).where(
            Window.hall_id == scope.hall.id, Window.number == number,
            Window.active.is_(True)))
        if window is None:
            raise NotFound(f"没有 {number} 号窗口", f"window {number} does not exist",
                           window=number)
        staff = session.scalar(select(Staff).where(Staff.id == window.staff_id)
                               .options(undefer(Staff.photo_jpeg))) \
            if window.staff_id else None
        current = session.get(Ticket, window.current_ticket_id) \
            if window.current_ticket_id else None
        back_at = scope.local(window.pause_back_at).strftime("%H:%M") \
            if window.pause_back_at and window.state.value == "paused" else None
        return PadView(
            hall_name=scope.hall.name,
            supervision_phone=(scope.settings.get("hall.supervision_phone") or "").strip(),
            window_id=window.id, number=window.number, name=window.name,
            state=window.state.value,
            staff_no=staff.staff_no if staff else None,
            staff_name=staff.name if staff else None,
            photo_jpeg=staff.photo_jpeg if staff else None,
            photo_path=staff.photo if staff else None,
            pause_reason=window.pause_reason if window.state.value == "paused" else None,
            back_at=back_at,
            current_code=current.code if current and current.state in ACTIVE_STATES
            else None,
            rating_timeout_s=scope.settings.get("rating.timeout_s"))


def staff_photo(ctx: HallContext, staff_no: str) -> bytes | None:
    """The stored photo of ``staff_no`` (None: none set), for the console's preview."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        return session.scalar(select(Staff.photo_jpeg).where(
            Staff.hall_id == scope.hall.id, Staff.staff_no == staff_no))
