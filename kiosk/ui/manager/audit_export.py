"""Writing audit-trail rows to CSV (UTF-8 with BOM, so Excel reads the Chinese) or xlsx,
and the one text form of an event's details that the viewer and the exports share.
No Qt here: the console runs it in a worker thread."""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from kiosk.queue.reads.audit import AuditRow
from kiosk.queue.rules.names import LEVEL_ZH, OUTCOME_ZH, PRIORITY_ZH

HEADERS = ("序号", "时间", "操作人", "姓名", "操作", "号票", "窗口", "详情")

#: Chinese names of the payload keys most events carry
KEY_ZH = {
    "code": "号码", "window": "窗口", "window_name": "窗口名称", "staff_no": "工号",
    "staff_name": "姓名", "name": "名称", "role": "角色", "reason": "原因",
    "back_at": "预计恢复", "outcome": "办理结果", "handling_s": "办理用时(秒)",
    "level": "评价等级", "reasons": "原因", "to": "转往", "from_window": "原窗口",
    "to_prefix": "转往业务", "to_window": "转往窗口", "note": "备注", "prefix": "业务",
    "item": "事项", "priority": "优先类别", "new": "新值", "old": "原值",
    "fields": "修改字段", "changes": "修改内容", "failures": "失败次数",
    "device": "设备", "kind": "类型", "message_zh": "说明", "paused_s": "暂停用时(秒)",
    "recall_count": "重呼次数", "appointment": "预约", "day": "日期", "expired": "作废",
    "followup_id": "跟进编号", "followup_ids": "跟进编号", "from": "原状态",
    "is_workday": "工作日", "key": "告警标识", "primary": "A岗", "backup": "B岗",
    "position": "重排位置", "inquiry_id": "首问编号", "referred_to": "转介至",
    "appointments_missed": "预约失约", "windows_closed": "关闭窗口",
}
SKIP = {"message", "bad", "appointment"}  # English duplicates and flags said elsewhere

#: Chinese for the codes some payload values hold
VALUE_ZH = {
    "outcome": OUTCOME_ZH,
    "level": LEVEL_ZH,
    "priority": {"none": "无", **PRIORITY_ZH},
    "role": {"window": "窗口人员", "manager": "大厅管理员", "admin": "系统管理员"},
    "position": {"end": "队尾", "keep": "原位置"},
}
FOLLOWUP_ZH = {"to_verify": "待核实", "verified": "已核实", "fixing": "整改中",
               "fixed": "已整改", "revisited": "已回访", "appealed": "申诉"}
VALUE_ZH["from"] = VALUE_ZH["to"] = FOLLOWUP_ZH


def _value(value: object) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def describe_payload(payload: dict) -> str:
    """'号码 A001；窗口 1' from an event's payload, keys and codes in Chinese where
    known; empty lists are left out."""
    parts = []
    for key, value in payload.items():
        if key in SKIP or value == []:
            continue
        if key in VALUE_ZH and isinstance(value, (str, int)) and not isinstance(value, bool):
            value = VALUE_ZH[key].get(value, value)
        parts.append(f"{KEY_ZH.get(key, key)} {_value(value)}")
    return "；".join(parts)


def row_values(row: AuditRow) -> tuple:
    actor = row.actor.partition(":")[2] if row.actor.startswith("staff:") else row.actor
    return (row.id, f"{row.at:%Y-%m-%d %H:%M:%S}", actor, row.actor_name or "",
            row.action_zh, row.ticket_code or "",
            row.window_number if row.window_number is not None else "",
            describe_payload(row.payload))


def write_rows(rows: Iterable[AuditRow], path: str | Path,
               progress: Callable[[int, int], None] | None = None, total: int = 0) -> int:
    """Write ``rows`` to ``path`` (.csv or .xlsx by its suffix); returns how many."""
    path = Path(path)
    written = 0
    tick = progress or (lambda _done, _total: None)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("电子监察")
        sheet.append(list(HEADERS))
        for row in rows:
            sheet.append(list(row_values(row)))
            written += 1
            if written % 500 == 0:
                tick(written, total)
        book.save(path)
    else:
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(HEADERS)
            for row in rows:
                out.writerow(row_values(row))
                written += 1
                if written % 500 == 0:
                    tick(written, total)
    tick(written, total)
    return written
