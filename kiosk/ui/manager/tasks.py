"""Every call the console makes into the core, off the GUI thread.

``ConsoleCalls``: the pages' reads and actions on one ``ActionRunner`` the console
shares, each result handed back, in the GUI thread, to the page that asked. An action
the core can replay carries a request id: when the database's answer is lost, the
runner tries it again with the same id and the core replays what committed instead of
doing it twice. An action the core cannot replay runs once (``replay=False``) and a lost
answer is reported, never repeated. A refusal shows the service layer's Chinese message.

``BackgroundTask``: a long job (an export, a big report) with a progress dialog, so the
console stays responsive and the manager can cancel.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import Shiboken

from kiosk.errors import KioskError
from kiosk.ui.i18n import translate
from kiosk.ui.manager.widgets import error_text, show_error
from kiosk.ui.runner import RETRY_DELAYS_MS, ActionRunner, is_connection_error

log = logging.getLogger(__name__)

#: a page's callback for a result, and for a failure
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


def failure_text(error: BaseException) -> str:
    """What the manager reads when a call did not go through."""
    if isinstance(error, KioskError):
        return error_text(error)
    if is_connection_error(error):
        return translate("ManagerTasks", "与数据库的连接中断，操作可能没有完成。"
                                         "请等连接恢复后刷新页面核对，再决定是否重做。")
    return translate("ManagerTasks", "操作失败：程序出错，已记入日志，请联系系统管理员。")


def as_kiosk_error(error: BaseException) -> KioskError:
    """``error`` as a KioskError the error box can show (its own when it is one)."""
    if isinstance(error, KioskError):
        return error
    return KioskError(failure_text(error), f"{type(error).__name__}: {error}")


def _alive(owner: QObject) -> bool:
    return Shiboken.isValid(owner)


class ConsoleCalls(QObject):
    """The console's calls into the core; results come back in the GUI thread."""

    #: an action was submitted (True) or has its outcome (False)
    busy_changed = Signal(bool)

    def __init__(self, runner: ActionRunner | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner or ActionRunner(RETRY_DELAYS_MS, parent=self)
        self._reads: dict[str, tuple[QObject, Done, Failed | None]] = {}
        self._action: tuple[QObject, Done | None, Failed | None] | None = None
        self.runner.read_succeeded.connect(self._read_ok)
        self.runner.read_failed.connect(self._read_failed)
        self.runner.action_succeeded.connect(self._action_ok)
        self.runner.action_failed.connect(self._action_failed)
        self.runner.busy_changed.connect(self.busy_changed)

    @classmethod
    def own(cls, page: QWidget) -> ConsoleCalls:
        """Calls of a page built on its own (not in a console), ended with the page."""
        calls = cls(parent=page)
        runner = calls.runner
        page.destroyed.connect(lambda *_: runner.shutdown())
        return calls

    @property
    def idle(self) -> bool:
        """Nothing asked for is still under way (tests wait for this)."""
        return self.runner.idle

    @property
    def busy(self) -> bool:
        """An action is running or waits for its retry."""
        return self.runner.busy

    def read(self, owner: QObject, name: str, fn: Callable[..., Any], /, *args: Any,
             done: Done, failed: Failed | None = None, **kwargs: Any) -> None:
        """``fn(*args, **kwargs)`` on the read worker; ``done(result)`` follows in the
        GUI thread. A read of the same name and owner asked again while one runs is
        run once more after it (its latest arguments and callbacks count). A refusal
        goes to ``failed`` (default: an error box on ``owner``); a database out of
        reach is read again until it answers."""
        key = f"{name}#{id(owner):x}"
        self._reads[key] = (owner, done, failed)
        self.runner.read(key, functools.partial(fn, *args, **kwargs))

    def act(self, owner: QWidget, name: str, fn: Callable[..., Any], /, *args: Any,
            done: Done | None = None, failed: Failed | None = None, replay: bool = True,
            **kwargs: Any) -> bool:
        """Run the action ``fn(*args, **kwargs)`` on the action worker; False (and the
        manager told why) while another action is under way or the database is away.

        ``replay=True``: ``fn`` takes ``request_id``; a lost answer is retried with the
        same id (the core replays a committed request). ``replay=False``: for core
        functions without a request id; run once, a lost answer is reported."""
        job = functools.partial(fn, *args, **kwargs)  # its own keywords never clash
        if not self.runner.submit(name, job, idempotent=replay, retry=replay):
            text = translate("ManagerTasks", "上一个操作尚未完成，请稍候") if self.runner.busy \
                else translate("ManagerTasks", "与数据库的连接中断，请稍后再试")
            self._fail(owner, failed, KioskError(text, "the console cannot act now"))
            return False
        self._action = (owner, done, failed)
        return True

    def shutdown(self, timeout_s: float = 10.0) -> None:
        self.runner.shutdown(timeout_s)

    # --- results ------------------------------------------------------------------------

    def _read_ok(self, key: str, value: Any) -> None:
        owner, done, _ = self._reads.get(key, (None, None, None))
        if owner is not None and _alive(owner):
            done(value)

    def _read_failed(self, key: str, error: BaseException) -> None:
        owner, _, failed = self._reads.get(key, (None, None, None))
        if owner is not None:
            self._fail(owner, failed, error)

    def _action_ok(self, name: str, value: Any) -> None:
        action, self._action = self._action, None
        if action is None:
            return
        owner, done, _ = action
        if done is not None and _alive(owner):
            done(value)

    def _action_failed(self, name: str, error: BaseException) -> None:
        action, self._action = self._action, None
        if action is None:
            return
        if not isinstance(error, KioskError):
            log.warning("%s did not go through: %s", name, error)
        self._fail(action[0], action[2], error)

    @staticmethod
    def _fail(owner: QObject, failed: Failed | None, error: BaseException) -> None:
        if not _alive(owner):
            return
        if failed is not None:
            failed(error)
        else:
            show_error(owner, as_kiosk_error(error))

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
