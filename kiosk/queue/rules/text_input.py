"""Free text typed by staff (pause reasons, notes, questions): trimmed, length-checked,
and refused with a readable message before anything is written."""
from __future__ import annotations

from kiosk.errors import InvalidInput


def clean_text(value: str | None, *, limit: int, what_zh: str, what_en: str,
               missing: tuple[str, str] | None = None) -> str:
    """``value`` trimmed; ``missing`` (Chinese, English) makes it required."""
    text = (value or "").strip()
    if missing is not None and not text:
        raise InvalidInput(*missing)
    if len(text) > limit:
        raise InvalidInput(f"{what_zh}太长（最多 {limit} 字）", f"{what_en} over {limit} characters")
    return text
