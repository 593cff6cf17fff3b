"""The main screen's right column: the queues and today's figures, or, while an action
asks for details, that action's form in their place (a form never squeezes the ticket
in hand, which keeps the left column). Builds the forms and prepares the one opened;
what is done with its values is the main screen's business."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from kiosk.queue.reads.window import WindowScreen
from kiosk.queue.snapshots import TicketView
from kiosk.ui.i18n import translate
from window_client.clerk.forms import (
    FinishForm, InquiryForm, NoShowForm, NumberForm, PauseForm, TransferForm,
)
from window_client.clerk.forms_base import FormPanel
from window_client.clerk.panels import FiguresPanel, QueuePanel


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` at its full width, scrolling vertically when the screen is too short."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(widget)
    return area


class FormStack(QStackedWidget):
    #: the form of this action was submitted (its button, or Enter)
    submitted = Signal(str)
    #: the open form was cancelled
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        info = QWidget()
        right = QVBoxLayout(info)
        right.setContentsMargins(0, 0, 0, 0)
        self.queue_panel = QueuePanel()
        self.figures_panel = FiguresPanel()
        right.addWidget(self.queue_panel, 1)
        right.addWidget(self.figures_panel, 0)   # its lines whole; the queues take the rest
        self.addWidget(scrolling(info))           # index 0: no form open
        self.finish_form = FinishForm()
        self.transfer_form = TransferForm()
        self.call_form = NumberForm(translate("WindowMain", "指定叫号：输入号码"),
                                    translate("WindowMain", "叫这个号"))
        self.requeue_form = NumberForm(translate("WindowMain", "过号重排：输入回来的过号号码"),
                                       translate("WindowMain", "重新排队"))
        self.pause_form = PauseForm()
        self.inquiry_form = InquiryForm()
        self.no_show_form = NoShowForm()
        self._form_of: dict[str, FormPanel] = {
            "finish": self.finish_form, "transfer": self.transfer_form,
            "call_number": self.call_form, "requeue": self.requeue_form,
            "pause": self.pause_form, "inquiry": self.inquiry_form,
            "no_show": self.no_show_form}
        for action, form in self._form_of.items():
            self.addWidget(form)
            form.submitted.connect(lambda a=action: self.submitted.emit(a))
            form.cancelled.connect(self.cancelled)
        # 办结并叫号 asks for the outcome on the finish form (unless it is obvious)
        self._form_of["finish_and_call"] = self.finish_form

    def has_form(self, action: str) -> bool:
        return action in self._form_of

    def open(self, action: str, current: TicketView | None, screen: WindowScreen | None,
             item_kind: str | None, now: dt.datetime, no_show_key: str) -> None:
        """Show ``action``'s form, filled in for the ticket in hand, its first field
        focused."""
        form = self._form_of[action]
        code = current.code if current else ""
        if action in ("finish", "finish_and_call"):
            same = bool(screen and screen.current and current
                        and screen.current.id == current.id)
            form.prepare(code, item_kind, and_call=action == "finish_and_call",
                         supply_later=screen.current_supply_later if same else ())
        elif action == "transfer":
            form.prepare(code, screen)
        elif action == "no_show":
            form.prepare(current, screen, now, no_show_key)
        else:
            form.prepare()
        self.setCurrentWidget(form)
        field = form.first_field()
        if field is not None:
            field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_info(self) -> None:
        """The queues and figures again (no form open)."""
        self.setCurrentIndex(0)
