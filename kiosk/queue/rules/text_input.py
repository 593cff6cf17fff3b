"""Free text typed by staff and citizens, made safe once before anything is written.

One rule for every free-text field, so that SQLite and PostgreSQL store the same
thing and a hostile or garbled input gets a clear refusal instead of a database
error: Unicode NFC (the same name typed two ways is one name), control characters
removed (a screen or a printer would act on them), line breaks kept only in
multi-line fields, tabs made spaces, NUL and lone surrogates refused (no person types
them, and PostgreSQL cannot store them), and each field's length limit checked here
(``kiosk.queue.rules.limits``, shared with the columns). Emoji and right-to-left
text are kept exactly as typed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kiosk.errors import InvalidInput
from kiosk.queue.rules import limits


@dataclass(frozen=True)
class TextField:
    """One free-text field: its names in messages, its limit and whether it has lines."""

    what_zh: str
    what_en: str
    limit: int
    multiline: bool = False


PAUSE_REASON = TextField("暂停原因", "pause reason", limits.PAUSE_REASON_MAX)
CALENDAR_NOTE = TextField("备注", "calendar note", limits.CALENDAR_NOTE_MAX)
STAFF_NAME = TextField("姓名", "staff name", limits.STAFF_NAME_MAX)
BOOKING_NAME = TextField("姓名", "booking name", limits.BOOKING_NAME_MAX)
INQUIRY_QUESTION = TextField("问题", "question", limits.INQUIRY_QUESTION_MAX, True)
INQUIRY_ANSWER = TextField("答复", "answer", limits.INQUIRY_ANSWER_MAX, True)
INQUIRY_REFERRED_TO = TextField("引导去向", "referred to", limits.INQUIRY_REFERRED_TO_MAX)
TICKET_NOTE = TextField("备注", "note", limits.TICKET_NOTE_MAX)
RATING_COMMENT = TextField("评价意见", "rating comment", limits.RATING_COMMENT_MAX, True)
RATING_REASON = TextField("不满意原因", "rating reason", limits.RATING_REASON_MAX)
FOLLOWUP_NOTE = TextField("说明", "note", limits.FOLLOWUP_NOTE_MAX, True)
CASE_MATERIAL = TextField("材料名称", "material name", limits.MATERIAL_NAME_MAX)
CASE_REASON = TextField("不予办结理由", "refusal reason", limits.FOLLOWUP_NOTE_MAX, True)

#: every line break a keyboard, a paste or Qt may produce (NEL and LS/PS included)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_LINE_BREAKS = re.compile("(?:\r\n|[\r\n\x85\u2028\u2029])+")
#: control characters (C0, DEL, C1) left after line breaks and tabs are handled
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(value: str | None, field: TextField, *,
               missing: tuple[str, str] | None = None) -> str:
    """``value`` made safe for ``field`` (see the module); ``missing`` (Chinese,
    English) makes it required. Raises InvalidInput, before anything is written."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(f"{field.what_zh}应为文字", f"{field.what_en} is not text")
    if _UNSTORABLE.search(value):
        raise InvalidInput(f"{field.what_zh}含有无法识别的字符，请重新输入",
                           f"{field.what_en} contains a NUL or a lone surrogate")
    text = value.replace("\t", " ")
    text = _LINE_BREAK.sub("\n", text) if field.multiline else _LINE_BREAKS.sub(" ", text)
    text = (_CONTROL_BUT_NEWLINE if field.multiline else _CONTROL).sub("", text)
    # NFC last: a removed control may have stood between a letter and its accent
    text = unicodedata.normalize("NFC", text).strip()
    if missing is not None and not text:
        raise InvalidInput(*missing)
    if len(text) > field.limit:
        raise InvalidInput(f"{field.what_zh}太长（最多 {field.limit} 字）",
                           f"{field.what_en} over {field.limit} characters")
    return text


def clean_optional(value: str | None, field: TextField) -> str | None:
    """An optional field: its cleaned text, or None when nothing is left."""
    return clean_text(value, field) or None
