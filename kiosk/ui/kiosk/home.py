"""Home (首页): departments, the most-used items, search, appointment check-in, 办件查询.

Everything a first-time visitor can do is visible here as a large tile or button; the
layout turns from two columns (landscape) into one (portrait).
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

import datetime as dt
from collections.abc import Callable

from kiosk.queue.reads.kiosk import KioskCatalog
from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.queue_words import department_status
from kiosk.ui.touch.look import BodyLabel
from kiosk.ui.touch.widgets import Entry, Screen, TilePager, button
from kiosk.ui.theme import ELDER, Scale

#: (rows, columns) of department tiles per page: (elder, portrait) -> grid
DEPARTMENT_GRID = {(False, False): (4, 3), (False, True): (6, 2),
                   (True, False): (3, 2), (True, True): (4, 1)}
#: (rows, columns) of most-used item tiles per page
FAVOURITE_GRID = {(False, False): (6, 1), (False, True): (3, 2),
                  (True, False): (3, 1), (True, True): (2, 1)}


class HomeScreen(Screen):
    department_chosen = Signal(str)   # department code
    item_chosen = Signal(str)         # item code (from the most-used list)
    search_requested = Signal()       # the search field was tapped
    check_in_requested = Signal()     # the 预约签到 button was tapped
    case_lookup_requested = Signal()  # the 办件查询 button was tapped

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(32, 24, 32, 24)

        self.departments = QWidget()
        column = QVBoxLayout(self.departments)
        column.setContentsMargins(0, 0, 0, 0)
        self.welcome_label = BodyLabel(translate("HomeScreen", "请选择办理事项所属部门"), "title")
        column.addWidget(self.welcome_label)
        self.department_pager = TilePager()
        self.department_pager.entry_chosen.connect(self.department_chosen)
        column.addWidget(self.department_pager, 1)

        self.actions = QWidget()
        actions = QVBoxLayout(self.actions)
        actions.setContentsMargins(0, 0, 0, 0)
        self.search_button = button(translate("HomeScreen", "搜索事项（拼音、编码）"),
                                    kind="secondary", role="heading", rows=1.25)
        self.search_button.clicked.connect(self.search_requested)
        self.check_in_button = button(translate("HomeScreen", "预约签到取号"), role="title", rows=1.5)
        self.check_in_button.clicked.connect(self.check_in_requested)
        self.case_button = button(translate("HomeScreen", "办件查询（查进度）"),
                                  kind="secondary", role="heading", rows=1.25)
        self.case_button.clicked.connect(self.case_lookup_requested)
        actions.addWidget(self.search_button)
        actions.addWidget(self.check_in_button)
        actions.addWidget(self.case_button)

        self.favourites = QWidget()
        favourites = QVBoxLayout(self.favourites)
        favourites.setContentsMargins(0, 0, 0, 0)
        self.favourites_label = BodyLabel(translate("HomeScreen", "常办事项"), "title")
        favourites.addWidget(self.favourites_label)
        self.favourite_pager = TilePager()
        self.favourite_pager.entry_chosen.connect(self.item_chosen)
        # a short screen in elder mode has no room for them: departments and search
        # still lead to every item
        self.favourite_pager.too_small.connect(self.favourites.hide)
        favourites.addWidget(self.favourite_pager, 1)
        self._portrait: bool | None = None

    def set_catalog(self, catalog: KioskCatalog, now: dt.datetime) -> None:
        self.department_pager.set_entries(self._department_entries(catalog, now),
                                          translate("HomeScreen", "暂无可办理的事项，请到服务台咨询"))

    def show_states(self, catalog: KioskCatalog, now: dt.datetime) -> None:
        """The departments' queue states changed: new status lines, same page."""
        self.department_pager.update_entries(self._department_entries(catalog, now))

    @staticmethod
    def _department_entries(catalog: KioskCatalog, now: dt.datetime) -> list[Entry]:
        entries = []
        for d in catalog.departments:
            status, refused = department_status(catalog.department_states(d), now)
            count = translate("HomeScreen", "%1 项事项").replace("%1", str(len(d.items)))
            entries.append(Entry(d.code, d.name, "", f"{count} · {status}", refused))
        return entries

    def set_most_used(self, items: list[tuple]) -> None:
        """[(item code, name, status line, refused)] (status and refused optional)."""
        self.favourite_pager.set_entries([Entry(code, name, "", *status)
                                          for code, name, *status in items])

    def update_most_used(self, status_of: Callable[[str], tuple[str, bool]]) -> None:
        self.favourite_pager.update_entries([
            Entry(e.key, e.title, e.subtitle, *status_of(e.key))
            for e in self.favourite_pager.entries()])

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        elder = scale == ELDER
        self.department_pager.set_grid(*DEPARTMENT_GRID[elder, portrait], scale)
        self.favourites.show()
        self.favourite_pager.set_grid(*FAVOURITE_GRID[elder, portrait], scale)
        self._grid.setSpacing(scale.spacing_px * 2)
        if portrait == self._portrait:
            return
        self._portrait = portrait
        for widget in (self.departments, self.actions, self.favourites):
            self._grid.removeWidget(widget)
        for index in range(3):
            self._grid.setRowStretch(index, 0)
            self._grid.setColumnStretch(index, 0)
        if portrait:
            self._grid.addWidget(self.actions, 0, 0)
            self._grid.addWidget(self.departments, 1, 0)
            self._grid.addWidget(self.favourites, 2, 0)
            self._grid.setRowStretch(1, 3)
            self._grid.setRowStretch(2, 2)
        else:
            self._grid.addWidget(self.departments, 0, 0, 2, 1)
            self._grid.addWidget(self.actions, 0, 1)
            self._grid.addWidget(self.favourites, 1, 1)
            self._grid.setColumnStretch(0, 3)
            self._grid.setColumnStretch(1, 2)
            self._grid.setRowStretch(1, 1)

    def clear_input(self) -> None:
        self.department_pager.show_page(0)
        self.favourite_pager.show_page(0)
