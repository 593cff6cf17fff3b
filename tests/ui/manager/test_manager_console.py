"""The console frame: every page builds for a manager and an admin, and feed batches
arriving in a burst reach the pages once."""
import datetime as dt

import pytest

from kiosk.queue.store.events import FeedEvent
from kiosk.ui.manager.coalesce import EventCoalescer
from kiosk.ui.manager.console import page_specs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _event(n: int, action: str = "ticket_issued") -> FeedEvent:
    return FeedEvent(n, 1, dt.datetime(2026, 11, 23, 1, 30, tzinfo=dt.timezone.utc),
                     "kiosk", action, None, None, {})


def test_a_burst_is_handed_on_once(qtbot):
    coalescer = EventCoalescer(settle_ms=50)
    settled = []
    coalescer.events_settled.connect(settled.append)
    for n in range(5):
        coalescer.add([_event(2 * n + 1), _event(2 * n + 2)])
    with qtbot.waitSignal(coalescer.events_settled, timeout=2000):
        pass
    assert len(settled) == 1 and [e.id for e in settled[0]] == list(range(1, 11))
    coalescer.add([_event(11)])
    with qtbot.waitSignal(coalescer.events_settled, timeout=2000):
        pass
    assert [e.id for e in settled[1]] == [11]


@pytest.mark.parametrize("staff_no", ["9001", "9000"])
def test_every_page_builds(qtbot, make_console, staff_no):
    console = make_console(staff_no)
    keys = [key for key, _, _ in page_specs()]
    assert console.page_keys == keys
    for key in keys:
        page = console.show_page(key)
        assert page.isVisible(), key
    titles = [console.nav.item(i).text().split()[0] for i in range(console.nav.count())]
    assert titles == ["实时监控", "告警", "办件监察", "统计报表", "差评跟踪", "好差评",
                      "事项管理", "窗口", "人员", "设置", "电子监察"]
    with qtbot.waitSignal(console.signed_out):
        console.logout_button.click()
    assert not console.isVisible()


def test_a_background_job_reports_progress_and_can_be_cancelled(qtbot):
    import threading

    from PySide6.QtWidgets import QWidget

    from kiosk.ui.manager.tasks import BackgroundTask

    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()

    def job(progress):
        done = 0
        while True:  # runs until cancelled: progress() raises then
            started.set()
            done += 1
            progress(done, 10**9)
            threading.Event().wait(0.005)

    task = BackgroundTask(parent, "…", job)
    with qtbot.waitSignal(task.finished_cancelled, timeout=5000):
        task.start()
        qtbot.waitUntil(started.is_set, timeout=2000)
        qtbot.waitUntil(lambda: task.dialog.maximum() == 10**9, timeout=2000)
        task.dialog.canceled.emit()  # what its cancel button sends

    ok = BackgroundTask(parent, "…", lambda progress: 42)
    with qtbot.waitSignal(ok.finished_ok, timeout=5000) as result:
        ok.start()
    assert result.args == [42]
