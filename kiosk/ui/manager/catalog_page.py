"""事项管理: every item with its whole 八公开 guide and materials, the queues with their
limits and hours, and the catalog file (import/export). The page shows the database's
catalog as ``catalog.export_catalog`` shapes it; every change goes through
``kiosk.queue.actions.admin``. Reads and changes run off the GUI thread
(``ConsoleCalls``); edits carry a request id, an import (which takes none) runs once."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QSplitter, QTabWidget, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from kiosk.queue import catalog
from kiosk.queue.actions import admin
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.item_editor import ItemEditor
from kiosk.ui.manager.services_editor import ServicesEditor
from kiosk.ui.manager.tasks import ConsoleCalls, as_kiosk_error
from kiosk.ui.manager.widgets import muted, page_title, show_done, show_error

CATALOG_EVENTS = {"catalog_imported", "item_updated", "service_updated", "window_updated"}


def export_to(ctx: HallContext, path: str) -> str:
    """Write the hall's catalog to ``path`` (on the worker: it reads the database)."""
    catalog.dump(catalog.export_catalog(ctx), path)
    return path


def import_from(ctx: HallContext, path: str, *, by: str) -> dict:
    """Replace the catalog from the file at ``path``; the counts imported."""
    return admin.import_catalog_as(ctx, catalog.load(path), by=by)


def kind_marks() -> dict[str, str]:
    return {"instant": translate("ManagerCatalog", "即办"),
            "promised": translate("ManagerCatalog", "承诺")}


class CatalogPage(QWidget):
    def __init__(self, ctx: HallContext, settings: Settings, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self.catalog: dict[str, Any] = {}
        self._select: str | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("ManagerCatalog", "按名称或编码查找事项"))
        self.search.textChanged.connect(self._filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([translate("ManagerCatalog", "部门 / 事项"),
                                   translate("ManagerCatalog", "编码")])
        self.tree.setColumnWidth(0, 300)
        self.tree.currentItemChanged.connect(self._item_chosen)
        self.editor = ItemEditor(ctx, user, [], self.calls)
        self.editor.item_saved.connect(lambda code: self.reload(select=code))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.editor)
        split.setStretchFactor(1, 2)
        split.setSizes([360, 900])
        self.services = ServicesEditor(ctx, user, self.calls)
        self.tabs = QTabWidget()
        self.tabs.addTab(split, translate("ManagerCatalog", "事项（八公开）"))
        self.tabs.addTab(self.services, translate("ManagerCatalog", "取号业务与限号"))
        self.import_button = QPushButton(translate("ManagerCatalog", "导入目录文件…"))
        self.export_button = QPushButton(translate("ManagerCatalog", "导出目录文件…"))
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.import_button.setEnabled(user.is_admin)
        top = QHBoxLayout()
        top.addWidget(page_title(translate("ManagerCatalog", "事项管理")))
        top.addStretch(1)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        if not user.is_admin:
            layout.addWidget(muted(translate("ManagerCatalog",
                                      "事项内容由系统管理员维护；大厅管理员可调整各业务的每日限号和办理时间。")))
        layout.addWidget(self.tabs, 1)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read the catalog again (shown when the read returns; ``select``: the item to
        show then)."""
        self._select = select or self._select
        self.calls.read(self, "catalog", catalog.export_catalog, self.ctx, done=self._show)

    def _show(self, data: dict[str, Any]) -> None:
        current = self._select or (self.editor.code.text() or None)
        self._select = None
        self.catalog = data
        self.editor.set_departments([(d["code"], d["name"]) for d in data["departments"]])
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen = None
        for dept in self.catalog["departments"]:
            parent = QTreeWidgetItem([dept["name"], dept["code"]])
            items = [i for i in self.catalog["items"] if i["department"] == dept["code"]]
            for item in items:
                mark = kind_marks().get(item["kind"], "")
                child = QTreeWidgetItem([f"[{mark}] {item['name']}", item["code"]])
                child.setData(0, Qt.ItemDataRole.UserRole, item["code"])
                parent.addChild(child)
                if item["code"] == current:
                    chosen = child
            if items:
                self.tree.addTopLevelItem(parent)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        first = self.tree.topLevelItem(0)
        self.tree.setCurrentItem(chosen or (first.child(0) if first else None))
        self.services.show_catalog(self.catalog)
        self._filter(self.search.text())

    def item_data(self, code: str) -> dict[str, Any] | None:
        return next((i for i in self.catalog["items"] if i["code"] == code), None)

    def select_item(self, code: str) -> None:
        for top in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(top)
            for row in range(parent.childCount()):
                if parent.child(row).data(0, Qt.ItemDataRole.UserRole) == code:
                    self.tree.setCurrentItem(parent.child(row))
                    return

    def _item_chosen(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        code = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        data = self.item_data(code) if code else None
        if data is not None:
            self.editor.show_item(data)

    def _filter(self, text: str) -> None:
        text = text.strip().lower()
        for top in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(top)
            visible = 0
            for row in range(parent.childCount()):
                child = parent.child(row)
                hit = not text or text in child.text(0).lower() or text in child.text(1).lower()
                child.setHidden(not hit)
                visible += hit
            parent.setHidden(visible == 0)

    def on_events(self, events: list) -> None:
        """Another admin's change reloads the lists, unless this form holds edits."""
        if any(e.action in CATALOG_EVENTS for e in events) and not self.editor.changes():
            self.reload()

    def export_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, translate("ManagerCatalog", "导出目录"),
                                                  "catalog.yaml", "YAML (*.yaml *.yml)")
        if path:
            self.calls.read(self, "export", export_to, self.ctx, path, done=lambda written:
                            show_done(self, translate("ManagerCatalog", "目录已导出到 %1")
                                      .replace("%1", written)))

    def import_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, translate("ManagerCatalog", "导入目录"), "",
                                                  "YAML (*.yaml *.yml)")
        if not path:
            return
        # the core's import takes no request id: it runs once, a lost answer is reported
        self.calls.act(self, "catalog_import", import_from, self.ctx, path,
                       by=self.user.staff_no, replay=False, done=self._imported,
                       failed=lambda error: show_error(
                           self, as_kiosk_error(error), translate("ManagerCatalog", "目录未导入")))

    def _imported(self, counts: dict) -> None:
        self.reload()
        show_done(self, translate("ManagerCatalog", "已导入 %1 个事项、%2 个业务、%3 个窗口")
                  .replace("%1", str(counts["items"])).replace("%2", str(counts["services"]))
                  .replace("%3", str(counts["windows"])))


def build(ctx: HallContext, settings: Settings, user: ManagerView,
          calls: ConsoleCalls | None = None) -> CatalogPage:
    return CatalogPage(ctx, settings, user, calls)
