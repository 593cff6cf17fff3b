"""Start-up: the command's options, the real ``run``, and the screenshots command."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kiosk.settings import Settings
from kiosk.ui.kiosk import app as kiosk_app

ROOT = Path(__file__).resolve().parents[3]


def test_app_options():
    options = kiosk_app.parse_app_args(["--windowed", "--portrait", "--elder"])
    assert options.windowed and options.portrait and options.elder
    assert not kiosk_app.parse_app_args([]).windowed
    assert kiosk_app.parse_app_args(["--", "--windowed"]).windowed


def test_unusable_printer_falls_back_to_screen_only():
    queue = kiosk_app.print_queue_from(Settings(machine={"printer.kind": "file"}))
    assert not queue.printer_present  # file printer without a path
    queue.close()


def test_the_kiosk_command_starts_and_draws_its_first_screen(sqlite_url):
    """The real start-up (config, database, feed, window) in a process of its own."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", sqlite_url, "kiosk", "--windowed",
         "--portrait", "--elder", "--startup-probe"],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["first_frame_unix"] > 0
    assert report["rss_mb"] is None or report["rss_mb"] < 400


def test_screenshots_render_every_screen(qtbot, tmp_path):
    """The kiosk through ``kiosk.ui.screenshots`` (the driver of every app) at 1366x768:
    both modes, the refusals before the third tap included."""
    from PySide6.QtGui import QImage

    from kiosk.ui.screenshots import shoot_all

    saved = shoot_all(tmp_path, ["kiosk"], [(1366, 768)], quick=True)
    names = {p.name for p in saved}
    for screen in ("home", "department", "guide", "guide-materials", "take-ticket",
                   "ticket", "ticket-printer-fault", "search", "search-code", "check-in",
                   "check-in-digits", "department-sold-out", "refused-sold-out",
                   "home-lunch-break", "refused-out-of-hours", "card-prompt",
                   "take-ticket-card-optional", "ticket-by-card", "scan-ticket-status",
                   "scan-unknown", "case-lookup", "case-lookup-digits", "case-refused",
                   "case-result"):
        for mode in ("", "elder-"):
            assert f"kiosk-1366x768-{mode}{screen}.png" in names, (mode, screen)
    assert all(p.exists() for p in saved)
    image = QImage(str(tmp_path / "kiosk-1366x768-elder-ticket.png"))
    assert (image.width(), image.height()) == (1366, 768)


def test_a_closed_kiosk_frees_its_screens(qtbot, make_kiosk):
    """Its screens' signal connections hold the window and the controller in a cycle the
    garbage collector cannot break: closing deletes them, or each kiosk built in one
    process (every GUI test) stays in memory with its images and fonts."""
    kiosk = make_kiosk()
    with qtbot.waitSignal(kiosk.window.destroyed, timeout=5000), \
            qtbot.waitSignal(kiosk.controller.destroyed, timeout=5000):
        kiosk.close()
