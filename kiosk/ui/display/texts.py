"""Every sentence the display shows, in one place, each through ``translate`` so a .qm
file can translate it. States are words here; the screens only colour them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk.clock import hall_time
from kiosk.queue.reads.display import WindowStatus
from kiosk.ui.i18n import translate


def window_label(number: int) -> str:
    return translate("HallDisplay", "{n}号窗口").format(n=number)


def go_to(window: int) -> str:
    """The second half of a call: "请到 3号窗口"."""
    return translate("HallDisplay", "请到") + " " + window_label(window)



def recall_tag() -> str:
    return translate("HallDisplay", "重呼")


def no_show_tag() -> str:
    """A call the citizen missed: said in words, not only by a mark."""
    return translate("HallDisplay", "已过号")


def call_tag(call) -> str:
    """What a listed call's tag says: 已过号 before 重呼 (a missed ticket was recalled)."""
    if call.no_show:
        return no_show_tag()
    return recall_tag() if call.recall else ""


def no_current_call() -> str:
    """The big panel when no called ticket is waiting for its citizen."""
    return translate("HallDisplay", "请留意叫号")


def page_of(page: int, count: int) -> str:
    return translate("HallDisplay", "第 {page}/{count} 页").format(page=page + 1, count=count)


def clock_time(when: dt.datetime, timezone: str) -> str:
    return hall_time(when, timezone).strftime("%H:%M:%S")


def clock_date(when: dt.datetime, timezone: str) -> str:
    local = hall_time(when, timezone)
    weekdays = (translate("HallDisplay", "星期一"), translate("HallDisplay", "星期二"),
                translate("HallDisplay", "星期三"), translate("HallDisplay", "星期四"),
                translate("HallDisplay", "星期五"), translate("HallDisplay", "星期六"),
                translate("HallDisplay", "星期日"))
    return translate("HallDisplay", "{y}年{m}月{d}日 {weekday}").format(
        y=local.year, m=local.month, d=local.day, weekday=weekdays[local.weekday()])


def back_at(when: dt.datetime | None, timezone: str) -> str:
    if when is None:
        return ""
    return translate("HallDisplay", "预计 {time} 恢复").format(
        time=hall_time(when, timezone).strftime("%H:%M"))


def back_short(when: dt.datetime | None, timezone: str) -> str:
    """The return time on a window line: "14:00 恢复"."""
    if when is None:
        return ""
    return translate("HallDisplay", "{time} 恢复").format(
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
        return WindowWords("paused", translate("HallDisplay", "暂停服务"), "", detail, reason, back)
    if status.state != "open":
        return WindowWords("closed", translate("HallDisplay", "未开放"), "", "")
    clerk = clerk_line(status)
    if status.current_code and status.current_state == "called":
        return WindowWords("open", translate("HallDisplay", "正在叫号"), status.current_code, clerk)
    if status.current_code:
        return WindowWords("open", translate("HallDisplay", "办理中"), status.current_code, clerk)
    return WindowWords("idle", translate("HallDisplay", "等候叫号"), "", clerk)


def clerk_line(status: WindowStatus) -> str:
    if not status.staff_no:
        return ""
    return translate("HallDisplay", "{name} 工号 {staff_no}").format(name=status.staff_name or "",
                                                       staff_no=status.staff_no)


def waiting_count(count: int) -> str:
    """Short, beside the service's name under the caption 各业务等候人数."""
    return translate("HallDisplay", "{n} 人").format(n=count)


def connection_lost() -> str:
    return translate("HallDisplay", "连接中断")


def speech_unavailable() -> str:
    return translate("HallDisplay", "语音播报不可用")
