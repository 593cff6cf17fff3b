"""取号业务: each queue's prefix, items, daily limit (限号) and opening hours; a manager
may change the limit and hours (``admin.update_service`` checks role and rules; it runs
off the GUI thread with a request id, through ``ConsoleCalls``)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from kiosk.queue.actions import admin
from kiosk.queue.store.context import HallContext
from kiosk.queue.rules.hours import describe
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.ui.i18n import translate
from kiosk.ui.manager.tasks import ConsoleCalls, as_kiosk_error
from kiosk.ui.manager.widgets import (
    fill_table, make_table, muted, selected_key, show_done, show_error,
)

WEEKDAYS = "一二三四五六日"


class ServicesEditor(QWidget):
    #: a queue's settings were saved: (prefix, the fields that changed)
    service_saved = Signal(str, list)
    #: saving was refused (the Chinese message is on screen)
    save_refused = Signal()

    def __init__(self, ctx: HallContext, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
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

    def save(self) -> bool:
        """Send the queue's settings to the core, on the worker with a request id; True
        if sent (``service_saved`` or ``save_refused`` follows)."""
        prefix = selected_key(self.table)
        if prefix is None:
            return False
        return self.calls.act(self, "service_save", admin.update_service, self.ctx,
                              prefix=prefix, by=self.user.staff_no,
                              name=self.name.text().strip(),
                              daily_limit=self.daily_limit.value(), hours=self.hours(),
                              done=lambda changed: self._saved(prefix, changed),
                              failed=self._not_saved)

    def _saved(self, prefix: str, changed: list[str]) -> None:
        if changed:
            show_done(self, translate("ManagerCatalog", "%1 类业务已保存").replace("%1", prefix))
        self.service_saved.emit(prefix, list(changed))

    def _not_saved(self, error: BaseException) -> None:
        show_error(self, as_kiosk_error(error), translate("ManagerCatalog", "业务未保存"))
        self.save_refused.emit()
