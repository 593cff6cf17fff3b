"""What every GUI app does first: one QApplication, the Chinese font, translations, and
the hall context (config -> database -> clock). Called from each app's ``run``; nothing
here runs at import time."""
from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk.queue.context import HallContext

log = logging.getLogger(__name__)


def qt_app(name: str) -> QApplication:
    """The process's QApplication (created once), with the CJK font and translator."""
    from kiosk.ui.theme import NORMAL, app_font

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(name)
    app.setOrganizationName("kiosk-hall")
    app.setFont(app_font(NORMAL.body_px))
    translator = QTranslator(app)
    from pathlib import Path

    qm_dir = Path(__file__).resolve().parents[2] / "assets" / "translations"
    if translator.load(QLocale(), "kiosk", "_", str(qm_dir)):
        app.installTranslator(translator)
    return app


def hall_context(args) -> HallContext:
    """The hall context from the global command-line options, environment and config;
    the schema is brought up to date first so an old database never confuses a screen."""
    from kiosk.cli import open_context
    from kiosk.queue import migrate

    ctx = open_context(args)
    migrate.ensure_current(ctx.db)
    return ctx
