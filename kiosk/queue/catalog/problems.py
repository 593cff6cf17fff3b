"""One problem of a catalog, and pydantic's errors turned into problems.

A problem names the file, the entry (``items[3] SCJG-004``: list, index, code) and the
field, so the manager can find it in the file; pydantic's locations
(``("items", 3, "materials", 0, "copies")``) are translated into that.
"""
from __future__ import annotations

import dataclasses
from typing import Any

FIELD_ZH = {
    "code": "编码", "name": "名称", "timezone": "时区", "department": "部门", "kind": "办件类型",
    "legal_days": "法定期限", "promised_days": "承诺期限", "legal_basis": "法律依据",
    "conditions": "办事条件", "procedure": "办理程序", "materials": "材料目录",
    "sample_form": "申请书示范文本", "fees": "收费标准", "contact": "咨询电话",
    "form": "原件/复印件", "copies": "份数", "required": "是否必需",
    "may_supply_later": "是否容缺", "note": "备注", "prefix": "号码前缀", "items": "事项",
    "daily_limit": "每日限号", "hours": "办理时间", "number": "窗口号", "services": "业务",
    "hall": "大厅", "departments": "部门", "windows": "窗口",
    "id_card": "刷身份证取号", "per_person_daily_limit": "每人每日限取",
    "remind_ahead": "提前几位提醒", "remote_ticket": "远程取号",
    "remote_daily_per_phone": "每个手机每日远程取号数", "booking_share": "预约占限号比例",
    "booking_slot_minutes": "预约时段长度(分钟)", "booking_slot_capacity": "每时段预约人数",
    "case_steps": "办理环节时限", "days": "时限（工作日）",
}

#: the field that names an entry of each list
ENTRY_KEY = {"departments": "code", "items": "code", "services": "prefix",
             "windows": "number"}


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


def entry_name(kind: str, index: int, data: Any) -> str:
    """``items[3] SCJG-004``; the code only when it is a short scalar."""
    code = data.get(ENTRY_KEY.get(kind, "")) if isinstance(data, dict) else None
    shown = isinstance(code, str | int) and not isinstance(code, bool) \
        and len(str(code)) <= 40
    return f"{kind}[{index}]" + (f" {code}" if shown else "")


def locate(loc: tuple, data: Any) -> tuple[str, str, str]:
    """(entry, field, detail) of a pydantic location in the raw catalog ``data``."""
    if not loc:
        return "catalog", "-", ""
    head, rest = loc[0], loc[1:]
    if head == "hall":
        return "hall", str(rest[0]) if rest else "-", _path(rest[1:])
    if head not in ENTRY_KEY or not rest:
        return "catalog", str(head), ""
    raw = data.get(head) if isinstance(data, dict) else None
    raw_entry = raw[rest[0]] if isinstance(raw, list) and isinstance(rest[0], int) \
        and rest[0] < len(raw) else None
    entry = entry_name(head, rest[0], raw_entry)
    if len(rest) == 1:
        return entry, "-", ""
    field, deeper = str(rest[1]), rest[2:]
    if head == "items" and field == "materials" and deeper:
        entry = f"{entry} materials[{deeper[0]}]"
        return entry, str(deeper[1]) if len(deeper) > 1 else "-", _path(deeper[2:])
    return entry, field, _path(deeper)


def _path(parts: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")


LITERAL = {
    "kind": ("应为 instant（即办件）或 promised（承诺件）", "must be instant or promised"),
    "form": ("应为 original（原件）、copy（复印件）或 both", "must be original, copy or both"),
}


def describe(error: dict, field: str) -> tuple[str, str]:
    """(zh, en) for one pydantic error about ``field``."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing" or (value is None and kind.endswith("_type")) or \
            (kind in ("string_too_short", "too_short") and ctx.get("min_length") == 1):
        return "缺少此项或为空", "missing or empty"
    if kind == "extra_forbidden":
        return "未知字段（拼写错误？）", "unknown field (a typo?)"
    if kind == "string_type":
        return "应为文字", "must be text"
    if kind == "string_too_long":
        return (f"过长：最多 {ctx['max_length']} 字（现有 {len(value)} 字）",
                f"too long: at most {ctx['max_length']} characters (has {len(value)})")
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == "^[A-Z]$":
            return "应为一个大写字母", "must be one uppercase letter"
        return "只能用字母、数字、- 和 _", "use letters, digits, - and _"
    if kind in ("int_type", "int_from_float", "int_parsing"):
        return "应为整数", "must be a whole number"
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = ctx.get("ge"), ctx.get("le")
        if low is not None:
            return f"应为不小于 {low} 的整数", f"must be a whole number >= {low}"
        return f"应为不大于 {high} 的整数", f"must be a whole number <= {high}"
    if kind == "bool_type":
        return "应为 true 或 false", "must be true or false"
    if kind == "literal_error" and field in LITERAL:
        return LITERAL[field]
    if kind == "literal_error":
        return f"应为 {ctx.get('expected')} 之一", f"must be one of {ctx.get('expected')}"
    if kind == "list_type":
        return "应为列表", "must be a list"
    if kind == "too_long":
        return f"过多：最多 {ctx.get('max_length')} 项", \
            f"too many: at most {ctx.get('max_length')} entries"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "应为键值对", "must be a mapping"
    return "格式不对", error.get("msg", kind)
