"""Read models the touch-screen kiosk needs beyond ``queries``.

The kiosk starts often (every power-on) and must show its first screen fast, so the
whole catalog it shows comes from one read transaction here instead of several. Each
function is Qt-free, runs one read transaction and returns frozen snapshots.
"""
from __future__ import annotations

import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kiosk.queue.store.context import HallContext, load_hall
from kiosk.queue.store.models import Department


@dataclasses.dataclass(frozen=True)
class CatalogItem:
    code: str
    name: str
    department_code: str
    department_name: str


@dataclasses.dataclass(frozen=True)
class CatalogDepartment:
    code: str
    name: str
    items: tuple[CatalogItem, ...]


@dataclasses.dataclass(frozen=True)
class KioskCatalog:
    """What the home, department and search screens list: active items by department."""

    hall_name: str
    timezone: str
    departments: tuple[CatalogDepartment, ...]

    @property
    def items(self) -> tuple[CatalogItem, ...]:
        return tuple(item for dept in self.departments for item in dept.items)

    def department(self, code: str) -> CatalogDepartment | None:
        return next((d for d in self.departments if d.code == code), None)


def kiosk_catalog(ctx: HallContext) -> KioskCatalog:
    """Hall name, zone and every department with its active items, in catalog order.
    Departments without active items are left out (a tile leading nowhere confuses)."""
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        rows = session.scalars(select(Department).where(Department.hall_id == hall.id)
                               .order_by(Department.sort, Department.id)
                               .options(selectinload(Department.items)))
        departments = []
        for dept in rows:
            items = tuple(CatalogItem(i.code, i.name, dept.code, dept.name)
                          for i in sorted(dept.items, key=lambda i: (i.sort, i.id))
                          if i.active)
            if items:
                departments.append(CatalogDepartment(dept.code, dept.name, items))
        return KioskCatalog(hall.name, hall.timezone, tuple(departments))

