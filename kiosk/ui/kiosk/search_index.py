"""Finding items by Chinese text or by pinyin initials (no Qt).

Citizens at a touch screen rarely manage a Chinese input method; typing the first
letters of each syllable ("gtgs" for 个体工商户…) on the on-screen keyboard is the
common way round it. Full pinyin ("getihu") matches too.

Names are converted with pypinyin once, when the index is built. pypinyin's phrase
dictionary costs the process about 55 MB of memory for good, so the kiosk converts the
names in a short-lived child process (``python -m kiosk.ui.kiosk.search_index``, JSON
on stdin and stdout) and keeps only the results; in-process conversion is the fallback.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Indexed:
    code: str
    name: str
    department_name: str
    initials: str      # "gtgshsldj"
    full: str          # "getigongshanghushelidengji"


def _letters(parts: list[str]) -> str:
    return "".join(ch for part in parts for ch in part.lower() if ch.isalnum())


def romanize(names: Sequence[str]) -> list[tuple[str, str]]:
    """(initials, full pinyin) of each name, in this process."""
    from pypinyin import Style, lazy_pinyin

    return [(_letters(lazy_pinyin(name, style=Style.FIRST_LETTER)),
             _letters(lazy_pinyin(name))) for name in names]


def romanize_elsewhere(names: Sequence[str], timeout_s: float = 60.0
                       ) -> list[tuple[str, str]]:
    """``romanize`` in a child process, so pypinyin's memory goes away with it; falls
    back to this process if the child cannot run (e.g. a frozen executable)."""
    root = str(Path(__file__).resolve().parents[3])  # the folder holding ``kiosk``
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
    try:
        done = subprocess.run([sys.executable, "-m", __name__], input=json.dumps(list(names)),
                              capture_output=True, text=True, encoding="utf-8",
                              timeout=timeout_s, check=True, env=env)
        pairs = [tuple(pair) for pair in json.loads(done.stdout)]
        if len(pairs) == len(names):
            return pairs
        log.warning("pinyin helper returned %d names for %d", len(pairs), len(names))
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        log.warning("pinyin helper process failed (%s); converting in this process", exc)
    return romanize(names)


class ItemIndex:
    """Matches a query against item names, codes and department names."""

    def __init__(self, items: Iterable, romanized: Sequence[tuple[str, str]] | None = None
                 ) -> None:
        """``items``: objects with ``code``, ``name`` and ``department_name``;
        ``romanized``: their (initials, full pinyin), computed here when not given."""
        items = list(items)
        if romanized is None:
            romanized = romanize([i.name for i in items])
        self.entries = tuple(
            Indexed(i.code, i.name, i.department_name, initials, full)
            for i, (initials, full) in zip(items, romanized, strict=True))

    def search(self, query: str, limit: int | None = None) -> list[Indexed]:
        """Best matches first: Chinese substring, then initials from the start, then
        initials anywhere, then full pinyin; catalog order within each group."""
        text = query.strip()
        if not text:
            return []
        letters = "".join(ch for ch in text.lower() if ch.isascii() and ch.isalnum())
        ranked: list[tuple[int, int, Indexed]] = []
        for order, entry in enumerate(self.entries):
            rank = self._rank(entry, text, letters)
            if rank is not None:
                ranked.append((rank, order, entry))
        ranked.sort(key=lambda r: (r[0], r[1]))
        found = [entry for _, _, entry in ranked]
        return found[:limit] if limit else found

    @staticmethod
    def _rank(entry: Indexed, text: str, letters: str) -> int | None:
        if text in entry.name:
            return 0
        if text.upper() == entry.code.upper() or text in entry.department_name:
            return 1
        if _looks_like_code(text) and text.upper() in entry.code.upper():
            return 1  # part of an item code: "scjg-00", "001"
        if letters and letters == text.lower():
            if entry.initials.startswith(letters):
                return 2
            if letters in entry.initials:
                return 3
            if len(letters) >= 3 and letters in entry.full:
                return 4
        return None


def _looks_like_code(text: str) -> bool:
    """Digits or a hyphen: a code being typed, not pinyin."""
    return any(ch.isdigit() or ch == "-" for ch in text)


def _main() -> None:
    """Child process: a JSON list of names on stdin, their pinyin pairs on stdout."""
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    json.dump(romanize(json.load(sys.stdin)), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    _main()
