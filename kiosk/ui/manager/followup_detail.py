"""One 差评 follow-up: its rating, every step (who, when, what), its deadlines, the moves
open from its state, and the rater's details — shown only when asked for, and each
viewing recorded by ``followup.rater_details``. Both run off the GUI thread
(``ConsoleCalls``): a move carries a request id (a retry is replayed); the rater's
details, which take none, are fetched once and a lost answer is reported."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from kiosk.clock import hall_time
from kiosk.queue.actions import followup
from kiosk.queue.rules.names import LEVEL_ZH
from kiosk.queue.store.context import HallContext
from kiosk.queue.actions.manager_auth import ManagerView
from kiosk.ui.i18n import translate
from kiosk.ui.manager.look import WARN_MARK
from kiosk.ui.manager.tasks import ConsoleCalls, as_kiosk_error
from kiosk.ui.manager.widgets import fill_table, make_table, muted, show_error

S = followup.S


def move_names() -> dict[str, str]:
    """The button for each target state: the act, then the state it leads to."""
    return {S.VERIFIED.value: translate("ManagerFollowup", "核实完成 → 已核实"),
            S.FIXING.value: translate("ManagerFollowup", "开始整改 → 整改中"),
            S.FIXED.value: translate("ManagerFollowup", "整改完成 → 已整改"),
            S.REVISITED.value: translate("ManagerFollowup", "回访完成 → 已回访（结案）"),
            S.APPEALED.value: translate("ManagerFollowup", "申诉（误评，结案）")}


def state_zh(value: str | None) -> str:
    return followup.STATE_ZH[S(value)] if value else "—"


def due_text(view: followup.FollowupView, short: bool = False) -> str:
    """The current deadline, 已逾期 when past; ``short``: without the year (the list's
    column, so the list and the detail fit side by side at 1366x768)."""
    if view.due is None:
        return translate("ManagerFollowup", "已结案")
    text = f"{view.due:%m-%d}" if short else f"{view.due:%Y-%m-%d}"
    return f"{WARN_MARK} {text} " + translate("ManagerFollowup", "已逾期") if view.overdue else text


class FollowupDetail(QWidget):
    #: the follow-up moved on: its id
    followup_moved = Signal(int)
    #: a move was refused (the Chinese message is on screen)
    move_refused = Signal()
    #: the rater's details are on screen
    rater_shown = Signal()

    def __init__(self, ctx: HallContext, user: ManagerView, tz: str,
                 calls: ConsoleCalls | None = None) -> None:
        super().__init__()
        self.ctx, self.user, self.tz = ctx, user, tz
        self.calls = calls or ConsoleCalls.own(self)
        self.view: followup.FollowupView | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.deadlines = muted()
        self.steps = make_table([translate("ManagerFollowup", "时间"),
                                 translate("ManagerFollowup", "处理人"),
                                 translate("ManagerFollowup", "状态变化"),
                                 translate("ManagerFollowup", "处理情况")],
                                stretch=3)
        self.steps.setWordWrap(True)  # a step's note is read whole, not cut off
        self.steps.setMinimumHeight(120)   # two steps at least, however narrow the panel
        for column in (0, 1, 2):      # wrapped at spaces, sized in _fit_steps
            self.steps.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Interactive)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(translate("ManagerFollowup",
                                        "填写本步处理情况（核实情况、整改措施、回访结果或申诉理由），必填"))
        self.note.setMaximumHeight(90)
        self.moves = QHBoxLayout()
        self.move_buttons: dict[str, QPushButton] = {}
        for target, label in move_names().items():
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, t=target: self.move(t))
            self.move_buttons[target] = button
            self.moves.addWidget(button)
        self.moves.addStretch(1)
        self.rater_button = QPushButton(translate("ManagerFollowup", "查看评价人信息…"))
        self.rater_button.clicked.connect(lambda: self.show_rater())
        self.rater = QLabel()
        self.rater.setWordWrap(True)
        self.rater.setObjectName("warning")
        self.rater.hide()
        # the title stays short and the rule wraps under it: a long title set the
        # panel's width and scrolled the follow-up list sideways at 1366x768
        rater_box = QGroupBox(translate("ManagerFollowup", "评价人信息"))
        rater_layout = QVBoxLayout(rater_box)
        rater_layout.addWidget(muted(translate("ManagerFollowup",
                                               "仅管理人员可见，每次查看都会记录")))
        rater_layout.addWidget(self.rater_button)
        rater_layout.addWidget(self.rater)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.deadlines)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.note)
        layout.addLayout(self.moves)
        layout.addWidget(rater_box)
        self.show_followup(None)

    def _fit_steps(self) -> None:
        """Time, who and the state change wrap at their spaces (11-16 / 09:17), so the
        panel beside the list needs no sideways scrolling at 1366x768."""
        table = self.steps
        table.ensurePolished()          # the console's font, not the default one
        table.horizontalHeader().ensurePolished()
        metrics = table.fontMetrics()
        header = QFontMetrics(table.horizontalHeader().font())
        for column in (0, 1, 2):
            words = [word for row in range(table.rowCount())
                     for word in table.item(row, column).text().split()]
            title = table.horizontalHeaderItem(column).text()
            table.setColumnWidth(column, max([header.horizontalAdvance(title),
                                              *(metrics.horizontalAdvance(w) for w in words)])
                                 + 12)
        table.resizeRowsToContents()

    def show_followup(self, view: followup.FollowupView | None) -> None:
        if view is None or self.view is None or view.id != self.view.id:
            self.rater.hide()  # details shown for one follow-up never linger on another
            self.rater.clear()
            self.note.clear()
        self.view = view
        if view is None:
            self.heading.setText(translate("ManagerFollowup", "请在左侧选择一条差评"))
            self.deadlines.clear()
            fill_table(self.steps, [])
            for button in self.move_buttons.values():
                button.setEnabled(False)
                button.hide()
            self.rater_button.setEnabled(False)
            return
        reasons = "、".join(view.reasons) or translate("ManagerFollowup", "未注明原因")
        self.heading.setText(
            translate("ManagerFollowup", "差评（%1） · %2号窗口 %3 · %4 · 原因：%5")
            .replace("%1", translate("Rating", LEVEL_ZH[view.level])).replace("%2", str(view.window_number or "—"))
            .replace("%3", view.staff_name or "").replace("%4", view.department_name or "")
            .replace("%5", reasons + (f"；{view.comment}" if view.comment else "")))
        fix_due = (f"{view.fix_due:%Y-%m-%d}" if view.fix_due
                   else translate("ManagerFollowup", "核实后确定"))
        self.deadlines.setText(
            translate("ManagerFollowup", "当前状态：%1　核实期限：%2　整改期限：%3　当前期限：%4")
            .replace("%1", view.state_zh).replace("%2", f"{view.verify_due:%Y-%m-%d}")
            .replace("%3", fix_due).replace("%4", due_text(view)))
        fill_table(self.steps, [
            (f"{hall_time(s.at, self.tz):%m-%d %H:%M}",
             (s.staff_name or "") + (f" {s.actor.partition(':')[2]}"
                                     if s.actor.startswith("staff:")
                                     else translate("ManagerFollowup", "系统")),
             f"{state_zh(s.from_state)} → {state_zh(s.to_state)}" if s.from_state
             else state_zh(s.to_state), s.note) for s in view.steps])
        self._fit_steps()
        allowed = {t.value for t in followup.TRANSITIONS.get(S(view.state), ())}
        for target, button in self.move_buttons.items():
            button.setEnabled(target in allowed)
            button.setVisible(target in allowed)
        self.rater_button.setEnabled(True)

    def move(self, target: str) -> None:
        """Move the follow-up on, on the worker (with a request id)."""
        if self.view is None:
            return
        self.calls.act(self, "followup_advance", followup.advance, self.ctx, self.view.id,
                       to=target, by=self.user.staff_no, note=self.note.toPlainText(),
                       done=self._moved, failed=self._not_moved)

    def _not_moved(self, error: BaseException) -> None:
        show_error(self, as_kiosk_error(error), translate("ManagerFollowup", "未能办理"))
        self.move_refused.emit()

    def _moved(self, moved: followup.FollowupView) -> None:
        self.note.clear()
        self.show_followup(moved)
        self.followup_moved.emit(moved.id)

    def show_rater(self, confirmed: bool = False) -> None:
        """Ask first (the viewing is recorded), then fetch and show the details."""
        if self.view is None:
            return
        if not confirmed:
            answer = QMessageBox.question(
                self, translate("ManagerFollowup", "查看评价人信息"),
                translate("ManagerFollowup", "评价人信息属于个人信息，本次查看将记入电子监察。确定查看吗？"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        # every viewing is recorded, and the core takes no request id: asked once, never
        # repeated behind the manager's back
        self.calls.act(self, "rater_details", followup.rater_details, self.ctx, self.view.id,
                       by=self.user.staff_no, replay=False, done=self._show_rater)

    def _show_rater(self, details: followup.RaterDetails) -> None:
        lines = [
            translate("ManagerFollowup", "号票：%1（%2 取号，%3）").replace("%1", details.ticket_code)
            .replace("%2", f"{hall_time(details.issued_at, self.tz):%Y-%m-%d %H:%M}")
            .replace("%3", details.kiosk or translate("ManagerFollowup", "未知取号机")),
            translate("ManagerFollowup", "事项：%1").replace("%1", details.item_name or "—"),
            translate("ManagerFollowup", "评价时间：%1").replace(
                "%1", f"{hall_time(details.rated_at, self.tz):%Y-%m-%d %H:%M}"),
        ]
        if details.appointment_code:
            lines.append(translate("ManagerFollowup", "预约：%1　姓名：%2　电话：%3　证件：%4")
                         .replace("%1", details.appointment_code)
                         .replace("%2", details.applicant_name or "—")
                         .replace("%3", details.phone_masked or "—")
                         .replace("%4", details.id_number_masked or "—"))
        elif details.holder_masked:
            lines.append(translate("ManagerFollowup", "现场刷身份证取号：%1")
                         .replace("%1", details.holder_masked))
        else:
            lines.append(translate("ManagerFollowup", "现场取号，未留姓名和电话"))
        if details.callback_phone_masked:
            lines.append(translate("ManagerFollowup", "回访电话：%1（评价时留下）")
                         .replace("%1", details.callback_phone_masked))
        self.rater.setText("\n".join(lines))
        self.rater.show()
        self.rater_shown.emit()
