"""Search (搜索事项): a text field, an on-screen keyboard (letters, digits and the hyphen
of item codes) and the matches.

Results follow every key press; the index (pypinyin) is handed in by the controller,
built once after start-up so it never delays the first screen.

When the screen is too short for the keyboard and one row of result tiles (elder mode
at 1366x768), keyboard and results take turns rather than overlap: while typing, the
keyboard and a large 查看 N 个结果 button; then the results with 继续输入.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.touch.keyboard import letter_keyboard
from kiosk.ui.touch.look import BodyLabel, role_px, set_tone, tag
from kiosk.ui.kiosk.search_index import ItemIndex
from kiosk.ui.touch.widgets import Entry, Screen, TilePager, button
from kiosk.ui.theme import ELDER, NORMAL, Scale

#: (rows, columns) of result tiles per page: (elder, portrait) -> grid
RESULT_GRID = {(False, False): (3, 2), (False, True): (6, 1),
               (True, False): (2, 1), (True, True): (4, 1)}
MARGINS = (24, 16, 24, 16)


class SearchScreen(Screen):
    item_chosen = Signal(str)  # item code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index: ItemIndex | None = None
        self.status_of: Callable[[str], tuple[str, bool]] = lambda code: ("", False)
        self._scale = NORMAL
        #: keyboard and results take turns (too short for both); showing the results now
        self.in_turns = False
        self.showing_results = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*MARGINS)
        self.field = QLineEdit()
        tag(self.field, "title")
        self.field.setPlaceholderText(translate("SearchScreen", "输入事项名称、拼音首字母或事项编码，如 gtgs"))
        self.field.textChanged.connect(self.refresh)
        self.field.installEventFilter(self)
        self.results_button = button("", role="heading")
        self.results_button.clicked.connect(lambda: self.show_results(True))
        self.more_button = button(translate("SearchScreen", "继续输入"), kind="secondary",
                                  role="heading")
        self.more_button.clicked.connect(lambda: self.show_results(False))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.field, 1)
        top.addWidget(self.results_button)
        top.addWidget(self.more_button)
        self._top = top
        layout.addLayout(top)
        self.count_label = BodyLabel("")
        set_tone(self.count_label, "muted")
        layout.addWidget(self.count_label)
        self.pager = TilePager()
        self.pager.entry_chosen.connect(self.item_chosen)
        layout.addWidget(self.pager, 1)
        self.keyboard = letter_keyboard(self.field, digits=True)
        layout.addWidget(self.keyboard)
        self.refresh()

    def set_index(self, index: ItemIndex) -> None:
        self.index = index
        self.refresh()

    def refresh(self) -> None:
        query = self.field.text().strip()
        found = []
        if not query:
            self.count_label.set_plain_text(translate("SearchScreen", "请用下方键盘输入，例如“个体工商户”可输入 gtgs"))
            self.pager.set_entries([])
        elif self.index is None:
            self.count_label.set_plain_text(translate("SearchScreen", "正在准备搜索，请稍候…"))
        else:
            found = self.index.search(query)
            none_found = translate("SearchScreen", "没有找到相关事项，请换个说法或到服务台咨询")
            self.pager.set_entries([Entry(e.code, e.name, e.department_name,
                                          *self.status_of(e.code)) for e in found],
                                   none_found)
            self.count_label.set_plain_text(
                translate("SearchScreen", "找到 %1 个事项").replace("%1", str(len(found)))
                if found else none_found if self.in_turns else "")
        self.results_button.setText(
            translate("SearchScreen", "查看 %1 个结果").replace("%1", str(len(found))))
        if not found:
            self.showing_results = False
        self._show_parts()

    def show_results(self, results: bool) -> None:
        """Take turns: the results (with 继续输入) or the keyboard (with 查看 N 个结果)."""
        self.showing_results = results and bool(self.pager.entries())
        self._show_parts()

    def _show_parts(self) -> None:
        results = not self.in_turns or self.showing_results
        typing = not self.in_turns or not self.showing_results
        self.pager.setVisible(results)
        self.keyboard.setVisible(typing)
        self.count_label.setVisible(typing)
        self.results_button.setVisible(self.in_turns and typing and bool(self.pager.entries()))
        self.more_button.setVisible(self.in_turns and results)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A tap on the field while the results are shown brings the keyboard back."""
        if watched is self.field and event.type() == QEvent.Type.MouseButtonPress \
                and self.in_turns and self.showing_results:
            self.show_results(False)
        return super().eventFilter(watched, event)

    def set_status_of(self, status_of: Callable[[str], tuple[str, bool]]) -> None:
        """Where result tiles get their queue's status line (等候 3 人, 已满…)."""
        self.status_of = status_of

    def refresh_states(self) -> None:
        self.pager.update_entries([Entry(e.key, e.title, e.subtitle, *self.status_of(e.key))
                                   for e in self.pager.entries()])

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self._scale = scale
        self.pager.set_grid(*RESULT_GRID[scale == ELDER, portrait], scale)
        self.keyboard.set_scale(scale)
        self.layout().setSpacing(scale.spacing_px)
        self._top.setSpacing(scale.spacing_px)
        self._fit_turns()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_turns()

    def both_fit(self) -> bool:
        """Room for the field, the count line, the keyboard, one row of result tiles
        and the pager's buttons, at this height and the current scale."""
        scale = self._scale
        spacing = scale.spacing_px
        keyboard = 4 * scale.target_px + 3 * self.keyboard.layout().spacing()
        line = round(role_px("body", scale) * scale.line_height)
        # a tile: its title, department and status lines inside its margins
        tile = round(role_px("heading", scale) * scale.line_height) + 2 * line + 28
        pager = self.pager.layout().spacing()
        need = (MARGINS[1] + MARGINS[3] + scale.target_px + line + keyboard + tile
                + pager + scale.target_px + 4 * spacing)
        return need <= self.height()

    def _fit_turns(self) -> None:
        if self.height() <= 0:
            return
        turns = not self.both_fit()
        if turns != self.in_turns:
            self.in_turns = turns
            self.refresh()

    def clear_input(self) -> None:
        self.field.clear()
        self.show_results(False)
