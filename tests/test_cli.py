"""The command line as an administrator uses it, in real subprocesses."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "catalog" / "sample_hall.yaml"


def kiosk(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=ROOT, text=True,
                          capture_output=True, timeout=180, input=stdin)


def test_help_lists_every_command():
    done = kiosk("--help")
    for command in ("init", "catalog", "kiosk", "window", "rating-pad", "display", "manager",
                    "say", "print-test", "screenshots", "report", "hall", "close-day"):
        assert command in done.stdout


def test_a_real_install_asks_for_the_admin_and_never_gets_demo_accounts(tmp_path):
    db = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    done = kiosk("--db", db, "init", "--catalog", str(SAMPLE), stdin="")
    assert done.returncode == 1 and "--admin-password" in done.stderr
    done = kiosk("--db", db, "init", "--catalog", str(SAMPLE), "--admin-password", "s3cret!")
    assert done.returncode == 0, done.stderr
    assert "admin account 'admin' created" in done.stdout
    from kiosk.queue.actions import windows
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database
    from kiosk.errors import NotFound
    import pytest

    ctx = HallContext(db=Database(db))
    with pytest.raises(NotFound):
        windows.sign_in(ctx, staff_no="1001", password="123456", window=1)
    ctx.db.dispose()


def test_settings_and_close_day_from_the_command_line(tmp_path):
    db = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    assert kiosk("--db", db, "init", "--sample").returncode == 0
    done = kiosk("--db", db, "settings", "set", "queue.recall_max", "2")
    assert done.returncode == 0, done.stderr
    bad = kiosk("--db", db, "settings", "set", "queue.recall_max", "many")
    assert bad.returncode == 1 and "invalid value" in bad.stderr
    done = kiosk("--db", db, "close-day")
    assert done.returncode == 0 and "0 tickets expired" in done.stdout
    refused = kiosk("--db", db, "close-day", "--by", "1001")   # a window clerk
    assert refused.returncode == 1 and "may not do this" in refused.stderr
    done = kiosk("--db", db, "close-day", "--by", "9001")      # the manager
    assert done.returncode == 0, done.stderr


def test_a_pc_without_hall_code_refuses_a_real_halls_database(tmp_path):
    db = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    assert kiosk("--db", db, "init", "--sample").returncode == 0
    other = SAMPLE.read_text(encoding="utf-8").replace("code: demo", "code: xian", 1)
    (tmp_path / "xian.yaml").write_text(other, encoding="utf-8")
    done = kiosk("--db", db, "catalog", "import", str(tmp_path / "xian.yaml"))
    assert done.returncode == 0, done.stderr          # the file says which hall
    done = kiosk("--db", db, "close-day")
    assert done.returncode == 1
    assert "demo, xian" in done.stderr and "hall.code" in done.stderr
    assert "错误：本机未设置所属大厅" in done.stderr
    assert kiosk("--db", db, "--hall", "xian", "close-day").returncode == 0


def test_say_writes_a_wav(tmp_path):
    wav = tmp_path / "a012.wav"
    done = kiosk("--db", f"sqlite:///{tmp_path / 'none.sqlite3'}", "say", "A012", "3",
                 "--wav", str(wav))
    assert done.returncode == 0, done.stderr
    assert "请 A 零 一 二 号到 三 号窗口办理" in done.stdout
    assert wav.stat().st_size > 10_000


def test_global_options_may_follow_the_command(tmp_path):
    done = kiosk("init", "--db", f"sqlite:///{tmp_path / 'late.sqlite3'}", "--sample")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "late.sqlite3").exists()


def test_a_broken_catalog_exits_1_naming_file_entry_and_field(tmp_path):
    """Every broken catalog of tests/queue/test_catalog.py, on validate and on import:
    exit 1, one line per problem, no traceback, the database file untouched."""
    import yaml

    from tests.queue.test_catalog import BROKEN, broken_file

    db_file = tmp_path / "hall.sqlite3"
    assert kiosk("--db", f"sqlite:///{db_file}", "init", "--sample").returncode == 0
    before = db_file.read_bytes()
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    for case in BROKEN:
        name, *_, entry, field, words = case
        path, _ = broken_file(case, sample, tmp_path)
        for action in ("validate", "import"):
            done = kiosk("--db", f"sqlite:///{db_file}", "catalog", action, str(path))
            assert done.returncode == 1, (name, action, done.stderr[-500:])
            assert "Traceback" not in done.stderr, (name, action)
            assert f"{path}: {entry}: {field}: " in done.stderr, (name, action)
            assert words in done.stderr and len(done.stderr) < 5000, (name, action)
    assert db_file.read_bytes() == before
