"""The scrolling notice line (滚动通知): the manager's text moving right to left.

Painted by hand (one drawText per frame) rather than by moving a label, so a frame costs
well under a millisecond even with 60-pixel type. A notice that fits the line stands
still, once, in the middle; a longer one scrolls, and a pass is never shorter than the
line, so the notice is never on screen more than once and a half at a time.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.display import style

FRAME_MS = 30
SPEED_PX_S = 120.0  # on the reference screen; scaled with the type
GAP = "　　　　"     # between the end of the text and its next pass


class Marquee(QWidget):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._text = text
        self._offset = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._step)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._offset = 0.0
            self.update()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def fits(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self._text) <= self.width()

    def copies_shown(self) -> int:
        """How many times the text is drawn in the current frame (for tests)."""
        if not self._text:
            return 0
        if self.fits():
            return 1
        return len(self._starts())

    def _pass_width(self) -> int:
        return max(1, self.width(), self.fontMetrics().horizontalAdvance(self._text + GAP))

    def _starts(self) -> list[float]:
        width, x, starts = self._pass_width(), self._offset, []
        while x < self.width():
            if x + self.fontMetrics().horizontalAdvance(self._text) > 0:
                starts.append(x)
            x += width
        return starts

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()  # the line's height follows the type
        super().changeEvent(event)

    def _step(self) -> None:
        if not self._text or not self.isVisible() or self.fits():
            return
        scale = self.font().pixelSize() / 40.0 if self.font().pixelSize() > 0 else 1.0
        self._offset -= SPEED_PX_S * scale * FRAME_MS / 1000.0
        if self._offset < -self._pass_width():
            self._offset += self._pass_width()
        self.update()

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setHeight(int(self.fontMetrics().height() * 1.3))
        return hint

    def minimumSizeHint(self):
        return self.sizeHint()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(style.PANEL))
        if self._text:
            painter.setPen(QColor(style.TEXT))
            painter.setFont(self.font())
            if self.fits():
                painter.drawText(QRectF(0, 0, self.width(), self.height()),
                                 int(Qt.AlignmentFlag.AlignCenter), self._text)
            else:
                width = self._pass_width()
                for x in self._starts():
                    painter.drawText(QRectF(x, 0, width, self.height()),
                                     int(Qt.AlignmentFlag.AlignVCenter
                                         | Qt.AlignmentFlag.AlignLeft), self._text)
        painter.end()
