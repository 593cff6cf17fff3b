"""What every command shares: the start-up options, the personal-data key, a password
asked in the terminal."""
from __future__ import annotations

import getpass
import sys

from kiosk.bootstrap import Options
from kiosk.errors import KioskError


def options(args) -> Options:
    return Options.from_args(args)


def ensure_key(ctx) -> None:
    from kiosk.queue.actions.keys import key_file
    from kiosk.queue.rules.personal import ensure_key_file

    path = key_file(ctx)
    made = ensure_key_file(path)
    print(f"personal-data key {'created at' if made else 'kept:'} {path} (copy this file "
          "to every PC of the hall that books or checks in by phone: README, LAN)")


def ask_password(who: str) -> str:
    if not sys.stdin.isatty():
        raise KioskError("请设置管理员密码", "no admin account: pass --admin-password "
                         "or run init in a terminal to be asked for it")
    while True:
        first = getpass.getpass(f"password for {who}: ")
        if first == getpass.getpass("again: "):
            return first
        print("the two passwords differ, try again")
