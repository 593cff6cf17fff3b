"""What the clerk reads on the main screen: the ticket in hand, the queues this window
serves, and today's figures. Pure display of snapshots; no database access."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from kiosk.queue.rules.at_counter import BY_AGE
from kiosk.queue.rules.names import LEVEL_ZH, PRIORITY_ZH
from kiosk.queue.snapshots import TicketView
from kiosk.queue.reads.window import NextUp, TodayFigures, WindowScreen
from kiosk.ui.i18n import translate
from kiosk.ui.theme import ACCENT, WARN_BG, WARN_INK, app_font



def local_hm(when: dt.datetime | None, timezone: str) -> str:
    return when.astimezone(ZoneInfo(timezone)).strftime("%H:%M") if when else "—"


def duration_text(seconds: float) -> str:
    minutes = int(max(0, seconds) // 60)
    if minutes < 60:
        return translate("WindowMain", "{m} 分钟").format(m=minutes)
    return translate("WindowMain", "{h} 小时 {m} 分").format(h=minutes // 60, m=minutes % 60)


def priority_text(priority: str) -> str:
    """绿色通道·老年人: the mark and its kind, in words."""
    return translate("WindowMain", "绿色通道·{who}").format(
        who=translate("Priority", PRIORITY_ZH.get(priority, priority)))


def next_up_text(entry: NextUp, timezone: str) -> str:
    """One row of the next-up list: the code, then what is special about it in words."""
    marks = []
    if entry.appointment:
        marks.append(translate("WindowMain", "预约 {at}").format(
            at=local_hm(entry.due_at, timezone)))
    if entry.priority != "none":
        mark = priority_text(entry.priority)
        if entry.needs_check:
            mark += translate("WindowMain", "（待核验）")
        marks.append(mark)
    return entry.code + "".join(f"  【{m}】" for m in marks)


class WrapLabel(QLabel):
    """A word-wrapped label that claims the height of its wrapped lines at its actual
    width: layouts size a plain wrapped QLabel for one width and let the next widget
    draw over its last lines when the column is narrower (1024 px screens)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._claim()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._claim()

    def _claim(self) -> None:
        if self.width() <= 0:
            return
        claimed = self.minimumHeight()
        self.setMinimumHeight(0)        # QLabel's heightForWidth never goes below it
        height = self.heightForWidth(self.width())
        self.setMinimumHeight(height if height > 0 else claimed)


def _panel(title: str) -> tuple[QFrame, QVBoxLayout]:
    """A framed panel, with ``title`` as its heading unless empty."""
    frame = QFrame()
    frame.setObjectName("panel")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(8, 6, 8, 6)
    layout.setSpacing(4)
    if title:
        heading = QLabel(title)
        heading.setObjectName("heading")
        layout.addWidget(heading)
    return frame, layout


class TicketPanel(QWidget):
    """The current ticket: number, item, priority, appointment, times, recalls."""

    FIELDS = ("state", "item", "holder", "priority", "appointment", "issued", "waited",
              "recalls", "transfers")

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
        captions = {
            "state": translate("WindowMain", "状态"), "item": translate("WindowMain", "事项"),
            "holder": translate("WindowMain", "持证人"),
            "priority": translate("WindowMain", "优先"),
            "appointment": translate("WindowMain", "预约"),
            "issued": translate("WindowMain", "取号时间"),
            "waited": translate("WindowMain", "已等候"),
            "recalls": translate("WindowMain", "重呼"),
            "transfers": translate("WindowMain", "转办"),
        }
        # Compact, so the whole ticket shows at 1024x768 without scrolling: the state
        # and the item beside the number, the short facts two to a row.
        beside, below = QGridLayout(), QGridLayout()
        for grid in (beside, below):
            grid.setVerticalSpacing(max(6, self.fontMetrics().lineSpacing() // 4))
            grid.setHorizontalSpacing(12)
        beside.setColumnStretch(1, 1)
        below.setColumnStretch(1, 1)
        below.setColumnStretch(3, 1)
        #: field -> (grid, row, column, value's column span)
        places = {"state": (beside, 0, 0, 1), "item": (beside, 1, 0, 1),
                  "holder": (beside, 2, 0, 1),
                  "priority": (below, 0, 0, 3), "appointment": (below, 1, 0, 1),
                  "issued": (below, 1, 2, 1), "waited": (below, 2, 0, 3),
                  "recalls": (below, 3, 0, 1), "transfers": (below, 3, 2, 1)}
        top = Qt.AlignmentFlag.AlignTop
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for name in self.FIELDS:
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
            grid, row, column, span = places[name]
            grid.addWidget(caption, row, column, top)
            grid.addWidget(value, row, column + 1, 1, span)
            self.captions[name] = caption
            self.values[name] = value
        head = QHBoxLayout()
        head.addWidget(self.code, 0, top)
        head.addSpacing(16)
        head.addLayout(beside, 1)
        layout.addLayout(head)
        self.check_box = PriorityCheck()
        self.check_box.hide()
        layout.addWidget(self.check_box)
        layout.addLayout(below)
        layout.addStretch(1)
        self._ticket: TicketView | None = None

    def show_ticket(self, ticket: TicketView | None, recall_max: int, timezone: str,
                    now: dt.datetime, needs_check: bool = False) -> None:
        self._ticket = ticket
        self.check_box.show_claim(ticket, needs_check)
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
        self._show_holder(ticket.holder_masked)
        if ticket.priority == "none":
            priority = translate("WindowMain", "否")
        elif needs_check:
            priority = priority_text(ticket.priority) + translate("WindowMain", "（待核验）")
        elif ticket.priority_check == BY_AGE:
            priority = priority_text(ticket.priority) + translate("WindowMain", "（按年龄自动）")
        else:
            priority = priority_text(ticket.priority)
        self.values["priority"].setText(priority)
        self.values["appointment"].setText(
            translate("WindowMain", "{at} 时段").format(at=local_hm(ticket.due_at, timezone))
            if ticket.appointment_id else translate("WindowMain", "否"))
        self.values["issued"].setText(local_hm(ticket.issued_at, timezone))
        self.values["recalls"].setText(translate("WindowMain", "{n} / {limit} 次").format(
            n=ticket.recall_count, limit=recall_max))
        self.values["transfers"].setText(
            translate("WindowMain", "{n} 次").format(n=ticket.transfer_count)
            + (f"（{ticket.note}）" if ticket.note else ""))
        self.tick(now)

    def _show_holder(self, masked: str | None) -> None:
        """The masked name (张*) of a ticket taken by ID card, so the clerk can greet
        the citizen; a dash for a ticket taken without a card."""
        self.values["holder"].setText(
            translate("WindowMain", "{name}（刷身份证取号）").format(name=masked) if masked
            else "—")

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


class PriorityCheck(QFrame):
    """绿色通道核验: the kiosk told the citizen the window would check their claim; the
    clerk confirms it or finds it does not apply (the ticket then waits as ordinary)."""

    #: the clerk confirmed the ticket's 绿色通道 claim (ticket code)
    confirm_requested = Signal(str)
    #: the clerk found the claim does not apply: 不符合条件 (ticket code)
    reject_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priorityCheck")
        self.setStyleSheet(
            f"QFrame#priorityCheck {{ background: {WARN_BG}; border: 3px solid {WARN_INK};"
            f" border-radius: 6px; }}"
            f" QFrame#priorityCheck QLabel {{ background: {WARN_BG}; color: {WARN_INK}; }}"
            f" QPushButton#reject {{ background: {ACCENT}; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.question = QLabel("")
        self.question.setWordWrap(True)
        self.question.setObjectName("heading")
        layout.addWidget(self.question)
        row = QHBoxLayout()
        self.confirm_button = QPushButton(translate("WindowMain", "确认符合"))
        self.reject_button = QPushButton(translate("WindowMain", "不符合条件"))
        self.reject_button.setObjectName("reject")
        for button in (self.confirm_button, self.reject_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(48)
            row.addWidget(button)
        layout.addLayout(row)
        self._code = ""
        self.confirm_button.clicked.connect(lambda: self.confirm_requested.emit(self._code))
        self.reject_button.clicked.connect(lambda: self.reject_requested.emit(self._code))

    def show_claim(self, ticket: TicketView | None, needs_check: bool) -> None:
        if ticket is None or not needs_check:
            self._code = ""
            self.hide()
            return
        self._code = ticket.code
        self.question.setText(translate(
            "WindowMain", "{code} 号申请{kind}，请查验证件：").format(
            code=ticket.code, kind=priority_text(ticket.priority)))
        self.show()


class QueuePanel(QWidget):
    """Waiting counts of this window's queues and the next numbers in call order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame, layout = _panel(translate("WindowMain", "等候情况"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.counts = WrapLabel()
        self.next_codes = WrapLabel()
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
        if screen.next_up:
            rows = [next_up_text(entry, screen.timezone) for entry in screen.next_up]
            self.next_codes.setText(translate("WindowMain", "接下来：") + "\n"
                                    + "\n".join(rows))
        else:
            self.next_codes.setText(translate("WindowMain", "接下来：无人等候"))


class FiguresPanel(QWidget):
    """Today at this window: served, no-shows, average handling time, ratings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame, layout = _panel("")          # its first line says 今日: no heading row
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.served = WrapLabel()
        self.ratings = WrapLabel()
        layout.addWidget(self.served)
        layout.addWidget(self.ratings)

    def show_figures(self, today: TodayFigures) -> None:
        average = duration_text(today.avg_handling_s) if today.avg_handling_s is not None \
            else "—"
        pct = today.satisfied_pct
        # short lines: each fits the right column of a 1024 px screen unwrapped
        self.served.setText(
            translate("WindowMain", "今日本窗口：已办结 {n} 件 · 过号 {ns} 个").format(
                n=today.served, ns=today.no_shows) + "\n"
            + translate("WindowMain", "平均办理 {avg} · 满意率 {pct}").format(
                avg=average, pct=f"{pct:.0f}%" if pct is not None else "—"))
        parts = [translate("Rating", LEVEL_ZH[level]) + f" {count}"
                 for level, count in today.ratings]
        parts.append(translate("WindowMain", "未评 {n}").format(n=today.unrated))
        self.ratings.setText(" · ".join(parts[:3]) + "\n" + " · ".join(parts[3:]))
