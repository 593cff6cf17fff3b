"""取号业务: each queue's prefix, items, daily limit (限号) and opening hours; a manager
may change the limit and hours (``admin.update_service`` checks role and rules)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from kiosk.errors import KioskError
from kiosk.queue import admin
from kiosk.queue.context import HallContext
from kiosk.queue.hours import describe
from kiosk.queue.manager_auth import ManagerView
from kiosk.ui.i18n import translate
from kiosk.ui.manager.widgets import (
    fill_table, make_table, muted, selected_key, show_done, show_error,
)

WEEKDAYS = "一二三四五六日"


class ServicesEditor(QWidget):
    def __init__(self, ctx: HallContext, user: ManagerView) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self._services: dict[str, dict[str, Any]] = {}
        self._item_names: dict[str, str] = {}
        self.table = make_table([translate("ManagerCatalog", "前缀"),
                                 translate("ManagerCatalog", "业务名称"),
                                 translate("ManagerCatalog", "每日限号"),
                                 translate("ManagerCatalog", "办理时间"),
                                 translate("ManagerCatalog", "包含事项")], stretch=4)
        self.table.itemSelectionChanged.connect(self._load_selected)
        self.name = QLineEdit()
        self.daily_limit = QSpinBox()
        self.daily_limit.setRange(0, 100000)
        self.daily_limit.setSpecialValueText(translate("ManagerCatalog", "不限"))
        self.weekdays = [QCheckBox(translate("ManagerCatalog", "周%1").replace("%1", d))
                         for d in WEEKDAYS]
        days = QHBoxLayout()
        for box in self.weekdays:
            days.addWidget(box)
        self.periods = QLineEdit()
        self.periods.setPlaceholderText("09:00-12:00, 13:30-17:00")
        self.save_button = QPushButton(translate("ManagerCatalog", "保存业务设置"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        editor = QGroupBox(translate("ManagerCatalog", "修改所选业务"))
        form = QFormLayout(editor)
        form.addRow(translate("ManagerCatalog", "业务名称"), self.name)
        form.addRow(translate("ManagerCatalog", "每日限号（0 为不限）"), self.daily_limit)
        form.addRow(translate("ManagerCatalog", "办理日"), days)
        form.addRow(translate("ManagerCatalog", "办理时段"), self.periods)
        form.addRow(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(muted(translate("ManagerCatalog",
                                  "限号和办理时间修改后，下一次取号即按新规则执行。")))
        layout.addWidget(self.table, 1)
        layout.addWidget(editor)

    def show_catalog(self, catalog: dict[str, Any]) -> None:
        self._item_names = {i["code"]: i["name"] for i in catalog["items"]}
        self._services = {s["prefix"]: s for s in catalog["services"]}
        fill_table(self.table, [
            (s["prefix"], s["name"],
             s["daily_limit"] or translate("ManagerCatalog", "不限"), describe(s["hours"]),
             "、".join(self._item_names.get(c, c) for c in s["items"]))
            for s in catalog["services"]], keys=[s["prefix"] for s in catalog["services"]])
        self._load_selected()

    def _load_selected(self) -> None:
        service = self._services.get(selected_key(self.table))
        self.save_button.setEnabled(service is not None)
        if service is None:
            return
        self.name.setText(service["name"])
        self.daily_limit.setValue(service["daily_limit"])
        for number, box in enumerate(self.weekdays, start=1):
            box.setChecked(number in service["hours"]["weekdays"])
        self.periods.setText(", ".join(service["hours"]["periods"]))

    def hours(self) -> dict[str, Any]:
        return {"weekdays": [n for n, box in enumerate(self.weekdays, start=1)
                             if box.isChecked()],
                "periods": [p.strip() for p in self.periods.text().replace("，", ",")
                            .split(",") if p.strip()]}

    def save(self) -> list[str]:
        prefix = selected_key(self.table)
        if prefix is None:
            return []
        try:
            changed = admin.update_service(self.ctx, prefix=prefix, by=self.user.staff_no,
                                           name=self.name.text().strip(),
                                           daily_limit=self.daily_limit.value(),
                                           hours=self.hours())
        except KioskError as exc:
            show_error(self, exc, translate("ManagerCatalog", "业务未保存"))
            return []
        if changed:
            show_done(self, translate("ManagerCatalog", "%1 类业务已保存").replace("%1", prefix))
        return changed
