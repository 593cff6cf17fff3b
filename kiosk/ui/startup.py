"""What every GUI app does before its first window: one QApplication with the Chinese
font and the translations. The hall itself (config -> database -> schema -> settings ->
the feed's starting event) is started by ``kiosk.bootstrap``, the same for every app
and command; nothing here runs at import time."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

TRANSLATIONS = Path(__file__).resolve().parents[2] / "assets" / "translations"


def qt_app(name: str) -> QApplication:
    """The process's QApplication (created once), with the CJK font and translator."""
    from kiosk.ui.theme import NORMAL, app_font, register_shipped_fonts

    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_shipped_fonts()
    app.setApplicationName(name)
    app.setOrganizationName("kiosk-hall")
    app.setFont(app_font(NORMAL.body_px))
    translator = QTranslator(app)
    if translator.load(QLocale(), "kiosk", "_", str(TRANSLATIONS)):
        app.installTranslator(translator)
    return app
