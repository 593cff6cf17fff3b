"""The sample hall: the shipped catalog plus demo staff accounts (assets/demo)."""
from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import select

from kiosk.clock import hall_time

from kiosk.errors import AlreadyExists
from kiosk.queue import catalog
from kiosk.queue.actions import staff
from kiosk.queue.actions.calendar import day_entry
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.context import HallContext, load_hall
from kiosk.queue.rules.hours import open_period
from kiosk.queue.store.models import Service

ASSETS = Path(__file__).resolve().parents[2] / "assets"
SAMPLE_CATALOG = ASSETS / "catalog" / "sample_hall.yaml"
DEMO_STAFF = ASSETS / "demo" / "staff.yaml"


def clerk_no(window_number: int) -> str:
    return f"10{window_number:02d}"


def seed_sample(ctx: HallContext) -> dict:
    """Import the sample catalog and create the demo accounts (idempotent for staff)."""
    data = catalog.load(SAMPLE_CATALOG)
    counts = catalog.import_catalog(ctx, data)
    window_department = {w["number"]: w.get("department") for w in data.get("windows", [])}
    accounts = yaml.safe_load(DEMO_STAFF.read_text(encoding="utf-8"))
    password = accounts["password"]
    existing = {w.number for w in hall_reads.windows(ctx)}
    created = 0

    def add(staff_no: str, name: str, role: str, department: str | None = None) -> None:
        nonlocal created
        try:
            staff.create_staff(ctx, staff_no=staff_no, name=name, role=role,
                               password=password, department=department)
            created += 1
        except AlreadyExists:  # a second run keeps the accounts as they are
            pass

    for person in accounts["admins"]:
        add(person["staff_no"], person["name"], "admin")
    for person in accounts["managers"]:
        add(person["staff_no"], person["name"], "manager")
    names = accounts["clerk_names"]
    numbers = sorted(existing)
    for index, number in enumerate(numbers):
        add(clerk_no(number), names[index % len(names)], "window",
            window_department.get(number))
    for index, number in enumerate(numbers):
        backup = numbers[(index + 1) % len(numbers)]
        staff.assign_window_staff(ctx, window=number, primary=clerk_no(number),
                                  backup=clerk_no(backup))
    counts["staff_created"] = created
    return counts


AROUND_THE_CLOCK = {"weekdays": [1, 2, 3, 4, 5, 6, 7], "periods": ["00:00-23:59"]}


def open_around_the_clock(ctx: HallContext) -> None:
    """Let the demo hall issue tickets at any hour (for trying it on a weekend or in the
    evening); goes through the catalog import, so it is validated and audited."""
    data = catalog.export_catalog(ctx)
    for service in data["services"]:
        service["hours"] = dict(AROUND_THE_CLOCK)
    catalog.import_catalog(ctx, data)


def any_service_open(ctx: HallContext) -> bool:
    """Whether any queue of the hall takes tickets right now (hours and work calendar,
    as issuing checks them)."""
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        local = hall_time(ctx.clock.now(), hall.timezone)
        entry = day_entry(session, hall.id, local.date())
        hours = session.scalars(select(Service.hours).where(
            Service.hall_id == hall.id, Service.active.is_(True))).all()
    workday = entry[0] if entry else None
    return any(open_period(h, local, workday=workday) is not None for h in hours)
