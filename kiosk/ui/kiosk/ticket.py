"""The ticket shown big (取号成功): number, item, windows, people ahead, estimated wait,
time and a QR code; then back home by itself after a few seconds.

The screen appears as soon as the ticket is in the database; the print status line is
filled in later when the background print job ends. When nothing could be printed the
citizen is told to photograph or note the number, and gets longer to do so.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.queue.snapshots import IssueResult
from kiosk.ui.i18n import translate
from kiosk.ui.touch.look import BodyLabel, set_tone, tag
from kiosk.ui.kiosk.qr import qr_pixmap
from kiosk.ui.kiosk.take import priority_labels, window_numbers_text
from kiosk.ui.touch.widgets import Screen, button, card
from kiosk.ui.theme import NORMAL, Scale

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


class TicketScreen(Screen):
    finished = Signal()  # the citizen tapped 完成 or the screen timed out

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: IssueResult | None = None
        self.qr_payload = ""
        self._scale = NORMAL
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(48, 24, 48, 24)

        self.number_card = card()
        number = QVBoxLayout(self.number_card)
        number.setContentsMargins(32, 24, 32, 24)
        self.caption_label = BodyLabel(translate("TicketScreen", "取号成功，您的排队号码是"), "heading")
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
        details = QVBoxLayout(self.details)
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
        self.qr_label = QLabel()
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = BodyLabel(translate("TicketScreen", "可用手机扫码或拍照保存号码"))
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qr_layout.addWidget(self.qr_label)
        qr_layout.addWidget(self.qr_caption)
        qr_layout.addStretch(1)

        self.print_label = BodyLabel("", "heading")
        self.done_button = button(translate("TicketScreen", "完成，返回首页"),
                                  kind="secondary", role="heading", rows=1.25)
        self.done_button.clicked.connect(self.finished)
        self._portrait: bool | None = None

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
        badges = []
        if ticket.priority != "none":
            badges.append(translate("TicketScreen", "绿色通道 · %1（请向窗口出示证件，待工作人员确认）").replace(
                "%1", priority_labels().get(ticket.priority, ticket.priority)))
        if appointment_label:
            badges.append(appointment_label)
        self.badge_label.set_plain_text("\n".join(badges))
        self.badge_label.setVisible(bool(badges))
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

    def set_print_state(self, text: str, tone: str) -> None:
        set_tone(self.print_label, tone)
        self.print_label.set_plain_text(text)

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
        self.done_button.setText(
            translate("TicketScreen", "完成，返回首页（%1 秒）").replace("%1", str(left)))

    def _draw_qr(self) -> None:
        if self.qr_payload:
            self.qr_label.setPixmap(qr_pixmap(self.qr_payload, self._scale.target_px * 3))

    # --- layout ---------------------------------------------------------------------

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self._scale = scale
        self._grid.setSpacing(scale.spacing_px * 2)
        self._draw_qr()
        if portrait == self._portrait:
            return
        self._portrait = portrait
        for widget in (self.number_card, self.details, self.qr_box, self.print_label,
                       self.done_button):
            self._grid.removeWidget(widget)
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
