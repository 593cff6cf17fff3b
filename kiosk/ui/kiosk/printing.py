"""The kiosk's slips on paper: the ticket after the number is on screen, and the guide's
一次性告知单; each print's outcome is told on the screen that asked for it."""
from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, QTimer

from kiosk.clock import hall_time
from kiosk.queue.snapshots import IssueResult
from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.slips_from import notice_slip, ticket_slip


class KioskSlips(QObject):
    """Prints through the controller's printer link and follows its jobs by token."""

    def __init__(self, controller, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._ticket_token: str | None = None
        self._notice_token: str | None = None
        controller.printer.job_finished.connect(self._print_finished)

    def print_ticket(self, result: IssueResult, *, hall_name: str, timezone: str,
                     appointment_label: str | None, web_base: str) -> None:
        """The ticket's slip, or the ticket screen's word that this kiosk prints none."""
        self._ticket_token = f"ticket:{result.ticket.id}"
        if self.controller.printer.printer_present:
            slip = ticket_slip(result, hall_name=hall_name,
                               hall_code=self.controller.ctx.hall_code, timezone=timezone,
                               appointment_label=appointment_label, web_base=web_base)
            # queued behind the ticket screen's first paint: the citizen sees the number
            # first, the print worker's CPU time never delays that frame
            token = self._ticket_token
            QTimer.singleShot(0, self, lambda: self.controller.printer.print_slip(token, slip))
        else:
            self.controller.window.ticket.print_failed(translate(
                "KioskController", "本机不打印号票，请拍照或记下您的号码"))

    def print_notice(self, item_code: str) -> None:
        guide = self.controller.window.guide.guide
        if guide is None or guide.code != item_code:
            return
        if not self.controller.printer.printer_present:
            self.controller.window.guide.set_notice_status(translate(
                "KioskController", "本机未连接打印机，请拍照保存办事指南，或到服务台索取"),
                "warning")
            return
        catalog = self.controller.catalog
        timezone = catalog.timezone if catalog else "Asia/Shanghai"
        slip = notice_slip(guide, hall_name=catalog.hall_name if catalog else "",
                           printed_at=hall_time(self.controller.ctx.clock.now(), timezone))
        self._notice_token = f"notice:{item_code}:{uuid.uuid4().hex[:8]}"
        self.controller.window.guide.set_notice_status(
            translate("KioskController", "正在打印一次性告知单，请稍候…"), "")
        self.controller.printer.print_slip(self._notice_token, slip)

    def _print_finished(self, token: str, result) -> None:
        if token == self._ticket_token:
            if result.printed:
                self.controller.window.ticket.print_done()
            elif result.status == "unconfirmed":
                self.controller.window.ticket.print_unconfirmed()
            else:
                self.controller.window.ticket.print_failed(
                    translate("KioskController", "打印失败，请拍照或记下您的号码") + "\n"
                    + translate("KioskController", "原因：%1。已通知工作人员。").replace(
                        "%1", result.message_zh.rstrip("。")
                        or translate("KioskController", "打印机故障")))
        elif token == self._notice_token:
            self._notice_token = None
            if result.printed:
                self.controller.window.guide.set_notice_status(
                    translate("KioskController", "一次性告知单已打印，请取走"), "ok")
            elif result.status == "unconfirmed":
                self.controller.window.guide.set_notice_status(translate(
                    "KioskController", "请确认一次性告知单已打印，如未出纸请拍照保存办事指南"),
                    "warning")
            else:
                self.controller.window.guide.set_notice_status(
                    translate("KioskController", "打印失败，请拍照保存办事指南，或到服务台索取"),
                    "warning")
