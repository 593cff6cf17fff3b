"""kiosk.speech must run in a process without Qt, the UI or the queue package."""
import subprocess
import sys

CHECK = """
import sys
import kiosk.speech, kiosk.speech.commands, kiosk.speech.announcer, kiosk.speech.engine
bad = sorted(m for m in sys.modules
             if m.split('.')[0] in ('PySide6', 'shiboken6', 'window_client')
             or m.startswith(('kiosk.ui', 'kiosk.queue')))
print(','.join(bad))
"""


def test_importing_speech_loads_no_qt_ui_or_queue():
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == ""
