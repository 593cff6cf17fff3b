"""Start-up: the command's options, the real ``run``, and the screenshots command."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from kiosk.settings import Settings
from kiosk.ui.kiosk import app as kiosk_app, screenshots

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


def test_screenshots_render_every_screen(qtbot, sqlite_url, tmp_path, capsys):
    args = argparse.Namespace(db=sqlite_url, config=None, hall=None)
    out = tmp_path / "shots"
    assert screenshots.run(args, [str(out), "--orientation", "portrait",
                                  "--mode", "elder"]) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    assert len(names) == 11
    assert "portrait-elder-10-check-in-digits.png" in names
    assert "portrait-elder-01-home.png" in names
    assert "portrait-elder-07-ticket-printer-fault.png" in names
    from PySide6.QtGui import QImage

    image = QImage(str(out / "portrait-elder-06-ticket.png"))
    assert (image.width(), image.height()) == (1080, 1920)
    assert "11 screenshots" in capsys.readouterr().out
