"""The clerk's action forms: finish with an outcome, transfer, a ticket number (call a
given number / requeue a returning no-show), pause with a reason, first inquiry, and the
confirmation a 过号 pressed right after the call needs."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from kiosk.i18n_marks import QT_TRANSLATE_NOOP
from kiosk.queue.reads.window import WindowScreen
from kiosk.queue.snapshots import TicketView
from kiosk.queue.actions.windows import PAUSE_REASONS
from kiosk.ui.i18n import translate
from window_client.clerk.forms_base import CheckList, ChoiceList, FormPanel
from window_client.clerk.texts import window_title

NOTE_MAX = 500


def outcome_choices() -> list[tuple[str, str]]:
    return [
        (translate("WindowForms", "办结"), "completed"),
        (translate("WindowForms", "受理（承诺件）"), "accepted"),
        (translate("WindowForms", "一次性告知（补正材料）"), "notice_given"),
        (translate("WindowForms", "咨询"), "consultation"),
        (translate("WindowForms", "不予受理"), "rejected"),
        (translate("WindowForms", "容缺受理（勾选后补的材料）"), "supply_later"),
    ]


#: the outcomes that register a case (办件), which may carry the applicant's mobile
CASE_OUTCOMES = ("accepted", "supply_later")


def _note_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setMaxLength(NOTE_MAX)
    field.setPlaceholderText(placeholder)
    return field


class FinishForm(FormPanel):
    """办结: the outcome (受理 offered first for promised items) and an optional note.
    受理 and 容缺受理 take a second step, 受理登记: the applicant's mobile (办件查询 needs
    its last four digits) and, for 容缺受理, the materials that will follow. A step of
    its own, so each step fits a 768 px high screen without scrolling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("WindowForms", "办结：选择办理结果"),
                         translate("WindowForms", "确认办结"), parent)
        # the hint in the title and the note on one line: all six outcomes and the
        # buttons fit a 768 px high screen without scrolling
        self.outcomes = self.add_row("", ChoiceList())
        self.note = self.add_row(translate("WindowForms", "备注"),
                                 _note_field(translate("WindowForms", "可不填，如：缺营业执照复印件")),
                                 inline=True)
        self.phone = self.add_row(
            translate("WindowForms", "申请人手机号（可不填；群众凭办件编号和手机号后四位查询进度）"),
            QLineEdit())
        self.phone.setMaxLength(20)
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.phone.setPlaceholderText(translate("WindowForms", "如 13812345678"))
        self.missing = self.add_row(translate("WindowForms", "后补的材料（勾选群众缺少的）"),
                                    CheckList())
        self.code = ""
        self.and_call = False
        self.item_kind: str | None = None
        #: True on the second step (受理登记)
        self.case_step = False

    def prepare(self, code: str, item_kind: str | None, *, and_call: bool = False,
                supply_later: tuple[str, ...] = ()) -> None:
        """``and_call``: confirming also calls the next ticket (办结并叫号);
        ``supply_later``: the item's materials that may follow (all ticked at first)."""
        self.code, self.and_call, self.item_kind = code, and_call, item_kind
        self.missing.set_items(supply_later)
        self.outcomes.set_choices(outcome_choices())
        self.outcomes.select_value("accepted" if item_kind == "promised" else "completed")
        self.phone.clear()
        self.note.clear()
        self._show_step(False)

    def advance(self) -> bool:
        """Confirming the outcome 受理 / 容缺受理 goes on to 受理登记 (True) instead of
        finishing; on that step (or for another outcome) it finishes (False)."""
        outcome = self.outcomes.value()
        if self.case_step or outcome not in CASE_OUTCOMES or self.item_kind != "promised" \
                or (outcome == "supply_later" and not self.missing.boxes):
            return False        # nothing to register: the core says why it refuses
        self._show_step(True)
        self.phone.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _show_step(self, case_step: bool) -> None:
        self.case_step = case_step
        for widget in (self.outcomes, self.note):
            self.set_row_visible(widget, not case_step)
        self.set_row_visible(self.phone, case_step)
        self.set_row_visible(self.missing, case_step
                             and self.outcomes.value() == "supply_later")
        if case_step and self.outcomes.value() == "supply_later":
            title = translate("WindowForms", "容缺受理 {code}：受理登记（回车确认）")
        elif case_step:
            title = translate("WindowForms", "受理 {code}：受理登记（回车确认）")
        elif self.and_call:
            title = translate("WindowForms", "办结 {code} 并叫下一位：选择结果（↑↓ 或数字键）")
        else:
            title = translate("WindowForms", "办结 {code}：选择结果（↑↓ 或数字键）")
        if case_step and self.and_call:
            title += translate("WindowForms", "，确认后叫下一位")
        self.title.setText(title.format(code=self.code))

    def first_field(self) -> QWidget:
        return self.outcomes

    def values(self) -> dict:
        note = self.note.text().strip()
        outcome = self.outcomes.value()
        values = {"outcome": outcome, "note": note or None}
        if outcome == "supply_later" and self.missing.boxes:
            values["missing_materials"] = self.missing.checked()
        if outcome in CASE_OUTCOMES and self.phone.text().strip():
            values["applicant_phone"] = self.phone.text().strip()
        return values


class TransferForm(FormPanel):
    """转办: to another queue or to a given window; the ticket keeps its place in time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("WindowForms", "转办：选择转往的业务或窗口"),
                         translate("WindowForms", "确认转办"), parent)
        self.targets = self.add_row(translate("WindowForms", "转往（↑↓ 或数字键选择）"),
                                    ChoiceList())
        self.note = self.add_row(translate("WindowForms", "转办说明（可不填）"),
                                 _note_field(translate("WindowForms", "如：需先办理税务登记")))

    def prepare(self, code: str, screen: WindowScreen | None) -> None:
        self.title.setText(translate("WindowForms", "转办 {code}：选择转往的业务或窗口")
                           .format(code=code))
        choices: list[tuple[str, tuple[str, object]]] = []
        if screen is not None:
            for queue in screen.services:
                choices.append((translate("WindowForms", "业务 {prefix} {name}（等候 {n} 人）").format(
                    prefix=queue.prefix, name=queue.name, n=queue.waiting),
                    ("prefix", queue.prefix)))
            for window in screen.windows:
                if window.number == screen.window.number:
                    continue
                choices.append((translate("WindowForms", "{window}（{state}）").format(
                    window=window_title(window.number, window.name),
                    state=window_state_text(window.state, window.staff_name)),
                    ("window", window.number)))
        self.targets.set_choices(choices)
        self.note.clear()

    def first_field(self) -> QWidget:
        return self.targets

    def values(self) -> dict:
        target = self.targets.value()
        note = self.note.text().strip() or None
        if target is None:
            return {"note": note}
        kind, value = target
        if kind == "prefix":
            return {"to_prefix": value, "note": note}
        return {"to_window": value, "note": note}


def window_state_text(state: str, staff_name: str | None) -> str:
    if state == "open":
        return translate("WindowForms", "{name} 在岗").format(name=staff_name or "")
    if state == "paused":
        return translate("WindowForms", "暂停服务")
    return translate("WindowForms", "未登录")


class NumberForm(FormPanel):
    """A ticket number typed by the clerk (or on the keypad): 指定叫号 or 过号重排."""

    def __init__(self, title: str, confirm_text: str, parent: QWidget | None = None):
        super().__init__(title, confirm_text, parent)
        self.code = self.add_row(translate("WindowForms", "号码"), QLineEdit())
        self.code.setMaxLength(12)
        self.code.setPlaceholderText(translate("WindowForms", "如 A012"))

    def prepare(self) -> None:
        self.code.clear()

    def first_field(self) -> QWidget:
        return self.code

    def values(self) -> dict:
        return {"code": self.code.text().strip().upper()}


#: (minutes until back, None = not known; label)
BACK_CHOICES = ((15, QT_TRANSLATE_NOOP("WindowForms", "15 分钟后")),
                (30, QT_TRANSLATE_NOOP("WindowForms", "30 分钟后")),
                (60, QT_TRANSLATE_NOOP("WindowForms", "1 小时后")),
                (120, QT_TRANSLATE_NOOP("WindowForms", "2 小时后")),
                (None, QT_TRANSLATE_NOOP("WindowForms", "不确定")))


class PauseForm(FormPanel):
    """暂停服务: a reason from the list (plus detail) and when the window expects to be
    back; the hall display shows both."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("WindowForms", "暂停服务：选择原因"),
                         translate("WindowForms", "确认暂停"), parent)
        self.reasons = self.add_row(translate("WindowForms", "暂停原因（方向键或数字键选择）"),
                                    ChoiceList(columns=2))
        # when back and the detail side by side: the form fits a 768 px screen unscrolled
        self.back = QComboBox()
        for minutes, label in BACK_CHOICES:
            self.back.addItem(translate("WindowForms", label), minutes)
        self.detail = _note_field(translate("WindowForms", "如：去档案室调档"))
        self.detail.setMaxLength(40)
        pair = QGridLayout()
        pair.setColumnStretch(0, 2)
        pair.setColumnStretch(1, 3)
        for column, (caption, field) in enumerate((
                (translate("WindowForms", "预计恢复时间"), self.back),
                (translate("WindowForms", "补充说明（可不填）"), self.detail))):
            label = QLabel(caption)
            label.setBuddy(field)
            pair.addWidget(label, 0, column)
            pair.addWidget(field, 1, column)
            field.installEventFilter(self)
        self.body.addLayout(pair)

    def prepare(self) -> None:
        self.reasons.set_choices([(translate("PauseReason", r), r) for r in PAUSE_REASONS])
        self.back.setCurrentIndex(0)
        self.detail.clear()

    def first_field(self) -> QWidget:
        return self.reasons

    def values(self, now: dt.datetime) -> dict:
        reason = self.reasons.value() or ""
        detail = self.detail.text().strip()
        if detail:
            reason = f"{reason}：{detail}"[:100]
        minutes = self.back.currentData()
        back_at = now + dt.timedelta(minutes=minutes) if minutes else None
        return {"reason": reason, "back_at": back_at}


class InquiryForm(FormPanel):
    """首问登记: a question answered or referred without a ticket."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("WindowForms", "首问登记"), translate("WindowForms", "保存登记"), parent)
        self.question = self.add_row(translate("WindowForms", "群众咨询的问题（必填）"),
                                     QLineEdit())
        self.question.setMaxLength(2000)
        self.answer = self.add_row(translate("WindowForms", "答复（可不填）"), QLineEdit())
        self.answer.setMaxLength(2000)
        self.referred_to = self.add_row(translate("WindowForms", "引导至（窗口或部门，可不填）"),
                                        QLineEdit())
        self.referred_to.setMaxLength(200)

    def prepare(self) -> None:
        for field in (self.question, self.answer, self.referred_to):
            field.clear()

    def first_field(self) -> QWidget:
        return self.question

    def values(self) -> dict:
        return {"question": self.question.text().strip(),
                "answer": self.answer.text().strip() or None,
                "referred_to": self.referred_to.text().strip() or None}


class NoShowForm(FormPanel):
    """过号 right after the call: the citizen may still be walking up from the far seats,
    so the clerk confirms (Enter, the button, or the 过号 key again) or recalls first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("WindowForms", "确认过号"),
                         translate("WindowForms", "确认过号"), parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.explain = QLabel("")
        self.explain.setWordWrap(True)
        self.body.addWidget(self.explain)

    def prepare(self, ticket: TicketView | None, screen: WindowScreen | None,
                now: dt.datetime, key: str = "") -> None:
        code = ticket.code if ticket else ""
        self.title.setText(translate("WindowForms", "确认 {code} 号过号？").format(code=code))
        called = ticket.called_at if ticket else None
        seconds = max(0, round((now - called).total_seconds())) if called else 0
        self.explain.setText(translate(
            "WindowForms", "{code} 号叫号才 {s} 秒、已重呼 {n} 次，群众可能正在走来。"
            "本大厅规定：重呼满 {r} 次或叫号满 {m} 秒后可直接过号。\n"
            "确认群众确实未到，再按一次过号键{key}或回车确认；否则按 Esc 取消，先重呼。").format(
            code=code, s=seconds, n=ticket.recall_count if ticket else 0,
            key=f"［{key}］" if key else "",
            r=screen.no_show_min_recalls if screen else 1,
            m=screen.no_show_min_seconds if screen else 60))

    def first_field(self) -> QWidget:
        return self
