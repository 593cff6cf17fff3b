"""The clerk's words: what an action did, and why an action cannot be done right now.

Kept apart from the widgets so the rules of "what applies when" read in one place.
"""
from __future__ import annotations

import re

from kiosk.queue.snapshots import ActionResult, TicketView, WindowView
from kiosk.queue.rules.names import OUTCOME_ZH
from kiosk.ui.i18n import translate


def window_title(number: int, name: str) -> str:
    """The window named once: its name when that already says its number
    (企业开办1号窗口), else "4 号窗口 · 税务1号窗口"."""
    if re.search(rf"(?<!\d){number}(?!\d)", name or ""):
        return name
    label = translate("WindowMain", "{n} 号窗口").format(n=number)
    return f"{label} · {name}" if name else label


def action_message(action: str, result) -> tuple[str, str]:
    """(tone, text) for the message area after ``action`` succeeded."""
    ticket = result.ticket if isinstance(result, ActionResult) else None
    code = ticket.code if ticket else ""
    if action == "call_next" and ticket is None:
        return "info", translate("WindowMain", "当前没有等候的号码")
    if action == "finish_and_call" and isinstance(result, ActionResult):
        if result.finished is None:      # nobody waited: only the finish happened
            return "done", translate("WindowMain", "{code} 已办结，当前没有等候的号码").format(
                code=code) + case_text(result) + _replayed(result)
        return "done", translate("WindowMain", "{done} 已办结，请群众评价；已叫号：{code}"
                                 ).format(done=result.finished.code, code=code) \
            + case_text(result) + _replayed(result)
    texts = {
        "call_next": translate("WindowMain", "已叫号：{code}"),
        "call_number": translate("WindowMain", "已叫号：{code}"),
        "recall": translate("WindowMain", "已重呼 {code}（第 {n} 次）"),
        "start": translate("WindowMain", "开始办理 {code}"),
        "no_show": translate("WindowMain", "{code} 已按过号处理，可叫下一位"),
        "finish": translate("WindowMain", "{code} 已办结（结果：{outcome}），请群众在评价器上评价"),
        "transfer": translate("WindowMain", "{code} 已转办，保持原排队时间"),
        "requeue": translate("WindowMain", "{code} 已重新排队"),
        "pause": translate("WindowMain", "已暂停服务"),
        "resume": translate("WindowMain", "已恢复服务"),
        "inquiry": translate("WindowMain", "首问登记已保存（编号 {n}）"),
        "confirm_priority": translate("WindowMain", "{code} 号绿色通道已核验确认"),
        "reject_priority": translate(
            "WindowMain", "{code} 号不符合绿色通道条件，已按普通号排队（保持原取号时间）"),
    }
    text = texts.get(action, translate("WindowMain", "完成")).format(
        code=code,
        n=ticket.recall_count if ticket else (result if isinstance(result, int) else ""),
        outcome=translate("Outcome", OUTCOME_ZH.get(ticket.outcome or "", "")) if ticket
        else "")
    return "done", text + case_text(result) + _replayed(result)


def case_text(result) -> str:
    """The 办件编号 a finish registered, said after the finish's own words."""
    if isinstance(result, ActionResult) and result.case_no:
        return translate("WindowMain", "；已登记办件，办件编号 {no}").format(no=result.case_no)
    return ""


def promise_text(detail) -> str:
    """The new case's promised date, added once it is read (a case's ``CaseDetail``)."""
    return translate("WindowMain", "，承诺办结日期 {date}（可在“办件”中打印受理通知书）").format(
        date=detail.row.promised_date.isoformat())


def _replayed(result) -> str:
    if isinstance(result, ActionResult) and result.replayed:
        return translate("WindowMain", "（连接恢复后确认：该操作此前已完成，未重复执行）")
    return ""


def disabled_reasons(*, online: bool, window: WindowView | None,
                     current: TicketView | None, recall_max: int | None,
                     pause_key: str) -> dict[str, str]:
    """action -> why it cannot be done now; actions not listed are allowed."""
    everything = ("call_next", "recall", "start", "no_show", "finish", "finish_and_call",
                  "transfer", "call_number", "requeue", "pause", "inquiry", "sign_out")
    if not online:
        return {a: translate("WindowMain", "连接中断，恢复后才能操作") for a in everything}
    if window is None:
        return {a: translate("WindowMain", "请先登录") for a in everything}
    why: dict[str, str] = {}
    paused = window.state == "paused"
    code = current.code if current else ""
    called = current is not None and current.state == "called"
    busy = translate("WindowMain", "请先办结、过号或转办当前的 {code} 号").format(code=code)
    for action in ("call_next", "call_number"):
        if paused:
            why[action] = translate("WindowMain", "窗口处于暂停服务状态，请先按［{key}］恢复服务"
                             ).format(key=pause_key)
        elif current is not None:
            why[action] = busy
    if not called:
        nothing = translate("WindowMain", "当前没有已叫号、等候到窗口的号码")
        for action in ("recall", "start", "no_show"):
            why[action] = nothing
        if current is not None:
            why["no_show"] = translate("WindowMain", "{code} 号正在办理，不能过号").format(code=code)
            why["recall"] = translate("WindowMain", "{code} 号正在办理，无需重呼").format(code=code)
            why["start"] = translate("WindowMain", "{code} 号已在办理中").format(code=code)
    elif recall_max is not None and current.recall_count >= recall_max:
        why["recall"] = translate("WindowMain", "{code} 号已重呼 {n} 次，可按过号处理").format(
            code=code, n=recall_max)
    if current is None:
        for action in ("finish", "finish_and_call", "transfer"):
            why[action] = translate("WindowMain", "当前没有正在办理的号码")
    elif not paused:
        why["pause"] = busy + translate("WindowMain", "，再暂停服务")
    if current is not None:
        why["sign_out"] = busy + translate("WindowMain", "，再退出登录")
    return why
