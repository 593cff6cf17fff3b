"""One department's items (部门事项列表), a page of large tiles at a time."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.queue.reads.kiosk import CatalogDepartment
from kiosk.ui.i18n import translate
from kiosk.ui.touch.look import BodyLabel, set_tone
from kiosk.ui.touch.widgets import Entry, Screen, TilePager
from kiosk.ui.theme import ELDER, Scale

#: (rows, columns) of item tiles per page: (elder, portrait) -> grid
ITEM_GRID = {(False, False): (5, 2), (False, True): (8, 1),
             (True, False): (4, 1), (True, True): (5, 1)}


class DepartmentScreen(Screen):
    item_chosen = Signal(str)  # item code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        self.title_label = BodyLabel("", "title")
        self.hint_label = BodyLabel(translate("DepartmentScreen", "请点击要办理的事项，查看办事指南并取号"))
        set_tone(self.hint_label, "muted")
        self.pager = TilePager()
        self.pager.entry_chosen.connect(self.item_chosen)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.pager, 1)
        self.department_code: str | None = None

    def show_department(self, department: CatalogDepartment) -> None:
        self.department_code = department.code
        self.title_label.set_plain_text(department.name)
        self.pager.set_entries([Entry(i.code, i.name) for i in department.items])

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self.pager.set_grid(*ITEM_GRID[scale == ELDER, portrait], scale)
        self.layout().setSpacing(scale.spacing_px)
