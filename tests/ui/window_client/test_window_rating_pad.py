"""The rating pad's identity page (亮身份) follows who serves at its window."""
from PySide6.QtGui import QColor, QPixmap
from sqlalchemy import update

from kiosk.queue.store.models import Staff
from tests.ui.window_client.conftest import login


def test_the_pad_shows_the_clerk_with_photo_and_follows_a_takeover(qtbot, sqlite_ctx,
                                                                   make_client, make_pad,
                                                                   tmp_path):
    photo = tmp_path / "1001.png"
    picture = QPixmap(60, 80)
    picture.fill(QColor("#336699"))
    assert picture.save(str(photo))
    with sqlite_ctx.db.write() as session:   # the manager app sets photos; not ours
        session.execute(update(Staff).where(Staff.staff_no == "1001")
                        .values(photo=str(photo)))
    pad = make_pad(sqlite_ctx, window=1)
    assert "暂未开放" in pad.identity.status.text()
    assert pad.identity.photo.isHidden()
    first = make_client(sqlite_ctx, window=1)
    login(qtbot, first, "1001")
    qtbot.waitUntil(lambda: pad.identity.name.text() == "王芳", timeout=5000)
    assert pad.identity.staff_no.text() == "工号：1001"
    assert not pad.identity.photo.isHidden()
    assert "1 号窗口" in pad.identity.window_name.text()
    second = make_client(sqlite_ctx, window=1)
    login(qtbot, second, "1002")                      # B岗 takes over
    qtbot.waitUntil(lambda: pad.identity.name.text() == "李娜", timeout=5000)
    assert pad.identity.photo.isHidden()             # no photo set for 1002
