"""Taking a ticket and checking in, off the GUI thread, and what the citizen sees meanwhile.

Each tap runs on an ``ActionRunner`` worker with a request id, so a slow or dead LAN link
never freezes the screen. After ``WAIT_NOTICE_MS`` the message panel says 请稍候; while
the database fails to answer, the runner retries the same request (never two tickets for
one tap) and the panel offers a way out; after ``GIVE_UP_MS`` the tap is given up. A tap
given up on keeps its request id until ``forget()`` (the idle reset): the same tap again
replays a ticket the database wrote after all instead of issuing a second one.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.errors import InvalidInput, KioskError, NotFound, ServiceUnavailable
from kiosk.queue.store.context import HallContext
from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.message import MessagePanel
from kiosk.ui.runner import ActionRunner

log = logging.getLogger(__name__)

#: a tap says 请稍候 only when it takes longer than this (most take milliseconds)
WAIT_NOTICE_MS = 400
#: nobody is kept standing longer than this for a database that does not answer
GIVE_UP_MS = 20_000
#: back-off between retries of a tap whose database did not answer
RETRY_DELAYS_MS = (250, 500, 1000, 2000, 4000)


def busy_text() -> str:
    return translate("KioskController", "系统繁忙，请稍后再试或到服务台咨询")


def title_for(exc: KioskError) -> str:
    """The message panel's title for a refusal."""
    if isinstance(exc, ServiceUnavailable):
        return translate("KioskController", "暂时无法办理")
    if isinstance(exc, NotFound):
        return translate("KioskController", "没有找到")
    if isinstance(exc, InvalidInput):
        return translate("KioskController", "请检查输入")
    return translate("KioskController", "提示")


class TapActions(QObject):
    """The kiosk's actions on its worker, with the wait, the way out and the give-up."""

    succeeded = Signal(str, object)   # (action name, its IssueResult)
    refused = Signal(str, str)        # (title, Chinese text) for the message panel
    ended = Signal()                  # the tap has its outcome on screen, or was let go

    def __init__(self, ctx: HallContext, message: MessagePanel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = message
        self.runner = ActionRunner(RETRY_DELAYS_MS, parent=self)
        self._wait_notice = single_shot(self, WAIT_NOTICE_MS, self._show_wait_notice)
        self._give_up = single_shot(self, GIVE_UP_MS, self._give_up_waiting)
        self._away_reason = "no answer"
        #: (action, arguments, request id) of the tap last given up on, until forget()
        self._given_up: tuple[str, dict, str] | None = None
        message.cancelled.connect(self._cancel_waiting)
        self.runner.action_succeeded.connect(self._succeeded)
        self.runner.action_failed.connect(self._failed)
        self.runner.went_offline.connect(self._database_away)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def submit(self, name: str, function: Callable[..., Any], **kwargs: Any) -> None:
        """Run ``function(ctx, **kwargs)`` on the worker: with a fresh request id, or with
        the one of the same tap given up on (if that one committed after all, it is
        replayed)."""
        again = self._given_up if self._given_up and self._given_up[:2] == (name, kwargs) \
            else None
        if self.runner.submit(name, function, self.ctx,
                              request_id=again[2] if again else None, **kwargs):
            self._wait_notice.start()
            self._give_up.start()

    def forget(self) -> None:
        """A new citizen: drop any tap under way, and the next tap is a new request."""
        if self.runner.busy:
            self.runner.abandon()
            self._end_waiting()
        self._given_up = None

    def stop(self) -> None:
        self.runner.shutdown()
        self._wait_notice.stop()
        self._give_up.stop()

    # --- what the runner reports --------------------------------------------------------

    def _show_wait_notice(self) -> None:
        if self.runner.busy and not self.message.waiting:
            self.message.show_waiting(translate("KioskController", "正在出号…"))

    def _database_away(self, reason: str) -> None:
        if self.runner.busy:
            self._away_reason = reason.splitlines()[0] if reason else "no answer"
            log.warning("the ticket waits for the database: %s", self._away_reason)
            self.message.show_waiting(
                translate("KioskController", "系统繁忙，正在重试…"),
                cancel_text=translate("KioskController", "不等了，返回"))

    def _succeeded(self, name: str, result: Any) -> None:
        self._given_up = None
        self._end_waiting()
        self.succeeded.emit(name, result)
        self.ended.emit()

    def _failed(self, name: str, error: BaseException) -> None:
        self._end_waiting()
        if isinstance(error, KioskError):
            log.info("%s refused: %s", name, error.message_en)
            self.refused.emit(title_for(error), error.message_zh)
        else:
            log.error("%s failed: %s", name, error)
            self.refused.emit(translate("KioskController", "系统繁忙"), busy_text())
        self.ended.emit()

    def _give_up_waiting(self) -> None:
        """The database has not answered for ``GIVE_UP_MS``: say so and let go."""
        if not self.runner.busy:
            return
        log.error("%s given up after %.1f s without the database: %s", self._abandon(),
                  self._give_up.interval() / 1000, self._away_reason)
        self._end_waiting()
        self.refused.emit(translate("KioskController", "暂时无法取号"), busy_text())
        self.ended.emit()

    def _cancel_waiting(self) -> None:
        """The citizen chose not to wait any longer."""
        if not self.runner.busy:
            return          # a wait of the kiosk's reads, not of a tap
        log.info("%s cancelled by the citizen", self._abandon())
        self._end_waiting()
        self.ended.emit()

    def _abandon(self) -> str:
        """Let go of the running tap, remembering it in case the same tap comes again;
        returns the action's name."""
        job = self.runner.current_action
        self._given_up = (job.name, dict(job.kwargs), job.request_id)
        self.runner.abandon()
        return job.name

    def _end_waiting(self) -> None:
        self._wait_notice.stop()
        self._give_up.stop()
        self.message.end_waiting()


def single_shot(parent: QObject, interval_ms: int, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
