"""Validating a catalog (docs/catalog.md) before anything touches the database.

Every problem names the file, the entry (by its code) and the field, in Chinese for the
manager's screen and in English for the command line.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.queue.rules.hours import validate_hours

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
PREFIX = re.compile(r"^[A-Z]$")

HALL_FIELDS = {"code": True, "name": True, "timezone": True}
DEPARTMENT_FIELDS = {"code": True, "name": True}
ITEM_FIELDS = {"code": True, "department": True, "name": True, "kind": True,
               "legal_days": True, "promised_days": True, "legal_basis": True,
               "conditions": True, "procedure": True, "materials": True,
               "sample_form": True, "fees": True, "contact": False}
MATERIAL_FIELDS = {"name": True, "form": True, "copies": True, "required": True,
                   "may_supply_later": True, "note": False}
SERVICE_FIELDS = {"prefix": True, "name": True, "items": True, "daily_limit": True,
                  "hours": True}
WINDOW_FIELDS = {"number": True, "name": True, "department": False, "services": True}

FIELD_ZH = {
    "code": "编码", "name": "名称", "timezone": "时区", "department": "部门", "kind": "办件类型",
    "legal_days": "法定期限", "promised_days": "承诺期限", "legal_basis": "法律依据",
    "conditions": "办事条件", "procedure": "办理程序", "materials": "材料目录",
    "sample_form": "申请书示范文本", "fees": "收费标准", "contact": "咨询电话",
    "form": "原件/复印件", "copies": "份数", "required": "是否必需",
    "may_supply_later": "是否容缺", "note": "备注", "prefix": "号码前缀", "items": "事项",
    "daily_limit": "每日限号", "hours": "办理时间", "number": "窗口号", "services": "业务",
}


@dataclasses.dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    field: str
    message_zh: str
    message_en: str

    def english(self) -> str:
        return f"{self.file}: {self.entry}: {self.field}: {self.message_en}"

    def chinese(self) -> str:
        return f"{self.file}：{self.entry}：{FIELD_ZH.get(self.field, self.field)}：{self.message_zh}"


class Checker:
    """Collects every problem instead of stopping at the first."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, entry: str, field: str, zh: str, en: str) -> None:
        self.problems.append(Problem(self.file, entry, field, zh, en))

    def fields(self, entry: str, data: Any, spec: dict[str, bool]) -> bool:
        if not isinstance(data, dict):
            self.add(entry, "-", "应为键值对", "must be a mapping")
            return False
        for key in data:
            if key not in spec:
                self.add(entry, str(key), "未知字段（拼写错误？）", "unknown field (a typo?)")
        for key, required in spec.items():
            value = data.get(key)
            if required and (value is None or value == "" or value == []):
                self.add(entry, key, "缺少此项", "missing")
        return True

    def text(self, entry: str, data: dict, field: str) -> None:
        value = data.get(field)
        if value is not None and not isinstance(value, str):
            self.add(entry, field, "应为文字", "must be text")

    def integer(self, entry: str, data: dict, field: str, minimum: int) -> int | None:
        value = data.get(field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.add(entry, field, f"应为不小于 {minimum} 的整数",
                     f"must be a whole number >= {minimum}")
            return None
        return value

    def boolean(self, entry: str, data: dict, field: str) -> None:
        if field in data and not isinstance(data[field], bool):
            self.add(entry, field, "应为 true 或 false", "must be true or false")

    def unique(self, entries: list[tuple[str, Any]], field: str, label: str) -> None:
        seen: dict[Any, str] = {}
        for entry, value in entries:
            if value is None:
                continue
            if value in seen:
                self.add(entry, field, f"{label} {value} 重复（与 {seen[value]} 相同）",
                         f"duplicate {field} {value!r} (also {seen[value]})")
            else:
                seen[value] = entry


def _entry(kind: str, index: int, data: Any, key: str) -> str:
    code = data.get(key) if isinstance(data, dict) else None
    return f"{kind}[{index}]" + (f" {code}" if code is not None else "")


def validate(data: Any, file: str) -> list[Problem]:
    """All problems in a parsed catalog; empty when it can be imported."""
    check = Checker(file)
    if not isinstance(data, dict):
        check.add("catalog", "-", "文件内容应为键值对", "the file must hold a mapping")
        return check.problems
    for key in data:
        if key not in ("hall", "departments", "items", "services", "windows"):
            check.add("catalog", str(key), "未知字段", "unknown top-level field")
    _hall(check, data.get("hall"))
    departments = _list(check, data, "departments")
    items = _list(check, data, "items")
    services = _list(check, data, "services")
    windows = _list(check, data, "windows")
    dept_codes = _departments(check, departments)
    item_codes = _items(check, items, dept_codes)
    prefixes, served = _services(check, services, item_codes)
    staffed = _windows(check, windows, dept_codes, prefixes)
    for index, item in enumerate(items):
        if isinstance(item, dict) and item.get("code") in item_codes \
                and item["code"] not in served:
            check.add(_entry("items", index, item, "code"), "code",
                      "没有任何取号业务包含此事项", "no service covers this item")
    for index, service in enumerate(services):
        if isinstance(service, dict) and service.get("prefix") in prefixes \
                and service["prefix"] not in staffed:
            check.add(_entry("services", index, service, "prefix"), "prefix",
                      "没有窗口办理此业务", "no window serves this service")
    return check.problems


def _list(check: Checker, data: dict, key: str) -> list:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        check.add("catalog", key, "缺少此项或为空", "missing or empty list")
        return []
    return value


def _hall(check: Checker, hall: Any) -> None:
    if hall is None:
        check.add("hall", "-", "缺少大厅信息", "missing")
        return
    if not check.fields("hall", hall, HALL_FIELDS):
        return
    if hall.get("code") and not CODE.match(str(hall["code"])):
        check.add("hall", "code", "只能用字母、数字、- 和 _", "use letters, digits, - and _")
    if hall.get("timezone"):
        try:
            ZoneInfo(str(hall["timezone"]))
        except (ZoneInfoNotFoundError, ValueError):
            check.add("hall", "timezone", f"未知时区 {hall['timezone']}",
                      f"unknown time zone {hall['timezone']!r}")


def _departments(check: Checker, departments: list) -> set[str]:
    for index, dept in enumerate(departments):
        entry = _entry("departments", index, dept, "code")
        if check.fields(entry, dept, DEPARTMENT_FIELDS) and dept.get("code") \
                and not CODE.match(str(dept["code"])):
            check.add(entry, "code", "只能用字母、数字、- 和 _", "use letters, digits, - and _")
    codes = [(_entry("departments", i, d, "code"), d.get("code"))
             for i, d in enumerate(departments) if isinstance(d, dict)]
    check.unique(codes, "code", "部门编码")
    return {code for _, code in codes if code}


def _items(check: Checker, items: list, dept_codes: set[str]) -> set[str]:
    for index, item in enumerate(items):
        entry = _entry("items", index, item, "code")
        if not check.fields(entry, item, ITEM_FIELDS):
            continue
        if item.get("code") and not CODE.match(str(item["code"])):
            check.add(entry, "code", "只能用字母、数字、- 和 _", "use letters, digits, - and _")
        if item.get("department") and item["department"] not in dept_codes:
            check.add(entry, "department", f"部门 {item['department']} 不存在",
                      f"unknown department {item['department']!r}")
        if item.get("kind") and item["kind"] not in ("instant", "promised"):
            check.add(entry, "kind", "应为 instant（即办件）或 promised（承诺件）",
                      "must be instant or promised")
        for field in ("name", "legal_basis", "conditions", "sample_form", "fees", "contact"):
            check.text(entry, item, field)
        legal = check.integer(entry, item, "legal_days", 0)
        promised = check.integer(entry, item, "promised_days", 0)
        if legal is not None and promised is not None and promised > legal:
            check.add(entry, "promised_days",
                      f"承诺期限（{promised} 个工作日）不能超过法定期限（{legal} 个工作日）",
                      f"promised_days {promised} exceeds legal_days {legal}")
        if item.get("kind") == "instant" and promised not in (None, 0):
            check.add(entry, "promised_days", "即办件的承诺期限应为 0",
                      "an instant item has promised_days 0")
        procedure = item.get("procedure")
        if procedure is not None and (not isinstance(procedure, list) or not all(
                isinstance(step, str) and step.strip() for step in procedure)):
            check.add(entry, "procedure", "应为步骤列表，每步一行文字",
                      "must be a list of text steps")
        _materials(check, entry, item.get("materials"))
    codes = [(_entry("items", i, it, "code"), it.get("code"))
             for i, it in enumerate(items) if isinstance(it, dict)]
    check.unique(codes, "code", "事项编码")
    return {code for _, code in codes if code}


def _materials(check: Checker, item_entry: str, materials: Any) -> None:
    if materials is None:
        return
    if not isinstance(materials, list):
        check.add(item_entry, "materials", "应为材料列表", "must be a list")
        return
    for index, material in enumerate(materials):
        entry = f"{item_entry} materials[{index}]"
        if not check.fields(entry, material, MATERIAL_FIELDS):
            continue
        if material.get("form") and material["form"] not in ("original", "copy", "both"):
            check.add(entry, "form", "应为 original（原件）、copy（复印件）或 both",
                      "must be original, copy or both")
        check.integer(entry, material, "copies", 1)
        check.boolean(entry, material, "required")
        check.boolean(entry, material, "may_supply_later")
        check.text(entry, material, "name")
        check.text(entry, material, "note")


def _services(check: Checker, services: list, item_codes: set[str]
              ) -> tuple[set[str], set[str]]:
    served: set[str] = set()
    for index, service in enumerate(services):
        entry = _entry("services", index, service, "prefix")
        if not check.fields(entry, service, SERVICE_FIELDS):
            continue
        if service.get("prefix") and not PREFIX.match(str(service["prefix"])):
            check.add(entry, "prefix", "应为一个大写字母", "must be one uppercase letter")
        check.integer(entry, service, "daily_limit", 0)
        items = service.get("items") or []
        if not isinstance(items, list):
            check.add(entry, "items", "应为事项编码列表", "must be a list of item codes")
            items = []
        for code in items:
            if code not in item_codes:
                check.add(entry, "items", f"事项 {code} 不存在", f"unknown item {code!r}")
            served.add(code)
        if service.get("hours") is not None:
            for problem in validate_hours(service["hours"]):
                check.add(entry, "hours", "办理时间格式不对（如 09:00-12:00）", problem)
    prefixes = [(_entry("services", i, s, "prefix"), s.get("prefix"))
                for i, s in enumerate(services) if isinstance(s, dict)]
    check.unique(prefixes, "prefix", "号码前缀")
    return {p for _, p in prefixes if p}, served


def _windows(check: Checker, windows: list, dept_codes: set[str], prefixes: set[str]
             ) -> set[str]:
    staffed: set[str] = set()
    for index, window in enumerate(windows):
        entry = _entry("windows", index, window, "number")
        if not check.fields(entry, window, WINDOW_FIELDS):
            continue
        check.integer(entry, window, "number", 1)
        if window.get("department") and window["department"] not in dept_codes:
            check.add(entry, "department", f"部门 {window['department']} 不存在",
                      f"unknown department {window['department']!r}")
        services = window.get("services") or []
        if not isinstance(services, list):
            check.add(entry, "services", "应为业务前缀列表", "must be a list of prefixes")
            services = []
        for prefix in services:
            if prefix not in prefixes:
                check.add(entry, "services", f"业务 {prefix} 不存在",
                          f"unknown service {prefix!r}")
            staffed.add(prefix)
    numbers = [(_entry("windows", i, w, "number"), w.get("number"))
               for i, w in enumerate(windows) if isinstance(w, dict)]
    check.unique(numbers, "number", "窗口号")
    return staffed
