"""One item's 八公开 guide as a form: every field and the material list, in the catalog
file's shape. Saving sends only what changed to ``admin.update_item``, which checks it
with the catalog loader's rules; it runs off the GUI thread with a request id, and the
办理数量 shown are read there too (``ConsoleCalls``)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QScrollArea, QSpinBox, QVBoxLayout, QWidget,
)

from kiosk.queue.actions import admin
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.ui.i18n import translate
from kiosk.ui.manager.materials_editor import MaterialsEditor
from kiosk.ui.manager.tasks import ConsoleCalls, as_kiosk_error
from kiosk.ui.manager.widgets import muted, show_error


def _text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setMinimumHeight(lines * 26)
    return box


class ItemEditor(QWidget):
    #: the item was saved: its code
    item_saved = Signal(str)
    #: saving was refused (the Chinese message is on screen)
    save_refused = Signal()

    def __init__(self, ctx: HallContext, user: ManagerView,
                 departments: list[tuple[str, str]], calls: ConsoleCalls | None = None
                 ) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self._original: dict[str, Any] = {}
        self.code = QLabel()
        self.handled = muted()
        self.name = QLineEdit()
        self.department = QComboBox()
        for code, name in departments:
            self.department.addItem(name, code)
        self.kind = QComboBox()
        self.kind.addItem(translate("ManagerCatalog", "即办件"), "instant")
        self.kind.addItem(translate("ManagerCatalog", "承诺件"), "promised")
        self.legal_days, self.promised_days = QSpinBox(), QSpinBox()
        for spin in (self.legal_days, self.promised_days):
            spin.setRange(0, 3650)
            spin.setSuffix(translate("ManagerCatalog", " 个工作日"))
        self.legal_basis, self.conditions = _text_box(), _text_box()
        self.procedure, self.sample_form = _text_box(4), _text_box(4)
        self.fees, self.contact = QLineEdit(), QLineEdit()
        self.materials = MaterialsEditor()
        self.materials.setMinimumHeight(220)
        form_host = QWidget()
        form = QFormLayout(form_host)
        form.addRow(translate("ManagerCatalog", "事项编码"), self.code)
        form.addRow(translate("ManagerCatalog", "办理数量"), self.handled)
        form.addRow(translate("ManagerCatalog", "审批事项名称"), self.name)
        form.addRow(translate("ManagerCatalog", "实施部门"), self.department)
        form.addRow(translate("ManagerCatalog", "办件类型"), self.kind)
        form.addRow(translate("ManagerCatalog", "法定期限"), self.legal_days)
        form.addRow(translate("ManagerCatalog", "承诺期限"), self.promised_days)
        form.addRow(translate("ManagerCatalog", "法律依据"), self.legal_basis)
        form.addRow(translate("ManagerCatalog", "办事条件"), self.conditions)
        form.addRow(translate("ManagerCatalog", "办理程序（每行一步）"), self.procedure)
        form.addRow(translate("ManagerCatalog", "全部材料目录"), self.materials)
        form.addRow(translate("ManagerCatalog", "申请书示范文本"), self.sample_form)
        form.addRow(translate("ManagerCatalog", "收费标准"), self.fees)
        form.addRow(translate("ManagerCatalog", "咨询电话"), self.contact)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.save_button = QPushButton(translate("ManagerCatalog", "保存事项"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(translate("ManagerCatalog", "放弃修改"))
        self.revert_button.clicked.connect(lambda: self.show_item(self._original))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self._set_read_only(not user.is_admin)

    def set_departments(self, departments: list[tuple[str, str]]) -> None:
        """The departments an item may belong to (the one shown stays chosen)."""
        chosen = self.department.currentData()
        self.department.clear()
        for code, name in departments:
            self.department.addItem(name, code)
        self.department.setCurrentIndex(max(self.department.findData(
            self._original.get("department", chosen)), 0))

    def _set_read_only(self, read_only: bool) -> None:
        for edit in (self.name, self.fees, self.contact):
            edit.setReadOnly(read_only)
        for box in (self.legal_basis, self.conditions, self.procedure, self.sample_form):
            box.setReadOnly(read_only)
        for widget in (self.department, self.kind, self.legal_days, self.promised_days,
                       self.save_button, self.revert_button):
            widget.setEnabled(not read_only)
        self.materials.set_read_only(read_only)

    def show_item(self, data: dict[str, Any]) -> None:
        """Fill the form from an item in the catalog file's shape."""
        self._original = dict(data)
        self.code.setText(data.get("code", ""))
        self.handled.clear()
        if data.get("code"):
            code = data["code"]
            self.calls.read(self, "handled", hall_reads.handled_counts, self.ctx, code,
                            done=lambda counts, code=code: self._show_handled(code, counts))
        self.name.setText(data.get("name", ""))
        self.department.setCurrentIndex(max(self.department.findData(data.get("department")), 0))
        self.kind.setCurrentIndex(max(self.kind.findData(data.get("kind")), 0))
        self.legal_days.setValue(data.get("legal_days", 0))
        self.promised_days.setValue(data.get("promised_days", 0))
        self.legal_basis.setPlainText(data.get("legal_basis", ""))
        self.conditions.setPlainText(data.get("conditions", ""))
        self.procedure.setPlainText("\n".join(data.get("procedure", [])))
        self.sample_form.setPlainText(data.get("sample_form", ""))
        self.fees.setText(data.get("fees", ""))
        self.contact.setText(data.get("contact") or "")
        self.materials.set_materials(data.get("materials", []))
        self._set_read_only(not self.user.is_admin)

    def _show_handled(self, code: str, counts: tuple[int, int]) -> None:
        if code != self._original.get("code"):
            return          # another item is shown by now
        year, today = counts
        self.handled.setText(translate("ManagerCatalog", "今年办结 %1 件，今日 %2 件")
                             .replace("%1", str(year)).replace("%2", str(today)))

    def edited(self) -> dict[str, Any]:
        """The form in the catalog file's shape."""
        return {
            "department": self.department.currentData(), "name": self.name.text().strip(),
            "kind": self.kind.currentData(), "legal_days": self.legal_days.value(),
            "promised_days": self.promised_days.value(),
            "legal_basis": self.legal_basis.toPlainText().strip(),
            "conditions": self.conditions.toPlainText().strip(),
            "procedure": [line.strip() for line in self.procedure.toPlainText().splitlines()
                          if line.strip()],
            "materials": self.materials.materials(),
            "sample_form": self.sample_form.toPlainText().strip(),
            "fees": self.fees.text().strip(), "contact": self.contact.text().strip() or None,
        }

    def changes(self) -> dict[str, Any]:
        edited = self.edited()
        return {key: value for key, value in edited.items()
                if value != self._original.get(key)}

    def save(self) -> bool:
        """Send what changed to the core, on the worker with a request id; True if it
        was sent (``item_saved`` or ``save_refused`` follows)."""
        code = self._original.get("code")
        changes = self.changes()
        if not code or not changes:
            return False
        return self.calls.act(self, "item_save", admin.update_item, self.ctx, code=code,
                              changes=changes, by=self.user.staff_no,
                              done=lambda _fields: self._saved(code, changes),
                              failed=self._not_saved)

    def _saved(self, code: str, changes: dict[str, Any]) -> None:
        if self._original.get("code") == code:
            self._original.update(changes)
        self.item_saved.emit(code)

    def _not_saved(self, error: BaseException) -> None:
        show_error(self, as_kiosk_error(error), translate("ManagerCatalog", "事项未保存"))
        self.save_refused.emit()
