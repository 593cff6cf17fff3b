"""What the kiosk reads (catalog with the queues' states, the states alone, most-used
items, guides with their 办理数量, settings), off the GUI thread, and what the citizen
sees while a read is awaited.

Each read runs on the read worker of an ``ActionRunner`` of its own (a read whose
database is away never holds up a ticket tap, and the other way round); its result
comes back as a signal in the GUI thread, so a slow LAN never freezes the touch screen.
The guide the citizen tapped says 请稍候 after ``WAIT_NOTICE_MS``, offers a way out
while the database does not answer, and is given up after ``GIVE_UP_MS``. Reads nobody
stands waiting for (the home lists, counts, settings) are retried quietly until the
database answers.
"""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.errors import KioskError
from kiosk.queue.actions import rehearsal
from kiosk.queue.reads import hall as hall_reads, kiosk as kiosk_reads
from kiosk.queue.store.context import HallContext
from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.message import MessagePanel
from kiosk.ui.kiosk.taps import (
    GIVE_UP_MS, RETRY_DELAYS_MS, WAIT_NOTICE_MS, busy_text, single_shot, title_for,
)
from kiosk.ui.runner import ActionRunner

log = logging.getLogger(__name__)

MOST_USED = 6


def guide_with_counts(ctx: HallContext, item_code: str
                      ) -> tuple[hall_reads.ItemGuide, tuple[int, int] | None]:
    """An item's guide and its 办理数量 (None when only the counts were refused)."""
    guide = hall_reads.item_guide(ctx, item_code)
    try:
        counts = hall_reads.handled_counts(ctx, item_code)
    except KioskError as exc:
        log.info("handled counts of %s refused: %s", item_code, exc.message_en)
        counts = None
    return guide, counts


class ScreenReads(QObject):
    """The kiosk's reads; results arrive as signals in the GUI thread."""

    #: the catalog was read (a KioskCatalog)
    catalog_loaded = Signal(object)
    #: every queue's state was read again (a KioskQueues)
    queues_loaded = Signal(object)
    #: the most-used items were read: [(item code, name)]
    most_used_loaded = Signal(list)
    #: the guide the citizen asked for was read: (ItemGuide, (year, today) or None)
    guide_loaded = Signal(object, object)
    #: an item's 办理数量 were read: (item code, (year, today))
    counts_loaded = Signal(str, object)
    #: the hall's settings were read again (a Settings)
    settings_loaded = Signal(object)
    #: a read the citizen waited for was refused or given up: (title, Chinese text)
    refused = Signal(str, str)

    def __init__(self, ctx: HallContext, message: MessagePanel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = message
        self.runner = ActionRunner(RETRY_DELAYS_MS, parent=self)
        #: the item whose guide the citizen waits for
        self.wanted_guide: str | None = None
        self._counts_code: str | None = None
        self._showing = False           # the message panel's wait is this object's
        self._wait_notice = single_shot(self, WAIT_NOTICE_MS, self._show_wait_notice)
        self._give_up = single_shot(self, GIVE_UP_MS, self._give_up_waiting)
        self.runner.read_succeeded.connect(self._read)
        self.runner.read_failed.connect(self._refused)
        self.runner.went_offline.connect(self._database_away)
        message.cancelled.connect(self._cancel_waiting)

    @property
    def idle(self) -> bool:
        return self.runner.idle

    # --- asking -------------------------------------------------------------------------

    def load_catalog(self) -> None:
        self.runner.read("catalog", kiosk_reads.kiosk_catalog, self.ctx)

    def load_queues(self) -> None:
        self.runner.read("queues", kiosk_reads.queue_states, self.ctx)

    def load_most_used(self) -> None:
        self.runner.read("most_used", hall_reads.most_used_items, self.ctx, MOST_USED)

    def rehearse_issue(self, item_code: str) -> None:
        """Issue a ticket and roll it back, off screen, so the first citizen's ticket is
        not the one that prepares the statements (``actions.rehearsal``)."""
        self.runner.read("rehearsal", rehearsal.rehearse_issue, self.ctx, item_code)

    def load_settings(self) -> None:
        self.runner.read("settings", hall_reads.effective_settings, self.ctx)

    def load_counts(self, item_code: str) -> None:
        self._counts_code = item_code
        self.runner.read("counts", hall_reads.handled_counts, self.ctx, item_code)

    def open_guide(self, item_code: str) -> None:
        """Read ``item_code``'s guide for the citizen who tapped it (a later tap on
        another item replaces this one)."""
        self.wanted_guide = item_code
        self.runner.read("guide", guide_with_counts, self.ctx, item_code)
        self._wait_notice.start()
        self._give_up.start()

    def forget(self) -> None:
        """Nobody waits for a guide any more (the idle reset, 首页)."""
        if self.wanted_guide is not None:
            self.wanted_guide = None
            self._end_waiting()

    def stop(self) -> None:
        self._wait_notice.stop()
        self._give_up.stop()
        self.runner.shutdown()

    # --- what the runner reports --------------------------------------------------------

    def _read(self, name: str, value: Any) -> None:
        if name == "catalog":
            self.catalog_loaded.emit(value)
        elif name == "queues":
            self.queues_loaded.emit(value)
        elif name == "most_used":
            self.most_used_loaded.emit(list(value))
        elif name == "settings":
            self.settings_loaded.emit(value)
        elif name == "counts":
            if self._counts_code is not None:
                self.counts_loaded.emit(self._counts_code, value)
        elif name == "guide":
            guide, counts = value
            if guide.code != self.wanted_guide:
                return          # an earlier tap's guide, or one nobody waits for now
            self.wanted_guide = None
            self._end_waiting()
            self.guide_loaded.emit(guide, counts)

    def _refused(self, name: str, error: BaseException) -> None:
        quiet = name not in ("catalog", "guide")
        if isinstance(error, KioskError):
            log.info("%s read refused: %s", name, error.message_en)
            title, text = title_for(error), error.message_zh
        else:
            log.error("%s read failed: %s", name, error)
            title, text = translate("KioskController", "系统繁忙"), busy_text()
        if name == "guide":
            if self.wanted_guide is None:
                return
            self.wanted_guide = None
            self._end_waiting()
        if not quiet:
            self.refused.emit(title, text)

    def _show_wait_notice(self) -> None:
        if self.wanted_guide is None or self.message.waiting:
            return
        if self.runner.offline:         # already known to be away: offer the way out
            self._offer_way_out()
            return
        self._showing = True
        self.message.show_waiting(translate("KioskController", "正在打开办事指南…"))

    def _database_away(self, reason: str) -> None:
        log.warning("kiosk reads wait for the database: %s",
                    reason.splitlines()[0] if reason else "no answer")
        if self.wanted_guide is not None:
            self._offer_way_out()

    def _offer_way_out(self) -> None:
        if self.wanted_guide is not None:
            self._showing = True
            self.message.show_waiting(
                translate("KioskController", "系统繁忙，正在重试…"),
                cancel_text=translate("KioskController", "不等了，返回"))

    def _give_up_waiting(self) -> None:
        if self.wanted_guide is None:
            return
        log.error("the guide of %s given up after %.1f s without the database",
                  self.wanted_guide, self._give_up.interval() / 1000)
        self.wanted_guide = None
        self._end_waiting()
        self.refused.emit(translate("KioskController", "系统繁忙"), busy_text())

    def _cancel_waiting(self) -> None:
        """The citizen chose not to wait for the guide any longer."""
        if self.wanted_guide is not None:
            log.info("the guide of %s cancelled by the citizen", self.wanted_guide)
            self.wanted_guide = None
            self._end_waiting()

    def _end_waiting(self) -> None:
        self._wait_notice.stop()
        self._give_up.stop()
        if self._showing:
            self._showing = False
            self.message.end_waiting()
