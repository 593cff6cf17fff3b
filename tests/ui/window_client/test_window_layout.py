"""At the launcher's window size the clerk's screen draws nothing over anything else:
the ticket's detail rows each get a full line, and the finish form shows every outcome."""
from PySide6.QtCore import QPoint, QRect

from tests.helpers import take
from tests.ui.window_client.conftest import idle, login, press


def _in_window(widget, rect: QRect, window) -> QRect:
    return QRect(widget.mapTo(window, rect.topLeft()), rect.size())


def test_ticket_details_and_finish_outcomes_fit_at_1280x860(qtbot, ctx, make_client):
    take(ctx, priority="elderly")
    client = make_client(ctx, window=1)
    assert (client.width(), client.height()) == (1280, 860)
    login(qtbot, client, "1001")
    press(qtbot, client, "call_next")
    qtbot.waitUntil(lambda: client.main.ticket_panel.code.text() == "A001")
    idle(qtbot, client)

    panel = client.main.ticket_panel
    labels = list(panel.captions.values()) + list(panel.values.values())
    rects = [_in_window(label, label.rect(), client) for label in labels]
    for label, rect in zip(labels, rects):
        assert label.isVisible()
        assert rect.height() >= label.fontMetrics().lineSpacing(), label.text()
    for i, first in enumerate(rects):
        for second in rects[i + 1:]:
            assert not first.intersects(second), (first, second)
    assert not client.main.ticket_scroll.verticalScrollBar().isVisible()

    press(qtbot, client, "finish")
    form = client.main.finish_form
    assert client.main.forms.currentWidget() is form
    outcomes = form.outcomes
    qtbot.waitUntil(lambda: outcomes.isVisible() and outcomes.viewport().height() > 0)
    assert outcomes.count() == 6
    window_rect = client.rect()
    viewport = form.body_scroll.viewport()
    seen = _in_window(viewport, viewport.rect(), client)
    list_view = _in_window(outcomes.viewport(), outcomes.viewport().rect(), client)
    for row in range(outcomes.count()):
        item = _in_window(outcomes.viewport(),
                          outcomes.visualItemRect(outcomes.item(row)), client)
        assert item.height() >= outcomes.fontMetrics().lineSpacing()
        for area in (window_rect, seen, list_view):
            assert area.contains(item), (row, item, area)
    for button in (form.confirm_button, form.cancel_button):
        rect = _in_window(button, button.rect(), client)
        assert window_rect.contains(rect)
        assert rect.height() >= 2 * button.fontMetrics().lineSpacing()
    assert QPoint(0, 0) == form.body_scroll.widget().pos()
