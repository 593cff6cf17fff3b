"""``python -m kiosk screenshots DIR --app manager`` renders the login and every console
page and tab at a manager's 1366x768 PC."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SCREENS = ("login", "live", "alerts", "reports", "reports-registers",
           "reports-supply-later", "followups", "followups-calendar", "catalog",
           "catalog-services", "windows", "staff", "settings", "audit")


def test_every_console_screen_is_rendered(qapp, tmp_path):
    from kiosk.ui.screenshots import shoot_all

    saved = shoot_all(tmp_path, ["manager"], [(1366, 768)], quick=True)
    expected = [tmp_path / f"manager-1366x768-{screen}.png" for screen in SCREENS]
    assert sorted(saved) == sorted(expected)
    for path in expected:
        assert path.stat().st_size > 10_000, path.name
