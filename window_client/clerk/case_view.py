"""One case (办件) as the clerk sees it on the 办件 page: its dates, state, cards and the
materials owed, each 容缺 material with its own 接收 button. A card is a shape and a
word (■ 红牌, ▲ 黄牌, as on the manager's 电子监察 page); its colour only repeats them.
Pure display of a read; no database access."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from kiosk.queue.reads import cases as case_reads
from kiosk.queue.reads.case_desk import CaseAtDesk
from kiosk.ui.i18n import translate
from kiosk.ui.theme import ACCENT, PAPER, WARN_BG, WARN_INK, app_font
from window_client.clerk.panels import WrapLabel
from window_client.style import TOUCH_MIN_H

#: a card's label colours (background, ink): each repeats the word and the shape
CARD_STYLE = {"red": f"background: {ACCENT}; color: {PAPER}; padding: 2px 6px;",
              "yellow": f"background: {WARN_BG}; color: {WARN_INK}; padding: 2px 6px;"
                        f" border: 2px solid {WARN_INK};"}


def day_text(day: dt.date | None) -> str:
    return day.isoformat() if day else "—"


def state_text(state: str) -> str:
    return case_reads.STATE_ZH.get(state, state)


def card_text(card: str | None) -> str:
    """A card as shape and words; 正常 when there is none."""
    if card == "red":
        return "■ " + translate("WindowCases", "红牌（已超过期限）")
    if card == "yellow":
        return "▲ " + translate("WindowCases", "黄牌（临近期限）")
    return translate("WindowCases", "正常")


def short_card(card: str | None) -> str:
    return {"red": "■ " + translate("WindowCases", "红牌"),
            "yellow": "▲ " + translate("WindowCases", "黄牌")}.get(card or "", "")


def paint(label: QLabel, card: str | None) -> None:
    label.setStyleSheet(CARD_STYLE.get(card or "", ""))


def due_text(detail: case_reads.CaseDetail) -> str:
    """The date due now, with what moved it: a 补正 stops the clock."""
    text = day_text(detail.row.due_date)
    if detail.paused_since is not None:
        text += translate("WindowCases", "（{day} 起补正停表）").format(
            day=day_text(detail.paused_since))
    elif detail.stopped_days:
        text += translate("WindowCases", "（补正停表 {n} 个工作日，已顺延）").format(
            n=detail.stopped_days)
    return text


def material_text(material: case_reads.MaterialRow, open_case: bool = True) -> str:
    """One material owed or received; a concluded case owes nothing any more, so its
    unreceived materials carry neither due date nor card."""
    kind = translate("WindowCases", "容缺") if material.reason == "supply_later" \
        else translate("WindowCases", "补正")
    if material.received_at is not None:
        state = translate("WindowCases", "已收到")
    elif material.due_date is not None and open_case:
        state = translate("WindowCases", "未收到，{day} 前补交").format(
            day=day_text(material.due_date))
    else:
        state = translate("WindowCases", "未收到")
    card = short_card(material.card) if material.received_at is None and open_case else ""
    return f"【{kind}】{material.name} · {state}" + (f" · {card}" if card else "")


def step_text(row: case_reads.CaseRow) -> str:
    """The running 办理环节 and its own deadline (items with timed steps)."""
    if row.step is None:
        return ""
    card = short_card(row.step_card)
    return translate("WindowCases", "{step} · {day} 到期").format(
        step=row.step, day=day_text(row.step_due)) + (f" · {card}" if card else "")


def decision_text(detail: case_reads.CaseDetail) -> str:
    if detail.decision == "approved":
        return translate("WindowCases", "准予（{day}）").format(day=day_text(detail.concluded_day))
    if detail.decision == "refused":
        return translate("WindowCases", "不予（{day}）：{reason}").format(
            day=day_text(detail.concluded_day), reason=detail.refusal_reason or "")
    return "—"


class CaseView(QFrame):
    """The case's facts and its materials."""

    #: the clerk received this 容缺 material (its name)
    supply_requested = Signal(str)

    FIELDS = ("state", "card", "accepted", "promised", "due", "supply", "step",
              "applicant", "desk", "decision")
    #: field -> (row, column, value's column span): two short facts to a row, so the
    #: case and its materials fit a 768 px high screen
    PLACES = {"state": (0, 0, 1), "card": (0, 2, 1), "accepted": (1, 0, 1),
              "promised": (1, 2, 1), "due": (2, 0, 3), "supply": (3, 0, 3),
              "step": (4, 0, 3), "applicant": (5, 0, 1), "desk": (5, 2, 1),
              "decision": (6, 0, 3)}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        self.case_no = QLabel("—")
        self.case_no.setObjectName("ticketCode")
        self.case_no.setFont(app_font(30))
        self.case_no.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.item = WrapLabel("")
        self.item.setObjectName("heading")
        layout.addWidget(self.case_no)
        layout.addWidget(self.item)
        captions = {"state": translate("WindowCases", "状态"),
                    "card": translate("WindowCases", "预警"),
                    "supply": translate("WindowCases", "容缺材料"),
                    "accepted": translate("WindowCases", "受理日期"),
                    "promised": translate("WindowCases", "承诺办结"),
                    "due": translate("WindowCases", "当前期限"),
                    "step": translate("WindowCases", "办理环节"),
                    "applicant": translate("WindowCases", "申请人"),
                    "desk": translate("WindowCases", "受理窗口"),
                    "decision": translate("WindowCases", "办结结果")}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for name in self.FIELDS:
            row, column, span = self.PLACES[name]
            caption = QLabel(captions[name] + "：")
            value = WrapLabel("")
            value.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            grid.addWidget(caption, row, column, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, column + 1, 1, span)
            self.values[name], self.captions[name] = value, caption
        layout.addLayout(grid)
        self.materials_heading = QLabel(translate("WindowCases", "材料"))
        self.materials_heading.setObjectName("heading")
        layout.addWidget(self.materials_heading)
        self.materials = QVBoxLayout()
        self.materials.setSpacing(2)
        layout.addLayout(self.materials)
        layout.addStretch(1)
        #: material name -> its 接收 button (owed 容缺 materials only)
        self.receive_buttons: dict[str, QPushButton] = {}
        self.material_labels: list[QLabel] = []
        self.show_case(None)

    def show_case(self, desk: CaseAtDesk | None, can_receive: bool = False) -> None:
        """``can_receive``: the case's state lets a 容缺 material be received."""
        self._clear_materials()
        if desk is None:
            self.case_no.setText("—")
            self.item.setText(translate("WindowCases", "请输入办件编号查询，或从左侧列表选择办件"))
            for name, label in self.values.items():
                label.clear()
                self._show_row(name, False)
            self.materials_heading.hide()
            return
        detail, row = desk.detail, desk.detail.row
        self.case_no.setText(row.case_no)
        kind = translate("WindowCases", "承诺件") if detail.kind == "promised" \
            else translate("WindowCases", "即办件")
        self.item.setText(f"{row.item} · {kind} · {row.department}")
        self.values["state"].setText(state_text(row.state))
        self.values["card"].setText(card_text(row.card))
        paint(self.values["card"], row.card)
        self.values["supply"].setText(
            (short_card(row.supply_card) + " " if row.supply_card else "")
            + translate("WindowCases", "{day} 前补齐").format(day=day_text(row.supply_due)))
        paint(self.values["supply"], row.supply_card)
        self.values["accepted"].setText(day_text(row.accepted_day))
        self.values["promised"].setText(day_text(row.promised_date))
        self.values["due"].setText(due_text(detail))
        self.values["applicant"].setText(row.applicant or "—")
        self.values["desk"].setText(translate("WindowCases", "{n} 号窗口 · 工号 {no}").format(
            n=row.window or "—", no=row.staff_no or "—"))
        self.values["decision"].setText(decision_text(detail))
        self.values["step"].setText(step_text(row))
        paint(self.values["step"], row.step_card)
        open_case = row.state in case_reads.OPEN
        for name in self.FIELDS:
            shown = {"card": open_case, "supply": row.supply_due is not None,
                     "due": open_case, "decision": detail.decision is not None,
                     "step": row.step is not None}.get(name, True)
            self._show_row(name, shown)
        self.materials_heading.setVisible(bool(detail.materials))
        for material in detail.materials:
            self._add_material(material, open_case, can_receive)

    def _show_row(self, name: str, shown: bool) -> None:
        self.values[name].setVisible(shown)
        self.captions[name].setVisible(shown)

    def _clear_materials(self) -> None:
        while self.materials.count():
            item = self.materials.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
            elif item.layout() is not None:
                while item.layout().count():
                    child = item.layout().takeAt(0)
                    if child.widget() is not None:
                        child.widget().deleteLater()
        self.receive_buttons = {}
        self.material_labels = []

    def _add_material(self, material: case_reads.MaterialRow, open_case: bool,
                      can_receive: bool) -> None:
        row = QHBoxLayout()
        label = WrapLabel(material_text(material, open_case))
        if material.received_at is None and open_case:
            paint(label, material.card)
        row.addWidget(label, 1)
        self.material_labels.append(label)
        if material.reason == "supply_later" and material.received_at is None and open_case:
            button = QPushButton(translate("WindowCases", "接收"))
            button.setMinimumHeight(TOUCH_MIN_H)
            button.setEnabled(can_receive)
            button.setToolTip(translate("WindowCases", "容缺材料接收：{name}").format(
                name=material.name))
            button.clicked.connect(lambda _=False, n=material.name: self.supply_requested.emit(n))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.receive_buttons[material.name] = button
        self.materials.addLayout(row)
