"""Every screen text can be translated: Qt's lupdate finds all of it (with its context),
the shipped template holds all of it, and a .qm file really changes what screens say."""
from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent
MARKERS = {"translate", "QT_TRANSLATE_NOOP"}


def sources() -> list[str]:
    listing = subprocess.run(["bash", "scripts/translatable-sources.sh"], cwd=ROOT,
                             capture_output=True, text=True, check=True)
    return listing.stdout.split()


def marked_in_code() -> tuple[set[tuple[str, str]], list[str]]:
    """(context, text) of every call lupdate can read, and calls whose context it
    cannot (not a literal)."""
    found, unreadable = set(), []
    for name in sources():
        tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
        for string in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
            # lupdate does not look inside f-strings
            unreadable += [f"{name}:{n.lineno} (in an f-string)" for n in ast.walk(string)
                           if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                           and n.func.id in MARKERS]
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in MARKERS and node.args):
                continue
            context = node.args[0]
            if not (isinstance(context, ast.Constant) and isinstance(context.value, str)):
                if name != "kiosk/ui/i18n.py" and name != "kiosk/i18n_marks.py":
                    unreadable.append(f"{name}:{node.lineno}")
                continue
            if len(node.args) > 3 and isinstance(node.args[3], ast.Call):
                unreadable.append(f"{name}:{node.lineno} (a call as the count)")
            if len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                found.add((context.value, node.args[1].value))
    return found, unreadable


def messages(ts_file: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts_file).getroot()
    return {(context.findtext("name") or "", message.findtext("source") or "")
            for context in root.iter("context") for message in context.iter("message")}


def lupdate(target: Path) -> None:
    subprocess.run([str(TOOLS / "pyside6-lupdate"), "-silent", "-locations", "none",
                    *sources(), "-ts", str(target)], cwd=ROOT, check=True)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str, str]]:
    target = tmp_path_factory.mktemp("ts") / "all.ts"
    lupdate(target)
    return messages(target)


def test_every_translate_call_names_its_context_literally():
    _, unreadable = marked_in_code()
    assert unreadable == []


def test_lupdate_finds_every_text_with_its_context(extracted):
    in_code, _ = marked_in_code()
    assert len(in_code) > 600
    assert not any(context == "" for context, _ in extracted)
    assert in_code - extracted == set()
    # names the core defines reach the translators too
    assert {("Rating", "非常满意"), ("Outcome", "容缺受理"), ("Priority", "孕妇"),
            ("PauseReason", "用餐"), ("Registers", "申请事由")} <= extracted


def test_the_shipped_template_is_up_to_date(extracted):
    shipped = messages(ROOT / "assets" / "translations" / "kiosk_en.ts")
    missing = sorted(extracted - shipped)
    assert missing == [], "run: bash scripts/update-translations.sh"


def test_a_translation_changes_what_the_kiosk_says(qtbot, tmp_path):
    from kiosk.ui.kiosk.take import TakeTicketScreen

    ts_file = tmp_path / "kiosk_test.ts"
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="en">'
        "<context><name>TakeTicketScreen</name>"
        "<message><source>普通取号</source><translation>Ordinary ticket</translation></message>"
        "<message><source>优先 · %1</source><translation>Priority · %1</translation></message>"
        "</context><context><name>Priority</name>"
        "<message><source>老年人</source><translation>Senior</translation></message>"
        "</context></TS>", encoding="utf-8")
    qm_file = tmp_path / "kiosk_test.qm"
    subprocess.run([str(TOOLS / "pyside6-lrelease"), "-silent", str(ts_file), "-qm",
                    str(qm_file)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm_file))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        screen = TakeTicketScreen()
        qtbot.addWidget(screen)
        assert screen.ordinary_button.text() == "Ordinary ticket"
        assert screen.priority_buttons["elderly"].text() == "Priority · Senior"
        assert screen.priority_buttons["military"].text() == "Priority · 军人"  # untranslated
    finally:
        app.removeTranslator(translator)
