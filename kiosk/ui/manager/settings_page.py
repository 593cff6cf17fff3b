"""设置: the hall-scope options of the settings registry, each edited by a widget that
fits its declared type and limits, written through ``staff.set_hall_setting`` (one
audited event per changed option; the service checks the role and the value again).
The options are read, and saved with a request id, off the GUI thread (``ConsoleCalls``)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget,
)

from kiosk.errors import KioskError
from kiosk.queue.actions import staff
from kiosk.queue.reads import manager as manager_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.settings import Option, Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.tasks import ConsoleCalls
from kiosk.ui.manager.widgets import muted, page_title, show_done, show_error

INT_CEILING = 1_000_000


def save_settings(ctx: HallContext, changes: dict[str, Any], *, by: str, request_id: str
                  ) -> tuple[dict[str, Any], KioskError | None]:
    """Write each changed option, each with a request id of its own derived from the
    save's (a retry replays those already written); stops at the first refusal.
    Returns (the values saved, the refusal or None)."""
    saved: dict[str, Any] = {}
    for number, (name, value) in enumerate(changes.items()):
        try:
            saved[name] = staff.set_hall_setting(ctx, name=name, value=value, by=by,
                                                 request_id=f"{request_id}:{number}")
        except KioskError as exc:
            return saved, exc
    return saved, None


def choice_names() -> dict[tuple[str, object], str]:
    """Words for the choices the registry declares as codes."""
    return {("queue.requeue_position", "end"): translate("ManagerSettings", "排到队尾"),
            ("queue.requeue_position", "keep"): translate("ManagerSettings", "回到原来的位置")}


def editor_for(opt: Option) -> QWidget:
    """A widget bounded by the option's declared type, choices and limits."""
    if opt.choices:
        box = QComboBox()
        names = choice_names()
        for choice in opt.choices:
            box.addItem(names.get((opt.name, choice), str(choice)), choice)
        return box
    if opt.type is bool:
        return QCheckBox(translate("ManagerSettings", "开启"))
    if opt.type is int:
        spin = QSpinBox()
        spin.setRange(int(opt.minimum if opt.minimum is not None else -INT_CEILING),
                      int(opt.maximum if opt.maximum is not None else INT_CEILING))
        return spin
    if opt.type is float:
        spin = QDoubleSpinBox()
        spin.setDecimals(2)
        spin.setRange(opt.minimum if opt.minimum is not None else -INT_CEILING,
                      opt.maximum if opt.maximum is not None else INT_CEILING)
        return spin
    return QLineEdit()


def set_editor(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(widget.findData(value), 0))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        widget.setValue(value)
    else:
        widget.setText("" if value is None else str(value))


def editor_value(widget: QWidget) -> Any:
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    return widget.text()


class SettingsPage(QWidget):
    #: the options were read and are shown
    options_shown = Signal()
    #: a save ended: (the names saved, whether one was refused)
    saved = Signal(list, bool)

    def __init__(self, ctx: HallContext, settings: Settings, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self.editors: dict[str, QWidget] = {}
        self._values: dict[str, Any] = {}
        form_host = QWidget()
        self._form = QGridLayout(form_host)
        self._form.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.save_button = QPushButton(translate("ManagerSettings", "保存修改"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(translate("ManagerSettings", "放弃修改"))
        self.revert_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("ManagerSettings", "大厅设置")))
        layout.addWidget(muted(translate("ManagerSettings",
                                  "这些设置对本大厅的所有取号机、窗口和大屏生效，每次修改都记入电子监察。"
                                  "本机的打印机、数据库等设置在各电脑的配置文件中。")))
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.refresh()

    def _build_editors(self, items: list) -> None:
        """One row per option (once: the registry does not change while running)."""
        for row, item in enumerate(items):
            opt = item.option
            editor = editor_for(opt)
            editor.setToolTip(opt.description)
            editor.setObjectName(opt.name)
            self.editors[opt.name] = editor
            label = QLabel(opt.label_zh)
            label.setToolTip(opt.description)
            label.setBuddy(editor)
            limits = muted(self._limits(opt))
            limits.setWordWrap(False)
            self._form.addWidget(label, row, 0)
            self._form.addWidget(editor, row, 1)
            self._form.addWidget(limits, row, 2)

    @staticmethod
    def _limits(opt: Option) -> str:
        parts = []
        if opt.minimum is not None:
            parts.append(translate("ManagerSettings", "最小 %1").replace("%1", f"{opt.minimum:g}"))
        if opt.maximum is not None:
            parts.append(translate("ManagerSettings", "最大 %1").replace("%1", f"{opt.maximum:g}"))
        default = choice_names().get((opt.name, opt.default), opt.default)
        if opt.type is bool:
            default = (translate("ManagerSettings", "开") if opt.default
                       else translate("ManagerSettings", "关"))
        parts.append(translate("ManagerSettings", "默认 %1").replace("%1", str(default)))
        return "，".join(parts)

    def refresh(self) -> None:
        """Read the options (shown, replacing any edits, when the read returns)."""
        self.calls.read(self, "options", manager_reads.hall_options, self.ctx,
                        by=self.user.staff_no, done=self._show)

    def _show(self, items: list) -> None:
        if not self.editors:
            self._build_editors(items)
        self._values = {item.option.name: item.value for item in items}
        for name, value in self._values.items():
            if name in self.editors:
                set_editor(self.editors[name], value)
        self.options_shown.emit()

    def changed(self) -> dict[str, Any]:
        return {name: editor_value(editor) for name, editor in self.editors.items()
                if editor_value(editor) != self._values.get(name)}

    def save(self) -> None:
        """Save what changed, on the worker with a request id."""
        changes = self.changed()
        if not changes:
            return
        self.calls.act(self, "settings_save", save_settings, self.ctx, changes,
                       by=self.user.staff_no, done=self._saved)

    def _saved(self, outcome: tuple[dict[str, Any], KioskError | None]) -> None:
        saved, refused = outcome
        self._values.update(saved)
        if refused is not None:
            show_error(self, refused)  # what was saved stays saved; the rest stays typed
        elif saved:
            count = len(saved)  # a plain name: lupdate misreads a call in this place
            show_done(self, translate("ManagerSettings", "已保存 %n 项设置", None, count))
        self.saved.emit(list(saved), refused is not None)

    def on_events(self, events: list) -> None:
        """Another manager's change shows here, unless this page holds unsaved edits."""
        if any(e.action == "setting_changed" for e in events) and not self.changed():
            self.refresh()


def build(ctx: HallContext, settings: Settings, user: ManagerView,
          calls: ConsoleCalls | None = None) -> SettingsPage:
    return SettingsPage(ctx, settings, user, calls)
