"""``python -m kiosk screenshots --app display``: every display screen is rendered."""
from __future__ import annotations

from argon2 import PasswordHasher
from PySide6.QtGui import QImage

from kiosk.queue.rules import passwords

SCREENS = ("hall", "no-show", "speech-unavailable", "area", "window-screen", "windows-40",
           "windows-100", "windows-100-page-2")


def test_every_display_screen_is_rendered(tmp_path, qapp, monkeypatch):
    from kiosk.ui.screenshots import shoot_all

    # 80 clerks are added for the 100-window hall: cheap hashes keep the test short
    monkeypatch.setattr(passwords, "_hasher",
                        PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    saved = shoot_all(tmp_path, ["display"], [(1366, 768)], quick=True)
    expected = [tmp_path / f"display-1366x768-{screen}.png" for screen in SCREENS]
    assert saved == expected
    for path in expected:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 768), path.name
