"""The live view's two charts (QtCharts): tickets per hour today against the same
weekday last week, and the wait-time distribution. Each series differs by fill pattern
as well as colour, so nothing is said by colour alone. A bar's number sits over it,
flat or upright, wherever it fits without touching another text (else it shows on
hover), and hour names thin out on a narrow chart: no two labels ever overlap.
The charts are updated in place (sets replaced), never rebuilt per refresh."""
from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis,
)
import math

from PySide6.QtCore import QMargins, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QCursor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QLabel, QToolTip, QWidget

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
#: the share of a category its bars take (QtCharts' default is 0.5)
BAR_WIDTH = 0.8
#: what a bar label's box adds around its text (the text item's margins), in px
LABEL_PAD = 4

FLAT, UPRIGHT, HIDDEN = 0, -90, None


def label_angle(bar_px: float, text_px: float, line_px: float):
    """How a bar's number fits over a bar ``bar_px`` wide without touching its
    neighbours' numbers: flat when its text is narrower than the bar, upright when a
    line's height is, else not at all (hovering a bar still shows its number)."""
    if text_px + LABEL_PAD <= bar_px:
        return FLAT
    if line_px + LABEL_PAD <= bar_px:
        return UPRIGHT
    return HIDDEN


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


def nice_range(values: list[int], intervals: int = Y_INTERVALS,
               headroom: float = 1.15) -> tuple[int, int]:
    """``(top, step)``: the y axis runs 0..top in whole steps, with room above the
    highest bar for its number (``headroom`` times the highest value)."""
    highest = max([*values, 0])
    if highest <= 0:
        return EMPTY_TOP, 1
    wanted = highest * headroom + 0.5       # the bar's number sits above it
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
        chart.setMargins(QMargins(4, 4, 8, 4))          # the plot gets the width
        chart.layout().setContentsMargins(0, 0, 0, 0)
        self.series = QBarSeries()
        self.series.setBarWidth(BAR_WIDTH)
        self.series.setLabelsVisible(True)
        self.series.hovered.connect(self._hovered)
        #: how the bars' numbers are drawn now: FLAT, UPRIGHT or HIDDEN
        self.label_mode = FLAT
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
        self._label_step = 1
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
        self.series.setLabelsVisible(not empty and self.label_mode is not HIDDEN)
        self._label_step = 1
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
        headroom = 1.15
        if height > 0 and self.label_mode is not HIDDEN:
            metrics = QFontMetrics(self.series.barSets()[0].labelFont()) \
                if self.series.count() else QFontMetrics(app_font(BODY_PX - 4))
            room = (metrics.height() if self.label_mode == FLAT
                    else self._widest_value(metrics)) + LABEL_PAD
            if room < height * 0.6:
                headroom = max(headroom, height / (height - room))
        top, step = nice_range([*first, *second], intervals, headroom)
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
            named = (self.values[0] if self.values else None) or categories
            widest = max(metrics.horizontalAdvance(c) for c in named)
            # upright labels take a line's height each; QtCharts hides tilted ones that
            # touch a neighbour, so narrow categories get upright (-90°) labels
            category_px = area.width() / len(categories)
            angle = 0 if widest + 6 <= category_px else -90
            if self.x_axis.labelsAngle() != angle:
                self.x_axis.setLabelsAngle(angle)
            self._thin_categories(math.ceil((metrics.height() + LABEL_PAD) / category_px)
                                  if angle else 1)
            self._fit_bar_labels(area.width() / len(categories))
        self._set_y_range()
        note = self.empty_note
        note.adjustSize()
        centre = self.mapFromScene(area.center())
        note.move(centre.x() - note.width() // 2, centre.y() - note.height() // 2)

    def _thin_categories(self, step: int) -> None:
        """Name only every ``step``-th category when upright names would touch (the
        others get distinct invisible names: a category axis needs unique ones)."""
        step = max(1, step)
        real = self.values[0] if self.values else []
        if step == self._label_step or not real:
            return
        self._label_step = step
        self.x_axis.clear()
        self.x_axis.append([c if i % step == 0 else "\u200b" * (i + 1)
                            for i, c in enumerate(real)])

    def _widest_value(self, metrics: QFontMetrics) -> int:
        _, first, second = self.values
        return max((metrics.horizontalAdvance(str(v)) for v in (*first, *second)),
                   default=0)

    def _fit_bar_labels(self, category_px: float) -> None:
        """Pick how the numbers sit over the bars so that no two touch (see
        ``label_angle``)."""
        sets = max(1, self.series.count())
        metrics = QFontMetrics(app_font(BODY_PX - 4))
        mode = label_angle(category_px * BAR_WIDTH / sets, self._widest_value(metrics),
                           metrics.height())
        if mode != self.label_mode:
            self.label_mode = mode
            if mode is not HIDDEN:
                self.series.setLabelsAngle(mode)
        self.series.setLabelsVisible(not self.empty and mode is not HIDDEN)

    def _hovered(self, status: bool, index: int, bar_set: QBarSet) -> None:
        """A bar's number on hover (the only way to read it when labels are hidden)."""
        if status and self.values and 0 <= index < len(self.values[0]):
            QToolTip.showText(QCursor.pos(), f"{self.values[0][index]} · {bar_set.label()}："
                              f"{int(bar_set.at(index))}", self)
        else:
            QToolTip.hideText()


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
