"""The 办件 page's left column: a 办件编号 to look up, and this window's cases (open ones
by due date with their cards in words, then those awaiting 送达 / 领取) to pick from."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QVBoxLayout, QWidget,
)

from kiosk.queue.reads import case_desk
from kiosk.queue.reads.cases import STATE_ZH
from kiosk.queue.store.models import CaseState
from kiosk.ui.i18n import translate
from window_client.clerk.case_view import day_text, short_card
from window_client.style import TOUCH_MIN_H


def desk_row_text(row: case_desk.DeskRow) -> str:
    if row.state == CaseState.CONCLUDED.value:
        when = translate("WindowCases", "{day} 办结，待送达或领取").format(day=day_text(row.due_date))
    else:
        when = translate("WindowCases", "{day} 到期").format(day=day_text(row.due_date))
    marks = [short_card(row.card)] if row.card else []
    if row.supply_card:
        marks.append(translate("WindowCases", "容缺{card}").format(card=short_card(row.supply_card)))
    return f"{row.case_no}  {STATE_ZH.get(row.state, row.state)}\n{row.item} · {when}" \
        + "".join(f"  【{m}】" for m in marks)


class CaseFinder(QFrame):
    #: the clerk asked for this case (typed, or picked from the list)
    lookup_requested = Signal(str)
    #: the clerk asked to read the list again (刷新)
    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        find = QHBoxLayout()
        self.case_no = QLineEdit()
        self.case_no.setMaxLength(40)
        self.case_no.setPlaceholderText(translate("WindowCases", "输入办件编号"))
        self.case_no.returnPressed.connect(self._typed)
        self.find_button = QPushButton(translate("WindowCases", "查询"))
        self.find_button.setMinimumHeight(TOUCH_MIN_H)
        self.find_button.clicked.connect(self._typed)
        find.addWidget(self.case_no, 1)
        find.addWidget(self.find_button)
        column.addLayout(find)
        head = QHBoxLayout()
        self.list_heading = QLabel(translate("WindowCases", "本窗口的办件"))
        self.list_heading.setObjectName("heading")
        self.list_heading.setWordWrap(True)
        self.reload_button = QPushButton(translate("WindowCases", "刷新"))
        self.reload_button.setMinimumHeight(TOUCH_MIN_H)
        self.reload_button.clicked.connect(self.reload_requested)
        head.addWidget(self.list_heading, 1)
        head.addWidget(self.reload_button)
        column.addLayout(head)
        self.case_list = QListWidget()
        self.case_list.setWordWrap(True)
        self.case_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.case_list.itemClicked.connect(self._picked)
        self.case_list.itemActivated.connect(self._picked)
        column.addWidget(self.case_list, 1)

    def _typed(self) -> None:
        self.lookup_requested.emit(self.case_no.text())

    def _picked(self, item: QListWidgetItem) -> None:
        case_no = item.data(Qt.ItemDataRole.UserRole)
        if case_no:                      # not the "no cases" line
            self.case_no.setText(case_no)
            self.lookup_requested.emit(case_no)

    def show_desk(self, desk: case_desk.Desk, current: str = "") -> None:
        self.list_heading.setText(translate(
            "WindowCases", "本窗口在办 {n} 件（▲ 黄牌 {y} · ■ 红牌 {r}）").format(
            n=desk.open, y=desk.yellow, r=desk.red))
        self.case_list.clear()
        for row in desk.rows:
            item = QListWidgetItem(desk_row_text(row))
            item.setData(Qt.ItemDataRole.UserRole, row.case_no)
            self.case_list.addItem(item)
        if not desk.rows:
            self.case_list.addItem(translate("WindowCases", "本窗口暂无在办的办件"))
        self.select(current)

    def select(self, case_no: str) -> None:
        """Mark this case in the list, when it is one of this window's."""
        for index in range(self.case_list.count()):
            item = self.case_list.item(index)
            if case_no and item.data(Qt.ItemDataRole.UserRole) == case_no:
                self.case_list.setCurrentItem(item)
                return
        self.case_list.setCurrentRow(-1)
