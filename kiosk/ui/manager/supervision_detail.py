"""One case on the 办件监察 page: its dates, its state, the materials it is owed and
(once items have timed steps) its 办理环节. Read-only: cases are moved at the window.
Every card is a shape and a word (■ 红牌, ▲ 黄牌), its colour only repeats them."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget,
)

from kiosk.queue.reads import cases as case_reads
from kiosk.ui.i18n import translate
from kiosk.ui.manager.look import ALERT_BG, BREACH_INK
from kiosk.ui.theme import WARN_BG, WARN_INK
from kiosk.ui.manager.widgets import fill_table, make_table, muted

#: a card's cell colours (background, ink): each repeats the word and the shape
CARD_COLOURS = {"red": (ALERT_BG, BREACH_INK), "yellow": (WARN_BG, WARN_INK)}


def card_text(card: str | None) -> str:
    """A card as shape and word; empty when there is none."""
    if card == "red":
        return "■ " + translate("ManagerCases", "红牌")
    if card == "yellow":
        return "▲ " + translate("ManagerCases", "黄牌")
    return ""


def state_text(state: str) -> str:
    return case_reads.STATE_ZH.get(state, state)


def day_text(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else "—"


def short_day(day: dt.date) -> str:
    """Month and day: the list's dates (its columns then fit a 1366x768 console; the
    detail gives the year)."""
    return f"{day:%m-%d}"


def dated_card(due: dt.date | None, card: str | None, short: bool = False) -> str:
    """A deadline with its card in front: "■ 红牌 2026-12-01" ("■ 红牌 12-01")."""
    if due is None:
        return "—"
    return f"{card_text(card)} {short_day(due) if short else day_text(due)}".strip()


def paint_cards(table, column: int, cards: list[str | None]) -> None:
    """Tint the cells of ``column`` holding a card (their text already says it)."""
    for row, card in enumerate(cards):
        cell = table.item(row, column)
        if cell is None:
            continue
        colours = CARD_COLOURS.get(card)
        if colours is None:
            cell.setData(Qt.ItemDataRole.BackgroundRole, None)  # the table's own again
            cell.setData(Qt.ItemDataRole.ForegroundRole, None)
        else:
            cell.setBackground(QColor(colours[0]))
            cell.setForeground(QColor(colours[1]))


class CaseDetailPane(QGroupBox):
    """The selected case, as ``case_reads.case_detail`` returns it (None: nothing)."""

    def __init__(self) -> None:
        super().__init__(translate("ManagerCases", "办件详情"))
        self.detail: case_reads.CaseDetail | None = None
        #: staff number -> "name（number）", once the page has read them
        self.staff_names: dict[str, str] = {}
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.empty = muted(translate("ManagerCases", "在左侧（或上方）列表中选择一件办件查看详情"))
        self.facts: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        names = [("item", translate("ManagerCases", "事项")),
                 ("department", translate("ManagerCases", "部门")),
                 ("applicant", translate("ManagerCases", "申请人")),
                 ("state", translate("ManagerCases", "状态")),
                 ("accepted", translate("ManagerCases", "受理日期")),
                 ("promised", translate("ManagerCases", "承诺办结日期")),
                 ("due", translate("ManagerCases", "应办结日期")),
                 ("stopped", translate("ManagerCases", "补正停止计时")),
                 ("desk", translate("ManagerCases", "受理窗口")),
                 ("result", translate("ManagerCases", "办结情况"))]
        for row, (key, name) in enumerate(names):   # one fact a line: fits a side pane
            label, value = QLabel(name + "："), QLabel()
            label.setObjectName("muted")
            value.setWordWrap(True)
            self.facts[key] = value
            grid.addWidget(label, row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        self.materials_title = QLabel(translate("ManagerCases", "所欠材料"))
        self.materials = make_table([translate("ManagerCases", "材料"),
                                     translate("ManagerCases", "类别"),
                                     translate("ManagerCases", "期限"),
                                     translate("ManagerCases", "情况")], stretch=0)
        self.materials.setMinimumHeight(90)
        self.steps_title = QLabel(translate("ManagerCases", "办理环节"))
        self.steps = make_table([translate("ManagerCases", "环节"),
                                 translate("ManagerCases", "时限"),
                                 translate("ManagerCases", "期限"),
                                 translate("ManagerCases", "情况")], stretch=0)
        self.steps.setMinimumHeight(90)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.heading)
        body.addLayout(grid)
        for widget in (self.materials_title, self.materials, self.steps_title, self.steps):
            body.addWidget(widget, 1 if widget in (self.materials, self.steps) else 0)
        # scrolled, so a case with many materials never makes the console taller than
        # a 1366x768 screen
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll, 1)
        self.show_case(None)

    def show_case(self, detail: case_reads.CaseDetail | None) -> None:
        self.detail = detail
        self.empty.setVisible(detail is None)
        self.scroll.setVisible(detail is not None)
        self.body.setVisible(detail is not None)
        if detail is None:
            return
        row = detail.row
        card = card_text(row.card)
        self.heading.setText(f"<b>{row.case_no}</b>　{card}" if card else f"<b>{row.case_no}</b>")
        self.heading.setObjectName("alert" if row.card == "red" else
                                   "warning" if row.card == "yellow" else "")
        self.heading.setStyleSheet("")   # re-read the object name's style
        f = self.facts
        f["item"].setText(row.item)
        f["department"].setText(row.department)
        f["applicant"].setText(row.applicant or translate("ManagerCases", "未登记"))
        state = state_text(row.state)
        if detail.paused_since is not None:
            state += translate("ManagerCases", "（%1 起停止计时）").replace(
                "%1", day_text(detail.paused_since))
        f["state"].setText(state)
        f["accepted"].setText(day_text(row.accepted_day))
        f["promised"].setText(day_text(row.promised_date))
        f["due"].setText(dated_card(row.due_date, row.card))
        f["stopped"].setText(translate("ManagerCases", "%1 个工作日").replace(
            "%1", str(detail.stopped_days)))
        desk = translate("ManagerCases", "%1号窗口").replace("%1", str(row.window)) \
            if row.window else "—"
        clerk = self.staff_names.get(row.staff_no, row.staff_no or "")
        f["desk"].setText(f"{desk}　{clerk}".strip())
        f["result"].setText(self._result(detail))
        self._materials(detail)
        self._steps(detail)

    @staticmethod
    def _result(detail: case_reads.CaseDetail) -> str:
        if detail.concluded_day is None:
            return translate("ManagerCases", "未办结")
        text = translate("ManagerCases", "准予") if detail.decision == "approved" \
            else translate("ManagerCases", "不予")
        text += f"　{day_text(detail.concluded_day)}"
        if detail.workdays_used is not None:
            text += translate("ManagerCases", "，用时 %1 个工作日").replace(
                "%1", str(detail.workdays_used))
        if detail.refusal_reason:
            text += translate("ManagerCases", "；理由：%1").replace("%1", detail.refusal_reason)
        return text

    def _materials(self, detail: case_reads.CaseDetail) -> None:
        kinds = {"supply_later": translate("ManagerCases", "容缺后补"),
                 "correction": translate("ManagerCases", "补正")}

        def status(m: case_reads.MaterialRow) -> str:
            if m.received_at is not None:
                return "✓ " + translate("ManagerCases", "已收到")
            return (card_text(m.card) + " " + translate("ManagerCases", "未收到")).strip()

        rows = detail.materials
        fill_table(self.materials, [(m.name, kinds.get(m.reason, m.reason),
                                     day_text(m.due_date), status(m)) for m in rows])
        paint_cards(self.materials, 3, [m.card if m.received_at is None else None
                                        for m in rows])
        if not rows:
            fill_table(self.materials, [(translate("ManagerCases", "无"), "", "", "")])
        self.materials_title.setText(translate("ManagerCases", "所欠材料（%1 项未收到）").replace(
            "%1", str(sum(1 for m in rows if m.received_at is None))))

    def _steps(self, detail: case_reads.CaseDetail) -> None:
        """Shown once the core gives cases timed steps (``CaseDetail.steps``)."""
        steps = list(getattr(detail, "steps", None) or [])
        self.steps_title.setVisible(bool(steps))
        self.steps.setVisible(bool(steps))
        if not steps:
            return

        def status(step) -> str:
            if getattr(step, "done_at", None) is not None:
                return "✓ " + translate("ManagerCases", "已完成")
            card = getattr(step, "card", None)
            return (card_text(card) + " " + translate("ManagerCases", "进行中")).strip() \
                if getattr(step, "due_date", None) else translate("ManagerCases", "未开始")

        fill_table(self.steps, [
            (getattr(s, "name", ""),
             translate("ManagerCases", "%1 个工作日").replace("%1", str(getattr(s, "days", ""))),
             day_text(getattr(s, "due_date", None)), status(s)) for s in steps])
        paint_cards(self.steps, 3, [None if getattr(s, "done_at", None) else
                                    getattr(s, "card", None) for s in steps])
