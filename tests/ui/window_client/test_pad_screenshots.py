"""``python -m kiosk screenshots --app pad`` renders every pad screen."""
from kiosk.ui.screenshots import shoot_all

SCREENS = ("idle", "rate", "bad-reasons", "bad-comment", "phone-wrong", "phone", "thank-you",
           "idle-paused", "idle-closed")


def test_the_pad_screens_are_rendered(qtbot, tmp_path):
    saved = shoot_all(tmp_path, ["pad"], [(1366, 768)], quick=True)
    expected = {tmp_path / f"pad-1366x768-{screen}.png" for screen in SCREENS}
    assert expected <= set(saved)
    assert all(path.stat().st_size > 5000 for path in expected)
