"""Search (搜索事项): a text field, an on-screen letter keyboard and the matches.

Results follow every key press; the index (pypinyin) is handed in by the controller,
built once after start-up so it never delays the first screen.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.touch.keyboard import letter_keyboard
from kiosk.ui.touch.look import BodyLabel, set_tone, tag
from kiosk.ui.kiosk.search_index import ItemIndex
from kiosk.ui.touch.widgets import Entry, Screen, TilePager
from kiosk.ui.theme import ELDER, Scale

#: (rows, columns) of result tiles per page: (elder, portrait) -> grid
RESULT_GRID = {(False, False): (3, 2), (False, True): (6, 1),
               (True, False): (2, 1), (True, True): (4, 1)}


class SearchScreen(Screen):
    item_chosen = Signal(str)  # item code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index: ItemIndex | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.field = QLineEdit()
        tag(self.field, "title")
        self.field.setPlaceholderText(translate("SearchScreen", "输入事项名称或拼音首字母，如 gtgs"))
        self.field.textChanged.connect(self.refresh)
        layout.addWidget(self.field)
        self.count_label = BodyLabel("")
        set_tone(self.count_label, "muted")
        layout.addWidget(self.count_label)
        self.pager = TilePager()
        self.pager.entry_chosen.connect(self.item_chosen)
        layout.addWidget(self.pager, 1)
        self.keyboard = letter_keyboard(self.field)
        layout.addWidget(self.keyboard)
        self.refresh()

    def set_index(self, index: ItemIndex) -> None:
        self.index = index
        self.refresh()

    def refresh(self) -> None:
        query = self.field.text().strip()
        if not query:
            self.count_label.set_plain_text(translate("SearchScreen", "请用下方键盘输入，例如“个体工商户”可输入 gtgs"))
            self.pager.set_entries([])
            return
        if self.index is None:
            self.count_label.set_plain_text(translate("SearchScreen", "正在准备搜索，请稍候…"))
            return
        found = self.index.search(query)
        self.pager.set_entries([Entry(e.code, e.name, e.department_name) for e in found],
                               translate("SearchScreen", "没有找到相关事项，请换个说法或到服务台咨询"))
        self.count_label.set_plain_text(
            translate("SearchScreen", "找到 %1 个事项").replace("%1", str(len(found))) if found else "")

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self.pager.set_grid(*RESULT_GRID[scale == ELDER, portrait], scale)
        self.keyboard.set_scale(scale)
        self.layout().setSpacing(scale.spacing_px)

    def clear_input(self) -> None:
        self.field.clear()
