"""The pad's look: the kiosk's elder touch scale, the five levels' colours (green
非常满意 to red 非常不满意, each text colour at least 4.5:1 on its colour), and the
pictures drawn in code (faces, tick boxes, the clerk's photo or initial) so no emoji
font is needed."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.theme import (
    ELDER, INK, MUTED, PAPER, PRIMARY, PRIMARY_TEXT, WARN_BG, WARN_INK, app_font,
)
from kiosk.ui.touch.look import BACKGROUND, style_sheet, tag

#: elder text (32 px body) and targets of 88 px at least: a pad is a small screen
PAD_SCALE = dataclasses.replace(ELDER, target_px=88, spacing_px=14)

#: level -> (background, text): a scale from green to red
LEVEL_COLOURS = {
    5: ("#1B5E20", "#FFFFFF"),
    4: ("#8BC34A", INK),
    3: ("#FFD54F", INK),
    2: ("#F57C00", INK),
    1: ("#B71C1C", "#FFFFFF"),
}
#: how far the mouth bends (share of the face's size): smile > 0 > frown
MOUTH = {5: 0.15, 4: 0.08, 3: 0.0, 2: -0.08, 1: -0.15}
PHOTO_W, PHOTO_H = 240, 320


def pad_style() -> str:
    levels = "".join(
        f"""QPushButton[level="{lv}"] {{ background: {bg}; color: {fg};
            border: 4px solid {bg}; border-radius: 16px; }}
        QPushButton[level="{lv}"]:pressed {{ border: 6px solid {INK}; }}
        QPushButton[level="{lv}"] QLabel {{ color: {fg}; }}
        """ for lv, (bg, fg) in LEVEL_COLOURS.items())
    return style_sheet() + levels + f"""
    QWidget#padRoot {{ background: {BACKGROUND}; }}
    QWidget#padHeader {{ background: {PRIMARY}; }}
    QWidget#padHeader QLabel {{ color: {PRIMARY_TEXT}; }}
    QLabel#banner {{ background: {WARN_BG}; color: {WARN_INK}; border: 3px solid {WARN_INK};
        padding: 10px; }}
    QLabel#phoneShown {{ background: {PAPER}; color: {INK}; border: 3px solid {PRIMARY};
        border-radius: 10px; padding: 6px 16px; }}
    QLabel#footer {{ color: {MUTED}; }}
    """


def label(text: str = "", role: str = "body", *, centre: bool = False) -> QLabel:
    widget = QLabel(text)
    tag(widget, role)
    widget.setWordWrap(True)
    if centre:
        widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return widget


def face(level: int, size: int, colour: str) -> QPixmap:
    """A face in ``colour``: eyes and a mouth that smiles (5) or frowns (1)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width = max(3.0, size / 14)
    painter.setPen(QPen(QColor(colour), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    inset = width
    painter.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
    painter.setBrush(QColor(colour))
    eye = size * 0.07
    for x in (0.35, 0.65):
        painter.drawEllipse(QPointF(size * x, size * 0.38), eye, eye)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    mouth = QPainterPath()
    y = size * (0.6 if MOUTH[level] >= 0 else 0.76)
    mouth.moveTo(size * 0.3, y)
    mouth.quadTo(size * 0.5, y + 2 * MOUTH[level] * size, size * 0.7, y)
    painter.drawPath(mouth)
    painter.end()
    return pixmap


def tick_box(checked: bool, size: int, colour: str) -> QPixmap:
    """An empty box, or a ticked one: a chosen reason shows more than a colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width = max(3.0, size / 10)
    painter.setPen(QPen(QColor(colour), width))
    painter.drawRoundedRect(QRectF(width, width, size - 2 * width, size - 2 * width), 4, 4)
    if checked:
        pen = QPen(QColor(colour), width * 1.4, Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        tick = QPainterPath()
        tick.moveTo(size * 0.25, size * 0.52)
        tick.lineTo(size * 0.43, size * 0.70)
        tick.lineTo(size * 0.76, size * 0.30)
        painter.drawPath(tick)
    painter.end()
    return pixmap


def portrait_pixmap(jpeg: bytes | None, path: str | None, name: str, width: int,
                    height: int) -> tuple[QPixmap, bool]:
    """(picture, whether it is a photo): the clerk's photo scaled to ``width`` x
    ``height``; without one, the name's first character on a plain card."""
    pixmap = QPixmap()
    if jpeg:
        pixmap.loadFromData(jpeg)
    if pixmap.isNull() and path:
        pixmap = QPixmap(path)
    if not pixmap.isNull():
        return pixmap.scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation), True
    card = QPixmap(width, height)
    card.fill(QColor(PRIMARY))
    painter = QPainter(card)
    painter.setPen(QColor(PRIMARY_TEXT))
    painter.setFont(app_font(int(min(width, height) * 0.5)))
    painter.drawText(card.rect(), Qt.AlignmentFlag.AlignCenter, name[:1])
    painter.end()
    return card, False


def set_portrait(widget: QWidget, portrait: bool) -> None:
    """Tell a page which way the screen stands (it lays itself out again)."""
    if hasattr(widget, "set_portrait"):
        widget.set_portrait(portrait)
