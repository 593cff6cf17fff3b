"""Every sentence the display shows, in one place, each through ``tr`` so a .qm file can
translate it. States are words here; the screens only colour them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk.clock import hall_time
from kiosk.queue.display_queries import CallView, WindowStatus
from kiosk.ui.i18n import tr

CONTEXT = "HallDisplay"


def window_label(number: int) -> str:
    return tr(CONTEXT, "{n}号窗口").format(n=number)


def go_to(window: int) -> str:
    """The second half of a call: "请到 3号窗口"."""
    return tr(CONTEXT, "请到") + " " + window_label(window)


def call_line(call: CallView) -> str:
    """One call in a sentence: "A012 请到 3号窗口"."""
    return f"{call.code} {go_to(call.window)}"


def recall_tag() -> str:
    return tr(CONTEXT, "重呼")


def clock_time(when: dt.datetime, timezone: str) -> str:
    return hall_time(when, timezone).strftime("%H:%M:%S")


def clock_date(when: dt.datetime, timezone: str) -> str:
    local = hall_time(when, timezone)
    weekdays = (tr(CONTEXT, "星期一"), tr(CONTEXT, "星期二"), tr(CONTEXT, "星期三"),
                tr(CONTEXT, "星期四"), tr(CONTEXT, "星期五"), tr(CONTEXT, "星期六"),
                tr(CONTEXT, "星期日"))
    return tr(CONTEXT, "{y}年{m}月{d}日 {weekday}").format(
        y=local.year, m=local.month, d=local.day, weekday=weekdays[local.weekday()])


def back_at(when: dt.datetime | None, timezone: str) -> str:
    if when is None:
        return ""
    return tr(CONTEXT, "预计 {time} 恢复").format(
        time=hall_time(when, timezone).strftime("%H:%M"))


@dataclasses.dataclass(frozen=True)
class WindowWords:
    """A window's state in words: ``kind`` picks the colour (open, idle, paused, closed)."""

    kind: str
    headline: str   # e.g. "办理中", "暂停服务", "未开放"
    code: str       # the ticket number, or ""
    detail: str     # the clerk; when paused, the return time first, then the reason
    reason: str = ""
    back: str = ""  # "预计 14:00 恢复"


def window_words(status: WindowStatus, timezone: str) -> WindowWords:
    if status.state == "paused":
        reason = status.pause_reason or ""
        back = back_at(status.pause_back_at, timezone)
        detail = " · ".join(part for part in (back, reason) if part)  # the time never cut
        return WindowWords("paused", tr(CONTEXT, "暂停服务"), "", detail, reason, back)
    if status.state != "open":
        return WindowWords("closed", tr(CONTEXT, "未开放"), "", "")
    clerk = clerk_line(status)
    if status.current_code and status.current_state == "called":
        return WindowWords("open", tr(CONTEXT, "正在叫号"), status.current_code, clerk)
    if status.current_code:
        return WindowWords("open", tr(CONTEXT, "办理中"), status.current_code, clerk)
    return WindowWords("idle", tr(CONTEXT, "等候叫号"), "", clerk)


def clerk_line(status: WindowStatus) -> str:
    if not status.staff_no:
        return ""
    return tr(CONTEXT, "{name} 工号 {staff_no}").format(name=status.staff_name or "",
                                                       staff_no=status.staff_no)


def waiting_count(count: int) -> str:
    return tr(CONTEXT, "等候 {n} 人").format(n=count)


def connection_lost() -> str:
    return tr(CONTEXT, "连接中断")


def speech_unavailable() -> str:
    return tr(CONTEXT, "语音播报不可用")
