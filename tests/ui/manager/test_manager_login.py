"""Signing in to the console: a manager and an admin get in, a wrong password and a
clerk are refused with the service layer's message."""
import pytest
from PySide6.QtCore import Qt

from kiosk.ui.manager.login import LoginDialog
from tests.helpers import PASSWORD

# the offscreen platform cannot size top-level windows and says so; harmless here
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _dialog(qtbot, ctx):
    dialog = LoginDialog(ctx, "示例市政务服务中心")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _type(qtbot, dialog, staff_no, password):
    dialog.staff_no.clear()
    qtbot.keyClicks(dialog.staff_no, staff_no)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_manager_signs_in(qtbot, sqlite_ctx):
    dialog = _dialog(qtbot, sqlite_ctx)
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as signed:
        _type(qtbot, dialog, "9001", PASSWORD)
    assert signed.args[0].name == "周主任" and signed.args[0].role == "manager"
    assert dialog.result() == LoginDialog.DialogCode.Accepted


def test_wrong_password_is_refused_with_the_tries_left(qtbot, sqlite_ctx):
    dialog = _dialog(qtbot, sqlite_ctx)
    with qtbot.waitSignal(dialog.refused, timeout=5000):   # checked on a worker thread
        _type(qtbot, dialog, "9000", "000000")
    assert dialog.isVisible() and dialog.user is None
    assert "再错 4 次" in dialog.message.text()
    assert dialog.password.text() == ""
    with qtbot.waitSignal(dialog.signed_in, timeout=5000):
        _type(qtbot, dialog, "9000", PASSWORD)
    assert dialog.user is not None and dialog.user.is_admin


def test_a_clerk_is_refused(qtbot, sqlite_ctx):
    dialog = _dialog(qtbot, sqlite_ctx)
    with qtbot.waitSignal(dialog.refused, timeout=5000):
        _type(qtbot, dialog, "1001", PASSWORD)
    assert dialog.user is None and dialog.isVisible()
    assert "仅限大厅管理人员" in dialog.message.text()
    assert dialog.message.text().startswith("⚠")  # not said by colour alone
