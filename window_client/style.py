"""The clerk app's look: the shared theme's colours, large high-contrast
buttons, and a banner and message area that say their state in words."""
from __future__ import annotations

from kiosk.ui.theme import (
    ACCENT, INK, MUTED, OK_INK, PAPER, PRIMARY, PRIMARY_TEXT, WARN_BG, WARN_INK,
)

BUTTON_MIN_H = 72
#: the least height of anything touched or clicked (list rows, check boxes...)
TOUCH_MIN_H = 44

STYLE = f"""
QWidget {{ color: {INK}; background: {PAPER}; }}
QPushButton {{
    background: {PRIMARY}; color: {PRIMARY_TEXT}; border: 2px solid {INK};
    border-radius: 6px; padding: 6px 10px; font-weight: bold;
}}
QPushButton:disabled {{ background: #D9D9D9; color: {MUTED}; border: 2px dashed {MUTED}; }}
QPushButton:focus {{ border: 4px solid {ACCENT}; }}
QLabel#ticketCode {{ color: {ACCENT}; font-weight: bold; }}
QLabel#heading {{ font-weight: bold; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#banner {{
    background: {WARN_BG}; color: {WARN_INK}; border: 3px solid {WARN_INK};
    padding: 10px; font-weight: bold;
}}
QLabel#message[tone="error"] {{ color: {ACCENT}; border: 2px solid {ACCENT}; padding: 6px; }}
QLabel#message[tone="done"] {{ color: {OK_INK}; border: 2px solid {OK_INK}; padding: 6px; }}
QLabel#message[tone="info"] {{ color: {INK}; border: 2px solid {MUTED}; padding: 6px; }}
QFrame#panel {{ border: 2px solid {MUTED}; border-radius: 6px; }}
QFrame#form {{ border: 3px solid {PRIMARY}; border-radius: 6px; }}
QListWidget {{ border: 2px solid {INK}; }}
QListWidget::item {{ min-height: {TOUCH_MIN_H - 8}px; padding: 4px; }}
QListWidget::item:selected {{ background: {PRIMARY}; color: {PRIMARY_TEXT}; }}
QLineEdit, QComboBox {{ border: 2px solid {INK}; padding: 4px; min-height: 36px; }}
QCheckBox {{ spacing: 12px; }}
"""
