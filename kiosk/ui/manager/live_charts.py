"""The live view's two charts (QtCharts): tickets per hour today against the same
weekday last week, and the wait-time distribution. Each series differs by fill pattern
as well as colour, and every bar carries its number, so nothing is said by colour alone.
The charts are updated in place (sets replaced), never rebuilt per refresh."""
from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from kiosk.reports.live import Bucket, HourCount
from kiosk.ui.i18n import tr
from kiosk.ui.manager.look import BODY_PX
from kiosk.ui.theme import PRIMARY, app_font

TODAY_COLOUR = QColor(PRIMARY)
OTHER_COLOUR = QColor("#7A4A00")   # brown: 7:1 on white, apart from blue for most eyes


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
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        self.y_axis.setTitleText(y_title)
        self.y_axis.setLabelsFont(app_font(BODY_PX - 3))
        self.y_axis.setTitleFont(app_font(BODY_PX - 3))
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.x_axis)
        self.series.attachAxis(self.y_axis)
        self.setChart(chart)
        self.setMinimumHeight(260)
        self.values: tuple[list[str], list[int], list[int]] = ([], [], [])

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
        self.x_axis.clear()
        self.x_axis.append(categories or ["—"])
        top = max([*first, *second, 1])
        self.y_axis.setRange(0, top * 1.2 + 1)  # room for the numbers above the bars


def hourly_chart(parent: QWidget | None = None) -> BarChart:
    return BarChart(tr("ManagerLive", "每小时取号：今日与上周同日"),
                    tr("ManagerLive", "今日（实心）"), tr("ManagerLive", "上周同日（斜纹）"),
                    tr("ManagerLive", "张"), parent)


def wait_chart(parent: QWidget | None = None) -> BarChart:
    return BarChart(tr("ManagerLive", "等候时长分布（分钟）"),
                    tr("ManagerLive", "今日已叫号（实心）"),
                    tr("ManagerLive", "正在等候（斜纹）"), tr("ManagerLive", "人"), parent)


def show_hourly(chart: BarChart, hours: tuple[HourCount, ...]) -> None:
    chart.show_values([tr("ManagerLive", "%1时").replace("%1", str(h.hour)) for h in hours],
                      [h.today for h in hours], [h.last_week for h in hours])


def show_waits(chart: BarChart, called: tuple[Bucket, ...], waiting: tuple[Bucket, ...]
               ) -> None:
    chart.show_values([b.label for b in called], [b.count for b in called],
                      [b.count for b in waiting])
