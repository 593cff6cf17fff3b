"""Reading a catalog file's YAML safely, before any validation.

A catalog comes from outside the hall, so the reader refuses what a plain
``yaml.safe_load`` lets through: aliases (a few lines of anchors expand to billions of
nodes, a "billion laughs") and nesting deep enough to exhaust the stack. A catalog needs
neither. The composer keeps the path to the node it is reading, so a refusal names the
entry and field (as a pydantic location) besides the line.
"""
from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import ScalarNode

#: deeper than any catalog (hours inside a queue inside the list is 4)
MAX_DEPTH = 20


class CatalogFileError(Exception):
    """``loc``: the path to the refused node (``("hall", "timezone")``), or None."""

    def __init__(self, entry: str, zh: str, en: str, loc: tuple | None = None) -> None:
        super().__init__(en)
        self.entry, self.zh, self.en, self.loc = entry, zh, en, loc


class _CatalogLoader(yaml.SafeLoader):
    """SafeLoader whose compose step refuses aliases and bounds the nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._path: list = []

    def compose_node(self, parent, index):
        # index: the key node of a mapping value, the position in a sequence
        step = index.value if isinstance(index, ScalarNode) else index
        self._path.append(step if isinstance(step, str | int) else None)
        try:
            if self.check_event(AliasEvent):
                self._refuse("不允许使用 YAML 别名（*引用）", "YAML aliases (*name) are not allowed")
            if len(self._path) > MAX_DEPTH:
                self._refuse(f"嵌套超过 {MAX_DEPTH} 层", f"nested deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self._path.pop()

    def _refuse(self, zh: str, en: str):
        line = self.peek_event().start_mark.line + 1
        loc = tuple(step for step in self._path if step is not None)[:5]
        raise CatalogFileError(f"line {line}", f"第 {line} 行：{zh}", f"line {line}: {en}",
                               loc)


def parse(raw: bytes) -> Any:
    """The YAML document in ``raw``; raises CatalogFileError saying what is wrong."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogFileError(
            "catalog", f"文件不是 UTF-8 编码（第 {exc.start + 1} 字节），请另存为 UTF-8",
            f"the file is not UTF-8 (byte {exc.start + 1}); save it as UTF-8") from None
    loader = _CatalogLoader(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "catalog"
        raise CatalogFileError(where, "YAML 格式错误", f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
