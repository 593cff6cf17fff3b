"""The clerk's main screen: header, message area, the ticket in hand, queues, today's
figures, the inline forms and the action bar. Every action goes to the core through the
ActionRunner; the screen shows the action's own result at once and refreshes the rest
from a snapshot read (after its own actions and on feed events)."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.queue.actions import calling, inquiry, priority_check, serving, windows
from kiosk.queue.rules.at_counter import no_show_too_soon

from kiosk.queue.reads import cases as case_reads, window as window_reads
from kiosk.queue.store.context import HallContext
from kiosk.queue.snapshots import ActionResult, TicketView, WindowView
from kiosk.queue.reads.window import WindowScreen
from kiosk.ui.i18n import translate
from window_client.clerk.action_bar import ActionBar
from window_client.banner import MessageArea
from window_client.clerk.form_stack import FormStack, scrolling
from window_client.clerk.forms import NumberForm
from window_client.clerk.panels import TicketPanel, local_hm
from kiosk.ui.runner import ActionRunner
from window_client.clerk.texts import (
    action_message, disabled_reasons, promise_text, window_title,
)
from window_client.style import TOUCH_MIN_H

#: actions this screen submits (sign_in and sign_out belong to the client)
SCREEN_ACTIONS = {"call_next", "recall", "start", "no_show", "finish", "finish_and_call",
                  "transfer", "call_number", "requeue", "pause", "resume", "inquiry",
                  "confirm_priority", "reject_priority"}
TICK_MS = 5000
#: the next-up list's length: what fits a 768 px high screen with its marks
NEXT_UP = 4


class MainScreen(QWidget):
    #: the ticket panel now shows this code ("" when the window has no ticket)
    ticket_shown = Signal(str)
    #: someone else holds this window now, or it was closed (message for the login page)
    window_lost = Signal(str)
    #: the clerk asked for the 办件 page
    cases_requested = Signal()
    #: a finish registered this case (办件编号)
    case_registered = Signal(str)

    def __init__(self, ctx: HallContext, runner: ActionRunner, actions: ActionBar,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self.staff_no = ""
        self.window_number = 0
        self._window: WindowView | None = None
        self._current: TicketView | None = None
        self._item_kind: str | None = None
        self._screen: WindowScreen | None = None
        self._online = True
        self._form_action: str | None = None
        self._why: dict[str, str] = {}
        #: (办件编号, the finish's message) until the case's promised date is read
        self._case_message: tuple[str, str] | None = None
        #: events up to this id are already on screen (the refresh after our own action
        #: started after it committed), so their feed batch needs no refresh of its own
        self.covered_event_id = 0
        self.actions = actions
        self._build()
        runner.action_succeeded.connect(self._on_succeeded)
        runner.action_failed.connect(self._on_failed)
        runner.read_succeeded.connect(self._on_read)
        runner.read_failed.connect(self._on_read_failed)
        actions.action_requested.connect(self.handle)
        self._ticker = QTimer(self)
        self._ticker.timeout.connect(
            lambda: self.ticket_panel.tick(self._ctx.clock.now()))
        self._ticker.start(TICK_MS)

    # --- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)     # every pixel counts at 1024x768
        layout.setSpacing(6)
        self.header = QLabel("")
        self.header.setObjectName("heading")
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        # beside the message, whose height it shares: a 768 px screen keeps its rows
        self.cases_button = QPushButton(translate("WindowMain", "办件管理"))
        self.cases_button.setMinimumHeight(TOUCH_MIN_H)
        self.cases_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cases_button.clicked.connect(self.cases_requested)
        self.message = MessageArea()
        top = QHBoxLayout()
        top.addWidget(self.message, 1)
        top.addWidget(self.cases_button)
        layout.addLayout(top)
        # The ticket in hand keeps the left column whole. The right column shows the
        # queues and today's figures, or, while one is open, the action's form in their
        # place: a form never squeezes the ticket's details, and the ticket stays in view
        # while its form is filled in. Both columns scroll rather than overlap when the
        # screen is short.
        middle = QHBoxLayout()
        self.ticket_panel = TicketPanel()
        # a paused window has no ticket in hand: the notice takes the ticket's column,
        # so the queues keep their room on a 768 px screen
        self.pause_notice = QLabel("")
        self.pause_notice.setObjectName("banner")
        self.pause_notice.setWordWrap(True)
        self.pause_notice.hide()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.pause_notice)
        column.addWidget(self.ticket_panel, 1)
        self.ticket_scroll = scrolling(left)
        middle.addWidget(self.ticket_scroll, 5)
        self.forms = FormStack()
        self.forms.submitted.connect(self._submit_form)
        self.forms.cancelled.connect(self.close_form)
        forms = self.forms
        self.queue_panel, self.figures_panel = forms.queue_panel, forms.figures_panel
        self.finish_form, self.transfer_form = forms.finish_form, forms.transfer_form
        self.call_form, self.requeue_form = forms.call_form, forms.requeue_form
        self.pause_form, self.inquiry_form = forms.pause_form, forms.inquiry_form
        self.no_show_form = forms.no_show_form
        middle.addWidget(self.forms, 4)
        layout.addLayout(middle, 1)
        layout.addWidget(self.actions)
        check = self.ticket_panel.check_box
        check.confirm_requested.connect(
            lambda code: self._check_priority("confirm_priority", code))
        check.reject_requested.connect(
            lambda code: self._check_priority("reject_priority", code))

    # --- signing in and refreshing ------------------------------------------------------

    def begin(self, window: WindowView, staff_no: str, message: str) -> None:
        """A clerk signed in at ``window``: start from what the sign-in returned."""
        self.staff_no = staff_no
        self.window_number = window.number
        self._screen = None
        self._item_kind = None
        self.close_form()
        self._window = window
        self._show_current(None)
        self._show_window()
        self.message.show_done(message)
        self.refresh()

    def refresh(self) -> None:
        if self.window_number:
            self._runner.read("window_screen", window_reads.window_screen, self._ctx,
                              self.window_number, NEXT_UP)

    @property
    def window_view(self) -> WindowView | None:
        """The signed-in window as last read."""
        return self._window

    def set_online(self, online: bool) -> None:
        self._online = online
        self._update_actions()

    def _on_read(self, name: str, screen) -> None:
        if name == "registered_case":
            self._show_promise(screen)
            return
        if name != "window_screen" or not self.window_number \
                or screen.window.number != self.window_number:
            return
        if screen.window.staff_no != self.staff_no or screen.window.state == "closed":
            self._lose_window(screen.window)
            return
        self._screen = screen
        self._window = screen.window
        self._item_kind = screen.current_item_kind
        self._show_current(screen.current)
        self._show_window()
        self.queue_panel.show_screen(screen)
        self.figures_panel.show_figures(screen.today)

    def _on_read_failed(self, name: str, error) -> None:
        if name == "window_screen":
            self.message.show_error(getattr(error, "message_zh", translate("WindowMain", "读取失败")))

    def _lose_window(self, window: WindowView) -> None:
        if window.staff_no and window.staff_no != self.staff_no:
            text = translate("WindowMain", "{n} 号窗口已由 {name}（工号 {no}）接管，您已退出").format(
                n=window.number, name=window.staff_name, no=window.staff_no)
        else:
            text = translate("WindowMain", "{n} 号窗口已关闭，请重新登录").format(n=window.number)
        self.window_number = 0
        self.close_form()
        self.window_lost.emit(text)

    # --- what is shown ----------------------------------------------------------------

    def _show_current(self, ticket: TicketView | None) -> None:
        self._current = ticket
        screen = self._screen
        recall_max = screen.recall_max if screen else 0
        # the claim's check comes with the screen's read of this very ticket
        needs_check = bool(ticket and screen and screen.current
                           and screen.current.id == ticket.id and screen.current_needs_check)
        self.ticket_panel.show_ticket(ticket, recall_max, self._timezone(),
                                      self._ctx.clock.now(), needs_check)
        self._update_actions()
        self.ticket_shown.emit(ticket.code if ticket else "")

    def _timezone(self) -> str:
        return self._screen.timezone if self._screen else "Asia/Shanghai"

    def _show_window(self) -> None:
        window = self._window
        if window is None:
            return
        paused = window.state == "paused"
        state = translate("WindowMain", "暂停服务") if paused else translate("WindowMain", "服务中")
        self.header.setText(translate("WindowMain", "{window} · {staff}（工号 {no}） · "
                                      "状态：{state}").format(
            window=window_title(window.number, window.name), staff=window.staff_name or "",
            no=window.staff_no or "", state=state))
        if paused:
            back = local_hm(window.pause_back_at, self._timezone()) \
                if window.pause_back_at else translate("WindowMain", "未定")
            key = self.actions.key_text("pause")
            self.pause_notice.setText(translate(
                "WindowMain", "‖ 暂停服务中：{reason} · 预计恢复 {back} · 按［{key}］恢复服务")
                .format(reason=window.pause_reason or "", back=back, key=key))
        self.pause_notice.setVisible(paused)
        self.actions.set_paused(paused)
        self._update_actions()

    def _update_actions(self) -> None:
        self._why = disabled_reasons(
            online=self._online, window=self._window, current=self._current,
            recall_max=self._screen.recall_max if self._screen else None,
            pause_key=self.actions.key_text("pause"))
        self.actions.set_enabled_actions({a for a in self.actions.buttons
                                          if a not in self._why})

    # --- actions ------------------------------------------------------------------------

    def handle(self, action: str) -> None:
        """A key or a button: act, open its form, or say why it cannot be done now."""
        if not self.window_number:
            return
        if self._form_action == action:
            self._submit_form(action)          # the action's key again confirms its form
            return
        if action in self._why:
            self.message.show_error(self._why[action])
            return
        if self._runner.busy:
            self.message.show_info(translate("WindowMain", "上一个操作尚未完成，请稍候"))
            return
        where = {"window": self.window_number, "staff_no": self.staff_no}
        if action == "pause" and self._window is not None and self._window.state == "paused":
            self._submit("resume", windows.resume, **where)
        elif action == "no_show":
            if self._no_show_too_soon():
                self._open_form(action)        # a second after the call: ask first
            else:
                self._submit(action, calling.no_show, **where)
        elif action == "finish_and_call" and self._item_kind == "instant":
            # a 即办件 has one outcome: finish it and call the next in one press
            self._submit(action, serving.finish_and_call_next, **where, outcome="completed")
        elif self.forms.has_form(action):
            self._open_form(action)
        elif action == "call_next":
            self._submit(action, calling.call_next, **where)
        elif action == "recall":
            self._submit(action, calling.recall, **where)
        elif action == "start":
            self._submit(action, serving.start, **where)
        elif action == "sign_out":
            self.close_form()
            self._runner.submit("sign_out", windows.sign_out, self._ctx, **where)

    def _submit(self, action: str, fn, **kwargs) -> None:
        if not self._runner.submit(action, fn, self._ctx, **kwargs):
            self.message.show_info(translate("WindowMain", "上一个操作尚未完成，请稍候"))

    def _open_form(self, action: str) -> None:
        self.forms.open(action, self._current, self._screen, self._item_kind,
                        self._ctx.clock.now(), self.actions.key_text("no_show"))
        self._form_action = action

    def close_form(self) -> None:
        self._form_action = None
        self.forms.show_info()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit_form(self, action: str) -> None:
        if action == "finish" and self._form_action == "finish_and_call":
            action = "finish_and_call"      # the finish form, opened to call next too
        if self._form_action != action or not self.window_number:
            return
        if action in self._why:
            self.message.show_error(self._why[action])
            return
        where = {"window": self.window_number, "staff_no": self.staff_no}
        if action in ("finish", "finish_and_call"):
            if self.finish_form.advance():
                return                       # 受理: on to 受理登记 first
            values = self.finish_form.values()
            if values.get("missing_materials") == []:
                self.message.show_error(translate("WindowMain", "容缺受理：请勾选群众后补的材料"))
                return
            fn = serving.finish if action == "finish" else serving.finish_and_call_next
            self._submit(action, fn, **where, **values)
        elif action == "transfer":
            values = self.transfer_form.values()
            if "to_prefix" not in values and "to_window" not in values:
                self.message.show_error(translate("WindowMain", "请选择转往的业务或窗口"))
                return
            self._submit(action, serving.transfer, **where, **values)
        elif action == "call_number":
            self._submit_code(action, calling.call_number, self.call_form, **where)
        elif action == "requeue":
            self._submit_code(action, calling.requeue, self.requeue_form,
                              staff_no=self.staff_no)
        elif action == "pause":
            self._submit(action, windows.pause, **where,
                         **self.pause_form.values(self._ctx.clock.now()))
        elif action == "inquiry":
            self._submit(action, inquiry.record_first_inquiry, staff_no=self.staff_no,
                         window=self.window_number, **self.inquiry_form.values())
        elif action == "no_show":
            self._submit(action, calling.no_show, **where, confirmed=True)

    def _no_show_too_soon(self) -> bool:
        """The core's 过号 guard, asked before sending (the core enforces it anyway)."""
        ticket, screen = self._current, self._screen
        if ticket is None or screen is None:
            return False
        return no_show_too_soon(ticket.recall_count, ticket.called_at, self._ctx.clock.now(),
                                screen.no_show_min_recalls, screen.no_show_min_seconds)

    def _check_priority(self, action: str, code: str) -> None:
        """绿色通道核验 from the ticket panel's prompt."""
        if not code or not self.window_number:
            return
        if not self._online:
            self.message.show_error(translate("WindowMain", "连接中断，恢复后才能操作"))
            return
        fn = priority_check.confirm_priority if action == "confirm_priority" \
            else priority_check.reject_priority
        self._submit(action, fn, window=self.window_number, staff_no=self.staff_no,
                     code=code)

    def _submit_code(self, action: str, fn, form: NumberForm, **kwargs) -> None:
        code = form.values()["code"]
        if not code:
            self.message.show_error(translate("WindowMain", "请输入号码，如 A012"))
            return
        self._submit(action, fn, code=code, **kwargs)

    # --- results ------------------------------------------------------------------------

    def _on_succeeded(self, action: str, result) -> None:
        if action not in SCREEN_ACTIONS or not self.window_number:
            return
        if self._form_action == action or (action == "recall"
                                           and self._form_action == "no_show"):
            self.close_form()          # a recall answers the 过号 question too
        if isinstance(result, ActionResult) and result.event_id:
            self.covered_event_id = max(self.covered_event_id, result.event_id)
        if isinstance(result, ActionResult) and result.window is not None:
            self._window = result.window
            ticket = result.ticket
            current = ticket if ticket is not None and ticket.state in ("called", "serving") \
                and result.window.current_ticket_id == ticket.id else None
            if current is None or self._current is None or current.id != self._current.id:
                self._item_kind = None     # the refresh that follows brings it
            self._show_current(current)
            self._show_window()
        tone, text = action_message(action, result)
        self.message.show_done(text) if tone == "done" else self.message.show_info(text)
        self._case_message = None
        case_no = result.case_no if isinstance(result, ActionResult) else None
        if case_no:
            self._case_message = (case_no, text)
            self._runner.read("registered_case", case_reads.case_detail, self._ctx, case_no)
            self.case_registered.emit(case_no)
        self.refresh()

    def _show_promise(self, detail: case_reads.CaseDetail) -> None:
        """The finish's message, with the new case's promised date once read."""
        if self._case_message and self._case_message[0] == detail.row.case_no:
            self.message.show_done(self._case_message[1] + promise_text(detail))
            self._case_message = None

    def _on_failed(self, action: str, error) -> None:
        if action not in SCREEN_ACTIONS:
            return
        self._case_message = None
        if action == "no_show" and getattr(error, "details", {}).get("needs_confirmation"):
            self._open_form("no_show")         # the core's guard: ask, as for a fresh call
            self.refresh()
            return
        self.message.show_error(getattr(error, "message_zh", None)
                                or translate("WindowMain", "操作失败，请重试或联系管理员"))
        self.refresh()
