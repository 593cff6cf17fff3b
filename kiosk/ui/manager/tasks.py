"""Running a long job (an export, a big report) off the GUI thread with a progress
dialog, so the console stays responsive and the manager can cancel."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from kiosk.errors import KioskError
from kiosk.ui.i18n import translate

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 300


class Cancelled(Exception):
    """Raised inside the job by its progress callback once the manager cancels."""


class _Job(QThread):
    #: (done, total) as the job reports it
    progressed = Signal(int, int)
    #: the job's return value
    succeeded = Signal(object)
    #: the job failed: (Chinese message, English detail)
    failed = Signal(str, str)
    #: the job stopped at the manager's request
    cancelled = Signal()

    def __init__(self, job: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self._job = job
        self._stop = False

    def cancel(self) -> None:
        self._stop = True

    def _progress(self, done: int, total: int) -> None:
        if self._stop:
            raise Cancelled
        self.progressed.emit(int(done), int(total))

    def run(self) -> None:
        try:
            value = self._job(self._progress)
        except Cancelled:
            self.cancelled.emit()
        except KioskError as exc:
            self.failed.emit(exc.message_zh, exc.message_en)
        except Exception as exc:  # noqa: BLE001 - shown to the manager, logged in full
            log.exception("background job failed")
            self.failed.emit(translate("ManagerTasks", "导出失败：%1").replace("%1", str(exc)),
                             repr(exc))
        else:
            self.succeeded.emit(value)


class BackgroundTask(QObject):
    """``job(progress)`` runs in a thread; ``progress(done, total)`` moves the dialog's
    bar and raises Cancelled once cancel is pressed."""

    #: the job's return value, in the GUI thread
    finished_ok = Signal(object)
    #: the job failed (Chinese message)
    finished_failed = Signal(str)
    #: the manager cancelled it
    finished_cancelled = Signal()

    def __init__(self, parent: QWidget, label: str,
                 job: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(label, translate("ManagerTasks", "取消"), 0, 0, parent)
        self.dialog.setWindowTitle(translate("ManagerTasks", "请稍候"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self._thread = _Job(job)
        self._thread.progressed.connect(self._moved)
        self._thread.succeeded.connect(self._succeeded)
        self._thread.failed.connect(self._failed)
        self._thread.cancelled.connect(self._cancelled)
        self.dialog.canceled.connect(self._thread.cancel)
        # a quick job never flashes a dialog; a slow one shows it after a moment
        self._reveal = QTimer(self)
        self._reveal.setSingleShot(True)
        self._reveal.setInterval(SHOW_AFTER_MS)
        self._reveal.timeout.connect(self.dialog.show)

    def start(self) -> None:
        self._reveal.start()
        self._thread.start()

    def _moved(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    def _end(self) -> None:
        self._reveal.stop()
        self._thread.wait()
        self.dialog.close()
        self.dialog.deleteLater()
        self.deleteLater()

    def _succeeded(self, value: object) -> None:
        self._end()
        self.finished_ok.emit(value)

    def _failed(self, message_zh: str, message_en: str) -> None:
        log.warning("background job failed: %s", message_en)
        self._end()
        self.finished_failed.emit(message_zh)

    def _cancelled(self) -> None:
        self._end()
        self.finished_cancelled.emit()
