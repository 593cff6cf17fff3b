"""Loading, importing and exporting a hall's catalog (docs/catalog.md).

Import is all or nothing: the file is validated first, then written in one transaction.
Rows are compared and updated in place, so re-importing an unchanged catalog changes no
row. Items and windows missing from a new catalog are deactivated, never deleted,
because past tickets and reports still point at them. Export orders everything
explicitly (the catalog's own order, windows by number, a window's queues by prefix),
so export → import → export gives the same bytes on SQLite and PostgreSQL.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.errors import CatalogInvalid
from kiosk.queue.catalog.model import PHONE_DEFAULTS
from kiosk.queue.catalog.problems import locate
from kiosk.queue.catalog.reading import CatalogFileError, parse
from kiosk.queue.catalog.schema import Problem, validate
from kiosk.queue.store.context import HallContext, HallRow, Scope, load_hall
from kiosk.queue.store.events import SYSTEM, Actor, append_event
from kiosk.queue.store.models import (
    Department, Hall, Item, ItemKind, Material, MaterialForm, Service, Window,
)
from kiosk.queue.store.server_time import read_server_now
from kiosk.settings import Settings


def load(path: Path | str) -> dict[str, Any]:
    """Parse and validate a catalog file; raises CatalogInvalid listing every problem."""
    path = Path(path)
    try:
        data = parse(path.read_bytes())
    except OSError as exc:
        raise CatalogInvalid([Problem(str(path), "catalog", "-", f"无法读取文件：{exc.strerror}",
                                      f"cannot read file: {exc.strerror}")]) from None
    except CatalogFileError as exc:
        entry, field = exc.entry, "-"
        if exc.loc:
            entry, field, _ = locate(exc.loc, None)
        raise CatalogInvalid([Problem(str(path), entry, field, exc.zh, exc.en)]) from None
    problems = validate(data, str(path))
    if problems:
        raise CatalogInvalid(problems)
    return data


def import_catalog(ctx: HallContext, data: dict[str, Any], actor: Actor = SYSTEM) -> dict:
    """Write a validated catalog into the database in one transaction; returns counts."""
    problems = validate(data, "<catalog>")
    if problems:
        raise CatalogInvalid(problems)
    with ctx.db.write() as session:
        hall = _hall(session, data["hall"])
        scope = Scope(session=session, hall=HallRow.of(hall), settings=Settings(),
                      now=ctx.clock.stamp(read_server_now(session)))
        departments = _departments(session, hall, data["departments"])
        items = _items(session, hall, data["items"], departments)
        services = _services(session, hall, data["services"], items)
        windows = _windows(session, hall, data["windows"], departments, services)
        counts = {"departments": len(departments), "items": len(items),
                  "services": len(services), "windows": len(windows)}
        append_event(scope, actor, "catalog_imported", payload=counts)
        return counts


def _hall(session: Session, data: dict) -> Hall:
    hall = session.scalar(select(Hall).where(Hall.code == data["code"]))
    if hall is None:
        hall = Hall(code=data["code"])
        session.add(hall)
    hall.name = data["name"]
    hall.timezone = data["timezone"]
    session.flush()
    return hall


def _by_key(session: Session, model, hall: Hall, key: str) -> dict:
    rows = session.scalars(select(model).where(model.hall_id == hall.id))
    return {getattr(row, key): row for row in rows}


def _keep_active(existing: dict, wanted: set) -> None:
    """Deactivate the rows the new catalog drops; set once, so an unchanged row is not
    flushed as inactive by an autoflush half-way and updated back."""
    for key, row in existing.items():
        row.active = key in wanted


def _departments(session: Session, hall: Hall, entries: list) -> dict[str, Department]:
    existing = _by_key(session, Department, hall, "code")
    for sort, entry in enumerate(entries):
        dept = existing.get(entry["code"]) or Department(hall_id=hall.id, code=entry["code"])
        dept.name, dept.sort = entry["name"], sort
        session.add(dept)
        existing[entry["code"]] = dept
    session.flush()
    return existing


def _items(session: Session, hall: Hall, entries: list, departments: dict) -> dict[str, Item]:
    existing = _by_key(session, Item, hall, "code")
    _keep_active(existing, {entry["code"] for entry in entries})
    for sort, entry in enumerate(entries):
        item = existing.get(entry["code"]) or Item(hall_id=hall.id, code=entry["code"])
        item.department = departments[entry["department"]]
        item.name = entry["name"]
        item.kind = ItemKind(entry["kind"])
        item.legal_days, item.promised_days = entry["legal_days"], entry["promised_days"]
        item.legal_basis, item.conditions = entry["legal_basis"], entry["conditions"]
        item.procedure = list(entry["procedure"])
        item.sample_form, item.fees = entry["sample_form"], entry["fees"]
        item.contact = entry.get("contact")
        item.case_steps = [dict(step) for step in entry["case_steps"]] \
            if entry.get("case_steps") else None
        item.sort, item.active = sort, True
        _materials(item, entry["materials"])
        session.add(item)
        existing[entry["code"]] = item
    session.flush()
    return {code: item for code, item in existing.items() if item.active}


def _materials(item: Item, entries: list) -> None:
    """Update the item's materials in place by position; extra rows are removed."""
    rows = list(item.materials)
    for seq, m in enumerate(entries, start=1):
        if seq > len(rows):
            rows.append(Material(seq=seq))
        row = rows[seq - 1]
        row.seq, row.name, row.form = seq, m["name"], MaterialForm(m["form"])
        row.copies, row.required = m["copies"], m["required"]
        row.may_supply_later, row.note = m["may_supply_later"], m.get("note")
    item.materials = rows[:len(entries)]


def _services(session: Session, hall: Hall, entries: list, items: dict) -> dict[str, Service]:
    existing = _by_key(session, Service, hall, "prefix")
    _keep_active(existing, {entry["prefix"] for entry in entries})
    for sort, entry in enumerate(entries):
        service = existing.get(entry["prefix"]) or Service(hall_id=hall.id,
                                                           prefix=entry["prefix"])
        service.name, service.daily_limit = entry["name"], entry["daily_limit"]
        service.id_card = entry.get("id_card", "off")
        service.per_person_daily_limit = entry.get("per_person_daily_limit", 0)
        for name, default in PHONE_DEFAULTS.items():
            setattr(service, name, entry.get(name, default))
        service.hours = {"weekdays": list(entry["hours"]["weekdays"]),
                         "periods": list(entry["hours"]["periods"])}
        service.items = [items[code] for code in entry["items"]]
        service.sort, service.active = sort, True
        session.add(service)
        existing[entry["prefix"]] = service
    session.flush()
    return {p: s for p, s in existing.items() if s.active}


def _windows(session: Session, hall: Hall, entries: list, departments: dict,
             services: dict) -> dict[int, Window]:
    existing = _by_key(session, Window, hall, "number")
    _keep_active(existing, {entry["number"] for entry in entries})
    for entry in entries:
        window = existing.get(entry["number"]) or Window(hall_id=hall.id,
                                                         number=entry["number"])
        window.name = entry["name"]
        dept = entry.get("department")
        window.department_id = departments[dept].id if dept else None
        window.services = [services[p] for p in entry["services"]]
        window.active = True
        session.add(window)
        existing[entry["number"]] = window
    session.flush()
    return {n: w for n, w in existing.items() if w.active}


def export_catalog(ctx: HallContext) -> dict[str, Any]:
    """The hall's active catalog in the file's shape (round-trips through ``load``)."""
    with ctx.db.read() as session:
        return catalog_data(session, load_hall(session, ctx.hall_code))


def catalog_data(session: Session, hall: Hall) -> dict[str, Any]:
    """The active catalog in the file's shape, read in the caller's transaction (the
    admin's edits validate exactly what ``catalog import`` would)."""
    departments = session.scalars(select(Department).where(
        Department.hall_id == hall.id).order_by(Department.sort)).all()
    dept_code = {d.id: d.code for d in departments}
    items = session.scalars(select(Item).where(
        Item.hall_id == hall.id, Item.active.is_(True)).order_by(Item.sort)).all()
    services = session.scalars(select(Service).where(
        Service.hall_id == hall.id, Service.active.is_(True)).order_by(Service.sort)).all()
    windows = session.scalars(select(Window).where(
        Window.hall_id == hall.id, Window.active.is_(True)).order_by(Window.number)).all()
    return {
        "hall": {"code": hall.code, "name": hall.name, "timezone": hall.timezone},
        "departments": [{"code": d.code, "name": d.name} for d in departments],
        "items": [_item_data(item, dept_code) for item in items],
        "services": [_service_data(s) for s in services],
        "windows": [_window_data(w, dept_code) for w in windows],
    }


def _service_data(service: Service) -> dict[str, Any]:
    """A queue's entry; the ID card rules only when set (older files stay as they were)."""
    data = {"prefix": service.prefix, "name": service.name,
            "items": [i.code for i in sorted(service.items, key=_item_order) if i.active],
            "daily_limit": service.daily_limit,
            "hours": {"weekdays": list(service.hours["weekdays"]),
                      "periods": list(service.hours["periods"])}}
    if service.id_card != "off":
        data["id_card"] = service.id_card
    if service.per_person_daily_limit:
        data["per_person_daily_limit"] = service.per_person_daily_limit
    for name, default in PHONE_DEFAULTS.items():
        if getattr(service, name) != default:
            data[name] = getattr(service, name)
    return data


def _item_order(item: Item) -> tuple[int, str]:
    return item.sort, item.code


def _item_data(item: Item, dept_code: dict[int, str]) -> dict[str, Any]:
    data = {"code": item.code, "department": dept_code[item.department_id],
            "name": item.name, "kind": item.kind.value, "legal_days": item.legal_days,
            "promised_days": item.promised_days, "legal_basis": item.legal_basis,
            "conditions": item.conditions, "procedure": list(item.procedure),
            "materials": [], "sample_form": item.sample_form, "fees": item.fees}
    for m in item.materials:
        material = {"name": m.name, "form": m.form.value, "copies": m.copies,
                    "required": m.required, "may_supply_later": m.may_supply_later}
        if m.note:
            material["note"] = m.note
        data["materials"].append(material)
    if item.contact:
        data["contact"] = item.contact
    if item.case_steps:
        data["case_steps"] = [dict(step) for step in item.case_steps]
    return data


def _window_data(window: Window, dept_code: dict[int, str]) -> dict[str, Any]:
    data = {"number": window.number, "name": window.name,
            "services": sorted(s.prefix for s in window.services if s.active)}
    if window.department_id:
        data["department"] = dept_code[window.department_id]
    return data


class _CatalogDumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_CatalogDumper.add_representer(str, _str_presenter)


def dump(data: dict[str, Any], path: Path | str) -> None:
    text = yaml.dump(data, Dumper=_CatalogDumper, allow_unicode=True, sort_keys=False,
                     width=100)
    Path(path).write_text(text, encoding="utf-8")


