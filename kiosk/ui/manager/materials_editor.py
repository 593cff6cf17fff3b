"""The 全部材料目录 of one item as an editable table: name, original/copy, copies,
required, may be supplied later (容缺), note. Produces the catalog file's shape, so the
service validates it with the loader's rules."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QPushButton, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from kiosk.ui.i18n import translate

NAME, FORM, COPIES, REQUIRED, LATER, NOTE = range(6)


def form_names() -> dict[str, str]:
    return {"original": translate("ManagerCatalog", "原件"),
            "copy": translate("ManagerCatalog", "复印件"),
            "both": translate("ManagerCatalog", "原件和复印件")}


class MaterialsEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            translate("ManagerCatalog", "材料名称"), translate("ManagerCatalog", "原件/复印件"),
            translate("ManagerCatalog", "份数"), translate("ManagerCatalog", "必需"),
            translate("ManagerCatalog", "容缺"), translate("ManagerCatalog", "备注")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(True)
        self.table.itemChanged.connect(self._checked)
        self.add_button = QPushButton(translate("ManagerCatalog", "添加材料"))
        self.remove_button = QPushButton(translate("ManagerCatalog", "删除所选材料"))
        self.up_button = QPushButton(translate("ManagerCatalog", "上移"))
        self.add_button.clicked.connect(lambda: self.add_row({}))
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(self._up)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_materials(self, materials: list[dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        for material in materials:
            self.add_row(material)

    def add_row(self, material: dict[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, NAME, QTableWidgetItem(material.get("name", "")))
        form = QComboBox()
        for code, label in form_names().items():
            form.addItem(label, code)
        form.setCurrentIndex(max(form.findData(material.get("form", "original")), 0))
        self.table.setCellWidget(row, FORM, form)
        copies = QSpinBox()
        copies.setRange(0, 99)  # 0 is refused by the catalog rules, with their message
        copies.setValue(material.get("copies", 1))
        self.table.setCellWidget(row, COPIES, copies)
        for column, key, default in ((REQUIRED, "required", True),
                                     (LATER, "may_supply_later", False)):
            check = QTableWidgetItem(translate("ManagerCatalog", "是") if material.get(key, default)
                                     else translate("ManagerCatalog", "否"))
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if material.get(key, default)
                                else Qt.CheckState.Unchecked)
            self.table.setItem(row, column, check)
        self.table.setItem(row, NOTE, QTableWidgetItem(material.get("note") or ""))

    def _checked(self, cell: QTableWidgetItem) -> None:
        """Keep the word beside a tick in step with it (not said by the tick alone)."""
        if cell.column() in (REQUIRED, LATER):
            word = translate("ManagerCatalog", "是") if cell.checkState() == Qt.CheckState.Checked \
                else translate("ManagerCatalog", "否")
            if cell.text() != word:
                cell.setText(word)

    def materials(self) -> list[dict[str, Any]]:
        """The table in the catalog file's shape (``note`` only when given)."""
        found = []
        for row in range(self.table.rowCount()):
            material = {
                "name": (self.table.item(row, NAME).text() or "").strip(),
                "form": self.table.cellWidget(row, FORM).currentData(),
                "copies": self.table.cellWidget(row, COPIES).value(),
                "required": self.table.item(row, REQUIRED).checkState() == Qt.CheckState.Checked,
                "may_supply_later":
                    self.table.item(row, LATER).checkState() == Qt.CheckState.Checked,
            }
            note = (self.table.item(row, NOTE).text() or "").strip()
            if note:
                material["note"] = note
            found.append(material)
        return found

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _up(self) -> None:
        row = self.table.currentRow()
        if row <= 0:
            return
        materials = self.materials()
        materials[row - 1], materials[row] = materials[row], materials[row - 1]
        self.set_materials(materials)
        self.table.setCurrentCell(row - 1, NAME)

    def set_read_only(self, read_only: bool) -> None:
        for button in (self.add_button, self.remove_button, self.up_button):
            button.setEnabled(not read_only)
        self.table.setEnabled(True)
        for row in range(self.table.rowCount()):
            for column in (FORM, COPIES):
                self.table.cellWidget(row, column).setEnabled(not read_only)
        flags = Qt.ItemFlag.ItemIsEnabled | (
            Qt.ItemFlag.NoItemFlags if read_only else Qt.ItemFlag.ItemIsUserCheckable)
        for row in range(self.table.rowCount()):
            for column in (REQUIRED, LATER):
                self.table.item(row, column).setFlags(flags)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                                   else QAbstractItemView.EditTrigger.AllEditTriggers)
