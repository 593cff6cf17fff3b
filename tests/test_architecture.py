"""The layering GUIDE.md promises, checked by import-linter: the core imports no Qt."""
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_imports_no_qt():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is not installed in this environment"
    done = subprocess.run([lint, "--config", str(ROOT / "setup.cfg")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_importing_the_core_creates_no_engine_and_no_qt():
    code = ("import sys, kiosk.queue.issuing, kiosk.queue.calling, kiosk.queue.feed, "
            "kiosk.cli; assert 'PySide6' not in sys.modules, 'Qt imported'; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr
