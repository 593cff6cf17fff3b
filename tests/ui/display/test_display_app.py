"""``python -m kiosk display``: its options, and one frame drawn to a PNG through the
real entry point (hall, portrait and window-screen modes)."""
from __future__ import annotations

import argparse

import pytest
from PySide6.QtGui import QImage

from kiosk.ui.display import app


def test_options():
    opts = app.parse_options(["--windowed", "--mode", "window", "--window", "3",
                              "--no-speech"])
    assert (opts.windowed, opts.mode, opts.window, opts.no_speech) == (True, "window", 3,
                                                                       True)
    assert app.parse_options([]).portrait is None      # the setting decides
    assert app.parse_options(["--", "--portrait"]).portrait is True
    with pytest.raises(SystemExit):
        app.parse_options(["--mode", "wall"])


def _run(url: str, *argv: str) -> int:
    args = argparse.Namespace(db=url, config=None, hall=None)
    return app.run(args, list(argv))


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("argv, size", [
    ((), (1920, 1080)),
    (("--portrait",), (1080, 1920)),
    (("--mode", "window", "--window", "3"), (1280, 720)),
])
def test_screenshot_through_the_entry_point(qtbot, sqlite_url, tmp_path, argv, size):
    path = tmp_path / "display.png"
    assert _run(sqlite_url, *argv, "--screenshot", str(path)) == 0
    image = QImage(str(path))
    assert (image.width(), image.height()) == size
    assert _distinct_colours(image) > 20  # anti-aliased text, not an empty screen


def _distinct_colours(image: QImage) -> int:
    step = 7
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})
