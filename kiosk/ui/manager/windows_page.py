"""窗口: each window's name, the queues it serves and its A/B岗 staff. Changes go through
``admin.set_window_services`` (checked against the catalog rules: every queue keeps a
window) and ``staff.assign_window_staff``. Reads and saves run off the GUI thread
(``ConsoleCalls``); a save carries a request id, so a retry is replayed."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from kiosk.queue.actions import admin, staff
from kiosk.queue.reads import manager as manager_reads
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.look import WINDOW_STATE_MARK
from kiosk.ui.manager.tasks import ConsoleCalls, as_kiosk_error
from kiosk.ui.manager.widgets import (
    fill_table, make_table, muted, page_title, selected_key, show_done, show_error,
)

WINDOW_EVENTS = {"window_updated", "window_staffing_set", "window_signed_in",
                 "window_signed_out", "backup_took_over", "window_paused",
                 "window_resumed", "catalog_imported", "service_updated", "day_closed"}
#: events that change the choices of the editor (queues, clerks)
CHOICE_EVENTS = {"catalog_imported", "service_updated", "staff_created", "staff_updated"}


def state_names() -> dict[str, str]:
    return {"open": translate("ManagerWindows", "服务中"), "paused": translate("ManagerWindows", "暂停"),
            "closed": translate("ManagerWindows", "未登录")}


def person(pair: tuple[str, str] | None) -> str:
    return f"{pair[1]} {pair[0]}" if pair else ""


def editor_choices(ctx: HallContext, *, by: str) -> tuple[list, list[tuple[str, str]]]:
    """(the queues, the active window clerks as (staff no, name)) the editor offers."""
    clerks = [(row.staff_no, row.name) for row in manager_reads.staff_list(ctx, by=by)
              if row.active and row.role == "window"]
    return hall_reads.service_queues(ctx), clerks


def save_window(ctx: HallContext, *, window: int, name: str, prefixes: list[str],
                staffing: tuple[str | None, str | None] | None, by: str,
                request_id: str) -> None:
    """The window's queues and name, then (if they changed) its A/B岗, each with a
    request id of its own derived from the save's (a retry replays what committed)."""
    admin.set_window_services(ctx, window=window, name=name, prefixes=prefixes, by=by,
                              request_id=f"{request_id}:services")
    if staffing is not None:
        staff.assign_window_staff(ctx, window=window, primary=staffing[0],
                                  backup=staffing[1], by=by,
                                  request_id=f"{request_id}:staff")


class WindowsPage(QWidget):
    #: a window's settings were saved: its number
    window_saved = Signal(int)

    def __init__(self, ctx: HallContext, settings: Settings, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self._rows: dict[int, manager_reads.WindowRow] = {}
        self.table = make_table([translate("ManagerWindows", "窗口"),
                                 translate("ManagerWindows", "名称"),
                                 translate("ManagerWindows", "部门"),
                                 translate("ManagerWindows", "业务"),
                                 translate("ManagerWindows", "A岗"),
                                 translate("ManagerWindows", "B岗"),
                                 translate("ManagerWindows", "当前状态")], stretch=2)
        # names give way (elided, whole in the tooltip): no sideways scroll at 1366x768
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._load_selected)
        self.name = QLineEdit()
        self.services = QListWidget()
        self.services.setWordWrap(True)   # a long queue name wraps in the narrow editor
        self.services.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.primary, self.backup = QComboBox(), QComboBox()
        self.save_button = QPushButton(translate("ManagerWindows", "保存窗口设置"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        editor = QGroupBox(translate("ManagerWindows", "修改所选窗口"))
        form = QFormLayout(editor)
        form.addRow(translate("ManagerWindows", "名称"), self.name)
        form.addRow(translate("ManagerWindows", "办理的业务"), self.services)
        form.addRow(translate("ManagerWindows", "A岗"), self.primary)
        form.addRow(translate("ManagerWindows", "B岗"), self.backup)
        form.addRow(self.save_button)
        editor.setEnabled(user.is_admin)
        body = QHBoxLayout()
        body.addWidget(self.table, 5)
        body.addWidget(editor, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("ManagerWindows", "窗口")))
        if not user.is_admin:
            layout.addWidget(muted(translate("ManagerWindows", "窗口的业务和A/B岗由系统管理员设置。")))
        layout.addLayout(body, 1)
        self._first = True
        self._reload_editor = False
        self.refresh()
        self._fill_choices()

    def refresh(self) -> None:
        """Read the windows again; the editor keeps what the admin is typing."""
        self.calls.read(self, "windows", manager_reads.window_rows, self.ctx,
                        by=self.user.staff_no, done=self._show)

    def _show(self, rows: list[manager_reads.WindowRow]) -> None:
        self._rows = {r.number: r for r in rows}
        names = state_names()

        def state(r: manager_reads.WindowRow) -> str:
            text = f"{WINDOW_STATE_MARK.get(r.state, '')} {names.get(r.state, r.state)}"
            return text + (f" {person(r.signed_in)}" if r.signed_in else "")

        fill_table(self.table, [
            (r.number, r.name, r.department_name or translate("ManagerWindows", "综合"),
             " ".join(r.service_prefixes), person(r.primary), person(r.backup), state(r))
            for r in rows], keys=[r.number for r in rows])
        if self._first and rows:
            self._first = False
            self.table.selectRow(0)
        elif self._reload_editor:
            self._load_selected()     # what was saved, as the database has it
        self._reload_editor = False

    def _fill_choices(self) -> None:
        """Read the queues and clerks the editor offers."""
        self.calls.read(self, "choices", editor_choices, self.ctx, by=self.user.staff_no,
                        done=self._show_choices)

    def _show_choices(self, choices: tuple[list, list[tuple[str, str]]]) -> None:
        queues, clerks = choices
        self.services.clear()
        for queue in queues:
            item = QListWidgetItem(f"{queue.prefix}  {queue.name}")
            item.setData(Qt.ItemDataRole.UserRole, queue.prefix)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.services.addItem(item)
        for box in (self.primary, self.backup):
            box.clear()
            box.addItem(translate("ManagerWindows", "（无）"), None)
            for staff_no, name in clerks:
                box.addItem(f"{name}（{staff_no}）", staff_no)
        self._load_selected()

    def _load_selected(self) -> None:
        row = self._rows.get(selected_key(self.table))
        self.name.setText(row.name if row else "")
        for i in range(self.services.count()):
            item = self.services.item(i)
            on = row is not None and item.data(Qt.ItemDataRole.UserRole) in row.service_prefixes
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        for box, pair in ((self.primary, row.primary if row else None),
                          (self.backup, row.backup if row else None)):
            box.setCurrentIndex(max(box.findData(pair[0] if pair else None), 0))

    def checked_prefixes(self) -> list[str]:
        return [self.services.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.services.count())
                if self.services.item(i).checkState() == Qt.CheckState.Checked]

    def save(self) -> None:
        row = self._rows.get(selected_key(self.table))
        if row is None:
            return
        primary, backup = self.primary.currentData(), self.backup.currentData()
        changed = (primary, backup) != ((row.primary or (None,))[0], (row.backup or (None,))[0])
        number = row.number
        self.calls.act(self, "window_save", save_window, self.ctx, window=number,
                       name=self.name.text(), prefixes=self.checked_prefixes(),
                       staffing=(primary, backup) if changed else None,
                       by=self.user.staff_no, done=lambda _none: self._saved(number),
                       failed=self._not_saved)

    def _saved(self, number: int) -> None:
        self._reload_editor = True
        self.refresh()
        show_done(self, translate("ManagerWindows", "%1 号窗口已保存").replace("%1", str(number)))
        self.window_saved.emit(number)

    def _not_saved(self, error: BaseException) -> None:
        show_error(self, as_kiosk_error(error))
        self.refresh()           # the queues may be saved, the staffing refused

    def on_events(self, events: list) -> None:
        actions = {e.action for e in events}
        if actions & WINDOW_EVENTS:
            self.refresh()
        if actions & CHOICE_EVENTS:
            self._fill_choices()


def build(ctx: HallContext, settings: Settings, user: ManagerView,
          calls: ConsoleCalls | None = None) -> WindowsPage:
    return WindowsPage(ctx, settings, user, calls)
