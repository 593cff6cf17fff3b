"""``python -m kiosk screenshots --app window`` renders every clerk screen worth seeing."""
from kiosk.ui.screenshots import shoot_all

SCREENS = ("login", "main", "serving", "finish-form", "priority-check", "no-show-confirm",
           "priority-rejected", "pause-form", "paused", "finish-outcomes",
           "finish-supply-later", "case-registered", "cases", "case-correction-form",
           "case-conclude-form")


def test_window_screens_are_rendered(tmp_path):
    saved = shoot_all(tmp_path, ["window"], [(1366, 768)], quick=True)
    expected = [tmp_path / f"window-1366x768-{screen}.png" for screen in SCREENS]
    assert saved == expected
    assert all(path.stat().st_size > 10_000 for path in expected)
