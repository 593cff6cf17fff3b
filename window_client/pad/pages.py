"""The rating pad's pages a citizen sees first: who serves here (亮身份, also while the
window is paused or closed), the five levels, and the thank-you. Elder scale: text of
32 px and more, targets of 88 px and more; no key hints (the keys still work for pads
that are button boxes, see ``pad.RatingPad.keyPressEvent``)."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from kiosk.queue.actions.rating import LEVELS
from kiosk.queue.reads.pad import PadView
from kiosk.ui.i18n import translate
from kiosk.ui.theme import app_font
from kiosk.ui.touch.look import set_tone, tag
from window_client.pad.look import (
    LEVEL_COLOURS, PAD_SCALE, PHOTO_H, PHOTO_W, face, label, portrait_pixmap,
)

Direction = QBoxLayout.Direction


class ClerkCard(QFrame):
    """The clerk's photo (or initial), name and 工号, and the window's name; ``compact``
    puts name and 工号 on one line (the rate page keeps its room for the levels)."""

    def __init__(self, photo_size: tuple[int, int], name_px: int, *, compact: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.photo_size = photo_size
        self.has_photo = False
        self.photo = QLabel()
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setFixedSize(*photo_size)
        self.name = QLabel()
        self.name.setFont(app_font(name_px))
        self.staff_no = label("", "heading")
        self.window_name = label("", "body")
        text = QVBoxLayout()
        text.setSpacing(4 if compact else 12)
        text.addStretch(1)
        if compact:
            line = QHBoxLayout()
            line.setSpacing(28)
            line.addWidget(self.name)
            line.addWidget(self.staff_no)
            line.addStretch(1)
            text.addLayout(line)
        else:
            text.addWidget(self.name)
            text.addWidget(self.staff_no)
        text.addWidget(self.window_name)
        text.addStretch(1)
        self.box = QBoxLayout(Direction.LeftToRight, self)
        margin = 10 if compact else 18
        self.box.setContentsMargins(margin, margin, margin, margin)
        self.box.setSpacing(24)
        self.box.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignCenter)
        self.box.addLayout(text, 1)

    def set_size(self, photo_size: tuple[int, int], name_px: int, portrait: bool) -> None:
        """Grow with the screen; in portrait the text stands under the photo."""
        self.photo_size = photo_size
        self.photo.setFixedSize(*photo_size)
        self.name.setFont(app_font(name_px))
        self.box.setDirection(Direction.TopToBottom if portrait else Direction.LeftToRight)
        centre = Qt.AlignmentFlag.AlignHCenter if portrait else Qt.AlignmentFlag.AlignLeft
        for widget in (self.name, self.staff_no, self.window_name):
            widget.setAlignment(centre | Qt.AlignmentFlag.AlignVCenter)

    def show_view(self, view: PadView) -> None:
        pixmap, self.has_photo = portrait_pixmap(
            view.photo_jpeg, view.photo_path, view.staff_name or "", *self.photo_size)
        self.photo.setPixmap(pixmap)
        self.name.setText(view.staff_name or "")
        self.staff_no.setText(translate("RatingPad", "工号：{no}").format(no=view.staff_no))
        self.window_name.setText(view.name)


class IdentityPage(QWidget):
    """亮身份 while nobody rates: the clerk, or 暂停服务 with the return time, or that the
    window is not open (with where to go instead)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clerk = ClerkCard((PHOTO_W, PHOTO_H), 64)
        self.name, self.staff_no, self.photo = self.clerk.name, self.clerk.staff_no, \
            self.clerk.photo
        self.window_name = self.clerk.window_name
        self.status = label("", "title", centre=True)
        self.detail = label("", "body", centre=True)
        set_tone(self.detail, "muted")
        self.hint = label(translate("RatingPad", "办理结束后，请在此屏幕上对我的服务作出评价"),
                          "body", centre=True)
        set_tone(self.hint, "muted")
        self._view: PadView | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(20)
        layout.addStretch(1)
        layout.addWidget(self.clerk, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.status)
        layout.addWidget(self.detail)
        layout.addWidget(self.hint)
        layout.addStretch(1)

    def fit(self, width: int, height: int) -> None:
        """The photo and name in proportion to the screen (a 10-inch pad or a panel)."""
        portrait = height > width
        factor = min(1.6, max(0.8, min(width, height) / 768))
        if portrait:
            factor = min(1.6, width / 900)
        self.clerk.set_size((round(PHOTO_W * factor), round(PHOTO_H * factor)),
                            round(64 * factor), portrait)
        if self._view is not None and self._view.staffed:
            self.clerk.show_view(self._view)

    def show_view(self, view: PadView) -> None:
        self._view = view
        self.clerk.setVisible(view.staffed)
        if view.staffed:
            self.clerk.show_view(view)
        else:
            self.name.clear()
            self.staff_no.clear()
        self.detail.clear()
        set_tone(self.status, None)
        if view.state == "closed" or not view.staffed:
            self.status.setText(translate("RatingPad", "{name}暂未开放").format(name=view.name))
            self.detail.setText(translate("RatingPad", "请到其他窗口办理，或咨询大厅导办台"))
        elif view.state == "paused":
            set_tone(self.status, "warning")
            self.status.setText(translate("RatingPad", "暂停服务"))
            if view.back_at:
                self.detail.setText(translate("RatingPad", "预计 {t} 恢复服务，请稍候")
                                    .format(t=view.back_at))
            else:
                self.detail.setText(translate("RatingPad", "请稍候，工作人员马上回来"))
        elif view.current_code:
            self.status.setText(translate("RatingPad", "正在为 {code} 号办理").format(
                code=view.current_code))
        else:
            self.status.setText(translate("RatingPad", "欢迎办理业务"))
        self.detail.setVisible(bool(self.detail.text()))
        self.hint.setVisible(view.staffed and view.state != "paused")


class LevelButton(QPushButton):
    """One level: a face above (or beside) its word, on the level's colour."""

    def __init__(self, level: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self.word = translate("Rating", LEVELS[level])
        self.setProperty("level", str(level))
        self.setAccessibleName(self.word)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.background, self.ink = LEVEL_COLOURS[level]
        self.face = QLabel()
        self.face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label = label(self.word, "title", centre=True)
        self.text_label.setWordWrap(False)
        for child in (self.face, self.text_label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.box = QBoxLayout(Direction.TopToBottom, self)
        self.box.setContentsMargins(10, 12, 10, 12)
        self.box.addStretch(1)
        self.box.addWidget(self.face)
        self.box.addWidget(self.text_label)
        self.box.addStretch(1)
        self._face_px = 0

    def set_portrait(self, portrait: bool) -> None:
        """In a column (portrait) the face sits beside the word, else above it."""
        self.box.setDirection(Direction.LeftToRight if portrait else Direction.TopToBottom)
        self.text_label.setAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter if portrait
            else Qt.AlignmentFlag.AlignCenter)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(88, 88).expandedTo(self.layout().minimumSize())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        size = event.size()
        free = size.height() - self.text_label.sizeHint().height() - 40 \
            if self.box.direction() == Direction.TopToBottom else size.height() - 24
        px = max(40, min(150, free, size.width() - 20))
        # the word as large as the button allows, never under the elder 32 px
        word_px = max(PAD_SCALE.body_px, min(PAD_SCALE.title_px,
                                             (size.width() - 24) // max(1, len(self.word))))
        if self.text_label.font().pixelSize() != word_px:
            self.text_label.setFont(app_font(word_px))
        if px != self._face_px:
            self._face_px = px
            self.face.setPixmap(face(self.level, px, self.ink))


class RatePage(QWidget):
    """The five levels, best first; who served and the countdown to 未评 above/below."""

    #: the citizen chose a level (5 best .. 1 worst)
    level_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clerk = ClerkCard((72, 96), 40, compact=True)
        self.question = label("", "title", centre=True)
        self.buttons: dict[int, LevelButton] = {}
        self.levels = QBoxLayout(Direction.LeftToRight)
        self.levels.setSpacing(16)
        for level in sorted(LEVELS, reverse=True):
            button = LevelButton(level)
            button.clicked.connect(lambda _=False, lv=level: self.level_chosen.emit(lv))
            self.levels.addWidget(button)
            self.buttons[level] = button
        self.countdown = label("", "body", centre=True)
        set_tone(self.countdown, "muted")
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addWidget(self.clerk)
        layout.addWidget(self.question)
        layout.addLayout(self.levels, 1)
        layout.addWidget(self.countdown)

    def set_portrait(self, portrait: bool) -> None:
        self.levels.setDirection(Direction.TopToBottom if portrait else Direction.LeftToRight)
        for button in self.buttons.values():
            button.set_portrait(portrait)

    def prepare(self, code: str, view: PadView | None) -> None:
        self.clerk.setVisible(view is not None and view.staffed)
        if view is not None and view.staffed:
            self.clerk.show_view(view)
        self.question.setText(translate("RatingPad", "{code} 号已办结，请您对本次服务作出评价")
                              .format(code=code))


class ThanksPage(QWidget):
    """感谢: and for a 差评, that it will be looked into (and where the call back goes,
    masked)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setFont(app_font(64))
        self.detail = label("", "heading", centre=True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def show_thanks(self, bad: bool, phone_masked: str | None) -> None:
        self.title.setText(translate("RatingPad", "感谢您的评价！"))
        if bad and phone_masked:
            text = translate("RatingPad", "我们会认真核实整改，并通过 {phone} 与您联系。") \
                .format(phone=phone_masked)
        elif bad:
            text = translate("RatingPad", "我们会认真核实，尽快改进。")
        else:
            text = translate("RatingPad", "欢迎您再次来办事。")
        self.detail.setText(text)

    def show_rated_by_phone(self) -> None:
        """The citizen rated from the ticket's QR code first: one rating per ticket."""
        self.title.setText(translate("RatingPad", "您已通过手机评价"))
        self.detail.setText(translate("RatingPad", "感谢您的评价"))


def header_bar() -> tuple[QWidget, QLabel, QLabel]:
    """The strip at the top: the hall's name and the window number."""
    bar = QWidget()
    bar.setObjectName("padHeader")
    bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    hall = label("", "heading")
    window = label("", "heading")
    window.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    row = QHBoxLayout(bar)
    row.setContentsMargins(24, 10, 24, 10)
    row.addWidget(hall, 1)
    row.addWidget(window)
    return bar, hall, window


def footer_label() -> QLabel:
    footer = label("", "body", centre=True)
    footer.setObjectName("footer")
    tag(footer, "body")
    return footer

