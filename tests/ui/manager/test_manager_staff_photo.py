"""The staff page sets what the rating pads show of a clerk: the photo (cropped, scaled,
stored in the database for every PC of the hall) and the 工号; its 部门 column is filled."""
import pytest
from PySide6.QtGui import QColor, QImage, QPixmap

from kiosk.queue.reads.pad import staff_photo
from kiosk.queue.actions import windows
from kiosk.settings import Settings
from kiosk.queue.actions.manager_auth import sign_in_manager
from tests.helpers import PASSWORD
from tests.ui.manager.boxes import WAIT_MS, settle, wait_boxes

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _page(qtbot, ctx, staff_no):
    from kiosk.ui.manager.staff_page import build

    page = build(ctx, Settings(), sign_in_manager(ctx, staff_no, PASSWORD))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    settle(qtbot, page)
    return page


def _select(qtbot, page, staff_no):
    table = page.table
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == staff_no:
            table.selectRow(row)
            settle(qtbot, page)
            return row
    raise AssertionError(f"{staff_no} not in the table")


def test_a_manager_sets_a_clerks_photo_from_a_file(qtbot, sqlite_ctx, tmp_path):
    picture = QPixmap(900, 600)                       # landscape: cropped to 3:4
    picture.fill(QColor("#336699"))
    path = tmp_path / "wang.png"
    assert picture.save(str(path))
    page = _page(qtbot, sqlite_ctx, "9001")
    row = _select(qtbot, page, "1001")
    assert page.table.item(row, 3).text() == "市场监督管理局"    # 部门 filled
    with qtbot.waitSignal(page.staff_changed, timeout=WAIT_MS):
        page.set_photo(str(path))
    settle(qtbot, page)
    stored = staff_photo(sqlite_ctx, "1001")
    image = QImage.fromData(stored)
    assert stored[:2] == b"\xff\xd8" and (image.width(), image.height()) == (240, 320)
    _select(qtbot, page, "1001")
    qtbot.waitUntil(lambda: page.photo.pixmap() is not None
                    and not page.photo.pixmap().isNull(), timeout=WAIT_MS)
    with qtbot.waitSignal(page.staff_changed, timeout=WAIT_MS):
        page.clear_photo()
    assert staff_photo(sqlite_ctx, "1001") is None


def test_an_unreadable_image_is_refused_in_words(qtbot, sqlite_ctx, tmp_path):
    path = tmp_path / "not-a-photo.png"
    path.write_bytes(b"hello")
    page = _page(qtbot, sqlite_ctx, "9001")
    _select(qtbot, page, "1001")
    page.set_photo(str(path))
    assert "无法读取" in wait_boxes(qtbot)[0]


def test_an_admin_changes_a_clerks_staff_no(qtbot, sqlite_ctx):
    page = _page(qtbot, sqlite_ctx, "9000")
    _select(qtbot, page, "1003")
    with qtbot.waitSignal(page.staff_changed, timeout=WAIT_MS):
        page.change_staff_no("SC003")
    settle(qtbot, page)
    assert "SC003" in [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    windows.sign_in(sqlite_ctx, staff_no="SC003", password=PASSWORD, window=3)
    manager = _page(qtbot, sqlite_ctx, "9001")
    assert not manager.number_button.isEnabled()      # 工号 is the admin's to change
