"""What the clerk reads on the main screen: the ticket in hand, the queues this window
serves, and today's figures. Pure display of snapshots; no database access."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget,
)

from kiosk.queue.rules.names import LEVEL_ZH, PRIORITY_ZH
from kiosk.queue.snapshots import TicketView
from kiosk.queue.reads.window import TodayFigures, WindowScreen
from kiosk.ui.i18n import translate
from kiosk.ui.theme import app_font



def local_hm(when: dt.datetime | None, timezone: str) -> str:
    return when.astimezone(ZoneInfo(timezone)).strftime("%H:%M") if when else "—"


def duration_text(seconds: float) -> str:
    minutes = int(max(0, seconds) // 60)
    if minutes < 60:
        return translate("WindowMain", "{m} 分钟").format(m=minutes)
    return translate("WindowMain", "{h} 小时 {m} 分").format(h=minutes // 60, m=minutes % 60)


def _panel(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("panel")
    layout = QVBoxLayout(frame)
    heading = QLabel(title)
    heading.setObjectName("heading")
    layout.addWidget(heading)
    return frame, layout


class TicketPanel(QWidget):
    """The current ticket: number, item, priority, appointment, times, recalls."""

    FIELDS = ("state", "item", "priority", "appointment", "issued", "waited", "recalls",
              "transfers")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame, layout = _panel(translate("WindowMain", "当前号码"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.code = QLabel("—")
        self.code.setObjectName("ticketCode")
        self.code.setFont(app_font(72))
        self.code.setMinimumHeight(self.code.fontMetrics().height())
        layout.addWidget(self.code)
        grid = QGridLayout()
        grid.setVerticalSpacing(max(6, self.fontMetrics().lineSpacing() // 4))
        grid.setColumnStretch(1, 1)
        captions = {
            "state": translate("WindowMain", "状态"), "item": translate("WindowMain", "事项"),
            "priority": translate("WindowMain", "优先"),
            "appointment": translate("WindowMain", "预约"),
            "issued": translate("WindowMain", "取号时间"),
            "waited": translate("WindowMain", "已等候"),
            "recalls": translate("WindowMain", "重呼"),
            "transfers": translate("WindowMain", "转办"),
        }
        top = Qt.AlignmentFlag.AlignTop
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row, name in enumerate(self.FIELDS):
            caption = QLabel(captions[name] + "：")
            caption.setAlignment(top | Qt.AlignmentFlag.AlignLeft)
            value = QLabel("")
            value.setWordWrap(True)
            value.setAlignment(top | Qt.AlignmentFlag.AlignLeft)
            for label in (caption, value):
                # one line at least, whatever the font: rows never draw over each other
                label.setMinimumHeight(label.fontMetrics().lineSpacing())
                label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                    QSizePolicy.Policy.Minimum)
            grid.addWidget(caption, row, 0, top)
            grid.addWidget(value, row, 1)
            self.captions[name] = caption
            self.values[name] = value
        layout.addLayout(grid)
        layout.addStretch(1)
        self._ticket: TicketView | None = None

    def show_ticket(self, ticket: TicketView | None, recall_max: int, timezone: str,
                    now: dt.datetime) -> None:
        self._ticket = ticket
        if ticket is None:
            self.code.setText("—")
            for label in self.values.values():
                label.clear()
            self.values["state"].setText(translate("WindowMain", "空闲：当前没有号码"))
            return
        self.code.setText(ticket.code)
        state = {"called": translate("WindowMain", "已叫号，等候群众到窗口"),
                 "serving": translate("WindowMain", "办理中")}.get(ticket.state, ticket.state)
        self.values["state"].setText(state)
        self.values["item"].setText(ticket.item_name or ticket.service_name)
        self.values["priority"].setText(
            translate("WindowMain", "是（绿色通道：{who}）").format(
                who=translate("Priority", PRIORITY_ZH.get(ticket.priority, ticket.priority)))
            if ticket.priority != "none" else translate("WindowMain", "否"))
        self.values["appointment"].setText(
            translate("WindowMain", "是，预约时段 {at} 起").format(at=local_hm(ticket.due_at, timezone))
            if ticket.appointment_id else translate("WindowMain", "否"))
        self.values["issued"].setText(local_hm(ticket.issued_at, timezone))
        self.values["recalls"].setText(translate("WindowMain", "{n} / {limit} 次").format(
            n=ticket.recall_count, limit=recall_max))
        self.values["transfers"].setText(
            translate("WindowMain", "{n} 次").format(n=ticket.transfer_count)
            + (f"（{ticket.note}）" if ticket.note else ""))
        self.tick(now)

    def tick(self, now: dt.datetime) -> None:
        """Refresh the running time (called every few seconds, no database access)."""
        ticket = self._ticket
        if ticket is None:
            return
        until = ticket.called_at or now
        text = duration_text((until - ticket.issued_at).total_seconds())
        if ticket.called_at:
            text += translate("WindowMain", "（叫号后 {t}）").format(
                t=duration_text((now - ticket.called_at).total_seconds()))
        self.values["waited"].setText(text)


class QueuePanel(QWidget):
    """Waiting counts of this window's queues and the next numbers in call order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame, layout = _panel(translate("WindowMain", "等候情况"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.counts = QLabel("")
        self.counts.setWordWrap(True)
        self.next_codes = QLabel("")
        self.next_codes.setWordWrap(True)
        layout.addWidget(self.counts)
        layout.addWidget(self.next_codes)
        layout.addStretch(1)

    def show_screen(self, screen: WindowScreen) -> None:
        lines = [translate("WindowMain", "{prefix} {name}：等候 {n} 人").format(
            prefix=q.prefix, name=q.name, n=q.waiting) for q in screen.queues]
        if screen.transferred_here:
            lines.append(translate("WindowMain", "转给本窗口：{n} 人").format(
                n=screen.transferred_here))
        self.counts.setText("\n".join(lines))
        self.next_codes.setText(
            translate("WindowMain", "接下来：{codes}").format(codes="  ".join(screen.next_codes))
            if screen.next_codes else translate("WindowMain", "接下来：无人等候"))


class FiguresPanel(QWidget):
    """Today at this window: served, no-shows, average handling time, ratings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame, layout = _panel(translate("WindowMain", "今日本窗口"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.served = QLabel("")
        self.ratings = QLabel("")
        self.ratings.setWordWrap(True)
        layout.addWidget(self.served)
        layout.addWidget(self.ratings)

    def show_figures(self, today: TodayFigures) -> None:
        average = duration_text(today.avg_handling_s) if today.avg_handling_s is not None \
            else "—"
        self.served.setText(translate("WindowMain", "已办结 {n} 件 · 过号 {ns} 个 · 平均办理 {avg}")
                            .format(n=today.served, ns=today.no_shows, avg=average))
        parts = [translate("Rating", LEVEL_ZH[level]) + f" {count}"
                 for level, count in today.ratings]
        parts.append(translate("WindowMain", "未评 {n}").format(n=today.unrated))
        pct = today.satisfied_pct
        parts.append(translate("WindowMain", "满意率 {pct}").format(
            pct=f"{pct:.0f}%" if pct is not None else "—"))
        self.ratings.setText(translate("WindowMain", "评价：") + " · ".join(parts))
