"""Screens draw Chinese with the shipped font, not whatever the PC happens to have."""
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics

from kiosk import fonts
from kiosk.ui.theme import app_font, cjk_family


def test_the_apps_font_is_the_shipped_one_with_its_two_weights(shipped_fonts):
    assert fonts.SHIPPED_FAMILY in shipped_fonts
    assert cjk_family() == fonts.SHIPPED_FAMILY
    font = app_font(32)
    assert QFontInfo(font).family() == fonts.SHIPPED_FAMILY
    bold = QFont(font)
    bold.setBold(True)
    assert QFontInfo(bold).bold()


def test_a_hall_sentence_has_no_missing_glyphs():
    metrics = QFontMetrics(app_font(32))
    sentence = "请A012号到3号窗口办理 不动产登记 非常满意 绿色通道"
    assert all(metrics.inFontUcs4(ord(ch)) for ch in sentence if ch != " ")
