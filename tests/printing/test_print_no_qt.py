"""The printing package stays usable without the GUI (it runs in a worker thread and
from the command line)."""
import subprocess
import sys

CHECK = """
import sys
import kiosk.printing, kiosk.printing.commands, kiosk.printing.runner
bad = [m for m in sys.modules
       if m.split(".")[0] in ("PySide6", "shiboken6")
       or m.startswith(("kiosk.ui", "kiosk.queue", "window_client"))]
assert not bad, bad
import logging
assert "escpos" not in sys.modules  # imported on first render only
assert not logging.getLogger().handlers  # so it has not configured logging yet
"""


def test_importing_printing_pulls_in_no_qt_ui_queue_or_escpos():
    subprocess.run([sys.executable, "-c", CHECK], check=True, timeout=60)
