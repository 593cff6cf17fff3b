"""The hall's own rules on top of the schema: references between departments, items,
queues and windows, unique codes, promised ≤ legal days, opening hours, the time zone.

They read the raw catalog so that every problem is found in one pass even when the
schema refused some entry; values of the wrong type are skipped here (the schema has
already named them), never compared or hashed.
"""
from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.queue.catalog.problems import Problem, entry_name
from kiosk.queue.rules import limits
from kiosk.queue.rules.hours import validate_hours


def _key(value: Any) -> str | int | None:
    """A value usable as a code (text or a whole number), else None."""
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    return None


def _entries(data: dict, kind: str) -> list[tuple[str, dict]]:
    value = data.get(kind)
    if not isinstance(value, list):
        return []
    return [(entry_name(kind, i, e), e) for i, e in enumerate(value) if isinstance(e, dict)]


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


class Rules:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, entry: str, field: str, zh: str, en: str) -> None:
        self.problems.append(Problem(self.file, entry, field, zh, en))

    def unique(self, entries: list[tuple[str, dict]], field: str, label: str) -> set:
        seen: dict[Any, str] = {}
        for entry, data in entries:
            value = _key(data.get(field))
            if value is None:
                continue
            if value in seen:
                self.add(entry, field, f"{label} {value} 重复（与 {seen[value]} 相同）",
                         f"duplicate {field} {value!r} (also {seen[value]})")
            else:
                seen[value] = entry
        return set(seen)

    def refers(self, entry: str, field: str, value: Any, known: set, label: str,
               noun: str) -> None:
        value = _key(value)
        if value is not None and value not in known:
            self.add(entry, field, f"{label} {value} 不存在", f"unknown {noun} {value!r}")


def check(data: dict, file: str) -> list[Problem]:
    """Problems of the rules between entries; ``data`` is a mapping of any content."""
    rules = Rules(file)
    _timezone(rules, data.get("hall"))
    departments = rules.unique(_entries(data, "departments"), "code", "部门编码")
    items = _entries(data, "items")
    item_codes = rules.unique(items, "code", "事项编码")
    for entry, item in items:
        rules.refers(entry, "department", item.get("department"), departments, "部门",
                     "department")
        _days(rules, entry, item)
    services = _entries(data, "services")
    prefixes = rules.unique(services, "prefix", "号码前缀")
    served = set()
    for entry, service in services:
        for code in _list(service.get("items")):
            rules.refers(entry, "items", code, item_codes, "事项", "item")
            served.add(_key(code))
        if "hours" in service:
            for problem in validate_hours(service["hours"]):
                rules.add(entry, "hours", "办理时间格式不对（如 09:00-12:00）", problem)
        if service.get("per_person_daily_limit") and service.get("id_card", "off") == "off":
            rules.add(entry, "per_person_daily_limit",
                      "每人每日限取需要刷身份证取号（id_card 设为 required 或 optional）",
                      "per_person_daily_limit counts tickets taken by ID card: "
                      "set id_card to required or optional")
    windows = _entries(data, "windows")
    rules.unique(windows, "number", "窗口号")
    staffed = set()
    for entry, window in windows:
        rules.refers(entry, "department", window.get("department"), departments, "部门",
                     "department")
        for prefix in _list(window.get("services")):
            rules.refers(entry, "services", prefix, prefixes, "业务", "service")
            staffed.add(_key(prefix))
    for entry, item in items:
        if _key(item.get("code")) in item_codes - served:
            rules.add(entry, "code", "没有任何取号业务包含此事项", "no service covers this item")
    for entry, service in services:
        if _key(service.get("prefix")) in prefixes - staffed:
            rules.add(entry, "prefix", "没有窗口办理此业务", "no window serves this service")
    return rules.problems


def _timezone(rules: Rules, hall: Any) -> None:
    zone = hall.get("timezone") if isinstance(hall, dict) else None
    if not isinstance(zone, str) or not zone or len(zone) > limits.TIMEZONE_MAX:
        return
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        rules.add("hall", "timezone", f"未知时区 {zone}", f"unknown time zone {zone!r}")


def _days(rules: Rules, entry: str, item: dict) -> None:
    legal, promised = item.get("legal_days"), item.get("promised_days")
    if not (isinstance(legal, int) and isinstance(promised, int)) \
            or isinstance(legal, bool) or isinstance(promised, bool):
        return
    if promised > legal:
        rules.add(entry, "promised_days",
                  f"承诺期限（{promised} 个工作日）不能超过法定期限（{legal} 个工作日）",
                  f"promised_days {promised} exceeds legal_days {legal}")
    if item.get("kind") == "instant" and promised != 0:
        rules.add(entry, "promised_days", "即办件的承诺期限应为 0",
                  "an instant item has promised_days 0")
    steps = item.get("case_steps") or []
    total = sum(s.get("days") for s in steps if isinstance(s, dict)
                and isinstance(s.get("days"), int) and not isinstance(s.get("days"), bool))
    if total > promised:
        rules.add(entry, "case_steps",
                  f"各办理环节时限之和（{total} 个工作日）不能超过承诺期限（{promised} 个工作日）",
                  f"case_steps take {total} working days, more than promised_days {promised}")
