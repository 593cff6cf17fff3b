"""Personal data kept only to find a booking again: a keyed hash and masked forms.

Why keyed: a booking stores its phone masked (139****5678), so an unkeyed hash next to
it gives the number back by trying the 10^4 hidden digits (milliseconds). An HMAC-SHA256
under a secret key kept outside the database (a file only this PC's user can read,
``security.key_file``) gives nothing back from the database alone.

Why each hash names its key (``"<key id>:<hex>"``): a hash cannot be re-hashed under a
new key without the value, which is not stored. So rotation adds a new current key and
keeps the retired ones in the key file while a stored hash still names them; lookups
try every key in the file. Bookings are short-lived: ``keys rotate`` forgets the hashes
no booking can be matched by any more (past days, cancelled, missed), and drops a
retired key once no hash names it, so an old key lives days, not years.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import secrets
import tempfile
from pathlib import Path

from kiosk.devices.idcard.text import check_digit
from kiosk.errors import InvalidInput, NotConfigured

log = logging.getLogger(__name__)

#: hex digits kept of the HMAC: "<6-hex key id>:" + 56 fit the 64-character column
DIGEST_HEX = 56
KEY_ID_HEX = 6
FORMAT = 1


def clean_mobile(phone: str | None) -> str:
    """An 11-digit mainland mobile number in ASCII digits (spaces and hyphens allowed
    in between), or a refusal: full-width or other Unicode digits would hash and mask
    differently from the same number typed on the kiosk."""
    phone = (phone or "").strip().replace(" ", "").replace("-", "")
    if not (phone.isascii() and phone.isdigit() and len(phone) == 11 and phone[0] == "1"):
        raise InvalidInput("请输入 1 开头的 11 位手机号码",
                           "not an 11-digit mainland mobile number")
    return phone


def valid_id_number(number: str) -> bool:
    """An 18-character resident ID number in ASCII with a correct check digit
    (GB 11643)."""
    number = number.strip().upper()
    return (len(number) == 18 and number.isascii() and number[:17].isdigit()
            and number[17] == check_digit(number[:17]))


def mask_phone(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 7 else "****"


def mask_id_number(id_number: str) -> str:
    return f"{id_number[:4]}{'*' * (len(id_number) - 8)}{id_number[-4:]}" \
        if len(id_number) > 8 else "****"


def mask_name(name: str) -> str:
    """张* / 欧阳** / S***: the first character, at most three stars (a long name's
    length says something too)."""
    name = name.strip()
    if not name:
        return "*"
    if name[0].isascii():
        return f"{name[0].upper()}***"
    return name[0] + "*" * min(max(len(name) - 1, 1), 3)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years on ``day`` (one born on 29 February turns a year older on 1 March)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@dataclasses.dataclass(frozen=True, repr=False)
class CardReading:
    """What taking a ticket by ID card uses of the card, in memory only: the number for
    a keyed hash (tickets per person per day), the name masked, the birth date for the
    age. ``kind``: resident, hkmt_residence or foreign_permanent."""

    id_number: str
    name: str
    birth_date: dt.date
    kind: str = "resident"

    def __repr__(self) -> str:  # never the number or the name, not even in a traceback
        return f"CardReading(kind={self.kind!r})"

    __str__ = __repr__

    @classmethod
    def of(cls, card) -> CardReading:
        """From a reader's card (kiosk.devices.idcard.text.CardText)."""
        return cls(id_number=card.id_number, name=card.name, birth_date=card.birth_date,
                   kind=card.kind)

    def person_hash(self, ring: KeyRing) -> str:
        return keyed_hash(ring, "id_number", self.id_number.upper())

    def person_candidates(self, ring: KeyRing) -> list[str]:
        return ring.candidates("id_number", self.id_number.upper())


class KeyRing:
    """The keys of one key file: ``current`` hashes new values, all of them match."""

    def __init__(self, current: str, keys: dict[str, bytes]) -> None:
        assert current in keys
        self.current = current
        self.keys = keys

    def __repr__(self) -> str:  # never the key material, not even in a traceback
        return f"KeyRing(current={self.current!r}, ids={sorted(self.keys)!r})"

    def hash(self, kind: str, value: str, key_id: str | None = None) -> str:
        key_id = key_id or self.current
        digest = hmac.new(self.keys[key_id], f"{kind}\x00{value.strip()}".encode(),
                          hashlib.sha256).hexdigest()
        return f"{key_id}:{digest[:DIGEST_HEX]}"

    def candidates(self, kind: str, value: str) -> list[str]:
        """The value's hash under every key, current first (what a lookup matches)."""
        return [self.hash(kind, value, key_id)
                for key_id in [self.current, *sorted(set(self.keys) - {self.current})]]

    def rotated(self) -> KeyRing:
        new_id = secrets.token_hex(KEY_ID_HEX // 2)
        while new_id in self.keys:
            new_id = secrets.token_hex(KEY_ID_HEX // 2)
        return KeyRing(new_id, {**self.keys, new_id: secrets.token_bytes(32)})

    def keeping(self, used: set[str]) -> KeyRing:
        """Without the retired keys no stored hash names."""
        return KeyRing(self.current, {k: v for k, v in self.keys.items()
                                      if k == self.current or k in used})


def keyed_hash(ring: KeyRing, kind: str, value: str) -> str:
    """The stored form of a personal value (``kind``: "phone", "id_number"…)."""
    return ring.hash(kind, value)


def key_id_of(stored_hash: str) -> str | None:
    """The key a stored hash names; None for a forgotten hash ("")."""
    return stored_hash.split(":", 1)[0] if ":" in stored_hash else None


def _missing(path: Path | None, why: str) -> NotConfigured:
    return NotConfigured(
        "本机没有个人信息密钥，暂不能办理按手机号或证件号查找的业务；"
        "请用预约号和手机号后四位签到，或请管理员把大厅的密钥文件复制到本机",
        f"no personal-data key on this PC ({why}): copy the hall's key file to "
        f"{path or 'the path in security.key_file'} (README: a hall on the LAN)",
        key_file=str(path) if path else None)


def load_keys(path: str | Path | None) -> KeyRing:
    """The key ring of ``path``; a missing or unreadable file is a clear refusal."""
    if not path:
        raise _missing(None, "security.key_file is not set")
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        keys = {str(k): bytes.fromhex(v) for k, v in data["keys"].items()}
        ring = KeyRing(str(data["current"]), keys)
    except FileNotFoundError:
        error = _missing(path, f"{path} does not exist")
    except (OSError, ValueError, KeyError, TypeError, AssertionError) as exc:
        error = _missing(path, f"{path} is unreadable: {type(exc).__name__}")
    else:
        return ring
    log.warning("%s", error.message_en)
    raise error


def write_keys(path: str | Path, ring: KeyRing) -> None:
    """Replace the key file in one step, readable by this user only (0600 on POSIX;
    on Windows the file lives in the user's own %LOCALAPPDATA%, which the OS keeps
    to that user)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"format": FORMAT, "current": ring.current,
                       "keys": {k: v.hex() for k, v in ring.keys.items()}}, indent=1)
    fd, temp = tempfile.mkstemp(prefix=".personal-", dir=path.parent)  # created 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def ensure_key_file(path: str | Path) -> bool:
    """Create the key file with a fresh key unless it exists; True when created."""
    path = Path(path)
    if path.exists():
        load_keys(path)  # a broken file is refused now, not at the first booking
        return False
    first = secrets.token_hex(KEY_ID_HEX // 2)
    write_keys(path, KeyRing(first, {first: secrets.token_bytes(32)}))
    log.debug("created the personal-data key file %s", path)
    return True
