"""Who sits at a window and whether it calls: sign in (with A/B岗 takeover), sign out,
pause (暂停服务 / 临时离岗) and resume."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kiosk.errors import IllegalTransition, InvalidInput, NotPermitted
from kiosk.i18n_marks import QT_TRANSLATE_NOOP
from kiosk.queue.rules.passwords import verify_password
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.events import Actor, append_event, staff_actor
from kiosk.queue.store.lookup import staff_by_no, window_for_update
from kiosk.queue.store.models import ACTIVE_STATES, Staff, Ticket, Window, WindowState
from kiosk.queue.actions.results import result
from kiosk.queue.rules.text_input import PAUSE_REASON, clean_text
from kiosk.queue.actions.at_window import AtWindow, window_action
from kiosk.queue.actions.day import closes_past_days, require_past_days_closed
from kiosk.queue.snapshots import ActionResult

#: 暂停原因 a clerk chooses from (each written out for lupdate, see kiosk.i18n_marks)
PAUSE_REASONS = (
    QT_TRANSLATE_NOOP("PauseReason", "临时离岗"), QT_TRANSLATE_NOOP("PauseReason", "会议"),
    QT_TRANSLATE_NOOP("PauseReason", "用餐"), QT_TRANSLATE_NOOP("PauseReason", "系统故障"),
    QT_TRANSLATE_NOOP("PauseReason", "业务培训"), QT_TRANSLATE_NOOP("PauseReason", "其他"))


class SignedInElsewhere(IllegalTransition):
    """One clerk, one window: sign out there before signing in here."""

    def __init__(self, staff_no: str, number: int | None) -> None:
        where = f" {number} 号窗口" if number is not None else "其他窗口"
        super().__init__(f"工号 {staff_no} 已在{where}登录，请先在该窗口退出",
                         f"staff {staff_no} is signed in at window {number}",
                         staff_no=staff_no, window=number)


class LoginFailed(NotPermitted):
    def __init__(self, failures: int, limit: int) -> None:
        left = limit - failures if failures else 0
        zh = f"工号或密码错误，再错 {left} 次将锁定账号" if left else \
            "工号或密码错误，账号已锁定"
        super().__init__(zh, "wrong staff number or password")


def authenticate(scope: Scope, staff_no: str, password: str) -> Staff | LoginFailed:
    """Check a password with lockout: ``login.max_failures`` wrong tries lock the account
    for ``login.lock_minutes``. A wrong password is returned, not raised: the caller
    commits the failure count and raises it after the transaction."""
    staff = staff_by_no(scope, staff_no)
    if staff.locked_until is not None and staff.locked_until > scope.now:
        until = scope.local(staff.locked_until)
        raise NotPermitted(f"账号已锁定，请于 {until:%H:%M} 后再试或联系管理员解锁",
                           f"staff {staff_no} is locked until {until:%H:%M}")
    if not verify_password(staff.password_hash, password):
        staff.failed_logins += 1
        limit = scope.settings.get("login.max_failures")
        if staff.failed_logins >= limit:
            staff.failed_logins = 0
            staff.locked_until = scope.now + dt.timedelta(
                minutes=scope.settings.get("login.lock_minutes"))
            append_event(scope, staff_actor(staff_no), "staff_locked",
                         payload={"staff_no": staff_no})
        else:
            append_event(scope, staff_actor(staff_no), "login_failed",
                         payload={"staff_no": staff_no, "failures": staff.failed_logins})
        return LoginFailed(staff.failed_logins, limit)
    staff.failed_logins = 0
    staff.locked_until = None
    return staff


@closes_past_days
def sign_in(ctx: HallContext, *, staff_no: str, password: str, window: int) -> ActionResult:
    """Log ``staff_no`` in at ``window``. A window held by someone else is refused, unless
    the one signing in is that window's backup staff (B岗), who then takes it over."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        require_past_days_closed(scope)  # yesterday's clerk no longer holds the window
        staff = authenticate(scope, staff_no, password)
        if not isinstance(staff, LoginFailed):
            return _sign_in(scope, staff, window)
    raise staff  # the failure count is committed; nothing else changed


def _sign_in(scope: Scope, staff: Staff, window: int) -> ActionResult:
    session = scope.session
    staff_no = staff.staff_no
    # hold the account while signing in: disabling it waits for this sign-in to commit
    # (and then signs it out), or this sign-in finds it disabled
    if session.scalar(select(Staff.id).where(Staff.id == staff.id, Staff.active.is_(True))
                      .with_for_update(read=True)) is None:
        raise NotPermitted(f"工号 {staff_no} 的账号已停用", f"staff {staff_no} is disabled",
                           staff_no=staff_no)
    row = window_for_update(scope, window)
    elsewhere = _held_elsewhere(scope, staff, row)
    if elsewhere is not None:
        raise SignedInElsewhere(staff_no, elsewhere)
    action = "window_signed_in"
    payload = {"window": row.number, "staff_no": staff_no, "staff_name": staff.name}
    if row.state != WindowState.CLOSED and row.staff_id not in (None, staff.id):
        if row.backup_staff_id != staff.id:
            holder = row.staff
            raise NotPermitted(
                f"{row.number} 号窗口已由 {holder.name}（工号 {holder.staff_no}）登录",
                f"window {row.number} is held by {holder.staff_no}")
        action = "backup_took_over"
        payload["from_staff_no"] = row.staff.staff_no
    session.flush()  # what authenticate changed, before the savepoint
    try:
        # the check above cannot see a sign-in of the same clerk not yet committed at
        # another window; the database's one-window-per-clerk index can
        with session.begin_nested():
            row.staff = staff
            row.staff_id = staff.id
            row.signed_in_at = scope.now
            if row.state == WindowState.CLOSED or action == "backup_took_over":
                row.state = WindowState.OPEN
                row.pause_reason = row.paused_at = row.pause_back_at = None
    except IntegrityError:
        raise SignedInElsewhere(staff_no, _held_elsewhere(scope, staff, row)) from None
    event = append_event(scope, staff_actor(staff_no), action, window_id=row.id,
                         payload=payload)
    return result(event, None, row)


def _held_elsewhere(scope: Scope, staff: Staff, here: Window) -> int | None:
    """The number of another window ``staff`` is signed in at, if any."""
    with scope.session.no_autoflush:
        return scope.session.scalar(select(Window.number).where(
            Window.staff_id == staff.id, Window.id != here.id))


@window_action
def sign_out(at: AtWindow) -> ActionResult:
    _require_idle(at.scope, at.window)
    row = at.window
    row.state = WindowState.CLOSED
    row.staff = None
    row.staff_id = None
    row.pause_reason = row.paused_at = row.pause_back_at = None
    event = at.event("window_signed_out", None, {"window": row.number})
    return result(event, None, row)


def sign_out_disabled(scope: Scope, staff: Staff, actor: Actor) -> list[int]:
    """An account disabled while signed in leaves its window at once, with an event; a
    ticket in hand stays with the window for whoever signs in there next (as with a
    B岗 takeover). Returns the window numbers."""
    rows = scope.session.scalars(select(Window).where(Window.staff_id == staff.id)
                                 .with_for_update(key_share=True)).all()
    for row in rows:
        current = scope.session.get(Ticket, row.current_ticket_id) \
            if row.current_ticket_id else None
        row.state = WindowState.CLOSED
        row.staff = None
        row.staff_id = None
        row.pause_reason = row.paused_at = row.pause_back_at = None
        append_event(scope, actor, "window_signed_out", window_id=row.id, payload={
            "window": row.number, "staff_no": staff.staff_no, "reason": "staff_disabled",
            "ticket": current.code if current is not None
            and current.state in ACTIVE_STATES else None})
    return [row.number for row in rows]


def _require_idle(scope: Scope, row: Window) -> None:
    current = scope.session.get(Ticket, row.current_ticket_id) if row.current_ticket_id \
        else None
    if current is not None and current.state in ACTIVE_STATES:
        raise IllegalTransition(f"请先办结、过号或转办当前的 {current.code} 号",
                                f"window {row.number} still has {current.code}")


@window_action
def pause(at: AtWindow, *, reason: str, back_at: dt.datetime | None = None) -> ActionResult:
    """暂停服务: the window stops calling; the display shows the reason and return time."""
    reason = clean_text(reason, PAUSE_REASON, missing=("请选择暂停原因", "pause needs a reason"))
    row = at.window
    if row.state == WindowState.PAUSED:
        raise IllegalTransition("窗口已经处于暂停状态", f"window {row.number} is paused already")
    if back_at is not None and back_at <= at.scope.now:
        raise InvalidInput("预计恢复时间应晚于现在", "back_at must be in the future")
    _require_idle(at.scope, row)
    row.state = WindowState.PAUSED
    row.pause_reason = reason
    row.paused_at = at.scope.now
    row.pause_back_at = back_at
    event = at.event("window_paused", None, {
        "window": row.number, "reason": reason,
        "back_at": back_at.isoformat() if back_at else None})
    return result(event, None, row)


@window_action
def resume(at: AtWindow) -> ActionResult:
    row = at.window
    if row.state != WindowState.PAUSED:
        raise IllegalTransition("窗口没有暂停", f"window {row.number} is not paused")
    paused_s = round((at.scope.now - row.paused_at).total_seconds()) if row.paused_at else 0
    row.state = WindowState.OPEN
    row.pause_reason = row.paused_at = row.pause_back_at = None
    event = at.event("window_resumed", None, {"window": row.number, "paused_s": paused_s})
    return result(event, None, row)
