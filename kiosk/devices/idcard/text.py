"""The card's 256-byte text block (UCS-2 little-endian, fixed fields padded with spaces).

Three layouts, told apart by the type flag at bytes 248-249: blank for the resident
ID card (居民身份证), ``J`` for the 港澳台居民居住证 (the resident layout plus the pass
number and issue count), ``I`` for the 外国人永久居留身份证 (English name first). Other
flags (a newer card this kiosk does not know) are refused rather than misread.

The decoded value lives only in memory: its ``repr`` shows the kind alone, so a card
never reaches a log or a traceback by accident.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk.devices.idcard.errors import CardReadFailed, UnsupportedCard

BLOCK = 256
RESIDENT, HKMT_RESIDENCE, FOREIGN_PERMANENT = "resident", "hkmt_residence", "foreign_permanent"
_FLAG = slice(248, 250)
_KIND_OF_FLAG = {"": RESIDENT, "J": HKMT_RESIDENCE, "I": FOREIGN_PERMANENT}

# byte ranges of the fields
_RESIDENT = {"name": (0, 30), "sex": (30, 32), "ethnicity": (32, 36), "birth": (36, 52),
             "address": (52, 122), "number": (122, 158), "issuer": (158, 188),
             "valid_from": (188, 204), "valid_until": (204, 220)}
_HKMT = {**_RESIDENT, "pass_number": (220, 238), "issue_count": (238, 242)}
_FOREIGN = {"english_name": (0, 120), "sex": (120, 122), "number": (122, 152),
            "nationality": (152, 158), "name": (158, 188), "valid_from": (188, 204),
            "valid_until": (204, 220), "birth": (220, 236), "version": (236, 240),
            "issuer": (240, 248)}

SEXES = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}
#: GB/T 3304 codes of the 56 ethnic groups (and 97/98) as printed on the card
ETHNICITIES = dict(enumerate((
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡",
    "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
    "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
    "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺"), start=1))
ETHNICITIES.update({97: "其他", 98: "外国血统中国籍人士"})


@dataclasses.dataclass(frozen=True, repr=False)
class CardText:
    kind: str                  # RESIDENT, HKMT_RESIDENCE or FOREIGN_PERMANENT
    name: str                  # the Chinese name (a foreigner's English one if none)
    sex: str                   # 男 / 女 / 未知 / 未说明
    birth_date: dt.date
    id_number: str
    issuer: str
    valid_from: dt.date | None
    valid_until: dt.date | None  # None: 长期 (valid for life)
    ethnicity: str = ""        # resident cards
    address: str = ""          # resident and 港澳台 cards
    nationality: str = ""      # foreigner's card: ISO 3166 alpha-3
    english_name: str = ""     # foreigner's card
    pass_number: str = ""      # 港澳台: the 通行证 number

    def __repr__(self) -> str:
        return f"CardText(kind={self.kind!r})"

    __str__ = __repr__


def decode(block: bytes) -> CardText:
    """The card's fields; CardReadFailed when the block is not one a card holds."""
    if len(block) < BLOCK:
        raise CardReadFailed(f"the text block has {len(block)} bytes, not {BLOCK}")
    flag = _field(block, _FLAG.start, _FLAG.stop)
    kind = _KIND_OF_FLAG.get(flag)
    if kind is None:
        raise UnsupportedCard(f"unknown card type flag {flag!r}")
    if kind == FOREIGN_PERMANENT:
        return _foreigner(block)
    f = {name: _field(block, *span) for name, span in
         (_HKMT if kind == HKMT_RESIDENCE else _RESIDENT).items()}
    number = _resident_number(f["number"])
    ethnicity = ""
    if kind == RESIDENT:
        ethnicity = ETHNICITIES.get(int(f["ethnicity"]), f["ethnicity"]) \
            if f["ethnicity"].isdigit() else f["ethnicity"]
    return CardText(kind=kind, name=_required(f["name"], "name"), sex=_sex(f["sex"]),
                    birth_date=_date(f["birth"], "birth date"), id_number=number,
                    issuer=f["issuer"], valid_from=_date(f["valid_from"], "start", True),
                    valid_until=_until(f["valid_until"]), ethnicity=ethnicity,
                    address=f["address"], pass_number=f.get("pass_number", ""))


def _foreigner(block: bytes) -> CardText:
    f = {name: _field(block, *span) for name, span in _FOREIGN.items()}
    number = f["number"].upper()
    if not (len(number) == 15 and number[:3].isalpha() and number[3:].isdigit()):
        raise CardReadFailed("the permanent residence card's number is malformed")
    english = f["english_name"]
    return CardText(kind=FOREIGN_PERMANENT, name=f["name"] or _required(english, "name"),
                    sex=_sex(f["sex"]), birth_date=_date(f["birth"], "birth date"),
                    id_number=number, issuer=f["issuer"],
                    valid_from=_date(f["valid_from"], "start", True),
                    valid_until=_until(f["valid_until"]), nationality=f["nationality"],
                    english_name=english)


def _field(block: bytes, start: int, stop: int) -> str:
    try:
        text = block[start:stop].decode("utf-16-le")
    except UnicodeDecodeError:
        raise CardReadFailed(f"bytes {start}-{stop} of the text block are no UCS-2") \
            from None
    return text.replace("\x00", " ").strip()


def _required(value: str, what: str) -> str:
    if not value:
        raise CardReadFailed(f"the card's {what} is empty")
    return value


def _sex(code: str) -> str:
    return SEXES.get(code, "未知")


def _date(text: str, what: str, optional: bool = False) -> dt.date | None:
    if optional and not text:
        return None
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise CardReadFailed(f"the card's {what} is not a date") from None


def _until(text: str) -> dt.date | None:
    return None if text == "长期" else _date(text, "end of validity", True)


_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


def check_digit(first17: str) -> str:
    """The 18th character of a citizen number (ISO 7064 MOD 11-2, GB 11643)."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return "10X98765432"[total % 11]


def _resident_number(number: str) -> str:
    number = number.upper()
    if not (len(number) == 18 and number[:17].isdigit()
            and number[17] == check_digit(number[:17])):
        raise CardReadFailed("the card's number fails its check digit")
    return number
