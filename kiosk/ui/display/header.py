"""The top bar: a title (hall name, or a window's number and name), date and time, and
two status marks. 连接中断 tells citizens the screen may be behind, so it is as large as
any text; 语音播报不可用 is for staff only (the manager's console alerts on it), so it
is a small muted mark citizens can ignore. The clock timer only redraws the time; it
reads nothing."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.ui.display import style, texts


class StatusMark(QLabel):
    """A warning tag; hidden while all is well. ``quiet``: the staff-only look, small
    muted text with no coloured ground."""

    def __init__(self, text: str, quiet: bool = False, parent: QWidget | None = None) -> None:
        super().__init__("⚠ " + text, parent)
        if quiet:
            self.setObjectName("staffMark")
            self.setStyleSheet(f"color: {style.CLOSED}; background: transparent;")
        else:
            self.setStyleSheet(f"background: {style.WARN_BG}; color: {style.WARN_TEXT};"
                               "border-radius: 6px; padding: 2px 10px;")
        self.hide()


class Header(QWidget):
    def __init__(self, scale: style.TypeScale, now: Callable[[], dt.datetime],
                 timezone: str, title_px: float = 46, clock_px: float = 40,
                 text_px: float | None = None, staff_px: float = 16,
                 show_date: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self.timezone = timezone
        text_px = text_px or clock_px * 0.6
        self.title = scale.set(QLabel(), title_px, bold=True)
        self.subtitle = style.elastic(scale.set(QLabel(), text_px))
        self.date = scale.set(QLabel(), text_px)
        self.time = scale.set(QLabel(), clock_px, bold=True)
        self.connection_mark = scale.set(StatusMark(texts.connection_lost()), text_px)
        self.speech_mark = scale.set(StatusMark(texts.speech_unavailable(), quiet=True),
                                     staff_px)
        for label in (self.title, self.time):
            label.setStyleSheet(f"color: {style.TEXT};")
        for label in (self.subtitle, self.date):
            label.setStyleSheet(f"color: {style.SOFT};")
        self.subtitle.hide()

        left = QHBoxLayout()
        left.setSpacing(24)
        left.addWidget(self.title)
        left.addWidget(self.subtitle, 1, Qt.AlignmentFlag.AlignBottom)
        marks = QHBoxLayout()
        marks.addStretch(1)
        marks.addWidget(self.speech_mark, 0, Qt.AlignmentFlag.AlignTop)
        marks.addWidget(self.connection_mark)
        # date and time on one line: the header takes one line of the screen's height
        right = QHBoxLayout()
        right.setSpacing(20)
        right.addWidget(self.date, 0, Qt.AlignmentFlag.AlignBottom)
        right.addWidget(self.time, 0, Qt.AlignmentFlag.AlignBottom)
        self.date.setVisible(show_date)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 4, 16, 4)
        row.addLayout(left, 1)
        row.addLayout(marks)
        row.addSpacing(24)
        row.addLayout(right)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        self.tick()

    def set_title(self, title: str, subtitle: str = "") -> None:
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def tick(self) -> None:
        now = self._now()
        self.time.setText(texts.clock_time(now, self.timezone))
        self.date.setText(texts.clock_date(now, self.timezone))

    def set_connected(self, connected: bool) -> None:
        self.connection_mark.setVisible(not connected)

    def set_speech_failed(self, message_zh: str) -> None:
        self.speech_mark.setToolTip(message_zh)
        self.speech_mark.show()

    def set_speech_ok(self) -> None:
        self.speech_mark.hide()
