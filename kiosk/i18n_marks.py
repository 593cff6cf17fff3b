"""Marking text the Qt-free core defines for the screens' translators.

The core may not import Qt, yet its names for outcomes, priority classes, rating levels
and pause reasons appear on screens. ``QT_TRANSLATE_NOOP(context, text)`` returns
``text`` unchanged: it exists because Qt's lupdate finds translatable text by this
call's name. A screen then shows ``translate(context, text)``; files and printed slips
keep the Chinese.
"""
from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - lupdate's name
    return text
