"""The console's look: a desk application read at arm's length, so denser type than the
kiosk, the shared high-contrast colours, and every state written as a word with a
symbol (colour only repeats it)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.ui.theme import (
    ACCENT, INK, MUTED, OK_INK, PAPER, PRIMARY, PRIMARY_TEXT, WARN_BG, WARN_INK, app_font,
)

BODY_PX = 16
TITLE_PX = 22
BACKGROUND = "#EEF1F5"      # INK on it is 17:1
NAV_BG = "#13213F"          # white nav text on it is 15:1
NAV_SELECTED = "#0B3D91"
LINE = "#5A6578"
ALERT_BG = "#FBE3E3"        # ACCENT on it is 7.4:1

STYLE = f"""
QMainWindow, QDialog {{ background: {BACKGROUND}; color: {INK}; }}
QListWidget#nav {{ background: {NAV_BG}; color: #FFFFFF; border: none; outline: none; }}
QListWidget#nav::item {{ padding: 10px 14px; border-left: 5px solid transparent; }}
QListWidget#nav::item:selected {{ background: {NAV_SELECTED}; color: #FFFFFF;
    border-left: 5px solid #FFFFFF; }}
QLabel#title {{ color: {INK}; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#banner {{ background: {PRIMARY}; color: {PRIMARY_TEXT}; padding: 6px 12px; }}
QLabel#warning {{ background: {WARN_BG}; color: {WARN_INK}; padding: 4px 8px;
    border: 1px solid {WARN_INK}; }}
QLabel#alert {{ background: {ALERT_BG}; color: {ACCENT}; padding: 4px 8px;
    border: 1px solid {ACCENT}; }}
QLabel#ok {{ color: {OK_INK}; }}
QTableView {{ background: {PAPER}; color: {INK}; gridline-color: #C5CBD5;
    selection-background-color: {PRIMARY}; selection-color: {PRIMARY_TEXT};
    alternate-background-color: #F4F6F9; }}
QHeaderView::section {{ background: #DDE3EC; color: {INK}; padding: 4px;
    border: 1px solid #C5CBD5; font-weight: bold; }}
QPushButton {{ background: {PAPER}; color: {PRIMARY}; border: 1px solid {PRIMARY};
    padding: 5px 14px; border-radius: 3px; }}
QPushButton:default, QPushButton#primary {{ background: {PRIMARY};
    color: {PRIMARY_TEXT}; }}
QPushButton:disabled {{ background: #D9DDE3; color: #3F4752; border-color: #9AA3B0; }}
QCheckBox::indicator, QListView::indicator, QTableView::indicator, QTreeView::indicator {{
    width: 18px; height: 18px; }}
QGroupBox {{ font-weight: bold; border: 1px solid #C5CBD5; margin-top: 12px;
    padding-top: 8px; background: {PAPER}; }}
QFrame#kpi {{ background: {PAPER}; border: 1px solid #C5CBD5; border-radius: 4px; }}
QFrame#kpi QLabel {{ color: {INK}; background: transparent; }}
QFrame#kpi QLabel#kpiCaption {{ color: {MUTED}; }}
QFrame#kpi[state="warn"] {{ background: {WARN_BG}; border: 2px solid {WARN_INK}; }}
QFrame#kpi[state="warn"] QLabel {{ color: {WARN_INK}; }}
QFrame#kpi[state="breach"] {{ background: {ALERT_BG}; border: 2px solid {ACCENT}; }}
QFrame#kpi[state="breach"] QLabel {{ color: {ACCENT}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
"""

#: window states as word + symbol
WINDOW_STATE_MARK = {"open": "●", "paused": "Ⅱ", "closed": "○"}
OK_MARK, WARN_MARK, DONE_MARK = "✓", "⚠", "✓"


def style_console(root: QWidget) -> None:
    root.setFont(app_font(BODY_PX))
    root.setStyleSheet(STYLE)


def title_font():
    font = app_font(TITLE_PX)
    font.setBold(True)
    return font


ACCENT_COLOUR = ACCENT
#: a table cell over its threshold: red ink on pale red, and the word 超时 in its text
BREACH_INK, BREACH_BG = ACCENT, ALERT_BG
