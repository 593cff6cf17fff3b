"""The one settings registry: every option is declared once, with its type, default and
description (the way Picard's options and qutebrowser's configdata work): this PC's in
``machine``, the hall's in ``hall``, both into ``registry.OPTIONS``.

Two scopes:

* ``hall`` options are shared by every machine of a hall and live in the database
  (the manager edits them; each change is an audited event);
* ``machine`` options belong to one PC (its printer, its window, its database URL) and
  live in that PC's config file (an INI file: ``[printer]`` / ``kind = network``).

Values are read through ``Settings.get(name)``, which parses and falls back to the
declared default, so no module invents a default of its own. A stored hall option this
release does not know or cannot parse (a newer PC wrote it during a LAN upgrade) is
skipped, not fatal: it is logged, kept in ``Settings.rejected`` for the manager's
alert, and its default applies until a valid value is stored.
"""
from __future__ import annotations

import configparser
import dataclasses
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.errors import InvalidInput
# importing them declares the options, this PC's first (the order `settings list` shows)
from kiosk.settings import machine as _machine_options  # noqa: F401, I001
from kiosk.settings import hall as _hall_options  # noqa: F401
from kiosk.settings.registry import OPTIONS, Option

__all__ = ["OPTIONS", "Option", "Rejected", "Settings", "default_config_path",
           "default_data_dir", "option", "read_machine_config", "write_machine_option"]

log = logging.getLogger(__name__)

APP_NAME = "kiosk-hall"


def option(name: str) -> Option:
    try:
        return OPTIONS[name]
    except KeyError:
        raise InvalidInput(f"没有这项设置：{name}", f"unknown option {name!r}") from None


@dataclasses.dataclass(frozen=True)
class Rejected:
    """A stored hall option that was skipped: unknown here, or not a valid value."""

    name: str
    raw: Any
    message_zh: str
    message_en: str


#: (name, value) pairs already logged: every action reads the settings, log each once
_LOGGED_REJECTS: set[tuple[str, str]] = set()


def _rejected(name: str, raw: Any, error: InvalidInput | None) -> Rejected:
    """Describe (and log, once) a skipped hall option; ``error``: why its value failed,
    None for a name this release does not know as a hall option."""
    if error is None:
        rejected = Rejected(name, raw,
                            f"大厅设置“{name}”不是本版本的设置项（可能来自较新版本），已忽略；"
                            "请把大厅各电脑升级到同一版本",
                            f"{name} is not a hall option of this release")
    else:
        rejected = Rejected(name, raw,
                            f"{error.message_zh}，暂用默认值 {OPTIONS[name].default}；"
                            "请在管理端“设置”页重新设置",
                            error.message_en)
    if (name, repr(raw)) not in _LOGGED_REJECTS:
        _LOGGED_REJECTS.add((name, repr(raw)))
        log.warning("ignoring the stored hall option %s = %r (%s): the default applies",
                    name, raw, rejected.message_en)
    return rejected


class Settings:
    """Read-only view of the effective settings: stored values over declared defaults."""

    def __init__(self, machine: Mapping[str, Any] | None = None,
                 hall: Mapping[str, Any] | None = None) -> None:
        self._values: dict[str, Any] = {}
        #: stored hall options skipped (unknown or invalid), by name
        self.rejected: dict[str, Rejected] = {}
        for name, raw in (machine or {}).items():
            opt = OPTIONS.get(name)
            if opt is None or opt.scope != "machine":
                continue  # not this PC's option (or of another release): ignore it
            self._values[name] = opt.parse(raw)  # this PC's own file: fix it to start
        for name, raw in (hall or {}).items():
            opt = OPTIONS.get(name)
            if opt is None or opt.scope != "hall":
                self.rejected[name] = _rejected(name, raw, None)
                continue
            try:
                self._values[name] = opt.parse(raw)
            except InvalidInput as exc:  # one bad row must not stop every action
                self.rejected[name] = _rejected(name, raw, exc)

    def get(self, name: str) -> Any:
        opt = option(name)
        return self._values.get(name, opt.default)

    def with_values(self, **values: Any) -> Settings:
        """A copy with some options changed (dotted names use ``__``: queue__recall_max)."""
        clone = Settings()
        clone._values = dict(self._values)
        clone.rejected = dict(self.rejected)
        for key, raw in values.items():
            name = key.replace("__", ".")
            clone._values[name] = option(name).parse(raw)
        return clone


# --- the machine config file ---------------------------------------------------------

def default_config_path() -> Path:
    import platformdirs

    env = os.environ.get("KIOSK_CONFIG")
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "kiosk.ini"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def read_machine_config(path: Path | None = None) -> dict[str, str]:
    """Machine options from the INI file (missing file = all defaults)."""
    path = path or default_config_path()
    parser = configparser.ConfigParser(interpolation=None)
    if path.exists():
        parser.read(path, encoding="utf-8")
    values: dict[str, str] = {}
    for section in parser.sections():
        for key, raw in parser.items(section):
            values[f"{section}.{key}"] = raw
    return values


def write_machine_option(name: str, raw: str, path: Path | None = None) -> None:
    opt = option(name)
    if opt.scope != "machine":
        raise InvalidInput(f"“{opt.label_zh}”是大厅设置，请在管理端修改",
                           f"{name} is a hall option: change it in the database")
    opt.parse(raw)
    path = path or default_config_path()
    parser = configparser.ConfigParser(interpolation=None)
    if path.exists():
        parser.read(path, encoding="utf-8")
    section, key = name.split(".", 1)
    if not parser.has_section(section):
        parser.add_section(section)
    parser.set(section, key, str(raw))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        parser.write(fh)
