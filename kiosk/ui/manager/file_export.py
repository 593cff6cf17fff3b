"""Exporting what a reports tab shows to .xlsx or .pdf, the same way on every tab: the two
buttons, the save dialog, the job off the GUI thread, then a note of where it went."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from kiosk.errors import KioskError
from kiosk.ui.i18n import translate
from kiosk.ui.manager.tasks import BackgroundTask
from kiosk.ui.manager.widgets import show_done, show_error


def export_buttons(export: Callable[[str], object]) -> tuple[QPushButton, QPushButton]:
    """The 导出 Excel… and 导出 PDF… buttons, calling ``export("xlsx")`` or ``("pdf")``."""
    xlsx = QPushButton(translate("ManagerReports", "导出 Excel…"))
    pdf = QPushButton(translate("ManagerReports", "导出 PDF…"))
    xlsx.clicked.connect(lambda: export("xlsx"))
    pdf.clicked.connect(lambda: export("pdf"))
    return xlsx, pdf


def ask_path(parent: QWidget, title: str, name: str, kind: str) -> str:
    """Where to save ``name`` (a .xlsx or .pdf ``kind``); empty if the manager cancels."""
    path, _ = QFileDialog.getSaveFileName(
        parent, title, name,
        translate("ManagerReports", "Excel 文件 (*.xlsx)") if kind == "xlsx"
        else translate("ManagerReports", "PDF 文件 (*.pdf)"))
    return path


def start_export(page: QWidget, path: str, job: Callable[[Callable[[int, int], None]], Any],
                 done: str) -> BackgroundTask:
    """Run ``job(progress)`` off the GUI thread. Once it has written ``path``, the page's
    ``export_written`` signal carries it and the manager reads ``done`` (%1: the path)."""
    task = BackgroundTask(page, translate("ManagerReports", "正在导出…"), job)

    def written(_value: object) -> None:
        page.export_written.emit(path)
        show_done(page, done.replace("%1", path))

    task.finished_ok.connect(written)
    task.finished_failed.connect(lambda text: show_error(page, KioskError(text, text)))
    task.start()
    return task
