"""The 好差评上报 page's checks: the month's reconciliation against the platform's
acknowledgement file (picked as ``ratings reconcile --acks FILE`` reads it), and the
suspicious ratings, each with why it is flagged in words a manager can act on."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import hall_time
from kiosk.queue.reads.rating_patterns import PatternRow
from kiosk.queue.reads.rating_reports import (
    FAILED,
    REPORTED,
    UNREPORTED,
    Reconciliation,
    reconcile,
)
from kiosk.queue.rules.names import LEVEL_ZH
from kiosk.queue.store.context import HallContext
from kiosk.reports.rating_reports import acks_from_file
from kiosk.ui.i18n import translate
from kiosk.ui.manager.look import OK_MARK, WARN_MARK
from kiosk.ui.manager.tasks import ConsoleCalls
from kiosk.ui.manager.widgets import fill_table, make_table, muted

LISTED_MAX = 1000  # differences listed; the summary counts them all


@dataclasses.dataclass(frozen=True)
class Thresholds:
    """The hall's settings the patterns are judged by."""

    burst_seconds: int
    burst_count: int
    late_days: int


_REASONS = (
    (re.compile(r"^platform timed out"), lambda m: translate("ManagerRatings", "平台响应超时")),
    (re.compile(r"^platform unreachable"), lambda m: translate("ManagerRatings", "连接不上平台")),
    (re.compile(r"^platform answered HTTP (\d+) without an acknowledgement"),
     lambda m: translate("ManagerRatings", "平台应答（HTTP %1）中没有回执编号")
     .replace("%1", m[1])),
    (re.compile(r"^platform answered HTTP (\d+)(?:: (.*))?$", re.DOTALL),
     lambda m: translate("ManagerRatings", "平台拒收（HTTP %1）").replace("%1", m[1])
     + (f"：{m[2]}" if m[2] else "")),
)


def state_names() -> dict[str, str]:
    """Each delivery state as a word with its mark (colour never says it alone)."""
    return {UNREPORTED: "○ " + translate("ManagerRatings", "未上报"),
            REPORTED: OK_MARK + " " + translate("ManagerRatings", "已上报"),
            FAILED: WARN_MARK + " " + translate("ManagerRatings", "失败")}


def when(moment: dt.datetime | None, tz: str) -> str:
    return f"{hall_time(moment, tz):%m-%d %H:%M}" if moment is not None else "—"


def reason_zh(reason: str) -> str:
    """The deliverer's reason (English, with the platform's own words) in Chinese."""
    for pattern, text in _REASONS:
        found = pattern.match(reason)
        if found:
            return text(found)
    return reason


def reconcile_file(ctx: HallContext, path: str, month: tuple[int, int],
                   column: str | None) -> tuple[Reconciliation, str]:
    """The month's reconciliation against the file at ``path`` (read off the GUI
    thread, like the database), with the file's name."""
    ids = acks_from_file(path, column or None)
    return reconcile(ctx, month[0], month[1], ids), Path(path).name


def why_flagged(row: PatternRow, limits: Thresholds) -> str:
    if row.kind == "burst":
        return translate(
            "ManagerRatings", "办一件事通常要几分钟，同一设备 %1 秒内收到 %2 个及以上"
                              "“非常满意”，不像是多位群众分别评价，请核实是否有人代评（刷好评）。") \
            .replace("%1", str(limits.burst_seconds)).replace("%2", str(limits.burst_count))
    return translate(
        "ManagerRatings", "办结 %1 天及以上才评价。群众一般在办结时评价，事隔多日的评价"
                          "可能不是本人所评，或是被要求补评，请核实。") \
        .replace("%1", str(limits.late_days))


def kind_names() -> dict[str, str]:
    return {"burst": WARN_MARK + " " + translate("ManagerRatings", "疑似刷好评"),
            "late": WARN_MARK + " " + translate("ManagerRatings", "迟到评价")}


def _wrapping(table) -> None:
    """The two text columns share the width and wrap, so every row reads whole (a
    month's patterns are few: rows are measured one by one)."""
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    for column in (table.columnCount() - 2, table.columnCount() - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


class PatternsPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PatternRow] = []
        self.summary = QLabel()
        self.table = make_table([translate("ManagerRatings", "类型"),
                                 translate("ManagerRatings", "时间"),
                                 translate("ManagerRatings", "窗口"),
                                 translate("ManagerRatings", "情况"),
                                 translate("ManagerRatings", "为何标记")])
        _wrapping(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(muted(translate(
            "ManagerRatings", "以下评价不一定有问题，只是值得核实；判定标准在“设置”中调整"
                              "（刷好评判定时间窗、条数，迟到评价天数）。")))
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_rows(self, rows: list[PatternRow], limits: Thresholds, tz: str) -> None:
        self.rows = rows
        kinds = kind_names()
        fill_table(self.table, [
            (kinds.get(r.kind, r.kind), f"{hall_time(r.raised_at, tz):%m-%d %H:%M:%S}",
             str(r.window_number) if r.window_number is not None else "—",
             r.message_zh, why_flagged(r, limits)) for r in rows],
            keys=[r.key for r in rows])
        self.summary.setText(
            WARN_MARK + " " + translate("ManagerRatings", "该月有 %1 处值得核实").replace(
                "%1", str(len(rows))) if rows
            else OK_MARK + " " + translate("ManagerRatings", "该月没有发现异常评价"))


class ReconcilePanel(QWidget):
    #: a reconciliation is shown
    reconciled = Signal()

    def __init__(self, ctx: HallContext, calls: ConsoleCalls) -> None:
        super().__init__()
        self.ctx, self.calls = ctx, calls
        self.month: tuple[int, int] | None = None
        self.result: Reconciliation | None = None
        self.tz = "Asia/Shanghai"
        self.pick_button = QPushButton(translate("ManagerRatings", "选择平台回执文件并对账…"))
        self.pick_button.setObjectName("primary")
        self.pick_button.clicked.connect(lambda: self.choose_file())
        self.column = QLineEdit()
        self.column.setPlaceholderText(translate("ManagerRatings", "默认第一列"))
        self.column.setMaximumWidth(180)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.missing = make_table([translate("ManagerRatings", "评价编号"),
                                   translate("ManagerRatings", "号票"),
                                   translate("ManagerRatings", "评价时间"),
                                   translate("ManagerRatings", "评价"),
                                   translate("ManagerRatings", "上报状态"),
                                   translate("ManagerRatings", "回执 / 原因")], stretch=5)
        self.unknown = make_table([translate("ManagerRatings", "平台回执编号")])
        bar = QHBoxLayout()
        bar.addWidget(self.pick_button)
        bar.addWidget(QLabel(translate("ManagerRatings", "CSV 中回执编号所在列")))
        bar.addWidget(self.column)
        bar.addStretch(1)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(QLabel(translate("ManagerRatings", "平台没有的评价（本地有，回执中没有）")))
        left.addWidget(self.missing, 1)
        right.addWidget(QLabel(translate("ManagerRatings", "本地没有的回执")))
        right.addWidget(self.unknown, 1)
        self.tables = tables = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        tables.addLayout(left, 4)
        tables.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(muted(translate(
            "ManagerRatings", "从省好差评平台导出本月的评价回执（每行一个编号，或带表头的 CSV），"
                              "与本大厅本月的评价逐条核对：编号可以是平台回执编号或本地评价编号。")))
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addLayout(tables, 1)
        self._clear(translate("ManagerRatings", "尚未对账。"))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Portrait: the platform's unknown receipts under the missing ratings, so the
        missing ones' reasons have the page's width rather than four fifths of it."""
        super().resizeEvent(event)
        self.tables.setDirection(QBoxLayout.Direction.TopToBottom
                                 if self.height() > self.width()
                                 else QBoxLayout.Direction.LeftToRight)

    def set_month(self, month: tuple[int, int] | None) -> None:
        """A reconciliation holds for its month only: another month clears it."""
        if month == self.month:
            return
        self.month = month
        if self.result is not None:
            self._clear(translate("ManagerRatings", "月份已改变，请选择该月的平台回执文件重新对账。"))

    def _clear(self, text: str) -> None:
        self.result = None
        fill_table(self.missing, [])
        fill_table(self.unknown, [])
        self.summary.setText(text)

    def choose_file(self, path: str | None = None) -> None:
        """Pick the platform's file (tests pass its path) and reconcile the month."""
        if self.month is None:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, translate("ManagerRatings", "选择平台导出的回执文件"), "",
                translate("ManagerRatings", "回执文件 (*.csv *.txt);;所有文件 (*)"))
            if not path:
                return
        self.calls.read(self, "reconcile", reconcile_file, self.ctx, path, self.month,
                        self.column.text().strip(), done=self._show)

    def _show(self, found: tuple[Reconciliation, str]) -> None:
        self.result, name = found
        result = self.result
        names = state_names()
        missing = result.missing_there[:LISTED_MAX]
        fill_table(self.missing, [
            (r.rating_id, r.ticket_code, when(r.rated_at, self.tz),
             translate("Rating", LEVEL_ZH[r.level]), names[r.state],
             r.ack_id or (reason_zh(r.reason) if r.reason else ""))
            for r in missing], keys=[r.rating_id for r in missing])
        fill_table(self.unknown, [(ack,) for ack in result.unknown_here[:LISTED_MAX]])
        text = translate("ManagerRatings", "%1（%2）：本地评价 %3 条，平台已确认 %4 条")
        text = text.replace("%1", result.month).replace("%2", name) \
            .replace("%3", str(result.ratings)).replace("%4", str(result.matched))
        if result.missing_there or result.unknown_here:
            text = WARN_MARK + " " + text + translate(
                "ManagerRatings", "；平台没有的 %1 条，本地没有的回执 %2 条").replace(
                "%1", str(len(result.missing_there))).replace("%2", str(len(result.unknown_here)))
        else:
            text = OK_MARK + " " + text + translate("ManagerRatings", "；双方一致")
        if max(len(result.missing_there), len(result.unknown_here)) > LISTED_MAX:
            text += translate("ManagerRatings", "（每边只列出前 %1 条）").replace(
                "%1", str(LISTED_MAX))
        self.summary.setText(text)
        self.reconciled.emit()
