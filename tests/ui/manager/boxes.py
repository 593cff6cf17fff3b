"""The console's message boxes are non-blocking (``open()``): tests read and close them."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox


def message_boxes() -> list[QMessageBox]:
    """The message boxes open now (error and done boxes are non-blocking)."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


def close_boxes() -> list[str]:
    """Close every open message box; returns their texts."""
    texts = []
    for box in message_boxes():
        texts.append(box.text())
        box.close()
    return texts
