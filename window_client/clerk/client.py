"""The window client's top-level widget: the offline banner over a login page and the
main screen, wired to the event feed and the action runner."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.queue.actions import windows
from kiosk.queue.store.context import HallContext
from kiosk.queue.reads.window import window_choices
from kiosk.settings import Settings, default_data_dir
from kiosk.ui.i18n import translate
from window_client.clerk.action_bar import ActionBar
from window_client.clerk.cases_panel import CasesPage
from window_client.banner import ConnectionBanner, ConnectionState
from window_client.clerk.keys import key_map
from window_client.clerk.login_page import LoginPage
from window_client.clerk.main_screen import MainScreen
from window_client.clerk.texts import window_title
from kiosk.ui.runner import ActionRunner
from window_client.style import STYLE


class WindowClient(QWidget):
    def __init__(self, ctx: HallContext, settings: Settings, *, fixed_window: int | None,
                 runner: ActionRunner, feed=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.feed = feed
        self._pending_login: tuple | None = None   # (staff no, window, holder before)
        self.setStyleSheet(STYLE)
        # an explicit minimum keeps the layout from resizing the window's constraints
        # on every page change
        self.setMinimumSize(1024, 700)
        self.setWindowTitle(translate("WindowMain", "窗口叫号") + (
            translate("WindowMain", " - {n} 号窗口").format(n=fixed_window) if fixed_window else ""))
        layout = QVBoxLayout(self)
        self.banner = ConnectionBanner()
        layout.addWidget(self.banner)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.login_page = LoginPage(fixed_window)
        self.actions = ActionBar(key_map(settings))
        # before the main screen's own slot: a queue key pressed on the 办件 page acts
        # on the main screen, which shows first
        self.actions.action_requested.connect(lambda _action: self._show_main())
        self.main = MainScreen(ctx, runner, self.actions)
        self.cases = CasesPage(ctx, runner, documents_dir(settings))
        self.stack.addWidget(self.login_page)
        self.stack.addWidget(self.main)
        self.stack.addWidget(self.cases)
        self.main.cases_requested.connect(self._show_cases)
        self.main.case_registered.connect(self.cases.show_case_no)
        self.cases.back_requested.connect(self._show_main)
        self.actions.install_shortcuts(self)
        self.connection = ConnectionState(runner, feed, self)
        self.connection.changed.connect(self._on_connection)
        runner.busy_changed.connect(lambda _busy: self._show_banner())
        runner.action_succeeded.connect(self._on_action)
        runner.action_failed.connect(self._on_action_failed)
        runner.read_succeeded.connect(self._on_read)
        self.login_page.login_requested.connect(self._sign_in)
        self.main.window_lost.connect(self._back_to_login)
        if feed is not None:
            feed.events_arrived.connect(self._on_events)
        self.runner.read("window_choices", window_choices, ctx)
        self.login_page.staff_no.setFocus()

    # --- state ------------------------------------------------------------------------

    @property
    def signed_in(self) -> bool:
        return self.stack.currentWidget() is not self.login_page \
            and bool(self.main.window_number)

    def _show_cases(self) -> None:
        window = self.main.window_view
        if not self.signed_in or window is None:
            return
        self.main.close_form()
        self.stack.setCurrentWidget(self.cases)
        self.cases.begin(window.number, self.main.staff_no,
                         window_title(window.number, window.name))

    def _show_main(self) -> None:
        if self.stack.currentWidget() is self.cases:
            self.cases.close_form()
            self.stack.setCurrentWidget(self.main)
            self.main.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_connection(self, online: bool) -> None:
        self.main.set_online(online)
        self.cases.set_online(online)
        self._show_banner()
        if online:
            self._refresh()

    def _show_banner(self) -> None:
        online = self.connection.online
        self.banner.show_state(online, pending_action=self.runner.busy and not online)

    def _on_events(self, events: list) -> None:
        if self.stack.currentWidget() is self.cases and any(
                e.action.startswith("case_") or e.action == "service_finished"
                for e in events):
            self.cases.refresh()    # a case moved or was registered, maybe elsewhere
        if self.signed_in and events and events[-1].id <= self.main.covered_event_id:
            return          # only our own action's events: its refresh covers them
        self._refresh(cases=False)

    def _refresh(self, cases: bool = True) -> None:
        if self.signed_in:
            self.main.refresh()
            if cases and self.stack.currentWidget() is self.cases:
                self.cases.refresh()
        else:
            self.runner.read("window_choices", window_choices, self.ctx)

    def _on_read(self, name: str, value) -> None:
        if name == "window_choices":
            self.login_page.set_windows(value)

    # --- signing in and out -------------------------------------------------------------

    def _sign_in(self, staff_no: str, password: str, window: int) -> None:
        holder = self.login_page.holder_of(window)
        self._pending_login = (staff_no, window, holder)
        if not self.runner.submit("sign_in", windows.sign_in, self.ctx, staff_no=staff_no,
                                  password=password, window=window, idempotent=False):
            self.login_page.login_failed(translate("WindowLogin", "连接中断或上一个操作未完成，请稍后再试"))

    def _on_action(self, action: str, result) -> None:
        if action == "sign_in" and self._pending_login is not None:
            staff_no, window, holder = self._pending_login
            self._pending_login = None
            view = result.window
            if holder is not None and holder.state != "closed" and holder.staff_no \
                    and holder.staff_no != staff_no:
                text = translate("WindowMain", "您已作为B岗接管 {n} 号窗口（原登录：{name}，工号 {no}）"
                          ).format(n=view.number, name=holder.staff_name, no=holder.staff_no)
            else:
                text = translate("WindowMain", "登录成功，欢迎 {name}").format(name=view.staff_name)
            self.stack.setCurrentWidget(self.main)
            self.main.begin(view, staff_no, text)
            self.main.setFocus(Qt.FocusReason.OtherFocusReason)
        elif action == "sign_out":
            self._back_to_login(translate("WindowLogin", "已退出登录"))

    def _on_action_failed(self, action: str, error) -> None:
        if action == "sign_in":
            self._pending_login = None
            self.login_page.login_failed(getattr(error, "message_zh", None)
                                         or translate("WindowLogin", "登录失败，请联系管理员"))
        elif action == "sign_out":
            self.main.message.show_error(getattr(error, "message_zh", None)
                                         or translate("WindowMain", "退出失败"))

    def _back_to_login(self, message: str) -> None:
        self.main.window_number = 0
        self.cases.reset()
        self.stack.setCurrentWidget(self.login_page)
        self.login_page.reset(message)
        self.runner.read("window_choices", window_choices, self.ctx)

    # --- ending -----------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop the feed thread and the action worker (idempotent)."""
        if self.feed is not None:
            self.feed.stop()
        self.runner.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


def documents_dir(settings: Settings) -> Path:
    """Where printed notices (A4 PDF) are saved: ``window.documents_dir`` or the data
    folder's documents."""
    chosen = settings.get("window.documents_dir")
    return Path(chosen).expanduser() if chosen else default_data_dir() / "documents"
