"""Translatable UI text. Source strings are Simplified Chinese (the hall's language);
``tr`` routes them through Qt's translator so a .qm file can supply another language
(e.g. English or a minority language) without touching code."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)
