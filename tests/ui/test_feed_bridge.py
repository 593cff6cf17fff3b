"""The feed bridge tells an outage (连接中断) from a fault: only a lost connection may
look like an outage; anything else is logged with its traceback and reported."""
import logging

from kiosk.queue.store.feed import FeedUnavailable
from kiosk.ui import feed_bridge
from kiosk.ui.feed_bridge import FeedBridge


class ScriptedFeed:
    """A feed whose waits raise, in turn, what the test hands it, then stay quiet."""

    def __init__(self, faults):
        self.faults = list(faults)
        self.last_id = 0

    def wait(self, timeout):
        if self.faults:
            raise self.faults.pop(0)
        return []

    def close(self):
        pass


def _bridge(qtbot, monkeypatch, faults):
    feed = ScriptedFeed(faults)
    monkeypatch.setattr(feed_bridge, "subscribe", lambda db, after: feed)
    bridge = FeedBridge(db=None, wait_s=0.01)
    lost, failed, restored = [], [], []
    bridge.connection_lost.connect(lost.append)
    bridge.failed.connect(failed.append)
    bridge.connection_restored.connect(lambda: restored.append(True))
    return bridge, lost, failed, restored


def test_a_fault_that_is_not_an_outage_is_logged_with_its_traceback(qtbot, monkeypatch,
                                                                     caplog):
    bridge, lost, failed, _ = _bridge(qtbot, monkeypatch, [ValueError("bad payload")])
    with caplog.at_level(logging.ERROR, logger="kiosk.ui.feed_bridge"):
        bridge.start()
        try:
            qtbot.waitUntil(lambda: bool(failed), timeout=5000)
        finally:
            bridge.stop()
    assert failed == ["ValueError: bad payload"]
    assert lost == []  # not shown to anyone as 连接中断
    record = next(r for r in caplog.records if r.name == "kiosk.ui.feed_bridge")
    assert record.exc_info is not None and "bad payload" in str(record.exc_info[1])


def test_a_lost_connection_is_an_outage_and_its_end_is_reported(qtbot, monkeypatch):
    bridge, lost, failed, restored = _bridge(
        qtbot, monkeypatch, [FeedUnavailable(OSError("server closed the connection"))])
    bridge.start()
    try:
        qtbot.waitUntil(lambda: bool(restored), timeout=5000)
    finally:
        bridge.stop()
    assert len(lost) == 1 and "server closed the connection" in lost[0]
    assert failed == []
