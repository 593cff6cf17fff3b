"""The queue states on the kiosk's tiles, and refusing before the third tap.

Every item tile says whether its queue takes tickets now (等候 3 人, 已满, 已停止取号,
13:30 后可取号); a tap on a refused tile explains why, naming the item and when tickets
resume, instead of leading to the guide and the 取号 screen first. The states come with
the catalog and are read again (``reads.kiosk.queue_states``) when the feed reports a
change, when a ticket is taken here, and when the hall's clock passes the moment the
last read said a state would change by itself. Mixed into ``KioskController``.
"""
from __future__ import annotations

import datetime as dt

from kiosk.clock import hall_time
from kiosk.errors import ServiceUnavailable
from kiosk.queue.reads.kiosk import QueueState
from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.queue_words import refusal_text, tile_status
from kiosk.ui.kiosk.taps import title_for


class QueueTiles:
    """The controller's part that keeps tiles and refusals in step with the queues."""

    def local_now(self) -> dt.datetime:
        timezone = self.catalog.timezone if self.catalog else "Asia/Shanghai"
        return hall_time(self.ctx.clock.now(), timezone)

    def item_state(self, item_code: str) -> QueueState | None:
        """The state of the queue ``item_code``'s tickets join, or None (not known)."""
        item = self.catalog.item(item_code) if self.catalog else None
        return self.catalog.item_state(item) if item is not None else None

    def item_status(self, item_code: str) -> tuple[str, bool]:
        """(status line, refused) for an item's tile."""
        state = self.item_state(item_code)
        return tile_status(state, self.local_now()) if state else ("", False)

    def load_queues(self) -> None:
        """Read every queue's state again (the feed reported a change, a ticket was
        taken here, or the clock passed a period's end or start)."""
        self.reads.load_queues()

    def _queues_loaded(self, queues) -> None:
        if self.catalog is None:
            return
        self.catalog = self.catalog.with_queues(queues)
        self._show_queue_states()
        self.queues_shown.emit()

    def _show_queue_states(self) -> None:
        now = self.local_now()
        w = self.window
        w.home.show_states(self.catalog, now)
        w.home.update_most_used(lambda code: self.item_status(code))
        if w.department.department_code:
            department = self.catalog.department(w.department.department_code)
            if department is not None:
                w.department.show_states(self.catalog, department, now)
        w.search.refresh_states()
        if self._refused_item and w.message.isVisible():
            self._explain_refusal(self._refused_item, update=True)

    def _check_queue_clock(self) -> None:
        """A state changes by the clock alone at a period's end or start: read again
        once the hall's clock passes the moment the last read said."""
        queues = self.catalog.queues if self.catalog else None
        if queues is None or queues.valid_until == self._queues_due:
            return
        if self.local_now() >= queues.valid_until:
            self._queues_due = queues.valid_until
            self.load_queues()

    def choose_item(self, item_code: str) -> None:
        """An item's tile was tapped: its guide, or why no ticket can be taken now (a
        refused tile explains at once; its guide is one more tap away)."""
        state = self.item_state(item_code)
        if state is not None and not state.open:
            self._explain_refusal(item_code, offer_guide=True)
            return
        self.open_guide(item_code)

    def _explain_refusal(self, item_code: str, *, offer_guide: bool = False,
                         update: bool = False) -> bool:
        """Show (or, with ``update``, refresh) why ``item_code`` takes no tickets now;
        False when its queue is open after all."""
        state = self.item_state(item_code)
        item = self.catalog.item(item_code) if self.catalog else None
        if state is None or item is None or state.open:
            return False
        text = refusal_text(item.name, state, self.local_now())
        if update:
            self.window.message.set_text(text)
            return True
        self._explained_item = item_code if offer_guide else None
        self.window.message.show_message(
            translate("KioskController", "暂时无法取号"), text,
            translate("KioskController", "查看办事指南") if offer_guide else "")
        self.error_shown.emit(text)
        return True

    def _explained_action(self) -> None:
        """查看办事指南 under a refused tile's explanation."""
        if self._explained_item:
            code, self._explained_item = self._explained_item, None
            self.open_guide(code)

    def _tap_refused(self, title: str, text: str) -> None:
        """A refused ticket names the item chosen; the queues are read again, and the
        message says when tickets resume once they are in."""
        item_code, self._issuing_item = self._issuing_item, None
        item = self.catalog.item(item_code) if item_code and self.catalog else None
        if item is None or title != title_for(ServiceUnavailable("", "")):
            self.show_error(title, text)  # not the queue's refusal (a busy database…)
            return
        if item.name not in text:
            text = translate("KioskController", "“%1”：%2").replace(
                "%1", item.name).replace("%2", text)
        self.show_error(title, text)
        self._refused_item = item.code
        self.load_queues()
