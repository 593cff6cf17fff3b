"""人员: staff accounts, roles, password resets and unlocking, and what the rating pads
show of a clerk: the photo (scaled to a small JPEG and stored in the database, so a pad
on any PC of the hall shows it) and the 工号. Roles are enforced in the service layer;
the buttons a manager may not use are disabled only as a courtesy. Reads and changes
run off the GUI thread (``ConsoleCalls``), each change with a request id."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QInputDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from kiosk.errors import InvalidInput
from kiosk.queue.actions import admin, staff
from kiosk.queue.reads import manager as manager_reads
from kiosk.queue.reads import hall as hall_reads
from kiosk.queue.reads.pad import staff_photo
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.settings import Settings
from kiosk.ui.i18n import translate
from kiosk.ui.manager.flow import flow_row
from kiosk.ui.manager.look import WARN_MARK
from kiosk.ui.manager.tasks import ConsoleCalls
from kiosk.ui.manager.widgets import (
    fill_table, hm, make_table, muted, page_title, selected_key, show_done, show_error,
)

PHOTO_SIZE = (240, 320)   # what the pads show; some 20 KB as a JPEG
STAFF_EVENTS = {"staff_created", "staff_updated", "password_reset", "staff_unlocked",
                "staff_locked", "window_staffing_set"}


def staff_with_zone(ctx: HallContext, *, by: str) -> tuple[str, list[manager_reads.StaffRow]]:
    """(the hall's time zone, every account): the page's one read, as ``by``."""
    return hall_reads.hall_info(ctx)[1], manager_reads.staff_list(ctx, by=by)


def department_choices(ctx: HallContext) -> list[tuple[str, str]]:
    return [(code, name) for code, name, _ in hall_reads.departments_with_items(ctx)]


def role_names() -> dict[str, str]:
    return {"window": translate("ManagerStaff", "窗口人员"),
            "manager": translate("ManagerStaff", "大厅管理员"),
            "admin": translate("ManagerStaff", "系统管理员")}


def posts(row: manager_reads.StaffRow) -> str:
    """'A岗 1号窗口；B岗 20号窗口'."""
    parts = []
    for label, numbers in ((translate("ManagerStaff", "A岗"), row.primary_windows),
                           (translate("ManagerStaff", "B岗"), row.backup_windows)):
        if numbers:
            parts.append(label + " " + "、".join(
                translate("ManagerStaff", "%1号窗口").replace("%1", str(n)) for n in numbers))
    return "；".join(parts)


def photo_jpeg(path: str) -> bytes:
    """The image at ``path`` cropped to 3:4 around its centre and scaled to
    ``PHOTO_SIZE``, as JPEG bytes (small enough for the database)."""
    image = QImage(path)
    if image.isNull():
        raise InvalidInput("无法读取该图片，请选择 JPG 或 PNG 照片", f"cannot read image {path}")
    width, height = PHOTO_SIZE
    crop_w = min(image.width(), image.height() * width // height)
    crop_h = min(image.height(), image.width() * height // width)
    image = image.copy((image.width() - crop_w) // 2, (image.height() - crop_h) // 2,
                       crop_w, crop_h)
    image = image.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
    for quality in (85, 70, 50):
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "JPEG", quality)
        if data.size() <= staff.PHOTO_MAX_BYTES:
            break
    return bytes(data.data())


class StaffDialog(QDialog):
    """A new account (``existing`` None) or the editable facts of one."""

    def __init__(self, departments: list[tuple[str, str]], existing=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(translate("ManagerStaff", "新建账号") if existing is None
                            else translate("ManagerStaff", "修改账号"))
        self.staff_no = QLineEdit(existing.staff_no if existing else "")
        self.staff_no.setEnabled(existing is None)
        self.name = QLineEdit(existing.name if existing else "")
        self.role = QComboBox()
        for code, label in role_names().items():
            self.role.addItem(label, code)
        self.role.setCurrentIndex(self.role.findData(existing.role if existing else "window"))
        self.department = QComboBox()
        self.department.addItem(translate("ManagerStaff", "（无）"), "")
        for code, name in departments:
            self.department.addItem(name, code)
        if existing and existing.department_code:
            self.department.setCurrentIndex(self.department.findData(existing.department_code))
        form = QFormLayout(self)
        form.addRow(translate("ManagerStaff", "工号"), self.staff_no)
        form.addRow(translate("ManagerStaff", "姓名"), self.name)
        form.addRow(translate("ManagerStaff", "角色"), self.role)
        form.addRow(translate("ManagerStaff", "部门"), self.department)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.active = QCheckBox(translate("ManagerStaff", "启用（停用后不能登录）"))
        self.active.setChecked(existing.active if existing else True)
        if existing is None:
            form.addRow(translate("ManagerStaff", "初始密码"), self.password)
        else:
            form.addRow("", self.active)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class PasswordDialog(QDialog):
    def __init__(self, staff_no: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(translate("ManagerStaff", "重置工号 %1 的密码").replace("%1", staff_no))
        self.first, self.second = QLineEdit(), QLineEdit()
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(translate("ManagerStaff", "新密码"), self.first)
        form.addRow(translate("ManagerStaff", "再输一次"), self.second)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class StaffPage(QWidget):
    #: a change was recorded: the action's name (the table is read again next)
    staff_changed = Signal(str)

    def __init__(self, ctx: HallContext, settings: Settings, user: ManagerView,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user = ctx, user
        self.calls = calls or ConsoleCalls.own(self)
        self._tz = "Asia/Shanghai"
        self._rows: dict[str, manager_reads.StaffRow] = {}
        self._departments: list[tuple[str, str]] = []
        self.table = make_table([translate("ManagerStaff", "工号"), translate("ManagerStaff", "姓名"),
                                 translate("ManagerStaff", "角色"), translate("ManagerStaff", "部门"),
                                 translate("ManagerStaff", "状态"), translate("ManagerStaff", "岗位")])
        self.add_button = QPushButton(translate("ManagerStaff", "新建账号…"))
        self.edit_button = QPushButton(translate("ManagerStaff", "修改…"))
        self.password_button = QPushButton(translate("ManagerStaff", "重置密码…"))
        self.unlock_button = QPushButton(translate("ManagerStaff", "解锁"))
        self.photo_button = QPushButton(translate("ManagerStaff", "设置照片…"))
        self.clear_photo_button = QPushButton(translate("ManagerStaff", "清除照片"))
        self.number_button = QPushButton(translate("ManagerStaff", "修改工号…"))
        self.photo_button.clicked.connect(lambda: self.set_photo())
        self.clear_photo_button.clicked.connect(self.clear_photo)
        self.number_button.clicked.connect(lambda: self.change_staff_no())
        self.number_button.setEnabled(user.is_admin)
        self.photo = QLabel(translate("ManagerStaff", "（未选择）"))
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setFixedSize(PHOTO_SIZE[0] // 2 + 8, PHOTO_SIZE[1] // 2 + 8)
        self.photo.setFrameShape(QLabel.Shape.Box)
        self.photo.setToolTip(translate("ManagerStaff", "评价器上显示的照片"))
        self.add_button.clicked.connect(self.create)
        self.edit_button.clicked.connect(self.edit)
        self.password_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(self.unlock)
        for button in (self.add_button, self.edit_button, self.password_button):
            button.setEnabled(user.is_admin)
        buttons = flow_row([self.add_button, self.edit_button, self.password_button,
                            self.unlock_button, self.number_button,
                            (self.photo_button, self.clear_photo_button)])
        self.table.itemSelectionChanged.connect(self._read_photo)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        side = QVBoxLayout()
        side.addWidget(self.photo)
        caption = muted(translate("ManagerStaff", "评价器上显示的照片"))
        caption.setWordWrap(True)
        caption.setFixedWidth(self.photo.width())
        side.addWidget(caption)
        side.addStretch(1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("ManagerStaff", "人员")))
        if not user.is_admin:
            layout.addWidget(muted(translate("ManagerStaff",
                                      "新建账号、修改角色和重置密码由系统管理员操作；"
                                      "大厅管理员可以解锁账号。")))
        layout.addLayout(buttons)
        layout.addLayout(body, 1)
        self.refresh()
        self.calls.read(self, "departments", department_choices, ctx,
                        done=self._departments_read)

    def _departments_read(self, departments: list[tuple[str, str]]) -> None:
        self._departments = departments

    def refresh(self) -> None:
        """Read the accounts again (shown when the read returns)."""
        self.calls.read(self, "staff", staff_with_zone, self.ctx, by=self.user.staff_no,
                        done=self._show)

    def _show(self, found: tuple[str, list[manager_reads.StaffRow]]) -> None:
        self._tz, rows = found
        self._rows = {r.staff_no: r for r in rows}
        now, tz = self.ctx.clock.now(), self._tz

        def state(r: manager_reads.StaffRow) -> str:
            if not r.active:
                return "× " + translate("ManagerStaff", "已停用")
            if r.locked_until is not None and r.locked_until > now:
                return WARN_MARK + " " + translate("ManagerStaff", "已锁定至 %1").replace(
                    "%1", hm(r.locked_until, tz))
            return "✓ " + translate("ManagerStaff", "正常")

        fill_table(self.table, [
            (r.staff_no, r.name, role_names().get(r.role, r.role), r.department_name or "",
             state(r), posts(r)) for r in rows],
            keys=[r.staff_no for r in rows])

    def on_events(self, events: list) -> None:
        actions = {e.action for e in events}
        if actions & STAFF_EVENTS:
            self.refresh()
        if actions & {"catalog_imported"}:
            self.calls.read(self, "departments", department_choices, self.ctx,
                            done=self._departments_read)

    def _selected(self) -> manager_reads.StaffRow | None:
        key = selected_key(self.table)
        return self._rows.get(key) if key else None

    def _act(self, name: str, fn, done=None, **kwargs) -> bool:
        """Run a staff action on the worker, with a request id; the table follows."""
        def after(result) -> None:
            if done is not None:
                done(result)
            self.refresh()
            self.staff_changed.emit(name)

        return self.calls.act(self, name, fn, self.ctx, by=self.user.staff_no,
                              done=after, **kwargs)

    def create(self) -> None:
        dialog = StaffDialog(self._departments, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._act("create_staff", staff.create_staff, staff_no=dialog.staff_no.text(),
                  name=dialog.name.text(), role=dialog.role.currentData(),
                  password=dialog.password.text(),
                  department=dialog.department.currentData() or None)

    def edit(self) -> None:
        row = self._selected()
        if row is None:
            return
        dialog = StaffDialog(self._departments, existing=row, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._act("update_staff", admin.update_staff, staff_no=row.staff_no,
                  name=dialog.name.text(), role=dialog.role.currentData(),
                  department=dialog.department.currentData(),
                  active=dialog.active.isChecked())

    def reset_password(self, password: str | None = None) -> None:
        """Ask for the new password (tests pass it), then reset through the service."""
        row = self._selected()
        if row is None:
            return
        if password is None:
            dialog = PasswordDialog(row.staff_no, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            if dialog.first.text() != dialog.second.text():
                show_error(self, InvalidInput("两次输入的密码不一致", "passwords differ"))
                return
            password = dialog.first.text()
        staff_no = row.staff_no
        self._act("reset_password", staff.reset_password, staff_no=staff_no,
                  password=password, done=lambda _none: show_done(
                      self, translate("ManagerStaff", "工号 %1 的密码已重置")
                      .replace("%1", staff_no)))

    def _read_photo(self) -> None:
        row = self._selected()
        if row is None:
            self._show_photo(None)
            return
        self.calls.read(self, "photo", staff_photo, self.ctx, row.staff_no,
                        done=self._show_photo)

    def _show_photo(self, jpeg: bytes | None) -> None:
        pixmap = QPixmap()
        if jpeg:
            pixmap.loadFromData(jpeg)
        if pixmap.isNull():
            self.photo.clear()
            self.photo.setText(translate("ManagerStaff", "（无照片）"))
            return
        self.photo.setPixmap(pixmap.scaled(PHOTO_SIZE[0] // 2, PHOTO_SIZE[1] // 2,
                                           Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))

    def set_photo(self, path: str | None = None) -> None:
        """Choose an image (tests pass its path); it is cropped, scaled and stored."""
        row = self._selected()
        if row is None:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, translate("ManagerStaff", "选择 %1 的照片").replace("%1", row.name),
                "", translate("ManagerStaff", "图片 (*.jpg *.jpeg *.png *.bmp)"))
            if not path:
                return
        try:
            jpeg = photo_jpeg(path)
        except InvalidInput as refused:
            show_error(self, refused)
            return
        self._act("set_staff_photo", staff.set_staff_photo, staff_no=row.staff_no, jpeg=jpeg,
                  done=lambda _none: self._read_photo())

    def clear_photo(self) -> None:
        row = self._selected()
        if row is not None:
            self._act("set_staff_photo", staff.set_staff_photo, staff_no=row.staff_no,
                      jpeg=None, done=lambda _none: self._read_photo())

    def change_staff_no(self, new: str | None = None) -> None:
        """Ask for the new 工号 (tests pass it); the service refuses a taken number or a
        clerk signed in at a window."""
        row = self._selected()
        if row is None:
            return
        if new is None:
            new, ok = QInputDialog.getText(
                self, translate("ManagerStaff", "修改工号"),
                translate("ManagerStaff", "%1（现工号 %2）的新工号：")
                .replace("%1", row.name).replace("%2", row.staff_no), text=row.staff_no)
            if not ok or new.strip() == row.staff_no:
                return
        self._act("change_staff_no", staff.change_staff_no, staff_no=row.staff_no,
                  new_staff_no=new)

    def unlock(self) -> None:
        row = self._selected()
        if row is None:
            return
        self._act("unlock_staff", staff.unlock_staff, staff_no=row.staff_no)


def build(ctx: HallContext, settings: Settings, user: ManagerView,
          calls: ConsoleCalls | None = None) -> StaffPage:
    return StaffPage(ctx, settings, user, calls)
