"""Small pieces every console page uses: read-only tables, a page title, error boxes
that show the service layer's Chinese message, and time formatting on the hall clock."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QMessageBox, QTableWidget, QTableWidgetItem,
    QWidget,
)

from kiosk.errors import CatalogInvalid, KioskError
from kiosk.ui.i18n import translate
from kiosk.ui.manager.look import title_font

#: the item data role that keeps a row's key (staff number, item code...) on column 0
KEY_ROLE = Qt.ItemDataRole.UserRole


def page_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("title")
    label.setFont(title_font())
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


def make_table(headers: Sequence[str], parent: QWidget | None = None,
               stretch: int | None = None) -> QTableWidget:
    """A read-only, row-selecting table. Columns fit their contents; ``stretch`` (a
    column of long text) takes the slack, else the last column does."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    # the style's default minimum (about 70 px) would widen 编号 and 窗口 columns enough
    # to scroll a 1366x768 console's tables sideways
    header.setMinimumSectionSize(36)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: Iterable[Sequence[object]],
               keys: Sequence[object] | None = None,
               right: Iterable[int] = ()) -> None:
    """Replace the table's rows, keeping the selected row's key selected. Numbers, and
    the columns in ``right`` (figures already formatted as text), are right-aligned so
    columns of figures line up."""
    right = set(right)
    selected = selected_key(table)
    rows = list(rows)
    table.setUpdatesEnabled(False)
    blocked = table.blockSignals(True)  # a refill is not the manager choosing a row
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.item(r, c)
            if cell is None:
                cell = QTableWidgetItem()
                table.setItem(r, c, cell)
            text = "" if value is None else str(value)
            cell.setText(text)
            cell.setToolTip(text if len(text) > 12 else "")  # a cut-off cell reads whole
            numeric = c in right or (isinstance(value, (int, float))
                                     and not isinstance(value, bool))
            cell.setTextAlignment(
                (Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignVCenter)
        if keys is not None:
            table.item(r, 0).setData(KEY_ROLE, keys[r])
            if keys[r] == selected and selected is not None:
                table.selectRow(r)
    table.blockSignals(blocked)
    table.setUpdatesEnabled(True)


def selected_key(table: QTableWidget) -> object | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    cell = table.item(rows[0].row(), 0)
    return cell.data(KEY_ROLE) if cell is not None else None




def error_text(exc: KioskError) -> str:
    if isinstance(exc, CatalogInvalid):
        lines = [p.chinese() for p in exc.problems[:12]]
        more = len(exc.problems) - len(lines)
        if more > 0:
            lines.append(translate("ManagerCommon", "……另有 %n 处", None, more))
        return exc.message_zh + "\n" + "\n".join(lines)
    return exc.message_zh


def show_error(parent: QWidget, exc: KioskError, title: str | None = None) -> None:
    """The service layer refused: say why in its own words. Modal only outside tests
    would be nicer, but a box the manager must read is the point."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or translate("ManagerCommon", "操作未完成"),
                      error_text(exc), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.open()


def show_done(parent: QWidget, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, translate("ManagerCommon", "完成"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("doneBox")
    box.open()


def hm(when: dt.datetime | None, tz: str) -> str:
    """A time on the hall's wall clock as HH:MM (empty when there is none)."""
    if when is None:
        return ""
    from kiosk.clock import hall_time

    return f"{hall_time(when, tz):%H:%M}"


def minutes_text(seconds: float | None) -> str:
    """A duration as whole minutes with its unit, '—' when unknown."""
    if seconds is None:
        return "—"
    return translate("ManagerCommon", "%1 分").replace("%1", f"{seconds / 60:.0f}")
