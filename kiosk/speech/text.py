"""Announcement text: what the display shows and what the TTS engine is given.

The two differ on purpose: the screen shows "请 A012 号到 3 号窗口办理", the engine gets
"请 A 零 一 二 号到 三 号窗口办理" because TTS voices read letters, digit strings and
Arabic numbers inconsistently. Letters stay single upper-case Latin letters separated by
spaces, which Mandarin voices say as letter names (espeak-ng: A -> "ei", B -> "bi").
"""
from __future__ import annotations

import dataclasses
import string
import unicodedata

from kiosk.errors import InvalidInput
from kiosk.speech.numerals import MAX_NUMBER, read_digits, read_number

PLACEHOLDERS = ("code", "window")
_REQUIRED = "code"


@dataclasses.dataclass(frozen=True)
class Announcement:
    """One call, ready to show and to speak."""

    code: str     # normalised ticket code, e.g. "A012"
    window: str   # normalised window label, e.g. "3"
    display: str  # text for the screen
    spoken: str   # text for the TTS engine


def validate_template(template: str) -> str:
    """Return ``template`` if it only uses {code} and {window}; else raise InvalidInput.

    The template is hall data typed in by a manager, so every mistake gets a message in
    Chinese for the console and one in English for the log.
    """
    if not isinstance(template, str):
        raise InvalidInput("语音模板必须是文字", "speech template must be a string",
                           template=template)
    try:
        fields = [(field, spec, conv)
                  for _, field, spec, conv in string.Formatter().parse(template)
                  if field is not None]
    except ValueError as exc:
        raise InvalidInput(
            f"语音模板格式错误（花括号不成对）：{template}",
            f"speech template {template!r} is malformed ({exc}); "
            "write a literal brace as {{ or }}",
            template=template,
        ) from None
    allowed_zh = "、".join("{%s}" % p for p in PLACEHOLDERS)
    allowed_en = " and ".join("{%s}" % p for p in PLACEHOLDERS)
    for field, spec, conv in fields:
        if field not in PLACEHOLDERS or spec or conv:
            shown = "{" + field + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            raise InvalidInput(
                f"语音模板中有未知占位符 {shown}，只能使用 {allowed_zh}",
                f"unknown placeholder {shown} in speech template {template!r}; "
                f"only {allowed_en} are allowed",
                template=template, placeholder=shown,
            )
    if _REQUIRED not in {field for field, _, _ in fields}:
        raise InvalidInput(
            "语音模板必须包含号码占位符 {code}",
            f"speech template {template!r} must contain {{code}}",
            template=template,
        )
    return template


def _normalise(text: str | int) -> str:
    """Full-width letters and digits (Ａ０１２) become ASCII; case and spaces are evened."""
    return unicodedata.normalize("NFKC", str(text)).strip().upper()


def _runs(text: str) -> list[tuple[str, str]]:
    """Split into ("letter"|"digits"|"other", run) pieces, keeping order."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        if "0" <= ch <= "9":
            kind = "digits"
        elif "A" <= ch <= "Z":
            kind = "letter"
        elif unicodedata.category(ch).startswith("L"):
            kind = "other"  # a Chinese character or a non-Latin letter: the voice reads it
        else:
            kind = "skip"   # spaces, dashes, symbols: not spoken
        if kind == "digits" and runs and runs[-1][0] == "digits":
            runs[-1] = ("digits", runs[-1][1] + ch)
        else:
            runs.append((kind, ch))
    return runs


def _read_digit_run(digits: str, one_by_one: bool, one: str) -> list[str]:
    if one_by_one or len(digits) > len(str(MAX_NUMBER)):
        return read_digits(digits, one)
    return [read_number(int(digits))]


def spoken_code(code: str | int, *, digits_one_by_one: bool, one: str = "一") -> str:
    """A012 -> "A 零 一 二" (one by one) or "A 十二" (as a number).

    Digit runs longer than four digits are always read one by one.
    """
    tokens: list[str] = []
    for kind, run in _runs(_normalise(code)):
        if kind == "letter":
            tokens.append(run)
        elif kind == "digits":
            tokens.extend(_read_digit_run(run, digits_one_by_one, one))
        elif kind == "other":
            tokens.append(run)
    if not tokens:
        raise InvalidInput(f"无法播报的号码：{code!r}", f"ticket code {code!r} has nothing to read",
                           code=code)
    return " ".join(tokens)


def spoken_window(window: str | int) -> str:
    """3 -> 三, "12" -> 十二, "03" -> 三; a label like "B2" -> "B 二"."""
    if isinstance(window, bool):
        raise InvalidInput(f"无效的窗口号：{window!r}", f"invalid window {window!r}", window=window)
    if isinstance(window, int):
        if not 0 <= window <= MAX_NUMBER:
            raise InvalidInput(f"窗口号超出范围：{window}",
                               f"window {window} is outside 0..{MAX_NUMBER}", window=window)
        return read_number(window)
    label = _normalise(window)
    if label.isascii() and label.isdigit():
        return spoken_window(int(label))
    tokens: list[str] = []
    for kind, run in _runs(label):
        if kind == "digits":
            tokens.extend(_read_digit_run(run, False, "一"))
        elif kind != "skip":
            tokens.append(run)
    if not tokens:
        raise InvalidInput(f"无效的窗口号：{window!r}", f"window {window!r} has nothing to read",
                           window=window)
    return " ".join(tokens)


def _display_window(window: str | int) -> str:
    label = _normalise(window)
    return str(int(label)) if label.isascii() and label.isdigit() else label


def build_announcement(code: str | int, window: str | int, *, template: str,
                       digits_one_by_one: bool, one: str = "一") -> Announcement:
    """Fill ``template`` for the screen and for the TTS engine.

    Raises InvalidInput for a bad template, an empty code or an unreadable window.
    """
    validate_template(template)
    spoken_c = spoken_code(code, digits_one_by_one=digits_one_by_one, one=one)
    spoken_w = spoken_window(window)
    code_label = _normalise(code)
    window_label = _display_window(window)
    return Announcement(
        code=code_label,
        window=window_label,
        display=template.format(code=code_label, window=window_label),
        spoken=template.format(code=spoken_c, window=spoken_w),
    )


def announcement_from_settings(code: str | int, window: str | int, settings,
                               *, one: str = "一") -> Announcement:
    """build_announcement with speech.template and speech.digits_one_by_one from settings."""
    return build_announcement(
        code, window,
        template=settings.get("speech.template"),
        digits_one_by_one=settings.get("speech.digits_one_by_one"),
        one=one,
    )
