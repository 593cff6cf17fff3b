"""``python -m kiosk screenshots``: its options, and one app rendered by the driver with the
files named ``<app>-<width>x<height>-<screen>.png``."""
import argparse

import pytest

from kiosk.ui import screenshots


def test_options_pick_apps_and_sizes_and_default_to_all():
    options = screenshots.parse_args(["out", "--app", "pad", "--size", "1024x768"])
    assert options.app == ["pad"] and options.size == [(1024, 768)]
    options = screenshots.parse_args(["--", "out"])
    assert options.app is None and options.size is None
    assert set(screenshots.APPS) == {"kiosk", "window", "pad", "display", "manager"}
    assert (1080, 1920) in screenshots.SIZES


def test_a_bad_size_is_refused_in_plain_words():
    with pytest.raises(argparse.ArgumentTypeError, match="WIDTHxHEIGHT"):
        screenshots.parse_size("big")


def test_the_session_names_its_files_by_app_size_and_screen(tmp_path):
    session = screenshots.ShotSession("pad", None, None, None, None, (1080, 1920),
                                      tmp_path, tmp_path)
    assert session.portrait
    assert session.path_for("idle").name == "pad-1080x1920-idle.png"
