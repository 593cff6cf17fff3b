"""The live view's two charts (QtCharts): tickets per hour today against the same
weekday last week, and the wait-time distribution. Each series differs by fill pattern
as well as colour, and every bar carries its number, so nothing is said by colour alone.
The charts are updated in place (sets replaced), never rebuilt per refresh."""
from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis,
)
import math

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.reports.live import Bucket, HourCount
from kiosk.ui.i18n import translate
from kiosk.ui.manager.look import BODY_PX
from kiosk.ui.theme import PRIMARY, app_font

TODAY_COLOUR = QColor(PRIMARY)
OTHER_COLOUR = QColor("#7A4A00")   # brown: 7:1 on white, apart from blue for most eyes


#: the y axis shows at most about this many intervals
Y_INTERVALS = 5
#: the empty chart's y range (so an empty chart still has a readable scale)
EMPTY_TOP = 5


def nice_step(top: float, intervals: int = Y_INTERVALS) -> int:
    """A whole tick interval of the 1-2-5 series giving at most ``intervals`` steps up to
    ``top`` (so ticks read 0, 5, 10, … or 0, 200, 400, …, never 128 or 257)."""
    raw = max(1.0, top / intervals)
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        step = factor * magnitude
        if step >= raw - 1e-9:
            return int(step)
    return int(10 * magnitude)


def nice_range(values: list[int], intervals: int = Y_INTERVALS) -> tuple[int, int]:
    """``(top, step)``: the y axis runs 0..top in whole steps, with room above the
    highest bar for its number."""
    highest = max([*values, 0])
    if highest <= 0:
        return EMPTY_TOP, 1
    wanted = highest * 1.15 + 0.5           # the bar's number sits above it
    step = nice_step(wanted, intervals)
    top = step * math.ceil(wanted / step)
    return top, step


def _style(bar_set: QBarSet, colour: QColor, pattern: Qt.BrushStyle) -> None:
    bar_set.setBrush(QBrush(colour, pattern))
    bar_set.setPen(QPen(colour, 1.5))
    bar_set.setLabelColor(QColor("#111111"))
    bar_set.setLabelFont(app_font(BODY_PX - 4))


class BarChart(QChartView):
    """Two bar sets over categories; ``show(categories, first, second)`` redraws."""

    def __init__(self, title: str, first: str, second: str, y_title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.first_name, self.second_name = first, second
        chart = QChart()
        chart.setTitle(title)
        chart.setTitleFont(app_font(BODY_PX + 1))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setFont(app_font(BODY_PX - 2))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        self.series = QBarSeries()
        self.series.setLabelsVisible(True)
        self.series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(self.series)
        self.x_axis = QBarCategoryAxis()
        self.x_axis.setLabelsFont(app_font(BODY_PX - 3))
        # tilted labels are drawn whole rather than cut to "5…" when a category is narrow
        self.x_axis.setTruncateLabels(False)
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        self.y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.y_axis.setTickAnchor(0)
        self.y_axis.setMinorTickCount(0)
        self.y_axis.setTitleText(y_title)
        self.y_axis.setLabelsFont(app_font(BODY_PX - 3))
        self.y_axis.setTitleFont(app_font(BODY_PX - 3))
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.x_axis)
        self.series.attachAxis(self.y_axis)
        self.setChart(chart)
        self.setMinimumHeight(260)
        # said over an empty plot, which still shows its axes
        self.empty_note = QLabel(translate("ManagerLive", "暂无数据"), self)
        self.empty_note.setFont(app_font(BODY_PX))
        self.empty_note.setStyleSheet("color: #444444; background: transparent;")
        self.empty_note.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_note.hide()
        chart.plotAreaChanged.connect(lambda _area: self._place_later())
        self._placing = False
        self.values: tuple[list[str], list[int], list[int]] | None = None
        self.show_values([], [], [])

    def show_values(self, categories: list[str], first: list[int], second: list[int]) -> None:
        if (categories, first, second) == self.values:
            return  # nothing moved: no redraw
        self.values = (list(categories), list(first), list(second))
        self.series.clear()
        for name, numbers, colour, pattern in (
                (self.first_name, first, TODAY_COLOUR, Qt.BrushStyle.SolidPattern),
                (self.second_name, second, OTHER_COLOUR, Qt.BrushStyle.BDiagPattern)):
            bar_set = QBarSet(name)
            bar_set.append([float(n) for n in numbers])
            _style(bar_set, colour, pattern)
            self.series.append(bar_set)
        empty = not any(first) and not any(second)
        if not categories:  # keep an axis to draw: one placeholder category
            for index in range(self.series.count()):
                self.series.barSets()[index].append(0.0)
        self.series.setLabelsVisible(not empty)
        self.x_axis.clear()
        self.x_axis.append(categories or ["—"])
        self._set_y_range()
        self.empty_note.setVisible(empty)
        self._place_later()

    def _set_y_range(self) -> None:
        """Round whole ticks, as many as the plot's height can label without QtCharts
        dropping some of them."""
        height = self.chart().plotArea().height()
        line = QFontMetrics(self.y_axis.labelsFont()).height() * 1.6
        intervals = Y_INTERVALS if height <= 0 else max(2, min(Y_INTERVALS, int(height // line)))
        _, first, second = self.values
        top, step = nice_range([*first, *second], intervals)
        if (self.y_axis.max(), self.y_axis.tickInterval()) != (top, step):
            self.y_axis.setRange(0, top)
            self.y_axis.setTickInterval(step)

    @property
    def empty(self) -> bool:
        return not self.empty_note.isHidden()

    def tick_values(self) -> list[int]:
        """The numbers written on the y axis (for tests)."""
        step = round(self.y_axis.tickInterval())
        return list(range(0, round(self.y_axis.max()) + 1, step))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_later()

    def _place_later(self) -> None:
        if not self._placing:
            self._placing = True
            QTimer.singleShot(0, self, self._place)  # dropped if the chart is deleted first

    def _place(self) -> None:
        """Tilt the category labels when they do not fit side by side, and centre the
        empty note on the plot."""
        self._placing = False
        area = self.chart().plotArea()
        categories = self.x_axis.categories()
        if categories and area.width() > 0:
            metrics = QFontMetrics(self.x_axis.labelsFont())
            widest = max(metrics.horizontalAdvance(c) for c in categories)
            # upright labels take a line's height each; QtCharts hides tilted ones that
            # touch a neighbour, so narrow categories get upright (-90°) labels
            angle = 0 if widest + 6 <= area.width() / len(categories) else -90
            if self.x_axis.labelsAngle() != angle:
                self.x_axis.setLabelsAngle(angle)
        self._set_y_range()
        note = self.empty_note
        note.adjustSize()
        centre = self.mapFromScene(area.center())
        note.move(centre.x() - note.width() // 2, centre.y() - note.height() // 2)


def hourly_chart(parent: QWidget | None = None) -> BarChart:
    return BarChart(translate("ManagerLive", "每小时取号：今日与上周同日"),
                    translate("ManagerLive", "今日（实心）"), translate("ManagerLive", "上周同日（斜纹）"),
                    translate("ManagerLive", "张"), parent)


def wait_chart(parent: QWidget | None = None) -> BarChart:
    return BarChart(translate("ManagerLive", "等候时长分布（分钟）"),
                    translate("ManagerLive", "今日已叫号（实心）"),
                    translate("ManagerLive", "正在等候（斜纹）"), translate("ManagerLive", "人"), parent)


def show_hourly(chart: BarChart, hours: tuple[HourCount, ...]) -> None:
    chart.show_values([translate("ManagerLive", "%1时").replace("%1", str(h.hour)) for h in hours],
                      [h.today for h in hours], [h.last_week for h in hours])


def show_waits(chart: BarChart, called: tuple[Bucket, ...], waiting: tuple[Bucket, ...]
               ) -> None:
    chart.show_values([b.label for b in called], [b.count for b in called],
                      [b.count for b in waiting])
