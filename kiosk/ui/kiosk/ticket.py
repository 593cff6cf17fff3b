"""The ticket shown big (取号成功): number, item, windows, people ahead, estimated wait,
time and a QR code; then back home by itself after a few seconds. When the hall sends
reminders, a 到号短信提醒 button leads to the phone entry (``remind.RemindScreen``).

The screen appears as soon as the ticket is in the database; the print status line is
filled in later when the background print job ends. When nothing could be printed the
citizen is told to photograph or note the number, and gets longer to do so.
"""
from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.queue.rules.at_counter import BY_AGE
from kiosk.queue.snapshots import IssueResult
from kiosk.ui.i18n import translate
from kiosk.ui.touch.look import (
    ROLE, TARGET_ROWS, WORD_JOINER, BodyLabel, role_px, set_tone, tag,
)
from kiosk.ui.kiosk.qr import qr_matrix, qr_pixmap
from kiosk.ui.kiosk.take import priority_labels, window_numbers_text
from kiosk.ui.touch.widgets import Screen, button, card
from kiosk.ui.theme import ELDER, NORMAL, Scale, app_font

#: seconds the ticket stays on screen; longer when the citizen must note the number
RETURN_AFTER_S = 10
RETURN_AFTER_NO_SLIP_S = 20


def wait_text(minutes: int) -> str:
    if minutes <= 0:
        return translate("TicketScreen", "即将叫号")
    if minutes < 60:
        return translate("TicketScreen", "约 %1 分钟").replace("%1", str(minutes))
    hours, rest = divmod(minutes, 60)
    if rest:
        return translate("TicketScreen", "约 %1 小时 %2 分钟").replace(
            "%1", str(hours)).replace("%2", str(rest))
    return translate("TicketScreen", "约 %1 小时").replace("%1", str(hours))


def whole_phrases(text: str) -> str:
    """Glue the characters of each phrase so a narrow box breaks the line only after
    its punctuation (取号成功， / 您的排队号码是), never inside a phrase."""
    return "".join(WORD_JOINER.join(part) if part.strip() else part
                   for part in re.split(r"([，。：、\s]+)", text))


#: the inner margin of a framed line (warning, ok) in elder mode on a short screen
COMPACT_FRAME_MARGIN = 8
#: a QR module never smaller than this many pixels (a phone must still read it)
MIN_MODULE_PX = 3


class QrLabel(QLabel):
    """The ticket's QR code drawn at the largest whole-pixel module size its room
    allows (at most ``largest_px``): always whole and square, quiet zone included,
    however the layout sizes the label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.payload = ""
        self.largest_px = 0
        self._modules = 0
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_payload(self, payload: str, largest_px: int) -> None:
        if payload != self.payload:
            self.payload = payload
            self._modules = len(qr_matrix(payload)) if payload else 0
        self.largest_px = largest_px
        self.updateGeometry()
        self._redraw()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.largest_px, self.largest_px)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        side = self._modules * MIN_MODULE_PX
        return QSize(side, side)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._redraw()

    def _redraw(self) -> None:
        if not self.payload:
            return
        room = self.contentsRect()
        side = min(room.width(), room.height(), self.largest_px)
        cell = max(1, side // self._modules)
        current = self.pixmap()
        if current is None or current.isNull() or current.width() != cell * self._modules:
            self.setPixmap(qr_pixmap(self.payload, cell * self._modules))


class TicketScreen(Screen):
    finished = Signal()  # the citizen tapped 完成 or the screen timed out
    remind_requested = Signal()  # the citizen tapped 到号短信提醒

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: IssueResult | None = None
        self.qr_payload = ""
        self._scale = NORMAL
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(48, 24, 48, 24)

        self.number_card = card()
        number = self._number_layout = QVBoxLayout(self.number_card)
        number.setContentsMargins(32, 24, 32, 24)
        self.caption_label = BodyLabel(
            whole_phrases(translate("TicketScreen", "取号成功，您的排队号码是")), "heading")
        self.code_label = QLabel()
        tag(self.code_label, "number")
        self.code_label.setProperty("tone", "number")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge_label = BodyLabel("", "heading")
        set_tone(self.badge_label, "warning")
        number.addWidget(self.caption_label)
        number.addWidget(self.code_label, 1)
        number.addWidget(self.badge_label)

        self.details = QWidget()
        details = self._details_layout = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        self.item_label = BodyLabel("", "heading")
        self.windows_label = BodyLabel("", "heading")
        self.ahead_label = BodyLabel("", "heading")
        self.wait_label = BodyLabel("", "heading")
        self.time_label = BodyLabel("")
        for label in (self.item_label, self.windows_label, self.ahead_label,
                      self.wait_label, self.time_label):
            details.addWidget(label)
        details.addStretch(1)

        self.qr_box = QWidget()
        qr_layout = QVBoxLayout(self.qr_box)
        qr_layout.setContentsMargins(0, 0, 0, 0)
        self.qr_label = QrLabel()
        self.qr_caption = BodyLabel(translate("TicketScreen", "可用手机扫码或拍照保存号码"))
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qr_layout.addWidget(self.qr_label, 1)
        qr_layout.addWidget(self.qr_caption)

        self.print_label = BodyLabel("", "heading")
        self.done_button = button(translate("TicketScreen", "完成，返回首页"),
                                  kind="secondary", role="heading", rows=1.25)
        self.done_button.clicked.connect(self.finished)
        self.remind_button = button(translate("TicketScreen", "到号短信提醒"),
                                    role="heading", rows=1.25)
        self.remind_button.clicked.connect(self.remind_requested)
        self.remind_button.setVisible(False)
        qr_layout.addWidget(self.remind_button)  # beside the QR: both lead to the phone
        self._arranged: tuple[bool, bool] | None = None  # (portrait, compact) laid out
        self._short = False
        self._compact = False  # elder mode on a short landscape screen (1366x768)
        self._portrait = False

        self.return_timer = QTimer(self)
        self.return_timer.setSingleShot(True)
        self.return_timer.timeout.connect(self.finished)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._show_countdown)

    # --- content --------------------------------------------------------------------

    def show_ticket(self, result: IssueResult, issued_local: dt.datetime, qr_payload: str,
                    appointment_label: str | None = None) -> None:
        self.result = result
        ticket = result.ticket
        self.code_label.setText(ticket.code)
        # taken by ID card: greeted by the masked name (张*), never the name itself
        caption = translate("TicketScreen", "取号成功，您的排队号码是")
        if ticket.holder_masked:
            caption = translate("TicketScreen", "%1，").replace("%1", ticket.holder_masked) \
                + caption
        self.caption_label.set_plain_text(whole_phrases(caption))
        badges = []
        if ticket.priority_check == BY_AGE:  # by the card's age: no proof to show
            badges.append(translate("TicketScreen", "绿色通道（按年龄自动）"))
        elif ticket.priority != "none":
            badges.append(translate("TicketScreen", "绿色通道 · %1（请向窗口出示证件，待工作人员确认）").replace(
                "%1", priority_labels().get(ticket.priority, ticket.priority)))
        if appointment_label:
            badges.append(appointment_label)
        self.badge_label.set_plain_text("\n".join(badges))
        self.badge_label.setVisible(bool(badges))
        self._size_number()
        what = ticket.item_name or ticket.service_name
        self.item_label.set_plain_text(translate("TicketScreen", "办理事项：%1").replace("%1", what))
        windows = window_numbers_text(result.window_numbers)
        self.windows_label.set_plain_text(
            translate("TicketScreen", "办理窗口：%1窗口").replace("%1", windows) if windows
            else translate("TicketScreen", "办理窗口：请留意大厅叫号屏"))
        self.ahead_label.set_plain_text(
            translate("TicketScreen", "前面等候：%1 人").replace(
                "%1", str(result.people_ahead)) if result.people_ahead
            else translate("TicketScreen", "前面等候：无人等候，请留意叫号"))
        self.wait_label.set_plain_text(
            translate("TicketScreen", "预计等候：%1").replace(
                "%1", wait_text(result.estimated_wait_minutes)))
        self.time_label.set_plain_text(
            translate("TicketScreen", "取号时间：%1").replace(
                "%1", issued_local.strftime("%Y-%m-%d %H:%M")))
        self.qr_payload = qr_payload
        self._draw_qr()
        self.set_print_state(translate("TicketScreen", "正在打印号票，请稍候…"), "")
        self.return_timer.start(RETURN_AFTER_S * 1000)
        self._ticker.start()
        self._show_countdown()

    def set_remind_offered(self, offered: bool) -> None:
        """The 到号短信提醒 button: only where the hall sends reminders."""
        self.remind_button.setVisible(offered)

    def set_print_state(self, text: str, tone: str) -> None:
        set_tone(self.print_label, tone)
        self.print_label.set_plain_text(text)
        self._narrow_frames()

    def _narrow_frames(self) -> None:
        """Elder mode on 768 pixels: framed lines (badge, print state) keep less space
        inside their frame, so a badge and a two-line print failure fit with the rest."""
        if self._compact:
            for label in (self.badge_label, self.print_label):
                if label.margin():
                    label.setMargin(COMPACT_FRAME_MARGIN)

    def print_failed(self, text: str) -> None:
        """Nothing was printed: say so, and leave more time to note the number."""
        self.set_print_state(text, "warning")
        if self.return_timer.isActive():
            self.return_timer.start(RETURN_AFTER_NO_SLIP_S * 1000)
            self._show_countdown()

    def print_done(self) -> None:
        """Only for a slip the printer confirmed (its status after the job was good)."""
        self.set_print_state(translate("TicketScreen", "号票已打印，请从下方出票口取走"), "ok")

    def print_unconfirmed(self) -> None:
        """Sent to a printer that cannot report its status: never claim it printed."""
        self.print_failed(translate("TicketScreen", "请确认号票已打印，如未出票请拍照记下号码"))

    def stop_timers(self) -> None:
        self.return_timer.stop()
        self._ticker.stop()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.stop_timers()
        super().hideEvent(event)

    def _show_countdown(self) -> None:
        left = max(0, -(-self.return_timer.remainingTime() // 1000))
        text = translate("TicketScreen", "完成（%1 秒）") if self._compact \
            else translate("TicketScreen", "完成，返回首页（%1 秒）")
        self.done_button.setText(text.replace("%1", str(left)))

    def _draw_qr(self) -> None:
        if self.qr_payload:
            self.qr_label.set_payload(self.qr_payload, self._scale.target_px * 3)

    # --- layout ---------------------------------------------------------------------

    def set_short(self, short: bool) -> None:
        """A short screen: a smaller (still the largest) number, less space between
        parts and a one-target 完成 button, so the details keep their lines."""
        self._short = short
        self._size_number()
        for widget in (self.done_button, self.remind_button):
            widget.setProperty(TARGET_ROWS, 1.0 if short else 1.25)

    def _size_number(self) -> None:
        """The number as big as the screen allows: smaller on a short screen, and
        smaller in elder landscape when a 绿色通道 badge needs its lines too."""
        role = "number_short" if self._short else "number"
        if self._scale == ELDER and not self._portrait \
                and not self.badge_label.isHidden() and self.badge_label.plain_text():
            role = "number_small"  # the badge's lines take the number's room
        if role != self.code_label.property(ROLE):
            tag(self.code_label, role)
            self.code_label.setFont(app_font(role_px(role, self._scale)))

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self._scale = scale
        self._portrait = portrait
        self._compact = self._short and not portrait and scale == ELDER
        self._size_number()
        self._number_layout.setContentsMargins(*((24, 16, 24, 16) if self._compact
                                                 else (32, 24, 32, 24)))
        self._grid.setSpacing(10 if self._compact
                              else scale.spacing_px * (1 if self._short else 2))
        for label in (self.badge_label, self.print_label):
            set_tone(label, label.property("tone"))  # its usual frame margin
        self._narrow_frames()
        self._details_layout.setSpacing(0 if self._compact else -1)
        self._grid.setContentsMargins(48, 8 if self._compact else 24,
                                      48, 8 if self._compact else 24)
        # elder text on 768 pixels: the details, badge and print line in body text (the
        # elder body size), so each keeps its whole wrapped lines
        for label in (self.item_label, self.windows_label, self.ahead_label,
                      self.wait_label, self.badge_label, self.print_label):
            tag(label, "body" if self._compact else "heading")
        tag(self.done_button, "body" if self._compact else "heading")
        tag(self.remind_button, "body" if self._compact else "heading")
        self._draw_qr()
        self._show_countdown()
        if (portrait, self._compact) == self._arranged:
            return
        self._arranged = (portrait, self._compact)
        for widget in (self.number_card, self.details, self.qr_box, self.print_label,
                       self.done_button, self.badge_label):
            self._grid.removeWidget(widget)
        if not self._compact:
            self._number_layout.insertWidget(2, self.badge_label)
        for index in range(5):
            self._grid.setRowStretch(index, 0)
            self._grid.setColumnStretch(index, 0)
        if portrait:
            self._grid.addWidget(self.number_card, 0, 0, 1, 2)
            self._grid.addWidget(self.details, 1, 0)
            self._grid.addWidget(self.qr_box, 1, 1)
            self._grid.addWidget(self.print_label, 2, 0, 1, 2)
            self._grid.addWidget(self.done_button, 3, 0, 1, 2)
            self._grid.setRowStretch(0, 2)
            self._grid.setRowStretch(1, 2)
            self._grid.setColumnStretch(0, 3)
            self._grid.setColumnStretch(1, 2)
        elif self._compact:
            # the 绿色通道 badge on one line under number and details, the print line
            # beside a short 完成 button: the details keep whole lines, the QR its room
            self._number_layout.removeWidget(self.badge_label)
            self._grid.addWidget(self.number_card, 0, 0)
            self._grid.addWidget(self.details, 0, 1)
            self._grid.addWidget(self.qr_box, 0, 2, 2, 1)
            self._grid.addWidget(self.badge_label, 1, 0, 1, 2)
            self._grid.addWidget(self.print_label, 2, 0, 1, 2)
            self._grid.addWidget(self.done_button, 2, 2)
            self._grid.setColumnStretch(0, 3)
            self._grid.setColumnStretch(1, 5)
            self._grid.setColumnStretch(2, 2)
            self._grid.setRowStretch(0, 1)
        else:
            self._grid.addWidget(self.number_card, 0, 0, 2, 1)
            self._grid.addWidget(self.details, 0, 1)
            self._grid.addWidget(self.qr_box, 0, 2)
            self._grid.addWidget(self.print_label, 2, 0, 1, 3)
            self._grid.addWidget(self.done_button, 3, 0, 1, 3)
            self._grid.setColumnStretch(0, 4)
            self._grid.setColumnStretch(1, 4)
            self._grid.setColumnStretch(2, 2)
            self._grid.setRowStretch(0, 1)
