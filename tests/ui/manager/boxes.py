"""The console's message boxes are non-blocking (``open()``): tests read and close them.
Pages read and act on a worker thread: ``settle`` waits until what they asked for is
back on screen."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox


def message_boxes() -> list[QMessageBox]:
    """The message boxes open now (error and done boxes are non-blocking)."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


WAIT_MS = 30_000  # a bound, not a timing: a loaded 2-core CI machine once needed over 10 s


def settle(qtbot, widget) -> None:
    """Wait until every read and action ``widget`` (a page or the console) asked for
    has come back and been shown."""
    qtbot.waitUntil(lambda: widget.calls.idle, timeout=WAIT_MS)


def wait_boxes(qtbot) -> list[str]:
    """Wait for a message box (an action's outcome), then close every open one;
    returns their texts."""
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=WAIT_MS)
    return close_boxes()


def close_boxes() -> list[str]:
    """Close every open message box; returns their texts."""
    texts = []
    for box in message_boxes():
        texts.append(box.text())
        box.close()
    return texts
