"""Elder mode (长者模式) measured on the widgets, on every screen, in both orientations."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QTextBlockFormat
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk.ui.touch.look import COLOUR_PAIRS, BodyLabel, contrast_ratio
from tests.ui.kiosk.conftest import WAIT_MS, click, open_guide

ELDER_TEXT_PX, ELDER_TARGET_PX, ORDINARY_TARGET_PX = 30, 88, 60


def visit_every_screen(qtbot, kiosk):
    """Yield each screen once it is on display, with content in it."""
    w, c = kiosk.window, kiosk.controller
    yield "home"
    c.open_department("SCJG")
    yield "department"
    open_guide(qtbot, kiosk, "SCJG-001")
    yield "guide"
    w.guide.take_button.click()
    yield "take"
    with qtbot.waitSignal(c.action_ended, timeout=WAIT_MS):
        w.take.ordinary_button.click()
    yield "ticket"
    c.go_home()
    c.open_check_in()
    yield "check-in"
    w.check_in.show_digits("12345678")
    yield "check-in-digits"
    c.go_home()
    c.open_search()
    w.search.field.setText("gtgs")
    yield "search"
    c.show_error("暂时无法办理", "企业开办今日号已取完")
    yield "message"
    w.message.dismiss()


def shown(window: QWidget, kind) -> list:
    return [widget for widget in window.findChildren(kind)
            if widget.isVisibleTo(window) and widget.isVisible()]


def off_screen(window: QWidget) -> list[str]:
    """Buttons and labels not wholly inside the window (a layout that overflows)."""
    outside = []
    for widget in shown(window, QAbstractButton) + shown(window, QLabel):
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not window.rect().contains(rect):
            outside.append(f"{type(widget).__name__} {widget.text()!r} at {rect}")
    return outside


def settle(qtbot, window: QWidget) -> None:
    """Wait for pending layout passes; everything must then fit on the screen."""
    qtbot.waitUntil(lambda: not off_screen(window), timeout=3000)


@pytest.mark.parametrize("portrait", [False, True], ids=["landscape", "portrait"])
def test_elder_mode_sizes_on_every_screen(qtbot, make_kiosk, portrait):
    kiosk = make_kiosk(portrait=portrait)
    w = kiosk.window
    click(qtbot, w.elder_button)
    assert w.elder and w.elder_button.text() == "退出长者模式"
    for screen in visit_every_screen(qtbot, kiosk):
        settle(qtbot, w)
        buttons = shown(w, QAbstractButton)
        assert buttons, screen
        for widget in buttons:
            assert widget.width() >= ELDER_TARGET_PX and widget.height() >= ELDER_TARGET_PX, \
                (screen, widget.text(), widget.size())
        for widget in shown(w, QLabel) + buttons + shown(w, QLineEdit):
            if not widget.text():
                continue  # pictures (the QR code) and tiles (their text is in labels)
            assert widget.font().pixelSize() >= ELDER_TEXT_PX, \
                (screen, type(widget).__name__, widget.font().pixelSize())
        for label in shown(w, BodyLabel):
            assert label.line_height >= 1.3, (screen, label.plain_text())
            assert "line-height:150%" in label.text()


def test_ordinary_mode_targets_are_at_least_60_px(qtbot, kiosk):
    w = kiosk.window
    for screen in visit_every_screen(qtbot, kiosk):
        settle(qtbot, w)
        for widget in shown(w, QAbstractButton):
            assert widget.width() >= ORDINARY_TARGET_PX \
                and widget.height() >= ORDINARY_TARGET_PX, (screen, widget.text())


def test_elder_guide_text_is_spaced_and_large(qtbot, kiosk):
    w = kiosk.window
    click(qtbot, w.elder_button)
    open_guide(qtbot, kiosk, "SCJG-001")
    browser = w.guide.browser
    assert browser.font().pixelSize() >= ELDER_TEXT_PX
    block = browser.document().begin()
    blocks = 0
    while block.isValid():
        fmt = block.blockFormat()
        assert fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        assert fmt.lineHeight() >= 130, block.text()
        blocks += 1
        block = block.next()
    assert blocks > 20


def test_elder_mode_shows_fewer_tiles_per_page(qtbot, kiosk):
    w = kiosk.window
    ordinary = (w.home.department_pager.page_size, w.home.favourite_pager.page_size,
                w.department.pager.page_size, w.search.pager.page_size)
    click(qtbot, w.elder_button)
    elder = (w.home.department_pager.page_size, w.home.favourite_pager.page_size,
             w.department.pager.page_size, w.search.pager.page_size)
    assert all(e < o for e, o in zip(elder, ordinary)), (elder, ordinary)
    assert len(w.home.department_pager.tiles) == elder[0]
    assert w.home.department_pager.next_button.isVisible()
    click(qtbot, w.home.department_pager.next_button)
    assert w.home.department_pager.page == 1
    click(qtbot, w.elder_button)
    assert not w.elder and w.elder_button.text() == "长者模式"


def test_colours_have_enough_contrast():
    for name, (ink, paper) in COLOUR_PAIRS.items():
        assert contrast_ratio(ink, paper) >= 4.5, name


def test_modes_are_not_told_by_colour_alone(qtbot, kiosk):
    w = kiosk.window
    assert w.check_in.code_button.text().startswith("●")
    assert w.check_in.phone_button.text().startswith("○")
    click(qtbot, w.home.check_in_button)
    click(qtbot, w.check_in.phone_button)
    assert w.check_in.phone_button.text().startswith("●")
    kiosk.controller.show_error("暂时无法办理", "x")
    assert w.message.title_label.text().startswith("⚠")


@pytest.mark.parametrize("portrait", [False, True], ids=["landscape", "portrait"])
def test_the_guide_action_buttons_show_their_whole_text_in_elder_mode(
        qtbot, make_kiosk, portrait):
    """打印一次性告知单 in large type is not clipped at either end, even on a narrow
    portrait screen."""
    kiosk = make_kiosk(portrait=portrait, elder=True)
    open_guide(qtbot, kiosk, "SCJG-001")
    guide = kiosk.window.guide
    settle(qtbot, kiosk.window)
    for button in (guide.notice_button, guide.take_button):
        # sizeHint holds the text plus the style sheet's padding and border
        assert button.sizeHint().width() <= button.width(), button.text()
