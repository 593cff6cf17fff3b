"""The console's main window: a page list on the left, the pages on the right, the
signed-in manager and the feed's state on top. Pages learn of changes only through the
event feed, coalesced so a burst redraws once. Every page reads and acts through the
console's one ``ConsoleCalls`` (off the GUI thread)."""
from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QPushButton,
    QStackedWidget, QVBoxLayout, QWidget,
)

from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.coalesce import EventCoalescer
from kiosk.ui.manager.look import WARN_MARK, style_console, title_font
from kiosk.ui.manager.tasks import ConsoleCalls

log = logging.getLogger(__name__)

#: the nav's width follows its titles and counts within these (a portrait page keeps
#: 1080 - NAV_MAX_PX); a title with its count wider still puts the count on a second line
NAV_MIN_PX, NAV_MAX_PX = 170, 230


def role_names() -> dict[str, str]:
    return {"manager": translate("ManagerConsole", "大厅管理员"),
            "admin": translate("ManagerConsole", "系统管理员"),
            "window": translate("ManagerConsole", "窗口人员")}


def page_specs() -> list[tuple[str, str, str]]:
    """(key, nav title, module whose ``build(ctx, settings, user, calls)`` makes the
    page)."""
    return [
        ("live", translate("ManagerConsole", "实时监控"), "kiosk.ui.manager.live_page"),
        ("alerts", translate("ManagerConsole", "告警"), "kiosk.ui.manager.alerts_page"),
        ("cases", translate("ManagerConsole", "办件监察"), "kiosk.ui.manager.supervision_page"),
        ("reports", translate("ManagerConsole", "统计报表"), "kiosk.ui.manager.reports_page"),
        ("followups", translate("ManagerConsole", "差评跟踪"), "kiosk.ui.manager.followup_page"),
        ("ratings", translate("ManagerConsole", "好差评"), "kiosk.ui.manager.rating_reports_page"),
        ("catalog", translate("ManagerConsole", "事项管理"), "kiosk.ui.manager.catalog_page"),
        ("windows", translate("ManagerConsole", "窗口"), "kiosk.ui.manager.windows_page"),
        ("staff", translate("ManagerConsole", "人员"), "kiosk.ui.manager.staff_page"),
        ("settings", translate("ManagerConsole", "设置"), "kiosk.ui.manager.settings_page"),
        ("audit", translate("ManagerConsole", "电子监察"), "kiosk.ui.manager.audit_page"),
    ]


class ManagerConsole(QMainWindow):
    #: the manager pressed 退出登录
    signed_out = Signal()

    def __init__(self, ctx: HallContext, settings: Settings, user: ManagerView,
                 hall_name: str, pages: list[tuple[str, str, QWidget]],
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.settings, self.user = ctx, settings, user
        self.calls = calls or ConsoleCalls()
        self.calls.setParent(self)
        style_console(self)
        self._keys = [key for key, _, _ in pages]
        self._titles = {key: title for key, title, _ in pages}
        self._pages = {key: page for key, _, page in pages}
        self._counts: dict[str, int] = {}
        self.coalescer = EventCoalescer(parent=self)
        self.coalescer.events_settled.connect(self._events_settled)
        # waits grow and pauses run late with no event at all: pages that show
        # durations or time-driven alerts also hear the minute pass
        self.minute = QTimer(self)
        self.minute.setInterval(60_000)
        self.minute.timeout.connect(self._minute_ticked)
        self.minute.start()

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(NAV_MIN_PX)
        self.stack = QStackedWidget()
        for key, title, page in pages:
            self.nav.addItem(QListWidgetItem(title))
            self.stack.addWidget(page)
            counted = getattr(page, "count_changed", None)
            if counted is not None:
                counted.connect(lambda n, k=key: self._badge(k, n))
                self._counts[key] = max(getattr(page, "open_count", 0), 0)
        self.nav.currentRowChanged.connect(self._page_chosen)

        self.hall_label = hall = QLabel()
        hall.setFont(title_font())
        hall.setWordWrap(True)   # a long hall name must not widen a portrait console
        self._show_hall(hall_name)
        if not hall_name:
            self.calls.read(self, "hall", hall_reads.hall_info, ctx,
                            done=lambda info: self._show_hall(info[0]))
        who = QLabel(translate("ManagerConsole", "%1（工号 %2，%3）")
                     .replace("%1", user.name).replace("%2", user.staff_no)
                     .replace("%3", role_names().get(user.role, user.role)))
        self.connection = QLabel()
        self.connection.setObjectName("warning")
        self.connection.setWordWrap(True)  # on its own line: beside the name, too wide
        self.connection.hide()
        self.logout_button = QPushButton(translate("ManagerConsole", "退出登录"))
        self.logout_button.clicked.connect(self._sign_out)
        top = QHBoxLayout()
        top.addWidget(hall)
        top.addStretch(1)
        top.addWidget(who)
        top.addWidget(self.logout_button)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.nav)
        right = QVBoxLayout()
        right.addLayout(top)
        right.addWidget(self.connection)
        right.addWidget(self.stack, 1)
        body.addLayout(right, 1)
        central = QWidget()
        central.setLayout(body)
        self.setCentralWidget(central)
        self.nav.ensurePolished()   # measured in its own font and padding
        self._fit_nav()
        self.nav.setCurrentRow(0)

    def _show_hall(self, hall_name: str) -> None:
        self.hall_label.setText(hall_name)
        self.setWindowTitle(translate("ManagerConsole", "%1 · 管理端").replace("%1", hall_name)
                            if hall_name else translate("ManagerConsole", "管理端"))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        super().closeEvent(event)
        self.calls.shutdown(timeout_s=2.0)  # a read hung on a dead link is let go

    # --- pages -------------------------------------------------------------------
    @property
    def page_keys(self) -> list[str]:
        return list(self._keys)

    def page(self, key: str) -> QWidget:
        return self._pages[key]

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self._keys.index(key))
        return self._pages[key]

    def _page_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        shown = getattr(self.stack.widget(row), "page_shown", None)
        if shown is not None:
            shown()

    def _badge(self, key: str, count: int) -> None:
        self._counts[key] = count
        self._fit_nav()

    def _fit_nav(self) -> None:
        """Every title with its count whole, never cut to "好差评 ⚠…": the nav as wide as
        its widest line (within NAV_MIN_PX..NAV_MAX_PX), a count that still does not
        fit on its title's line goes under it."""
        frame = 2 * self.nav.frameWidth()
        for row, key in enumerate(self._keys):
            item, title, count = self.nav.item(row), self._titles[key], self._counts.get(key)
            item.setText(f"{title}  {WARN_MARK}{count}" if count else title)
            if count and self.nav.sizeHintForIndex(
                    self.nav.indexFromItem(item)).width() + frame > NAV_MAX_PX:
                item.setText(f"{title}\n{WARN_MARK}{count}")
        needed = self.nav.sizeHintForColumn(0) + frame
        self.nav.setFixedWidth(min(max(needed, NAV_MIN_PX), NAV_MAX_PX))

    # --- the feed ----------------------------------------------------------------
    def connect_feed(self, bridge) -> None:
        """Follow a FeedBridge: its batches are coalesced, its state shown on top."""
        bridge.events_arrived.connect(self.coalescer.add)
        bridge.connection_lost.connect(self._connection_lost)
        bridge.connection_restored.connect(self.connection.hide)
        # the feed sees the database again: what waits for a retry goes now
        bridge.connection_restored.connect(self.calls.runner.retry_now)

    def _connection_lost(self, _reason: str) -> None:
        self.connection.setText(WARN_MARK + " " + translate(
            "ManagerConsole", "与数据库的连接中断，正在重连；显示的可能不是最新数据"))
        self.connection.show()

    def _events_settled(self, events: list) -> None:
        for page in self._pages.values():
            handler = getattr(page, "on_events", None)
            if handler is not None:
                try:
                    handler(events)
                except Exception:  # noqa: BLE001 - one page's bug must not stop the rest
                    log.exception("page failed to follow the feed")

    def _minute_ticked(self) -> None:
        for page in self._pages.values():
            ticked = getattr(page, "minute_ticked", None)
            if ticked is not None:
                ticked()

    def _sign_out(self) -> None:
        self.signed_out.emit()
        self.close()


def _placeholder(title: str, why: str) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    label = QLabel(WARN_MARK + " " + translate("ManagerConsole", "“%1”暂不可用：%2")
                   .replace("%1", title).replace("%2", why))
    label.setObjectName("warning")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(label)
    return page


def build_console(ctx: HallContext, settings: Settings, user: ManagerView,
                  only: Callable[[str], bool] | None = None,
                  hall_name: str = "") -> ManagerConsole:
    """The console for ``user``; ``only`` picks pages by key (tests build fewer).
    Nothing is read here: each page reads what it shows through the console's calls,
    and the hall's name is read unless start-up already did (``hall_name``)."""
    calls = ConsoleCalls()
    pages = []
    for key, title, module in page_specs():
        if only is not None and not only(key):
            continue
        try:
            factory = importlib.import_module(module).build
        except ImportError as exc:  # a core module it needs is not installed yet
            log.warning("page %s unavailable: %s", key, exc)
            pages.append((key, title, _placeholder(title, str(exc))))
            continue
        pages.append((key, title, factory(ctx, settings, user, calls)))
    return ManagerConsole(ctx, settings, user, hall_name, pages, calls)
