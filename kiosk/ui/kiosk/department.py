"""One department's items (部门事项列表), a page of large tiles at a time."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

import datetime as dt

from kiosk.queue.reads.kiosk import CatalogDepartment, KioskCatalog
from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.queue_words import department_status, tile_status
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
        self._hint = translate("DepartmentScreen", "请点击要办理的事项，查看办事指南并取号")
        self.hint_label = BodyLabel(self._hint)
        set_tone(self.hint_label, "muted")
        self.pager = TilePager()
        self.pager.entry_chosen.connect(self.item_chosen)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.pager, 1)
        self.department_code: str | None = None

    def show_department(self, department: CatalogDepartment, catalog: KioskCatalog,
                        now: dt.datetime) -> None:
        self.department_code = department.code
        self.title_label.set_plain_text(department.name)
        self.pager.set_entries(self._entries(department, catalog, now))
        self._show_hint(department, catalog, now)

    def show_states(self, catalog: KioskCatalog, department: CatalogDepartment,
                    now: dt.datetime) -> None:
        """The queues' states changed: new status lines, same page."""
        self.pager.update_entries(self._entries(department, catalog, now))
        self._show_hint(department, catalog, now)

    @staticmethod
    def _entries(department: CatalogDepartment, catalog: KioskCatalog,
                 now: dt.datetime) -> list[Entry]:
        return [Entry(i.code, i.name, "", *tile_status(catalog.item_state(i), now))
                for i in department.items]

    def _show_hint(self, department: CatalogDepartment, catalog: KioskCatalog,
                   now: dt.datetime) -> None:
        status, refused = department_status(catalog.department_states(department), now)
        if refused:
            self.hint_label.set_plain_text(translate(
                "DepartmentScreen", "本部门现在不能取号（%1），可点击事项查看原因和办事指南")
                .replace("%1", status))
        else:
            self.hint_label.set_plain_text(self._hint)

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self.pager.set_grid(*ITEM_GRID[scale == ELDER, portrait], scale)
        self.layout().setSpacing(scale.spacing_px)
