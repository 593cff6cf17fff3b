"""The console's sign-in: staff number and password, checked by ``sign_in_manager``
(lockout and roles in the service layer); the dialog only shows its answer. The check
runs off the GUI thread; it takes no request id (and counts failed tries), so it runs
once and a lost answer is reported instead of trying again."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
)

from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView, sign_in_manager
from kiosk.ui.i18n import translate
from kiosk.ui.manager.look import style_console, title_font
from kiosk.ui.manager.tasks import ConsoleCalls, failure_text


class LoginDialog(QDialog):
    #: a manager or admin signed in
    signed_in = Signal(object)
    #: the sign-in was refused: the Chinese message shown
    refused = Signal(str)

    def __init__(self, ctx: HallContext, hall_name: str, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.calls = ConsoleCalls.own(self)
        self.user: ManagerView | None = None
        style_console(self)
        self.setWindowTitle(translate("ManagerLogin", "管理端登录"))
        title = QLabel(hall_name + "\n" + translate("ManagerLogin", "大厅管理端"))
        title.setFont(title_font())
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.staff_no = QLineEdit()
        self.staff_no.setPlaceholderText(translate("ManagerLogin", "例如 9001"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("alert")
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow(translate("ManagerLogin", "工号"), self.staff_no)
        form.addRow(translate("ManagerLogin", "密码"), self.password)
        buttons = QDialogButtonBox()
        self.login_button = buttons.addButton(translate("ManagerLogin", "登录"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setDefault(True)
        buttons.addButton(translate("ManagerLogin", "退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def try_sign_in(self) -> None:
        """Check the staff number and password on the worker; the answer follows."""
        if not self.login_button.isEnabled():
            return                  # the last try is still being checked
        self.login_button.setEnabled(False)
        self.calls.act(self, "sign_in", sign_in_manager, self._ctx, self.staff_no.text(),
                       self.password.text(), replay=False, done=self._signed_in,
                       failed=self._refused)

    def _signed_in(self, user: ManagerView) -> None:
        self.login_button.setEnabled(True)
        self.user = user
        self.signed_in.emit(user)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.login_button.setEnabled(True)
        self.password.clear()
        text = failure_text(error)
        self.message.setText("⚠ " + text)
        self.message.show()
        self.password.setFocus()
        self.refused.emit(text)
