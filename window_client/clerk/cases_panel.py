"""The window client's 办件 page: find a case by its 办件编号 or pick one of this window's
cases, see where it stands, move it (开始办理, 补正告知, 补正材料接收, 容缺材料接收, 办结,
送达 / 领取) and print its notice as an A4 PDF.

Every move and read goes through the client's ActionRunner (off the GUI thread); a
refusal's Chinese message shows in the page's message area. Which buttons are enabled
follows the core's one table of allowed moves (``case_moves.MOVES``); the core checks
again, so a case moved meanwhile by another clerk is refused in words.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QBoxLayout, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
    QSizePolicy, QStackedWidget, QVBoxLayout, QWidget,
)

from kiosk.queue.actions import case_moves
from kiosk.queue.reads import case_desk
from kiosk.queue.reads.cases import OPEN, STATE_ZH
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.models import CaseState
from kiosk.reports.case_notice_pdf import write_notice_pdf
from kiosk.ui.i18n import translate
from kiosk.ui.runner import ActionRunner
from window_client.banner import MessageArea
from window_client.clerk.case_finder import CaseFinder
from window_client.clerk.case_forms import ConcludeForm, ConfirmMove, CorrectionForm
from window_client.clerk.case_view import CaseView
from window_client.clerk.forms_base import FormPanel
from window_client.style import BUTTON_MIN_H, TOUCH_MIN_H

#: button -> the core's move it makes (打印通知书 is not a move)
MOVE_FNS: dict[str, Callable] = {
    "case_processing": case_moves.start_processing,
    "case_step_done": case_moves.finish_step,
    "case_correction_noticed": case_moves.notice_correction,
    "case_correction_received": case_moves.receive_correction,
    "case_supply_received": case_moves.receive_supplied,
    "case_concluded": case_moves.conclude,
    "case_delivered": case_moves.deliver,
    "case_collected": case_moves.collect,
}
#: the moves with their own button (容缺材料接收 is a button on each material)
BUTTONS = ("case_processing", "case_step_done", "case_correction_noticed",
           "case_correction_received", "case_concluded", "case_delivered", "case_collected")
READS = ("case_desk", "case_at_desk", "case_notice_pdf")


def move_labels() -> dict[str, str]:
    return {"case_processing": translate("WindowCases", "开始办理"),
            "case_step_done": translate("WindowCases", "环节完成"),
            "case_correction_noticed": translate("WindowCases", "补正告知"),
            "case_correction_received": translate("WindowCases", "补正材料接收"),
            "case_supply_received": translate("WindowCases", "容缺材料接收"),
            "case_concluded": translate("WindowCases", "办结"),
            "case_delivered": translate("WindowCases", "送达"),
            "case_collected": translate("WindowCases", "领取")}


def allowed(move: str, state: str) -> bool:
    return CaseState(state) in case_moves.MOVES[move][0]


def open_file(path: Path) -> bool:
    """Open a written notice in the PC's PDF viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class CasesPage(QWidget):
    #: the clerk goes back to calling (返回叫号)
    back_requested = Signal()

    def __init__(self, ctx: HallContext, runner: ActionRunner, documents_dir: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.documents_dir = Path(documents_dir)
        self.open_file: Callable[[Path], object] = open_file   # tests put a stub here
        self.window_number, self.staff_no = 0, ""
        self._online = True
        self._shown: case_desk.CaseAtDesk | None = None
        self._wanted = ""              # the case the clerk asked for last
        self._form_move: str | None = None
        self._build()
        runner.action_succeeded.connect(self._on_succeeded)
        runner.action_failed.connect(self._on_failed)
        runner.read_succeeded.connect(self._on_read)
        runner.read_failed.connect(self._on_read_failed)

    # --- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.header = QLabel("")
        self.header.setObjectName("heading")
        self.header.setWordWrap(True)
        self.back_button = QPushButton(translate("WindowCases", "返回叫号（Esc）"))
        self.back_button.setMinimumHeight(TOUCH_MIN_H)
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.back_requested)
        top.addWidget(self.header, 1)
        top.addWidget(self.back_button)
        layout.addLayout(top)
        self.message = MessageArea()
        layout.addWidget(self.message)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.finder = CaseFinder()
        self.finder.lookup_requested.connect(self.look_up)
        self.finder.reload_requested.connect(self.refresh)
        self.columns.addWidget(self.finder, 2)
        self.right = QStackedWidget()
        self.right.addWidget(self._build_detail())
        self.confirm_form, self.correction_form = ConfirmMove(), CorrectionForm()
        self.conclude_form = ConcludeForm()
        for form in (self.confirm_form, self.correction_form, self.conclude_form):
            self.right.addWidget(form)
            form.submitted.connect(lambda f=form: self._submit_form(f))
            form.cancelled.connect(self.close_form)
        self.columns.addWidget(self.right, 3)
        layout.addLayout(self.columns, 1)

    def _build_detail(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.view = CaseView()
        self.view.supply_requested.connect(self._receive_supplied)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.view)
        column.addWidget(scroll, 1)
        self.button_grid = QGridLayout()
        labels = move_labels()
        self.buttons: dict[str, QPushButton] = {}
        for move in (*BUTTONS, "print"):
            text = labels.get(move) or translate("WindowCases", "打印通知书")
            button = QPushButton(text)
            button.setMinimumHeight(BUTTON_MIN_H)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, m=move: self.request(m))
            self.buttons[move] = button
        self._place_buttons(with_step=False)
        column.addLayout(self.button_grid)
        self._update_buttons()
        return page

    def _place_buttons(self, with_step: bool) -> None:
        """Four to a row, in order; 环节完成 only for an item with timed steps."""
        self._with_step = with_step
        shown = [m for m in self.buttons if with_step or m != "case_step_done"]
        for index, move in enumerate(shown):
            self.button_grid.addWidget(self.buttons[move], index // 4, index % 4)
        step = self.buttons["case_step_done"]
        step.setVisible(with_step)
        if not with_step:
            self.button_grid.removeWidget(step)

    def resizeEvent(self, event) -> None:
        portrait = self.height() > self.width()
        self.columns.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                  else QBoxLayout.Direction.LeftToRight)
        super().resizeEvent(event)

    # --- state --------------------------------------------------------------------------

    def begin(self, window: int, staff_no: str, title: str) -> None:
        """The clerk of ``window`` opened the page: read its cases (and the case shown)."""
        self.window_number, self.staff_no = window, staff_no
        self.header.setText(translate("WindowCases", "办件 · {window}").format(window=title))
        self.close_form()
        self.refresh()
        self.finder.case_no.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        """The clerk signed out: nothing of their cases stays on screen."""
        self.window_number, self.staff_no = 0, ""
        self._shown, self._wanted = None, ""
        self.close_form()
        self.finder.case_no.clear()
        self.finder.case_list.clear()
        self.view.show_case(None)
        self._update_buttons()
        self.message.show_info(translate("Messages", "就绪"))

    def set_online(self, online: bool) -> None:
        self._online = online
        self._update_buttons()

    def show_case_no(self, case_no: str) -> None:
        """Show this case when the page opens next (a finish just registered it)."""
        self._wanted = case_no
        self.finder.case_no.setText(case_no)

    def refresh(self) -> None:
        if not self.window_number:
            return
        self._runner.read("case_desk", case_desk.window_desk, self._ctx, self.window_number)
        if self._wanted:
            self._runner.read("case_at_desk", case_desk.case_at_desk, self._ctx, self._wanted)

    def look_up(self, case_no: str) -> None:
        case_no = case_no.strip().upper()
        if not case_no:
            self.message.show_error(translate("WindowCases", "请输入办件编号"))
            return
        self._wanted = case_no
        self._runner.read("case_at_desk", case_desk.case_at_desk, self._ctx, case_no)

    def _update_buttons(self) -> None:
        shown = self._shown
        state = shown.detail.row.state if shown else None
        with_step = bool(shown and shown.detail.steps)
        if with_step != self._with_step:
            self._place_buttons(with_step)
        for move, button in self.buttons.items():
            if not self._online or state is None:
                button.setEnabled(False)
            elif move == "print":
                button.setEnabled(state in OPEN)  # a concluded case has no notice
            elif move == "case_step_done":
                button.setEnabled(allowed(move, state) and shown.detail.row.step is not None)
            else:
                button.setEnabled(allowed(move, state))
        if shown is not None:
            self.view.show_case(shown, self._online and allowed("case_supply_received", state))

    # --- moves ------------------------------------------------------------------------

    def request(self, move: str) -> None:
        """A move's button: open its form (every move is confirmed first)."""
        if self._shown is None:
            return
        case_no = self._shown.detail.row.case_no
        if move == "print":
            self._print(case_no)
            return
        labels = move_labels()
        if move == "case_correction_noticed":
            form: FormPanel = self.correction_form
            self.correction_form.prepare(case_no, self._shown.item_materials)
        elif move == "case_concluded":
            form = self.conclude_form
            self.conclude_form.prepare(case_no)
        else:
            form = self.confirm_form
            self.confirm_form.prepare(
                move, translate("WindowCases", "{move}：办件 {no}").format(
                    move=labels[move], no=case_no), self._explain(move))
        self._form_move = move
        self.right.setCurrentWidget(form)
        field = form.first_field()
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _explain(self, move: str, material: str = "") -> str:
        texts = {
            "case_processing": translate("WindowCases", "确认开始办理该办件？"),
            "case_step_done": translate("WindowCases", "确认当前办理环节已完成？下一环节（如有）从今天开始计时。"),
            "case_correction_received": translate(
                "WindowCases", "确认补正材料已全部收到？办件恢复计时，期限按停表的工作日顺延。"),
            "case_supply_received": translate("WindowCases", "确认已收到容缺材料：{name}？"),
            "case_delivered": translate("WindowCases", "确认办理结果已送达申请人？"),
            "case_collected": translate("WindowCases", "确认申请人已在窗口领取办理结果？"),
        }
        return texts[move].format(name=material) + "\n" + translate(
            "WindowCases", "确认后记入电子监察，不能撤销。")

    def _receive_supplied(self, material: str) -> None:
        if self._shown is None:
            return
        self.confirm_form.prepare(
            "case_supply_received", translate("WindowCases", "容缺材料接收：办件 {no}").format(
                no=self._shown.detail.row.case_no),
            self._explain("case_supply_received", material), material=material)
        self._form_move = "case_supply_received"
        self.right.setCurrentWidget(self.confirm_form)
        self.confirm_form.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_form(self) -> None:
        self._form_move = None
        self.right.setCurrentIndex(0)

    def _submit_form(self, form: FormPanel) -> None:
        move = self._form_move
        if move is None or self._shown is None:
            return
        if not self._online:
            self.message.show_error(translate("WindowCases", "连接中断，恢复后才能操作"))
            return
        if not self._runner.submit(move, MOVE_FNS[move], self._ctx,
                                   self._shown.detail.row.case_no, by=self.staff_no,
                                   **form.values()):
            self.message.show_info(translate("WindowCases", "上一个操作尚未完成，请稍候"))

    def _print(self, case_no: str) -> None:
        now = self._ctx.clock.now().astimezone()     # this PC's time, for the file name
        path = self.documents_dir / f"{case_no}-{now:%Y%m%d-%H%M%S}.pdf"
        self.message.show_info(translate("WindowCases", "正在生成通知书……"))
        self._runner.read("case_notice_pdf", _write_pdf, self._ctx, case_no, path)

    # --- results ----------------------------------------------------------------------

    def _on_succeeded(self, action: str, result) -> None:
        if action not in MOVE_FNS:
            return
        if self._form_move == action:
            self.close_form()
        label = move_labels()[action]
        self.message.show_done(translate("WindowCases", "办件 {no}：{move}完成，当前状态：{state}")
                               .format(no=result.case_no, move=label,
                                       state=STATE_ZH.get(result.state, result.state)))
        self._wanted = result.case_no
        self.refresh()

    def _on_failed(self, action: str, error) -> None:
        if action not in MOVE_FNS:
            return
        if self._form_move == action and self.right.currentWidget() is self.confirm_form:
            self.close_form()      # nothing to correct there: the move cannot be made
        self.message.show_error(getattr(error, "message_zh", None)
                                or translate("WindowCases", "操作失败，请重试或联系管理员"))
        self.refresh()

    def _on_read(self, name: str, value) -> None:
        if name == "case_desk":
            self.finder.show_desk(value, self._shown.detail.row.case_no if self._shown else "")
        elif name == "case_at_desk":
            if value.detail.row.case_no.upper() != self._wanted:
                return              # an older lookup came back after a newer one
            self._shown = value
            self._update_buttons()
            self.finder.select(value.detail.row.case_no)
        elif name == "case_notice_pdf":
            self.message.show_done(translate("WindowCases", "通知书已保存：{path}").format(
                path=value))
            self.open_file(value)

    def _on_read_failed(self, name: str, error) -> None:
        if name not in READS:
            return
        if name == "case_at_desk":
            self._shown = None
            self.view.show_case(None)
            self._update_buttons()
        self.message.show_error(getattr(error, "message_zh", None)
                                or translate("WindowCases", "读取失败，请重试"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self._form_move is not None:
                self.close_form()
            else:
                self.back_requested.emit()
            return
        super().keyPressEvent(event)



def _write_pdf(ctx: HallContext, case_no: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_notice_pdf(ctx, case_no, path)
