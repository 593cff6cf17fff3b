"""Signing in to the manager console: the same password check and lockout as a window
login, but only managers and admins get in, and each sign-in is an audited event."""
from __future__ import annotations

import dataclasses

from sqlalchemy import select

from kiosk.errors import NotPermitted
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.events import append_event, staff_actor
from kiosk.queue.store.models import Department, Role
from kiosk.queue.actions.windows import LoginFailed, authenticate

CONSOLE_ROLES = (Role.MANAGER, Role.ADMIN)


@dataclasses.dataclass(frozen=True)
class ManagerView:
    """Who is signed in to the console; ``by=staff_no`` goes into every admin action."""

    staff_no: str
    name: str
    role: str                 # "manager" or "admin"
    department_name: str | None

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN.value


def sign_in_manager(ctx: HallContext, staff_no: str, password: str) -> ManagerView:
    """Check the password (with lockout) and the role; raises LoginFailed, NotPermitted
    or NotFound with a message for the login dialog."""
    staff_no = (staff_no or "").strip()
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        staff = authenticate(scope, staff_no, password or "")
        if not isinstance(staff, LoginFailed):
            if staff.role not in CONSOLE_ROLES:
                # rolls back: a right password of the wrong role changes nothing
                raise NotPermitted("管理端仅限大厅管理人员和系统管理员登录",
                                   f"staff {staff_no} ({staff.role.value}) may not use "
                                   "the manager console", staff_no=staff_no)
            department = session.scalar(select(Department.name).where(
                Department.id == staff.department_id)) if staff.department_id else None
            append_event(scope, staff_actor(staff_no), "manager_signed_in",
                         payload={"staff_no": staff_no, "role": staff.role.value})
            return ManagerView(staff.staff_no, staff.name, staff.role.value, department)
    raise staff  # the failure count is committed; nothing else changed
