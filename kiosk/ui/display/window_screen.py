"""The window screen (窗口屏): a small monitor over one window showing its number and
name, the clerk on duty (name and staff number), the current number, or the pause notice
with its reason and return time."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.queue.reads.display import CallView, DisplayState, WindowStatus
from kiosk.ui.display import style, texts
from kiosk.ui.display.controller import DisplayController
from kiosk.ui.display.header import Header
from kiosk.ui.display.highlight import Highlighter
from kiosk.ui.display.marquee import Marquee
from kiosk.ui.display.screen import DisplayScreen
from kiosk.ui.i18n import translate

COLOURS = {"open": style.OPEN, "idle": style.OPEN, "paused": style.PAUSED,
           "closed": style.CLOSED}


class WindowScreen(DisplayScreen):
    def __init__(self, controller: DisplayController, number: int, portrait: bool = False,
                 parent: QWidget | None = None) -> None:
        # a portrait monitor stacks the clerk above the number, on a portrait reference
        reference = style.WINDOW_SCREEN[::-1] if portrait else style.WINDOW_SCREEN
        super().__init__(controller, "windowScreen", translate("HallDisplay", "窗口屏"),
                         reference,
                         css="#windowScreen QLabel { background: transparent; }",
                         parent=parent)
        self.number = number
        self.header = Header(self.scale, controller.ctx.clock.now, controller.state.timezone,
                             title_px=60, clock_px=34, text_px=28, staff_px=13,
                             show_date=not portrait)

        self.clerk_caption = self._label(translate("HallDisplay", "工作人员"), 26, colour=style.SOFT)
        self.clerk_name = self._label("", 58, bold=True)
        self.clerk_no = self._label("", 36, colour=style.SOFT)
        clerk = self._panel("clerkPanel", self.clerk_caption, self.clerk_name, self.clerk_no)

        self.status_caption = self._label(translate("HallDisplay", "当前号码"), 26, colour=style.SOFT)
        self.code = self._label("", 170, bold=True, colour=style.NUMBER)
        self.big = self._label("", 110, bold=True)      # 暂停服务 / 未开放
        self.headline = self._label("", 52, bold=True)
        self.detail = self._label("", 44)                # the pause reason
        self.back = self._label("", 44, bold=True)       # 预计 14:00 恢复
        for label in (self.code, self.big, self.headline, self.detail, self.back):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        style.elastic(self.detail)
        self.status_panel = self._panel("statusPanel", self.status_caption, self.code,
                                        self.big, self.headline, self.detail, self.back)
        self.kind = "closed"
        self.highlighter = Highlighter(self._paint_status, self)

        self.services = self._label("", 28, colour=style.SOFT)
        self.notice = self.scale.set(Marquee(controller.notice), 34)

        body = QVBoxLayout() if portrait else QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(clerk, 2)
        body.addWidget(self.status_panel, 3)
        self._frame(body, self.services, self.notice)
        self.status: WindowStatus | None = None
        self._follow()

    def _panel(self, name: str, *labels: QLabel) -> QFrame:
        frame = QFrame()
        frame.setObjectName(name)
        frame.setStyleSheet(style.panel_css(name))
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(28, 16, 28, 16)
        layout.setSpacing(4)
        layout.addWidget(labels[0])
        layout.addStretch(1)
        for label in labels[1:]:
            layout.addWidget(label)
        layout.addStretch(1)
        return frame

    # --- what the controller tells us ------------------------------------------------

    def apply_state(self, state: DisplayState) -> None:
        self.header.timezone = state.timezone
        status = state.window(self.number)
        if status is None:
            self.header.set_title(texts.window_label(self.number))
            words = translate("HallDisplay", "本窗口未设置") if self.controller.loaded \
                else translate("HallDisplay", "正在连接…")
            self._show(texts.WindowWords("closed", words, "", ""))
            return
        self.status = status
        self.header.set_title(texts.window_label(status.number), status.name)
        self.clerk_name.setText(status.staff_name or "")  # a dash would read as 一
        self.clerk_no.setText(translate("HallDisplay", "工号 {staff_no}").format(
            staff_no=status.staff_no) if status.staff_no else "")
        words = texts.window_words(status, state.timezone)
        if words.kind == "open" and status.current_state == "called":
            words = dataclasses.replace(words, headline=translate(
                "HallDisplay", "请 {code} 号到本窗口办理").format(code=words.code))
        self._show(words)
        names = {s.prefix: s.name for s in state.services}
        served = "  ".join(f"{p} {names.get(p, '')}".strip() for p in status.service_prefixes)
        self.services.setText(translate("HallDisplay", "办理业务：{services}").format(services=served)
                              if served else "")

    def _show(self, words: texts.WindowWords) -> None:
        stopped = words.kind in ("paused", "closed")
        self.status_caption.setVisible(not stopped)
        self.code.setText(words.code)
        self.code.setVisible(bool(words.code))
        self.big.setText(words.headline if stopped else "")
        self.big.setVisible(stopped)
        self.headline.setText("" if stopped else words.headline)
        self.headline.setVisible(not stopped)
        self.detail.setText(words.reason)
        self.detail.setVisible(bool(words.reason))
        self.back.setText(words.back)
        self.back.setVisible(bool(words.back))
        if words.kind != self.kind:
            self.kind = words.kind
            self._paint_status(self.highlighter.inverted)

    def on_call(self, call: CallView) -> None:
        if call.window == self.number:
            self.highlighter.start()

    def _paint_status(self, inverted: bool) -> None:
        ink = style.FLASH_TEXT
        bg = style.FLASH_BG if inverted else style.PANEL
        self.status_panel.setStyleSheet(style.panel_css("statusPanel", background=bg))
        self.code.setStyleSheet(f"color: {ink if inverted else style.NUMBER};")
        self.headline.setStyleSheet(f"color: {ink if inverted else COLOURS[self.kind]};")
        self.big.setStyleSheet(f"color: {ink if inverted else COLOURS[self.kind]};")
        self.detail.setStyleSheet(f"color: {ink if inverted else style.TEXT};")
        self.back.setStyleSheet(f"color: {ink if inverted else style.PAUSED};")
        self.status_caption.setStyleSheet(f"color: {ink if inverted else style.SOFT};")
