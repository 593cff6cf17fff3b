"""What the kiosk says about a queue's state: a tile's status line and the explanation
a tap on a refused tile gets (naming the item and when tickets resume).

The states come from the core (``reads.kiosk.QueueState``); only the words are here.
"""
from __future__ import annotations

import datetime as dt

from kiosk.queue.reads.kiosk import OPEN, OUT_OF_HOURS, SOLD_OUT, QueueState
from kiosk.ui.i18n import translate


def _weekdays() -> tuple[str, ...]:
    return (translate("QueueWords", "周一"), translate("QueueWords", "周二"),
            translate("QueueWords", "周三"), translate("QueueWords", "周四"),
            translate("QueueWords", "周五"), translate("QueueWords", "周六"),
            translate("QueueWords", "周日"))


def when_text(at: dt.datetime, now: dt.datetime) -> str:
    """13:30 today, 明天 09:00, 周一 09:00 within a week, else 12月1日 09:00."""
    days = (at.date() - now.date()).days
    clock = at.strftime("%H:%M")
    if days <= 0:
        return clock
    if days == 1:
        return translate("QueueWords", "明天 %1").replace("%1", clock)
    if days < 7:
        return f"{_weekdays()[at.weekday()]} {clock}"
    return translate("QueueWords", "%1月%2日 %3").replace("%1", str(at.month)).replace(
        "%2", str(at.day)).replace("%3", clock)


def waiting_text(waiting: int) -> str:
    if waiting <= 0:
        return translate("QueueWords", "无需等候")
    return translate("QueueWords", "等候 %1 人").replace("%1", str(waiting))


def tile_status(state: QueueState, now: dt.datetime) -> tuple[str, bool]:
    """(status line, refused) of an item's tile."""
    if state.state == OPEN:
        return waiting_text(state.waiting), False
    if state.state == SOLD_OUT:
        return translate("QueueWords", "已满 · 今日号已取完"), True
    if state.state == OUT_OF_HOURS:
        if state.reopens_at is None:
            return translate("QueueWords", "已停止取号"), True
        return translate("QueueWords", "%1 后可取号").replace(
            "%1", when_text(state.reopens_at, now)), True
    return translate("QueueWords", "已停止取号"), True


def department_status(states: tuple[QueueState, ...], now: dt.datetime) -> tuple[str, bool]:
    """(status line, refused) of a department's tile: the people waiting in its queues
    while any takes tickets; the shared reason when none does."""
    open_states = [s for s in states if s.state == OPEN]
    if open_states or not states:
        waiting = sum(s.waiting for s in open_states)
        text = waiting_text(waiting)
        refused = len(states) - len(open_states)
        if refused:
            text += translate("QueueWords", " · %1 类暂停取号").replace("%1", str(refused))
        return text, False
    statuses = {tile_status(s, now)[0] for s in states}
    if len(statuses) == 1:
        return statuses.pop(), True
    reopen = [s.reopens_at for s in states if s.reopens_at is not None]
    if reopen and all(s.state == OUT_OF_HOURS for s in states):
        return translate("QueueWords", "%1 后可取号").replace(
            "%1", when_text(min(reopen), now)), True
    return translate("QueueWords", "暂停取号"), True


def refusal_text(item_name: str, state: QueueState, now: dt.datetime) -> str:
    """Why no ticket can be taken for ``item_name`` now, and when it can."""
    item = translate("QueueWords", "“%1”").replace("%1", item_name)
    resume = (translate("QueueWords", "%1 后可取号").replace(
        "%1", when_text(state.reopens_at, now)) if state.reopens_at else "")
    hours = (translate("QueueWords", "取号时间：%1").replace("%1", state.hours_text)
             if state.hours_text else "")
    if state.state == SOLD_OUT:
        text = translate("QueueWords", "%1今日号已取完（%2每天限 %3 个）。").replace(
            "%1", item).replace("%2", state.name).replace("%3", str(state.daily_limit))
        text += (translate("QueueWords", "%1，也可网上预约。").replace("%1", resume)
                 if resume else translate("QueueWords", "请明天再来，或网上预约。"))
    elif state.state == OUT_OF_HOURS:
        text = translate("QueueWords", "现在不是%1的取号时间。").replace("%1", item)
        text += (resume + "。") if resume else ""
    elif state.holiday is not None:
        text = translate("QueueWords", "今日为节假日（%1），大厅休息，%2暂停取号。").replace(
            "%1", state.holiday or translate("QueueWords", "休息日")).replace("%2", item)
        text += (resume + "。") if resume else ""
    else:
        text = translate("QueueWords", "%1暂停现场取号，请到服务台咨询。").replace("%1", item)
        hours = ""
    return "\n".join(t for t in (text, hours) if t)

