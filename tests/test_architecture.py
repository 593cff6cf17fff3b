"""The layering README's map promises, checked by import-linter (contracts in setup.cfg):
the command line over the apps over the shared UI over the Qt-free core, each app its
own package, nothing importing the CLI, printing and speech apart from the queue, and no
import cycles."""
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is not installed in this environment"
    done = subprocess.run([lint, "--config", str(ROOT / "setup.cfg")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_importing_the_core_creates_no_engine_and_no_qt():
    code = ("import sys, kiosk.queue.actions.issuing, kiosk.queue.actions.calling, kiosk.queue.store.feed, "
            "kiosk.cli; assert 'PySide6' not in sys.modules, 'Qt imported'; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr


def test_tests_never_import_the_benchmarks():
    """What a test and a benchmark both need lives in the package (kiosk.queue.race)
    or in a test helper, so bench/ can change without breaking the suite."""
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "tests").rglob("*.py")
                 if any(line.lstrip().startswith(("from bench", "import bench"))
                        for line in path.read_text(encoding="utf-8").splitlines())]
    assert offenders == []
