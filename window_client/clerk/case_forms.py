"""The 办件 page's forms: confirm a move, 补正告知 (every material asked for at once:
一次性告知) and 办结 (准予 / 不予 with its reason). Inline, like the queue's forms:
Enter confirms, Esc cancels."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from kiosk.queue.rules.limits import MATERIAL_NAME_MAX
from kiosk.ui.i18n import translate
from window_client.clerk.forms_base import CheckList, ChoiceList, FormPanel

REASON_MAX = 500


class ConfirmMove(FormPanel):
    """A move that needs nothing more than the clerk's confirmation (it cannot be
    undone: every move is an audited event)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", translate("WindowCases", "确认"), parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)     # Enter confirms, Esc cancels
        self.explain = QLabel("")
        self.explain.setWordWrap(True)
        self.body.addWidget(self.explain)
        self.move = ""
        self.options: dict = {}

    def prepare(self, move: str, title: str, explain: str, **options) -> None:
        self.move, self.options = move, options
        self.title.setText(title)
        self.explain.setText(explain)

    def first_field(self) -> QWidget:
        return self

    def values(self) -> dict:
        return dict(self.options)


class CorrectionForm(FormPanel):
    """补正告知: tick every material the applicant must bring (from the item's 材料目录)
    and add any other; the case's clock stops until they arrive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("WindowCases", "补正告知"),
                         translate("WindowCases", "发出补正告知"), parent)
        self.hint = QLabel(translate(
            "WindowCases", "一次性告知：请把需要补正的材料一次勾选齐全，告知后材料补齐前不能再次告知。"))
        self.hint.setWordWrap(True)
        self.body.addWidget(self.hint)
        self.materials = self.add_row("", CheckList())
        self.other = self.add_row(translate("WindowCases", "其他材料（可不填）"), QLineEdit())
        self.other.setMaxLength(MATERIAL_NAME_MAX)
        self.other.setPlaceholderText(translate("WindowCases", "目录外需补正的材料名称"))

    def prepare(self, case_no: str, item_materials: tuple[str, ...]) -> None:
        self.title.setText(translate("WindowCases", "补正告知：办件 {no}").format(no=case_no))
        self.materials.set_items(item_materials, checked=False)
        self.other.clear()

    def first_field(self) -> QWidget:
        return self.materials.boxes[0] if self.materials.boxes else self.other

    def values(self) -> dict:
        materials = self.materials.checked()
        other = self.other.text().strip()
        if other:
            materials.append(other)
        return {"materials": materials}


class ConcludeForm(FormPanel):
    """办结: 准予 or 不予; a refusal says why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("WindowCases", "办结"),
                         translate("WindowCases", "确认办结"), parent)
        self.decision = self.add_row("", ChoiceList())
        self.reason = self.add_row(translate("WindowCases", "不予办结的理由（不予时必填）"),
                                   QLineEdit())
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText(translate("WindowCases", "如：经现场核查，经营场所不符合要求"))
        self.decision.currentRowChanged.connect(lambda _row: self._show_reason())

    def prepare(self, case_no: str) -> None:
        self.title.setText(translate("WindowCases", "办结：办件 {no}（↑↓ 或数字键选择）")
                           .format(no=case_no))
        self.decision.set_choices([(translate("WindowCases", "准予（批准）"), True),
                                   (translate("WindowCases", "不予（写明理由）"), False)])
        self.reason.clear()
        self._show_reason()

    def _show_reason(self) -> None:
        self.set_row_visible(self.reason, self.decision.value() is False)

    def first_field(self) -> QWidget:
        return self.decision

    def values(self) -> dict:
        approved = self.decision.value() is not False
        if approved:
            return {"approved": True}
        return {"approved": False, "reason": self.reason.text().strip()}
