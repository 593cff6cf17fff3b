"""The live view's charts: whole, round y ticks, category labels drawn whole (tilted
when narrow), and an empty chart that still shows its axes and says 暂无数据."""
import pytest
from PySide6.QtGui import QFontMetrics

from kiosk.reports.live import BUCKETS
from kiosk.ui.manager.live_charts import hourly_chart, nice_range, wait_chart

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.parametrize("values, top, step", [
    ([], 5, 1), ([0, 0], 5, 1), ([1, 2], 3, 1), ([7], 10, 2), ([12], 15, 5),
    ([47, 3], 60, 20), ([514], 600, 200), ([128, 257, 385], 500, 100)])
def test_the_y_axis_runs_in_round_whole_steps(values, top, step):
    assert nice_range(values) == (top, step)


def shown(qtbot, chart, width=420, height=300):
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.show()
    qtbot.waitExposed(chart)
    placed(qtbot, chart)
    return chart


def placed(qtbot, chart) -> None:
    """Wait for the chart's deferred label placement (a zero-delay timer) to run."""
    qtbot.waitUntil(lambda: not chart._placing)


def test_small_counts_have_distinct_integer_ticks(qtbot):
    chart = shown(qtbot, wait_chart())
    chart.show_values([label for label, _, _ in BUCKETS], [2, 1] + [0] * (len(BUCKETS) - 2),
                      [1] + [0] * (len(BUCKETS) - 1))
    ticks = chart.tick_values()
    assert ticks == [0, 1, 2, 3]
    assert len(set(ticks)) == len(ticks)
    assert not chart.empty


def test_narrow_categories_are_tilted_not_cut(qtbot):
    chart = shown(qtbot, wait_chart(), width=380)
    labels = [label for label, _, _ in BUCKETS]
    chart.show_values(labels, [1] * len(labels), [0] * len(labels))
    placed(qtbot, chart)
    assert not chart.x_axis.truncateLabels()
    width = chart.chart().plotArea().width() / len(labels)
    widest = max(QFontMetrics(chart.x_axis.labelsFont()).horizontalAdvance(t) for t in labels)
    if widest + 6 > width:
        assert chart.x_axis.labelsAngle() != 0


def test_an_empty_chart_keeps_its_axes_and_says_so(qtbot):
    chart = shown(qtbot, hourly_chart(), width=600)
    chart.show_values([], [], [])
    assert chart.empty and chart.empty_note.isVisible()
    assert chart.empty_note.text() == "暂无数据"
    assert chart.x_axis.isVisible() and chart.y_axis.isVisible()
    assert chart.x_axis.count() == 1 and chart.tick_values() == [0, 1, 2, 3, 4, 5]
    assert chart.rect().contains(chart.empty_note.geometry())

    chart.show_values(["9时", "10时"], [3, 4], [1, 0])
    assert not chart.empty and not chart.empty_note.isVisible()
    assert chart.tick_values() == [0, 2, 4, 6]


def text_boxes(chart) -> list:
    """The scene rectangles of every text drawn in the chart (bar numbers, axis labels,
    titles): QtCharts draws each as a QGraphicsTextItem (item type 8)."""
    boxes = []
    for item in chart.scene().items():
        box = item.sceneBoundingRect()
        if item.type() == 8 and item.isVisible() and box.width() > 6 and box.height() > 6:
            boxes.append(box)
    return boxes


def overlapping(boxes) -> list:
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            common = a.intersected(b)
            if common.width() > 1 and common.height() > 1:
                pairs.append((a, b))
    return pairs


@pytest.mark.parametrize("width, hours", [(380, 8), (460, 8), (620, 8), (900, 8),
                                          (460, 24), (900, 24)])
def test_no_two_labels_overlap(qtbot, width, hours):
    """Bar numbers sit flat, upright or not at all, and hour names thin out, so that no
    two texts of the chart ever touch, from a 1366x768 console to a wide one."""
    chart = shown(qtbot, hourly_chart(), width=width, height=300)
    today = [(i * 37) % 180 + 5 for i in range(hours)]
    chart.show_values([f"{h}时" for h in range(hours)], today, [v - 3 for v in today])
    placed(qtbot, chart)
    qtbot.waitUntil(lambda: not chart._placing)
    boxes = text_boxes(chart)
    assert len(boxes) >= 4           # the title, the legend-free axes' labels at least
    assert overlapping(boxes) == []
    if width >= 900 and hours == 8:
        assert chart.label_mode is not None and chart.series.isLabelsVisible()
