"""The rating pad's pages: the clerk's identity (亮身份), the five levels, the reasons
for a bad rating, and a short thank-you. Big touch targets; each level also has its
digit key, for pads that are button boxes typing keys."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from kiosk.queue.actions.rating import BAD_REASONS, LEVELS
from kiosk.queue.reads.window import PadScreen
from kiosk.ui.i18n import translate
from kiosk.ui.theme import app_font
from window_client.style import PAD_BUTTON_MIN_H, PAD_CHECK_H

PHOTO_SIZE = (240, 320)


def big_label(text: str = "", px: int = 40) -> QLabel:
    label = QLabel(text)
    label.setFont(app_font(px))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


class ReasonBox(QCheckBox):
    """A reason that toggles when touched anywhere on its row, not only on its box."""

    def hitButton(self, pos) -> bool:
        return self.rect().contains(pos)


class IdentityPage(QWidget):
    """亮身份: who serves here, or that the window is closed or paused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.window_name = big_label("", 36)
        self.photo = QLabel()
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = big_label("", 56)
        self.staff_no = big_label("", 36)
        self.status = big_label("", 36)
        self.hint = big_label(translate("RatingPad", "办理结束后，请在此对我的服务作出评价"), 26)
        for widget in (self.window_name, self.photo, self.name, self.staff_no, self.status,
                       self.hint):
            layout.addWidget(widget)

    def show_screen(self, screen: PadScreen) -> None:
        self.window_name.setText(translate("RatingPad", "{n} 号窗口 · {name}").format(
            n=screen.number, name=screen.name))
        staffed = screen.state != "closed" and screen.staff_name
        self._show_photo(screen.staff_photo if staffed else None)
        self.name.setText(screen.staff_name if staffed else "")
        self.staff_no.setText(translate("RatingPad", "工号：{no}").format(no=screen.staff_no)
                              if staffed else "")
        if screen.state == "closed":
            self.status.setText(translate("RatingPad", "本窗口暂未开放"))
        elif screen.state == "paused":
            self.status.setText(translate("RatingPad", "暂停服务，请稍候"))
        elif screen.current_code:
            self.status.setText(translate("RatingPad", "正在为 {code} 号办理").format(
                code=screen.current_code))
        else:
            self.status.setText(translate("RatingPad", "欢迎办理业务"))
        self.hint.setVisible(bool(staffed))

    def _show_photo(self, path: str | None) -> None:
        pixmap = QPixmap(path) if path and Path(path).is_file() else QPixmap()
        if pixmap.isNull():
            self.photo.clear()
            self.photo.hide()
            return
        self.photo.setPixmap(pixmap.scaled(*PHOTO_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))
        self.photo.show()


class RatePage(QWidget):
    """Five large buttons, best first; the countdown says when the pad gives up."""

    #: the citizen chose a level (5 best .. 1 worst)
    level_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.question = big_label("", 40)
        layout.addWidget(self.question)
        self.buttons: dict[int, QPushButton] = {}
        row = QHBoxLayout()
        for level in sorted(LEVELS, reverse=True):
            button = QPushButton(translate("Rating", LEVELS[level]) + f"\n［{level}］")
            button.setFont(app_font(32))
            button.setMinimumHeight(PAD_BUTTON_MIN_H)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, lv=level: self.level_chosen.emit(lv))
            row.addWidget(button)
            self.buttons[level] = button
        layout.addLayout(row)
        self.countdown = big_label("", 26)
        layout.addWidget(self.countdown)

    def prepare(self, code: str) -> None:
        self.question.setText(translate("RatingPad", "{code} 号已办结，请您对本次服务作出评价")
                              .format(code=code))


class ReasonsPage(QWidget):
    """Levels 1-2: what went wrong (at least one reason, or a comment)."""

    #: the citizen sent the reasons: (reasons, comment)
    reasons_submitted = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.question = big_label(translate("RatingPad", "请告诉我们哪里不满意（可多选）"), 36)
        layout.addWidget(self.question)
        grid = QGridLayout()
        self.checks: list[QCheckBox] = []
        for index, reason in enumerate(BAD_REASONS):
            check = ReasonBox(f"{index + 1}  " + translate("Rating", reason))
            check.setObjectName("reason")
            check.setFont(app_font(30))
            check.setMinimumHeight(max(PAD_CHECK_H + 12, check.fontMetrics().lineSpacing() + 24))
            check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            check.setProperty("reason", reason)
            grid.addWidget(check, index // 2, index % 2)
            self.checks.append(check)
        layout.addLayout(grid)
        self.comment = QLineEdit()
        self.comment.setMaxLength(500)
        self.comment.setPlaceholderText(translate("RatingPad", "其他意见（可不填）"))
        layout.addWidget(self.comment)
        self.message = big_label("", 26)
        layout.addWidget(self.message)
        self.submit_button = QPushButton(translate("RatingPad", "提交评价［回车键］"))
        self.submit_button.setFont(app_font(32))
        self.submit_button.setMinimumHeight(PAD_BUTTON_MIN_H)
        self.submit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.submit_button.clicked.connect(self.submit)
        self.comment.returnPressed.connect(self.submit)
        layout.addWidget(self.submit_button)
        self.countdown = big_label("", 26)
        layout.addWidget(self.countdown)

    def prepare(self) -> None:
        for check in self.checks:
            check.setChecked(False)
        self.comment.clear()
        self.message.clear()

    def toggle(self, index: int) -> None:
        if 0 <= index < len(self.checks):
            self.checks[index].toggle()

    def submit(self) -> None:
        reasons = [c.property("reason") for c in self.checks if c.isChecked()]
        comment = self.comment.text().strip()
        if not reasons and not comment:
            self.message.setText(translate("RatingPad", "请至少选择一项原因"))
            return
        self.reasons_submitted.emit(reasons, comment)
