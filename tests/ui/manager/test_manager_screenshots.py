"""``python -m kiosk screenshots DIR --app manager`` renders the login and every console
page and tab at a manager's 1366x768 PC and on a portrait 1080x1920 screen, and no
page widens the console past the screen or cuts a nav title's count off."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SCREENS = ("login", "live", "alerts", "cases", "reports", "reports-registers",
           "reports-supply-later", "reports-cases", "followups", "followups-calendar", "ratings",
           "ratings-reconcile", "ratings-patterns", "catalog",
           "catalog-services", "windows", "staff", "settings", "audit")
SIZES = ((1366, 768), (1080, 1920))
BIG_COUNT = 1234   # a month of failed reports: four digits on the nav


def clipped_nav_titles(console) -> list[str]:
    """The nav's titles wider than the nav (drawn as "好差评 ⚠…")."""
    nav = console.nav
    return [nav.item(row).text() for row in range(nav.count())
            if nav.sizeHintForIndex(nav.model().index(row, 0)).width()
            > nav.viewport().width()]


def test_every_console_screen_is_rendered_within_the_screen(qapp, tmp_path, monkeypatch):
    from kiosk.ui.manager.console import ManagerConsole
    from kiosk.ui.screenshots import ShotSession, shoot_all

    shown, save = {}, ShotSession.save

    def save_and_measure(session, widget, screen):
        if isinstance(widget, ManagerConsole):
            for key in widget.page_keys:   # every count badge at four digits
                counted = getattr(widget.page(key), "count_changed", None)
                if counted is not None:
                    counted.emit(BIG_COUNT)
        path = save(session, widget, screen)
        if isinstance(widget, ManagerConsole):
            shown[session.size, screen] = (widget.width(), clipped_nav_titles(widget))
            assert f"⚠{BIG_COUNT}" in widget.nav.item(widget.page_keys.index("ratings")).text()
        return path

    monkeypatch.setattr(ShotSession, "save", save_and_measure)
    saved = shoot_all(tmp_path, ["manager"], list(SIZES), quick=True)
    expected = [tmp_path / f"manager-{w}x{h}-{screen}.png"
                for w, h in SIZES for screen in SCREENS]
    assert sorted(saved) == sorted(expected)
    for path in expected:
        assert path.stat().st_size > 10_000, path.name
    assert len(shown) == len(SIZES) * (len(SCREENS) - 1)
    too_wide = {key: width for key, (width, _) in shown.items() if width > key[0][0]}
    assert too_wide == {}
    clipped = {key: titles for key, (_, titles) in shown.items() if titles}
    assert clipped == {}
