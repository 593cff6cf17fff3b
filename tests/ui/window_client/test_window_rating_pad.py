"""The rating pad as a citizen uses it: by touch alone, at the elder scale (text of 30 px
and more, targets of 88 px and more, each level's words at 4.5:1 on its colour), with
the clerk's photo, name and 工号, the 监督电话, and a call-back phone that is never shown
or stored whole."""
import datetime as dt

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from sqlalchemy import select

from kiosk.queue.actions import keys, staff, windows
from kiosk.queue.store.models import Rating
from kiosk.ui.touch.look import contrast_ratio
from tests.helpers import open_window, serve_next, take
from tests.ui.window_client.conftest import login, ratings

PHONE = "13912345678"


def _jpeg() -> bytes:
    image = QImage(240, 320, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    return bytes(data.data())


def tap(qtbot, widget: QWidget) -> None:
    assert widget.isVisible(), f"{widget} is not on screen"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def on_screen(pad) -> list[QWidget]:
    """Every widget a citizen can see now."""
    return [w for w in pad.findChildren(QWidget) if w.isVisible()]


def texts(pad) -> list[str]:
    found = []
    for widget in on_screen(pad):
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append(widget.text())
        elif isinstance(widget, QLineEdit):
            found += [widget.text(), widget.placeholderText()]
    return found


def assert_elder_scale(pad) -> None:
    """Measured on the live widgets: text a citizen reads of 30 px or more, every target
    88 px or more, and no key hints."""
    for widget in on_screen(pad):
        text = widget.text() if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)) \
            else ""
        if text.strip():
            assert widget.font().pixelSize() >= 30, (text, widget.font().pixelSize())
        if isinstance(widget, QAbstractButton):
            assert widget.height() >= 88 and widget.width() >= 88, \
                (widget.text() or widget.accessibleName(), widget.size())
    for text in texts(pad):
        assert not any(hint in text for hint in ("[", "［", "回车", "按键")), text


def rendered_contrast(button) -> float:
    """The contrast of a level's word as drawn: its colour against the button's."""
    image = button.grab().toImage()
    background = image.pixelColor(button.width() // 2, 8)
    box = button.text_label.geometry()
    best = 1.0
    for x in range(box.left(), box.right(), 2):
        for y in range(box.top(), box.bottom(), 2):
            best = max(best, contrast_ratio(image.pixelColor(x, y).name(), background.name()))
    return best


def test_a_bad_rating_by_touch_alone_with_comment_and_phone(qtbot, ctx, make_pad):
    open_window(ctx, 1)
    take(ctx)
    pad = make_pad(ctx, window=1)
    pad.resize(1280, 800)                                # a 10-inch tablet
    serve_next(ctx, 1)
    qtbot.waitUntil(lambda: pad.page == "rate", timeout=5000)
    assert "A001" in pad.rate_page.question.text()
    tap(qtbot, pad.rate_page.buttons[2])                 # 不满意
    assert pad.page == "reasons"
    page = pad.reasons_page
    tap(qtbot, page.submit_button)                       # nothing chosen yet: asked
    assert "至少选择一项" in page.message.text()
    tap(qtbot, page.checks[1])                           # 服务态度差
    tap(qtbot, page.checks[4])                           # 等候时间长
    tap(qtbot, page.checks[4])                           # ... changed their mind
    assert page.chosen() == ["服务态度差"]
    tap(qtbot, page.comment)                             # the keyboard comes up
    assert page.typing and not page.grid_widget.isVisible()
    for key in ("P", "A", "I", "D", "U", "I", "4", "0"):
        tap(qtbot, page.keyboard.keys[key])
    tap(qtbot, page.space_button)
    tap(qtbot, page.keyboard.keys["M"])
    tap(qtbot, page.keyboard.erase_button)
    tap(qtbot, page.done_button)
    assert page.comment.text() == "paidui40 " and page.checks[1].isChecked()
    tap(qtbot, page.phone_button)
    assert pad.page == "phone"
    phone = pad.phone_page
    for digit in PHONE[:-1]:                             # one digit short
        tap(qtbot, phone.keypad.keys[digit])
    tap(qtbot, phone.submit_button)
    assert "11 位" in phone.message.text() and pad.page == "phone"
    assert ratings(ctx) == []                            # refused: nothing written
    tap(qtbot, phone.keypad.keys[PHONE[-1]])
    assert phone.shown.text() == "139****5678"
    assert not any(PHONE in text for text in texts(pad))  # masked while typed
    tap(qtbot, phone.submit_button)
    assert pad.page == "thanks"
    assert "139****5678" in pad.thanks.detail.text()
    qtbot.waitUntil(lambda: ratings(ctx) == [("A001", 2, ["服务态度差"])], timeout=5000)
    with ctx.db.read() as session:
        row = session.scalar(select(Rating))
        assert row.comment == "paidui40"
        assert row.callback_phone_masked == "139****5678"
        assert row.callback_phone_hash == keys.personal_keys(ctx).hash("phone", PHONE)
    assert not any(PHONE in text for text in texts(pad))
    assert phone.entry.text() == ""                      # forgotten once sent


def test_the_pad_is_at_the_elder_scale_on_every_page(qtbot, sqlite_ctx, make_pad):
    ctx = sqlite_ctx
    staff.set_staff_photo(ctx, staff_no="1001", jpeg=_jpeg(), by="9001")
    open_window(ctx, 1)
    take(ctx)
    pad = make_pad(ctx, window=1)
    pad.resize(1280, 800)
    qtbot.waitUntil(lambda: pad.identity.name.text() == "王芳", timeout=5000)
    assert_elder_scale(pad)
    serve_next(ctx, 1)
    qtbot.waitUntil(lambda: pad.page == "rate", timeout=5000)
    qtbot.waitUntil(lambda: pad.rate_page.buttons[1].height() > 88, timeout=5000)
    assert_elder_scale(pad)
    for level, button in pad.rate_page.buttons.items():
        assert rendered_contrast(button) >= 4.5, level
        assert button.text_label.text()                  # each level has its word
    colours = {pad.rate_page.buttons[lv].grab().toImage().pixelColor(
        pad.rate_page.buttons[lv].width() // 2, 8).name() for lv in range(1, 6)}
    assert len(colours) == 5                             # a colour scale, not one blue
    tap(qtbot, pad.rate_page.buttons[1])
    assert_elder_scale(pad)
    tap(qtbot, pad.reasons_page.comment)
    assert_elder_scale(pad)
    tap(qtbot, pad.reasons_page.done_button)
    tap(qtbot, pad.reasons_page.checks[0])
    tap(qtbot, pad.reasons_page.phone_button)
    assert_elder_scale(pad)
    tap(qtbot, pad.phone_page.submit_button)             # no phone: sent without one
    assert pad.page == "thanks"
    assert_elder_scale(pad)
    qtbot.waitUntil(lambda: ratings(ctx) == [("A001", 1, ["办事效率低"])], timeout=5000)


def test_the_idle_pad_shows_the_hall_the_window_and_the_clerk(qtbot, sqlite_ctx,
                                                              make_client, make_pad, clock):
    ctx = sqlite_ctx
    staff.set_staff_photo(ctx, staff_no="1001", jpeg=_jpeg(), by="9001")
    pad = make_pad(ctx, window=1)
    assert "暂未开放" in pad.identity.status.text()
    assert pad.hall_label.text() == "示例市政务服务中心"
    assert "1 号窗口" in pad.window_label.text()
    assert pad.footer.text() == "监督电话：12345" and pad.footer.isVisible()
    assert not pad.identity.clerk.isVisible()
    first = make_client(ctx, window=1)
    login(qtbot, first, "1001")
    qtbot.waitUntil(lambda: pad.identity.name.text() == "王芳", timeout=5000)
    assert pad.identity.staff_no.text() == "工号：1001"
    assert pad.identity.clerk.has_photo                  # from the database
    photo = pad.identity.photo.pixmap().toImage()
    assert photo.pixelColor(photo.width() // 2, photo.height() // 2).blue() > 120
    assert pad.identity.window_name.text() == "企业开办1号窗口"
    second = make_client(ctx, window=1)
    login(qtbot, second, "1002")                         # B岗 takes over
    qtbot.waitUntil(lambda: pad.identity.name.text() == "李娜", timeout=5000)
    assert not pad.identity.clerk.has_photo              # 李娜 has none: her initial
    windows.pause(ctx, window=1, staff_no="1002", reason="临时离岗",
                  back_at=clock.now() + dt.timedelta(minutes=20))
    qtbot.waitUntil(lambda: pad.identity.status.text() == "暂停服务", timeout=5000)
    assert pad.identity.detail.text() == "预计 09:50 恢复服务，请稍候"
    assert pad.identity.name.text() == "李娜"


@pytest.mark.parametrize("size", [(1080, 1920)])
def test_portrait_lays_the_levels_in_a_column(qtbot, sqlite_ctx, make_pad, size):
    open_window(sqlite_ctx, 1)
    take(sqlite_ctx)
    pad = make_pad(sqlite_ctx, window=1)
    pad.resize(*size)
    serve_next(sqlite_ctx, 1)
    qtbot.waitUntil(lambda: pad.page == "rate", timeout=5000)
    qtbot.waitUntil(lambda: pad.rate_page.buttons[1].height() > 88, timeout=5000)
    tops = [pad.rate_page.buttons[lv].y() for lv in (5, 4, 3, 2, 1)]
    assert tops == sorted(tops) and len(set(tops)) == 5
    assert_elder_scale(pad)


def test_touching_restarts_the_clock_and_a_phone_that_cannot_be_kept_loses_no_rating(
        qtbot, sqlite_ctx, make_pad, tmp_path):
    """A PC without the hall's key file cannot keep the phone: the 差评 is saved
    without it rather than lost."""
    ctx = sqlite_ctx
    open_window(ctx, 1)
    take(ctx)
    pad = make_pad(ctx, window=1)
    serve_next(ctx, 1)
    qtbot.waitUntil(lambda: pad.page == "rate", timeout=5000)
    tap(qtbot, pad.rate_page.buttons[1])
    pad.rating_timer.start(2000)                         # as if 28 s had passed
    tap(qtbot, pad.reasons_page.checks[2])
    assert pad.rating_timer.remainingTime() > 25_000
    tap(qtbot, pad.reasons_page.phone_button)
    ctx.machine_settings["security.key_file"] = str(tmp_path / "no-such.key")
    for digit in PHONE:
        tap(qtbot, pad.phone_page.keypad.keys[digit])
    assert pad.rating_timer.remainingTime() > 25_000
    tap(qtbot, pad.phone_page.submit_button)
    qtbot.waitUntil(lambda: ratings(ctx) == [("A001", 1, ["一次性告知不清"])], timeout=5000)
    with ctx.db.read() as session:
        row = session.scalar(select(Rating))
        assert (row.callback_phone_masked, row.callback_phone_hash) == (None, None)
