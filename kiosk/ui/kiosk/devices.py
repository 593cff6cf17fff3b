"""What the kiosk does with an ID card placed (刷身份证取号) and a code scanned (扫码).

A card placed on the take-ticket screen takes that item's ticket with the card (on the
controller's action worker, like a tap); anywhere else it starts nothing: the kiosk
cannot guess the item, so it says where to place the card (the citizen learns the
flow instead of getting a ticket for the wrong queue). A card that cannot be read is
said on screen; a reader that does not answer only changes the take screen's prompt
(no pop-up every few seconds for a fault the citizen cannot fix).

A scan, from any screen, is routed by the core (``reads.scan.route_scan``) on a read
worker of its own: a booking code opens check-in at the phone digits, one of our
tickets shows its status, a case notice's link shows the case (办件查询), anything else
says so.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from kiosk.devices.idcard.errors import IdCardError
from kiosk.errors import KioskError
from kiosk.queue.reads import scan
from kiosk.queue.rules.personal import CardReading
from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.taps import RETRY_DELAYS_MS, busy_text
from kiosk.ui.kiosk.take import window_numbers_text
from kiosk.ui.kiosk.ticket import wait_text
from kiosk.ui.runner import ActionRunner

log = logging.getLogger(__name__)


def ticket_status_text(status: scan.TicketStatus) -> tuple[str, str]:
    """(title, text) of a scanned ticket's status on the message panel."""
    code = status.code
    what = status.item_name or status.service_name
    lines = [translate("KioskScans", "办理事项：%1").replace("%1", what)]
    if status.status == scan.WAITING:
        title = translate("KioskScans", "%1 号 · 等候中").replace("%1", code)
        lines.append(translate("KioskScans", "前面还有 %1 人等候").replace(
            "%1", str(status.people_ahead)) if status.people_ahead
            else translate("KioskScans", "前面无人等候，请留意叫号"))
        lines.append(translate("KioskScans", "预计等候：%1").replace(
            "%1", wait_text(status.estimated_wait_minutes or 0)))
        windows = window_numbers_text(status.window_numbers)
        if windows:
            lines.append(translate("KioskScans", "办理窗口：%1窗口").replace("%1", windows))
    elif status.status in (scan.CALLED, scan.SERVING):
        title = translate("KioskScans", "%1 号 · 已叫号").replace("%1", code)
        lines.append(translate("KioskScans", "请到 %1 号窗口办理").replace(
            "%1", str(status.window_number)) if status.window_number
            else translate("KioskScans", "请留意大厅叫号屏"))
    elif status.status == scan.FINISHED:
        title = translate("KioskScans", "%1 号 · 已办结").replace("%1", code)
        lines.append(translate("KioskScans", "此号已在 %1 号窗口办结").replace(
            "%1", str(status.window_number or "")))
    elif status.status == scan.NO_SHOW:
        title = translate("KioskScans", "%1 号 · 已过号").replace("%1", code)
        lines.append(translate("KioskScans", "请到窗口说明，工作人员可为您重新排队"))
    else:
        title = translate("KioskScans", "%1 号 · 已失效").replace("%1", code)
        lines.append(translate("KioskScans", "此号票已失效，请重新取号"))
    return title, "\n".join(lines)


def card_hint() -> str:
    return translate("KioskScans", "请先选择要办理的事项，在取号页面将身份证放在读卡区")


class KioskDevices(QObject):
    """Wires the card reader and the scanners (any of them may be None) to the kiosk."""

    def __init__(self, controller, *, card=None, scan_keys=None, serial_scan=None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.window = controller.window
        self.card, self.scan_keys, self.serial_scan = card, scan_keys, serial_scan
        self.runner = ActionRunner(RETRY_DELAYS_MS, parent=self)
        self.runner.read_succeeded.connect(self._routed)
        self.runner.read_failed.connect(self._route_failed)
        controller.card_reader = card  # the take screen's prompt asks about it
        if card is not None:
            card.card_read.connect(self.card_placed)
            card.card_failed.connect(self._card_failed)
            card.reader_down.connect(self._reader_changed)
            card.reader_back.connect(self._reader_changed)
        for source in (scan_keys, serial_scan):
            if source is not None:
                source.code_scanned.connect(self.code_scanned)
        # a notice's QR code scanned while the 办件编号 field had the focus
        self.window.case_lookup.link_scanned.connect(self.code_scanned)

    def start(self, app: QObject) -> None:
        if self.scan_keys is not None:
            self.scan_keys.start(app)
        for device in (self.card, self.serial_scan):
            if device is not None:
                device.start()

    def stop(self) -> None:
        for device in (self.scan_keys, self.card, self.serial_scan):
            if device is not None:
                device.stop()
        self.runner.shutdown()

    @property
    def _blocked(self) -> bool:
        """A tap is being answered (its outcome comes next) or the kiosk is waiting."""
        return self.controller.taps.busy or self.window.message.waiting

    # --- the ID card ----------------------------------------------------------------

    def card_placed(self, reading: CardReading) -> None:
        w, c = self.window, self.controller
        c.idle.timer.start()  # a citizen is here
        if self._blocked or w.current() is w.ticket:
            return  # the ticket just taken is on screen (or being taken)
        if w.current() is w.take and w.take.item_code:
            w.message.dismiss()  # a refusal of an earlier card or tap
            c.take_ticket(w.take.item_code, "none", card=reading)
            return
        c.show_error(translate("KioskScans", "刷身份证取号"), card_hint())

    def _card_failed(self, error: IdCardError) -> None:
        if not self._blocked and self.window.current() is not self.window.ticket:
            self.controller.show_error(translate("KioskScans", "读卡失败"), error.message_zh)

    def _reader_changed(self, *_: object) -> None:
        if self.window.current() is self.window.take:
            self.controller.show_card_prompt()

    # --- scans ----------------------------------------------------------------------

    def code_scanned(self, text: str) -> None:
        self.controller.idle.timer.start()
        if self._blocked:
            log.info("a scan while a tap is answered: ignored")
            return
        self.runner.read("scan", scan.route_scan, self.controller.ctx, text)

    def _routed(self, _name: str, route) -> None:
        c, w = self.controller, self.window
        if self._blocked:
            return
        if isinstance(route, scan.CheckIn):
            w.message.dismiss()
            c.open_check_in()
            w.check_in.field.setText(route.code)
            w.check_in.show_digits(route.code)
        elif isinstance(route, scan.CaseFound):
            c.cases.show_view(route.view)
            c.scan_shown.emit(route)
        elif isinstance(route, scan.TicketStatus):
            title, text = ticket_status_text(route)
            w.message.show_message(title, text, warning=False)
            c.scan_shown.emit(route)
        else:
            c.show_error(translate("KioskScans", "无法识别"), route.message_zh)
            c.scan_shown.emit(route)

    def _route_failed(self, _name: str, error: BaseException) -> None:
        if isinstance(error, KioskError):
            self.controller.show_error(translate("KioskScans", "无法识别"), error.message_zh)
        else:
            log.error("routing a scan failed: %s", error)
            self.controller.show_error(translate("KioskController", "系统繁忙"), busy_text())
