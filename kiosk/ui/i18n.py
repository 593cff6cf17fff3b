"""Translatable UI text. Source strings are Simplified Chinese (the hall's language);
``translate`` routes them through Qt's translator so a .qm file can supply another
language (e.g. English or a minority language) without touching code.

Call it as ``translate("Context", "literal text")``: Qt's lupdate finds the text by that
call's name and literal arguments (``scripts/update-translations.sh``). Text the core
defines is marked with ``kiosk.i18n_marks.QT_TRANSLATE_NOOP`` and shown with
``translate`` under the same context.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def translate(context: str, text: str, disambiguation: str | None = None,
              n: int = -1) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)
