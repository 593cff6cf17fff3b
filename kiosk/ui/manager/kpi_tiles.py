"""The live page's KPI tiles: six figures a manager reads at a glance, each with a line
saying what it is measured against. A breached threshold is said in words (超时) and
coloured red; colour never says it alone."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.reports.kpis import Kpis
from kiosk.reports.stats import format_value
from kiosk.ui.i18n import translate
from kiosk.ui.manager.look import BODY_PX, WARN_MARK
from kiosk.ui.theme import app_font

OK, WARN, BREACH = "ok", "warn", "breach"


@dataclasses.dataclass(frozen=True)
class Tile:
    key: str
    caption: str
    value: str
    note: str
    state: str = OK      # ok / warn / breach


def _minutes(seconds: float) -> str:
    return translate("ManagerLive", "%1 分钟").replace("%1", f"{seconds / 60:.0f}")


def _fill(text: str, *values: object) -> str:
    """``text`` with %1, %2… replaced by ``values`` in turn."""
    for number, value in enumerate(values, 1):
        text = text.replace(f"%{number}", str(value))
    return text


def tiles(k: Kpis) -> list[Tile]:
    """The six tiles for ``k``, left to right."""
    limit = _minutes(k.wait_limit_s)
    if k.over_limit:
        waiting_note = _fill(translate("ManagerLive", "%1 %2 人超时（超过 %3）"),
                             WARN_MARK, k.over_limit, limit)
    else:
        waiting_note = _fill(translate("ManagerLive", "无人超过 %1"), limit)
    if k.longest_wait_s is None:
        longest, longest_note = "—", translate("ManagerLive", "无人等候")
    else:
        longest = _minutes(k.longest_wait_s)
        queue = _fill(translate("ManagerLive", "%1 类"), k.longest_prefix or "")
        if k.wait_breached:
            longest_note = _fill(translate("ManagerLive", "%1 %2 · 超时（阈值 %3）"),
                                 WARN_MARK, queue, limit)
        else:
            longest_note = _fill(translate("ManagerLive", "%1 · 阈值 %2"), queue, limit)
    closed = k.windows - k.open_windows - k.paused_windows
    if k.open_alerts:
        alerts_note = _fill(translate("ManagerLive", "严重 %1 条"), k.critical_alerts)
    else:
        alerts_note = translate("ManagerLive", "全部已确认")
    return [
        Tile("waiting", translate("ManagerLive", "等候人数"),
             _fill(translate("ManagerLive", "%1 人"), k.waiting), waiting_note,
             BREACH if k.over_limit else OK),
        Tile("longest", translate("ManagerLive", "最长等候"), longest, longest_note,
             BREACH if k.wait_breached else OK),
        Tile("served", translate("ManagerLive", "今日已办结"),
             _fill(translate("ManagerLive", "%1 件"), k.served),
             _fill(translate("ManagerLive", "今日取号 %1"), k.issued)),
        Tile("windows", translate("ManagerLive", "开放窗口"), f"{k.open_windows} / {k.windows}",
             _fill(translate("ManagerLive", "暂停 %1 · 未登录 %2"), k.paused_windows, closed)),
        Tile("satisfaction", translate("ManagerLive", "今日满意率"),
             format_value("rate", k.satisfaction_rate),
             _fill(translate("ManagerLive", "已评 %1 · 差评 %2"), k.rated, k.bad)),
        Tile("alerts", translate("ManagerLive", "待确认告警"),
             _fill(translate("ManagerLive", "%1 条"), k.open_alerts), alerts_note,
             BREACH if k.critical_alerts else WARN if k.open_alerts else OK),
    ]


class TileView(QFrame):
    """One tile: caption, figure, note; its state picks the colours (look.STYLE)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpi")
        self.setProperty("state", OK)
        self.caption = QLabel()
        self.caption.setFont(app_font(BODY_PX - 2))
        self.value = QLabel()
        font = app_font(BODY_PX + 12)
        font.setBold(True)
        self.value.setFont(font)
        self.note = QLabel()
        self.note.setFont(app_font(BODY_PX - 2))
        for label, name in ((self.caption, "kpiCaption"), (self.value, "kpiValue"),
                            (self.note, "kpiNote")):
            label.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_tile(self, tile: Tile) -> None:
        self.caption.setText(tile.caption)
        self.value.setText(tile.value)
        self.note.setText(tile.note)
        self.setToolTip(f"{tile.caption}：{tile.value}（{tile.note}）")
        if self.property("state") != tile.state:
            self.setProperty("state", tile.state)
            for widget in (self, self.caption, self.value, self.note):
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    @property
    def state(self) -> str:
        return self.property("state")


class TileRow(QWidget):
    """The six tiles in one row, or in two rows of three when one row would be wider
    than the page (a portrait screen): never a sideways scroll."""

    KEYS = ("waiting", "longest", "served", "windows", "satisfaction", "alerts")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.views: dict[str, TileView] = {key: TileView(self) for key in self.KEYS}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.columns = 0
        self._arrange(len(self.KEYS))

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for view in self.views.values():
            self.grid.removeWidget(view)
        for index, key in enumerate(self.KEYS):
            self.grid.addWidget(self.views[key], index // columns, index % columns)
        for column in range(len(self.KEYS)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def _fit(self) -> None:
        row = (sum(view.minimumSizeHint().width() for view in self.views.values())
               + self.grid.spacing() * (len(self.KEYS) - 1))
        self._arrange(len(self.KEYS) if row <= self.width() else len(self.KEYS) // 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        widths = sorted((view.minimumSizeHint().width() for view in self.views.values()),
                        reverse=True)
        columns = len(self.KEYS) // 2
        hint = super().minimumSizeHint()
        return QSize(sum(widths[:columns]) + self.grid.spacing() * (columns - 1),
                     hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def show_kpis(self, k: Kpis) -> None:
        for tile in tiles(k):
            self.views[tile.key].show_tile(tile)
        self._fit()
