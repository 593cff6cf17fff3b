"""The guard every GUI test runs under (``tests/ui/conftest.py``): a database unit of
work opened on the GUI thread by GUI code is recorded, whatever the test does with it;
test code, worker threads and start-up code before the event loop may open one."""
from __future__ import annotations

import threading

from tests.ui.conftest import STARTUP_ALLOWED


def _as_module(name: str, source: str, **names):
    """A function compiled as if it lived in module ``name``."""
    scope = {"__name__": name, **names}
    exec(compile(source, f"<{name}>", "exec"), scope)  # noqa: S102 - test scaffolding
    return scope["call"]


READ = "def call(ctx):\n    with ctx.db.read():\n        return 1\n"


def test_gui_code_on_the_gui_thread_is_recorded(sqlite_ctx, no_database_on_gui_thread):
    guard = no_database_on_gui_thread
    _as_module("tests.ui.fake", READ)(sqlite_ctx)                 # test code: fine
    assert guard.violations == []
    _as_module("kiosk.ui.kiosk.fake", READ)(sqlite_ctx)           # GUI code: recorded
    [(kind, module, stack)] = guard.violations
    assert (kind, module) == ("read", "kiosk.ui.kiosk.fake")
    assert "<kiosk.ui.kiosk.fake>" in stack
    assert "Database.read() ran on the GUI thread from kiosk.ui.kiosk.fake" in guard.report()
    guard.violations.clear()   # this test made it on purpose: do not fail at teardown


def test_worker_threads_and_start_up_code_are_allowed(sqlite_ctx,
                                                      no_database_on_gui_thread):
    guard = no_database_on_gui_thread
    worker = threading.Thread(target=_as_module("window_client.fake", READ),
                              args=(sqlite_ctx,))
    worker.start()
    worker.join()
    module, function = sorted(STARTUP_ALLOWED)[0]
    startup = _as_module(module, f"def {function}(ctx, inner):\n    return inner(ctx)\n"
                         "call = " + function + "\n")
    startup(sqlite_ctx, _as_module("kiosk.ui.display.factory", READ))
    assert guard.violations == []
