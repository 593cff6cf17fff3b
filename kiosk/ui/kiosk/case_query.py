"""What the kiosk's 办件查询 does: the lookup off the GUI thread, the wait, and the
limit on wrong tries (``reads.case_lookup``, counted for this kiosk as a whole).

The citizen stands waiting for the answer, so it is awaited as a guide is: 请稍候 after
``WAIT_NOTICE_MS``, a way out while the database does not answer, given up after
``GIVE_UP_MS``. Only one lookup runs at a time (a second tap cannot race the count);
an answer nobody waits for any more (首页, the idle reset) is dropped.
"""
from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QObject, Signal

from kiosk.errors import KioskError, NotFound
from kiosk.queue.reads.case_lookup import lookup_limited
from kiosk.queue.reads.case_lookup import CitizenView
from kiosk.queue.rules.lookup_tries import TooManyTries, WrongTries
from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.taps import (
    GIVE_UP_MS,
    RETRY_DELAYS_MS,
    WAIT_NOTICE_MS,
    busy_text,
    single_shot,
    title_for,
)
from kiosk.ui.runner import ActionRunner

log = logging.getLogger(__name__)

#: the one key this kiosk's wrong tries are counted under
KIOSK = "kiosk"
#: a number that would be shown to the citizen as the example of the hall's format
EXAMPLE_SEQ = 123


def example_case_no(number_format: str, hall_code: str, year: int) -> str:
    """What the hall's 办件编号 look like (``cases.number_format``), or "" if unknown."""
    try:
        return number_format.format(hall=hall_code.upper(), year=year, seq=EXAMPLE_SEQ)
    except (KeyError, IndexError, ValueError):
        return ""


def _look_up(ctx, tries: WrongTries, asked: int, case_no: str, digits: str):
    """On the read worker: (which lookup, its CitizenView or its refusal)."""
    try:
        return asked, lookup_limited(ctx, tries, case_no, digits, key=KIOSK)
    except KioskError as exc:
        return asked, exc


class CaseQuery(QObject):
    """Wires home's 办件查询, the two case screens and scanned notices together."""

    case_shown = Signal(object)     # a CitizenView is on the result screen
    lookup_ended = Signal()         # a lookup has its outcome on screen, or was let go

    def __init__(self, controller, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ctx = controller.ctx
        self.window = w = controller.window
        settings = controller.settings
        self.tries = WrongTries(settings.get("cases.lookup_tries"), dt.timedelta(
            minutes=settings.get("cases.lookup_minutes")), clock=self.ctx.clock.now)
        self.runner = ActionRunner(RETRY_DELAYS_MS, parent=self)
        self._asked = 0                  # lookups asked so far
        self._awaited: int | None = None  # the one the citizen waits for
        self._showing = False
        self._wait_notice = single_shot(self, WAIT_NOTICE_MS, self._show_wait_notice)
        self._give_up = single_shot(self, GIVE_UP_MS, self._give_up_waiting)
        self.runner.read_succeeded.connect(self._answered)
        self.runner.read_failed.connect(self._failed)
        self.runner.went_offline.connect(self._database_away)
        w.message.cancelled.connect(self._cancel_waiting)
        w.home.case_lookup_requested.connect(self.open)
        w.case_lookup.lookup_requested.connect(self.look_up)
        w.case_result.another_requested.connect(self.open)
        w.case_result.finished.connect(controller.go_home)
        controller.reset_done.connect(self.forget)

    def open(self) -> None:
        w = self.window
        settings = self.controller.settings
        w.case_lookup.set_example(example_case_no(
            settings.get("cases.number_format"), self.ctx.hall_code,
            self.controller.local_now().year))
        w.case_lookup.clear_input()
        w.show_screen(w.case_lookup, remember=w.current() is not w.case_result)

    def look_up(self, case_no: str, digits: str) -> None:
        w = self.window
        if w.current() is not w.case_lookup or self._awaited is not None:
            return
        if len(digits) != 4 or not digits.isdigit():
            self.controller.show_error(translate("KioskController", "请检查输入"),
                                       translate("CaseQuery", "请输入手机号码后四位数字"))
            return
        self._asked += 1
        self._awaited = self._asked
        w.case_lookup.set_busy(True)
        self.runner.read("case", _look_up, self.ctx, self.tries, self._asked, case_no,
                         digits)
        self._wait_notice.start()
        self._give_up.start()

    def show_view(self, view: CitizenView) -> None:
        """A case to show (looked up, or a notice scanned anywhere)."""
        w = self.window
        w.message.dismiss()
        w.case_result.show_view(view)
        w.show_screen(w.case_result, remember=w.current() is not w.case_lookup)
        self.case_shown.emit(view)

    def forget(self) -> None:
        """Nobody waits for a lookup any more (the idle reset)."""
        if self._awaited is not None:
            self._awaited = None
            self._end_waiting()

    def stop(self) -> None:
        self._wait_notice.stop()
        self._give_up.stop()
        self.runner.shutdown()

    # --- what the runner reports --------------------------------------------------------

    def _answered(self, _name: str, value) -> None:
        asked, outcome = value
        if asked != self._awaited:
            return                      # an earlier lookup, or one nobody waits for now
        self._awaited = None
        self._end_waiting()
        w = self.window
        if w.current() is not w.case_lookup:
            return
        if isinstance(outcome, CitizenView):
            self.show_view(outcome)
        elif isinstance(outcome, TooManyTries):
            w.case_lookup.clear_digits()
            self.controller.show_error(translate("CaseQuery", "暂停查询"), outcome.message_zh)
        elif isinstance(outcome, NotFound):
            w.case_lookup.clear_digits()
            self.controller.show_error(translate("KioskController", "没有找到"),
                                       self._wrong_text(outcome))
        else:
            log.info("case lookup refused: %s", outcome.message_en)
            self.controller.show_error(title_for(outcome), outcome.message_zh)
        self.lookup_ended.emit()

    def _wrong_text(self, refusal: NotFound) -> str:
        """The refusal, and from two tries before the pause on, how near it is."""
        left = self.tries.left(KIOSK)
        minutes = str(round(self.tries.window.total_seconds() / 60))
        if left > 2:
            return refusal.message_zh
        if left == 0:
            return refusal.message_zh + "\n" + translate(
                "CaseQuery", "输错次数过多，本机暂停办件查询 %1 分钟，可到服务台咨询").replace(
                "%1", minutes)
        return refusal.message_zh + "\n" + translate(
            "CaseQuery", "再输错 %1 次，本机将暂停办件查询 %2 分钟").replace(
            "%1", str(left)).replace("%2", minutes)

    def _failed(self, _name: str, error: BaseException) -> None:
        log.error("case lookup failed: %s", error)
        if self._awaited is None:
            return
        self._awaited = None
        self._end_waiting()
        self.controller.show_error(translate("KioskController", "系统繁忙"), busy_text())
        self.lookup_ended.emit()

    def _show_wait_notice(self) -> None:
        if self._awaited is None or self.window.message.waiting:
            return
        if self.runner.offline:
            self._offer_way_out()
            return
        self._showing = True
        self.window.message.show_waiting(translate("CaseQuery", "正在查询办件…"))

    def _database_away(self, reason: str) -> None:
        log.warning("the case lookup waits for the database: %s",
                    reason.splitlines()[0] if reason else "no answer")
        self._offer_way_out()

    def _offer_way_out(self) -> None:
        if self._awaited is not None:
            self._showing = True
            self.window.message.show_waiting(
                translate("KioskController", "系统繁忙，正在重试…"),
                cancel_text=translate("KioskController", "不等了，返回"))

    def _give_up_waiting(self) -> None:
        if self._awaited is None:
            return
        log.error("a case lookup given up after %.1f s without the database",
                  self._give_up.interval() / 1000)
        self._awaited = None
        self._end_waiting()
        self.controller.show_error(translate("KioskController", "系统繁忙"), busy_text())
        self.lookup_ended.emit()

    def _cancel_waiting(self) -> None:
        if self._awaited is not None:
            self._awaited = None
            self._end_waiting()
            self.lookup_ended.emit()

    def _end_waiting(self) -> None:
        self._wait_notice.stop()
        self._give_up.stop()
        self.window.case_lookup.set_busy(False)
        if self._showing:
            self._showing = False
            self.window.message.end_waiting()
