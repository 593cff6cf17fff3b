"""Connection state and the two status strips every screen of this package shows:
the offline banner and the message area (errors in words, never a blocking dialog)."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.i18n import translate
from kiosk.ui.runner import ActionRunner


class ConnectionState(QObject):
    """Online only when both the event feed and the last database call got through.

    The feed notices a lost database within half a second even when nobody presses a
    key; the runner notices it on the action that failed. Either one is enough to say
    "offline"; when the feed sees the database again the runner retries at once.
    """

    #: the database became reachable (True) or unreachable (False)
    changed = Signal(bool)

    def __init__(self, runner: ActionRunner, feed=None, parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner
        self._feed_ok = True
        runner.went_offline.connect(self._update)
        runner.came_online.connect(self._update)
        if feed is not None:
            feed.connection_lost.connect(self._feed_lost)
            feed.connection_restored.connect(self._feed_restored)
        self._online = True

    @property
    def online(self) -> bool:
        return self._online

    def _feed_lost(self, _reason: str) -> None:
        self._feed_ok = False
        self._update()

    def _feed_restored(self) -> None:
        self._feed_ok = True
        self._runner.retry_now()
        self._update()

    def _update(self, *_args) -> None:
        online = self._feed_ok and not self._runner.offline
        if online != self._online:
            self._online = online
            self.changed.emit(online)


class ConnectionBanner(QLabel):
    """A wide strip, hidden while the database answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.hide()

    def show_state(self, online: bool, pending_action: bool = False) -> None:
        if online:
            self.hide()
            return
        text = translate("Connection", "⚠ 连接中断，正在重连… 操作按钮已暂停使用。")
        if pending_action:
            text += translate("Connection", "刚才的操作结果未确认，恢复后自动重试，不会重复执行。")
        self.setText(text)
        self.show()


class MessageArea(QLabel):
    """One line that says what just happened, with a word for its tone (the colour only
    repeats it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self.setWordWrap(True)
        self.setMinimumHeight(48)
        self.show_info(translate("Messages", "就绪"))

    def _show(self, tone: str, prefix: str, text: str) -> None:
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(f"{prefix}{text}")

    def show_info(self, text: str) -> None:
        self._show("info", translate("Messages", "提示："), text)

    def show_done(self, text: str) -> None:
        self._show("done", translate("Messages", "完成："), text)

    def show_error(self, text: str) -> None:
        self._show("error", translate("Messages", "错误："), text)

    @property
    def tone(self) -> str:
        return self.property("tone")
