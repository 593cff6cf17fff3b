"""The item guide (办事指南): all eight 八公开 facts, scrolled by touch.

The facts are one rich-text document in a QTextBrowser whose viewport has a kinetic
QScroller (drag and flick like a phone; 上翻/下翻 buttons for those who do not know to
swipe). A row of jump buttons, one per fact, reaches any of them in one tap (in elder
mode the guide is a dozen screens long: 材料目录 must not be eleven 下翻 away). The
handled count (办理数量) sits in the header, refreshed from the event feed.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup, QGridLayout, QHBoxLayout, QScroller, QTextBrowser, QVBoxLayout, QWidget,
)

from kiosk.queue.reads.hall import ItemGuide
from kiosk.ui.i18n import translate
from kiosk.ui.touch.look import TARGET_ROWS, BodyLabel, role_px, set_tone, tag
from kiosk.ui.touch.widgets import Screen, button
from kiosk.ui.theme import NORMAL, PRIMARY, Scale


def _paragraphs(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines) or "<p>—</p>"


def _days(days: int) -> str:
    if days == 0:
        return translate("GuideScreen", "当场办结")
    return translate("GuideScreen", "%1 个工作日").replace("%1", str(days))


def _material_status(required: bool, later: bool) -> str:
    if required and later:
        return translate("GuideScreen", "必须提交，可容缺后补")
    if required:
        return translate("GuideScreen", "必须提交")
    return translate("GuideScreen", "视情况提交（非必需）")


def _kind(kind: str) -> str:
    if kind == "instant":
        return translate("GuideScreen", "即办件")
    return translate("GuideScreen", "承诺件")


#: the eight 八公开 parts: key -> the jump button's (short) label
def part_labels() -> dict[str, str]:
    return {"name": translate("GuideScreen", "事项"),
            "basis": translate("GuideScreen", "依据"),
            "conditions": translate("GuideScreen", "条件"),
            "counts": translate("GuideScreen", "数量"),
            "procedure": translate("GuideScreen", "程序"),
            "time": translate("GuideScreen", "时限"),
            "materials": translate("GuideScreen", "材料目录"),
            "sample": translate("GuideScreen", "示范文本")}


PARTS = ("name", "basis", "conditions", "counts", "procedure", "time", "materials", "sample")


def guide_html(guide: ItemGuide, heading_px: int) -> str:
    """The eight public facts (plus fees, windows, contact) as HTML for the browser;
    the eight headings are anchors named ``part-<key>``."""
    numbered = iter(PARTS)

    def heading(text: str) -> str:
        return f'<h3 style="font-size:{heading_px}px; color:{PRIMARY};">{text}</h3>'

    def part(text: str) -> str:
        return (f'<h3 style="font-size:{heading_px}px; color:{PRIMARY};">'
                f'<a name="part-{next(numbered)}">{text}</a></h3>')

    def labelled(label: str, value: str, indent: bool = False) -> str:
        style = f' style="margin-left:{heading_px}px;"' if indent else ""
        return f"<p{style}>{label}：{value}</p>"

    form = {"original": translate("GuideScreen", "原件"),
            "copy": translate("GuideScreen", "复印件"),
            "both": translate("GuideScreen", "原件和复印件")}
    parts = [
        part(translate("GuideScreen", "一、审批事项")),
        f"<p>{html.escape(guide.name)}</p>",
        "<p>" + translate("GuideScreen", "事项编码") + f"：{html.escape(guide.code)}　"
        + translate("GuideScreen", "实施部门") + f"：{html.escape(guide.department_name)}</p>",
        part(translate("GuideScreen", "二、法律依据")), _paragraphs(guide.legal_basis),
        part(translate("GuideScreen", "三、办事条件")), _paragraphs(guide.conditions),
        part(translate("GuideScreen", "四、办理数量")),
        "<p>" + translate("GuideScreen", "见本页上方，实时更新。") + "</p>",
        part(translate("GuideScreen", "五、办理程序")),
    ]
    for number, step in enumerate(guide.procedure, start=1):
        step_label = translate("GuideScreen", "第 %1 步").replace("%1", str(number))
        parts.append(f"<p><b>{step_label}</b>　{html.escape(str(step))}</p>")
    material_count = translate("GuideScreen", "共 %1 项").replace(
        "%1", str(len(guide.materials)))
    parts += [
        part(translate("GuideScreen", "六、办理时限")),
        labelled(translate("GuideScreen", "办件类型"), _kind(guide.kind)),
        labelled(translate("GuideScreen", "法定期限"), _days(guide.legal_days)),
        labelled(translate("GuideScreen", "承诺期限"), _days(guide.promised_days)),
        part(translate("GuideScreen", "七、全部材料目录") + f"（{material_count}）"),
    ]
    for number, m in enumerate(guide.materials, start=1):
        copies = translate("GuideScreen", "%1 份").replace("%1", str(m.copies))
        parts.append(f"<p><b>{number}. {html.escape(m.name)}</b></p>")
        parts.append(f"<p style=\"margin-left:{heading_px}px;\">{form.get(m.form, m.form)} · "
                     f"{copies} · {_material_status(m.required, m.may_supply_later)}</p>")
        if m.note:
            parts.append(labelled(translate("GuideScreen", "说明"), html.escape(m.note),
                                  indent=True))
    sample = "<br>".join(html.escape(line) for line in guide.sample_form.splitlines())
    windows = translate("GuideScreen", "、").join(
        translate("GuideScreen", "%1号窗口（%2）").replace("%1", str(n)).replace(
            "%2", html.escape(name))
        for n, name in zip(guide.window_numbers, guide.window_names))
    parts += [
        part(translate("GuideScreen", "八、申请书示范文本")),
        '<table border="1" cellspacing="0" cellpadding="16" width="100%" '
        f'style="border-color:#5A6578;"><tr><td>{sample or "—"}</td></tr></table>',
        heading(translate("GuideScreen", "收费标准")), _paragraphs(guide.fees),
        heading(translate("GuideScreen", "办理窗口")),
        "<p>" + (windows or translate("GuideScreen", "请到服务台咨询")) + "</p>",
    ]
    if guide.contact:
        parts += [heading(translate("GuideScreen", "咨询电话")),
                  f"<p>{html.escape(guide.contact)}</p>"]
    return "".join(parts)


class GuideScreen(Screen):
    take_ticket_requested = Signal(str)   # item code: the citizen wants a ticket
    notice_requested = Signal(str)        # item code: print the 一次性告知单

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guide: ItemGuide | None = None
        self._scale = NORMAL
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        self.title_label = BodyLabel("", "title")
        self.meta_label = BodyLabel("")
        set_tone(self.meta_label, "muted")
        self.counts_label = BodyLabel("", "heading")
        self._head = QGridLayout()
        self._head.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._head)
        self._short: bool | None = None

        # one tap to each of the eight parts; the part in view is checked
        self.parts = QWidget()
        self._parts_grid = QGridLayout(self.parts)
        self._parts_grid.setContentsMargins(0, 0, 0, 0)
        self.part_buttons = {}
        self._part_group = QButtonGroup(self)
        self._part_group.setExclusive(True)
        for key, label in part_labels().items():
            jump = button(label, kind="secondary")
            jump.setCheckable(True)
            jump.clicked.connect(lambda _=False, k=key: self.jump_to(k))
            self._part_group.addButton(jump)
            self.part_buttons[key] = jump
        self._parts_cols = 0
        self._part_tops: dict[str, int] = {}
        layout.addWidget(self.parts)

        middle = QHBoxLayout()
        self.browser = QTextBrowser()
        tag(self.browser, "body")
        self.browser.setOpenLinks(False)
        self.browser.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.browser.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.browser.verticalScrollBar().valueChanged.connect(self._mark_part_in_view)
        # headings move when the text is laid out again (a resize, a mode switch)
        self.browser.document().documentLayout().documentSizeChanged.connect(
            lambda _size: self._part_tops.clear())
        middle.addWidget(self.browser, 1)
        paging = QVBoxLayout()
        self.up_button = button(translate("GuideScreen", "上翻"), kind="secondary")
        self.down_button = button(translate("GuideScreen", "下翻"), kind="secondary")
        self.up_button.clicked.connect(lambda: self._page(-1))
        self.down_button.clicked.connect(lambda: self._page(1))
        paging.addWidget(self.up_button)
        paging.addStretch(1)
        paging.addWidget(self.down_button)
        middle.addLayout(paging)
        layout.addLayout(middle, 1)

        actions = self._actions = QHBoxLayout()
        self.take_button = button(translate("GuideScreen", "取号办理"), role="title", rows=1.5)
        self.notice_button = button(translate("GuideScreen", "打印一次性告知单"),
                                    kind="secondary", role="heading", rows=1.5)
        self.take_button.clicked.connect(
            lambda: self.guide and self.take_ticket_requested.emit(self.guide.code))
        self.notice_button.clicked.connect(
            lambda: self.guide and self.notice_requested.emit(self.guide.code))
        actions.addWidget(self.notice_button, 1)
        actions.addWidget(self.take_button, 2)
        layout.addLayout(actions)
        self.notice_status = BodyLabel("")
        self.notice_status.hide()
        layout.addWidget(self.notice_status)
        self.set_short(False)

    def set_short(self, short: bool) -> None:
        """A short screen (1366x768): the title and 办理数量 share a row and the
        department line goes (the guide's first part says it), so the text keeps room."""
        if short == self._short:
            return
        self._short = short
        for widget in (self.title_label, self.meta_label, self.counts_label):
            self._head.removeWidget(widget)
        if short:
            self._head.addWidget(self.title_label, 0, 0)
            self._head.addWidget(self.counts_label, 0, 1)
            self._head.setColumnStretch(0, 1)
            self._head.setColumnStretch(1, 1)
            tag(self.counts_label, "body")
        else:
            self._head.addWidget(self.title_label, 0, 0, 1, 2)
            self._head.addWidget(self.meta_label, 1, 0, 1, 2)
            self._head.addWidget(self.counts_label, 2, 0, 1, 2)
            tag(self.counts_label, "heading")
        self.meta_label.setVisible(not short)
        rows = 1.0 if short else 1.5
        self.take_button.setProperty(TARGET_ROWS, rows)
        self.notice_button.setProperty(TARGET_ROWS, rows)

    def show_guide(self, guide: ItemGuide, year: int, today: int) -> None:
        self.guide = guide
        self.title_label.set_plain_text(guide.name)
        self.meta_label.set_plain_text(
            f"{guide.department_name} · {_kind(guide.kind)} · "
            + translate("GuideScreen", "事项编码") + f" {guide.code}")
        self.show_counts(year, today)
        self.set_notice_status("", "")
        self._render()
        self.browser.verticalScrollBar().setValue(0)
        self._mark_part_in_view(0)

    def show_counts(self, year: int, today: int) -> None:
        self.counts_label.set_plain_text(
            translate("GuideScreen", "办理数量：今年已办理 %1 件，今日 %2 件").replace("%1", str(year))
            .replace("%2", str(today)))

    def set_notice_status(self, text: str, tone: str) -> None:
        set_tone(self.notice_status, tone)
        self.notice_status.set_plain_text(text)
        self.notice_status.setVisible(bool(text))

    def set_layout_mode(self, scale: Scale, portrait: bool) -> None:
        self._scale = scale
        self.layout().setSpacing(scale.spacing_px)
        # a portrait screen is narrow: both actions get half the row, so the longer
        # label (打印一次性告知单) keeps its whole text in large type too
        self._actions.setStretchFactor(self.notice_button, 1)
        self._actions.setStretchFactor(self.take_button, 1 if portrait else 2)
        # eight jump buttons in a row; two rows of four where an elder row is too wide
        cols = 4 if portrait and scale.target_px >= 88 else len(PARTS)
        if cols != self._parts_cols:
            self._parts_cols = cols
            for index, key in enumerate(PARTS):
                self._parts_grid.removeWidget(self.part_buttons[key])
                self._parts_grid.addWidget(self.part_buttons[key], index // cols, index % cols)
        self._parts_grid.setSpacing(scale.spacing_px // 2)
        if self.guide is not None:
            value = self.browser.verticalScrollBar().value()
            self._render()
            self.browser.verticalScrollBar().setValue(value)

    def _render(self) -> None:
        self.browser.setHtml(guide_html(self.guide, role_px("heading", self._scale)))
        self._space_lines(self._scale.line_height)
        self._part_tops = {}

    def part_top(self, key: str) -> int:
        """Where the part's heading starts in the document (scroll bar units, pixels)."""
        if not self._part_tops:
            document = self.browser.document()
            layout = document.documentLayout()
            block = document.begin()
            while block.isValid():
                it = block.begin()
                while not it.atEnd():
                    for name in it.fragment().charFormat().anchorNames():
                        if name.startswith("part-"):
                            self._part_tops[name[5:]] = round(
                                layout.blockBoundingRect(block).top())
                    it += 1
                block = block.next()
        return self._part_tops.get(key, 0)

    def jump_to(self, key: str) -> None:
        """Scroll the part's heading to the top of the view (one tap from anywhere)."""
        self.browser.verticalScrollBar().setValue(self.part_top(key))
        self.part_buttons[key].setChecked(True)

    def _mark_part_in_view(self, value: int) -> None:
        if self.guide is None:
            return
        bar = self.browser.verticalScrollBar()
        in_view = PARTS[0]
        for key in PARTS if value > 0 else ():
            # the last part whose heading is above the view's upper third (or the last
            # part at all once the end is reached)
            if self.part_top(key) <= value + bar.pageStep() // 3 or (
                    value >= bar.maximum() > 0 and key == PARTS[-1]):
                in_view = key
        self.part_buttons[in_view].setChecked(True)

    def _space_lines(self, factor: float) -> None:
        """Every block of the document gets the scale's line spacing (proportional)."""
        cursor = QTextCursor(self.browser.document())
        cursor.select(QTextCursor.SelectionType.Document)
        spacing = QTextBlockFormat()
        spacing.setLineHeight(round(factor * 100),
                              QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        spacing.setBottomMargin(self._scale.spacing_px // 2)
        cursor.mergeBlockFormat(spacing)

    def _page(self, direction: int) -> None:
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + direction * round(bar.pageStep() * 0.9))

    def clear_input(self) -> None:
        self.set_notice_status("", "")
