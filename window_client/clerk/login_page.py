"""Login: staff number, password, and the window (chosen here, or fixed for this PC by
``window.number`` / ``--window``). The core checks the password, the lockout and who
may take the window; this page only collects and shows its answer."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from kiosk.queue.reads.window import WindowBrief
from kiosk.ui.i18n import translate
from kiosk.ui.theme import app_font
from window_client.banner import MessageArea
from window_client.clerk.forms import window_state_text
from window_client.clerk.texts import window_title
from window_client.style import BUTTON_MIN_H


LOGIN_WIDTH = 760


def _choice_text(brief: WindowBrief) -> str:
    """企业开办1号窗口（王芳 在岗）: the window named once, and who holds it."""
    return translate("WindowLogin", "{window}（{state}）").format(
        window=window_title(brief.number, brief.name),
        state=window_state_text(brief.state, brief.staff_name))


class LoginPage(QWidget):
    #: the clerk asked to sign in: (staff number, password, window number)
    login_requested = Signal(str, str, int)

    def __init__(self, fixed_window: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fixed_window = fixed_window
        self._windows: dict[int, WindowBrief] = {}
        # a form of a readable width, centred, however wide the screen
        column = QWidget()
        column.setMaximumWidth(LOGIN_WIDTH)
        page = QHBoxLayout(self)
        page.addStretch(1)
        page.addWidget(column, 4)
        page.addStretch(1)
        outer = QVBoxLayout(column)
        outer.addStretch(1)
        title = QLabel(translate("WindowLogin", "窗口工作人员登录"))
        title.setFont(app_font(40))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(title)
        form = QFormLayout()
        self.staff_no = QLineEdit()
        self.staff_no.setMaxLength(20)
        self.staff_no.setPlaceholderText(translate("WindowLogin", "工号"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(translate("WindowLogin", "密码"))
        form.addRow(translate("WindowLogin", "工号"), self.staff_no)
        form.addRow(translate("WindowLogin", "密码"), self.password)
        self.window_choice = QComboBox()
        self.window_label = QLabel("")
        self.window_label.setWordWrap(True)
        if fixed_window:
            form.addRow(translate("WindowLogin", "窗口"), self.window_label)
            self.window_label.setText(translate("WindowLogin", "{n} 号窗口").format(n=fixed_window))
            self.window_choice.hide()
        else:
            form.addRow(translate("WindowLogin", "窗口"), self.window_choice)
            self.window_label.hide()
        outer.addLayout(form)
        self.login_button = QPushButton(translate("WindowLogin", "登录（回车键）"))
        self.login_button.setMinimumHeight(BUTTON_MIN_H)
        outer.addWidget(self.login_button)
        self.message = MessageArea()
        self.message.show_info(translate("WindowLogin", "请输入工号和密码。B岗人员可登录已有人员的窗口进行接管。"))
        outer.addWidget(self.message)
        outer.addStretch(2)
        self.login_button.clicked.connect(self.submit)
        self.staff_no.returnPressed.connect(self._next_field)
        self.password.returnPressed.connect(self.submit)

    def _next_field(self) -> None:
        if self.password.text():
            self.submit()
        else:
            self.password.setFocus()

    def set_windows(self, windows: list[WindowBrief]) -> None:
        """The hall's windows with who holds each (refreshed from the feed)."""
        self._windows = {w.number: w for w in windows}
        if self.fixed_window:
            brief = self._windows.get(self.fixed_window)
            if brief is not None:
                self.window_label.setText(_choice_text(brief))
            return
        chosen = self.window_choice.currentData()
        self.window_choice.clear()
        for brief in windows:
            self.window_choice.addItem(_choice_text(brief), brief.number)
        if chosen is not None:
            index = self.window_choice.findData(chosen)
            if index >= 0:
                self.window_choice.setCurrentIndex(index)

    def holder_of(self, number: int) -> WindowBrief | None:
        return self._windows.get(number)

    def chosen_window(self) -> int | None:
        if self.fixed_window:
            return self.fixed_window
        return self.window_choice.currentData()

    def submit(self) -> None:
        staff_no = self.staff_no.text().strip()
        window = self.chosen_window()
        if not staff_no or not self.password.text():
            self.message.show_error(translate("WindowLogin", "请输入工号和密码"))
            return
        if not window:
            self.message.show_error(translate("WindowLogin", "请选择窗口"))
            return
        self.login_button.setEnabled(False)
        self.message.show_info(translate("WindowLogin", "正在登录…"))
        self.login_requested.emit(staff_no, self.password.text(), int(window))

    def login_failed(self, message_zh: str) -> None:
        self.login_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.show_error(message_zh)

    def reset(self, message: str | None = None) -> None:
        """Back to an empty form (after signing out, or when the window was taken)."""
        self.login_button.setEnabled(True)
        self.password.clear()
        self.staff_no.clear()
        self.staff_no.setFocus()
        if message:
            self.message.show_info(message)
