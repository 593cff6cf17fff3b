"""Choosing a Mandarin voice from whatever the TTS backend lists.

Pure functions over voice-like objects (``id``, ``name``, ``languages``), so the choice
is tested without any engine. Why the ranking is what it is:

* espeak-ng 1.51 (Debian 12) has two Mandarin voices. ``sit/cmn`` ("latin as English")
  turns each Chinese character into pinyin with a tone digit and then reads that pinyin
  as English ("请" becomes "king three"): espeak-ng issues #1028, #1044, #1236.
  ``sit/cmn-latn-pinyin`` reads Chinese correctly and still says single Latin capitals as
  letter names (A -> "ei", B -> "bi"), which is all the spoken text contains. So the
  pinyin voice ranks first; it is also correct on newer espeak-ng.
* Windows SAPI5: mainland voices (zh-CN, LCID 0804: Huihui, Yaoyao, Kangkang) before
  Taiwan Mandarin, and Cantonese (yue, zh-HK: Tracy) last, as a voice of last resort.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)

_MAINLAND_NAMES = ("huihui", "yaoyao", "kangkang", "xiaoxiao", "yunxi", "yunyang",
                   "chinese (simplified", "chinese (prc", "mandarin")
_CANTONESE_TOKENS = {"yue", "hk", "jyutping"}
_CANTONESE_NAMES = ("cantonese", "tracy", "hongkong", "hong kong")


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="ignore")
    return str(value or "").lower()


def _describe(voice: Any) -> tuple[str, set[str]]:
    """All of a voice's labels as one lower-case string, plus its word tokens."""
    parts = [_text(getattr(voice, "id", "")), _text(getattr(voice, "name", ""))]
    parts += [_text(lang) for lang in (getattr(voice, "languages", None) or [])]
    blob = " | ".join(parts)
    return blob, set(re.split(r"[^a-z0-9]+", blob)) - {""}


def chinese_rank(voice: Any) -> int | None:
    """Lower is better; None means not a Chinese voice at all."""
    blob, tokens = _describe(voice)
    chinese = ("cmn" in tokens or "zh" in tokens or "chinese" in blob
               or "0804" in tokens or "804" in tokens
               or any(name in blob for name in _MAINLAND_NAMES))
    if not chinese:
        return None
    if tokens & _CANTONESE_TOKENS or any(name in blob for name in _CANTONESE_NAMES):
        return 4
    if "cmn" in tokens and "pinyin" in tokens:
        return 0
    if "tw" in tokens or "taiwan" in blob:
        return 2
    if "cmn" in tokens or "cn" in tokens or "0804" in tokens or "804" in tokens \
            or any(name in blob for name in _MAINLAND_NAMES):
        return 1
    return 3  # "zh" or "Chinese" without a region


def find_voice(voices: Iterable[Any], wanted: str) -> Any | None:
    """The voice whose id (or, failing that, name) is ``wanted``, ignoring case."""
    wanted_l = wanted.strip().lower()
    if not wanted_l:
        return None
    voices = list(voices)
    for attr in ("id", "name"):
        for voice in voices:
            if _text(getattr(voice, attr, "")) == wanted_l:
                return voice
    return None


def best_chinese_voice(voices: Iterable[Any]) -> Any | None:
    """The best-ranked Chinese voice, keeping the backend's order among equals."""
    ranked = [(rank, index, voice) for index, voice in enumerate(voices)
              if (rank := chinese_rank(voice)) is not None]
    return min(ranked, key=lambda item: item[:2])[2] if ranked else None


def choose_voice(voices: Iterable[Any], configured: str = "") -> Any | None:
    """The configured voice if installed, else the best Chinese voice, else None.

    A configured voice that is not installed is logged and skipped rather than failing:
    a hall that moved its config to a new PC still gets Mandarin calls.
    """
    voices = list(voices)
    if configured.strip():
        voice = find_voice(voices, configured)
        if voice is not None:
            return voice
        log.warning("speech.voice %r is not installed; using the best Chinese voice instead",
                    configured)
    return best_chinese_voice(voices)
