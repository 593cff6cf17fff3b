"""Reading a PDF back without a PDF library: pages, embedded fonts, and the Chinese text
the ToUnicode maps say the pages draw."""
from __future__ import annotations

import re
import zlib


def streams(data: bytes) -> list[bytes]:
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        raw = match.group(1)
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
    return out


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def mapped_text(data: bytes) -> set[str]:
    """Every character some embedded font's ToUnicode map can produce."""
    chars = set()
    for body in streams(data):
        if b"beginbfchar" not in body and b"beginbfrange" not in body:
            continue
        for _, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]{4,})>", body):
            text = bytes.fromhex(uni.decode()).decode("utf-16-be", errors="ignore")
            chars.update(text)
    return chars


def embedded_fonts(data: bytes) -> list[bytes]:
    return re.findall(rb"/FontFile[23]?\s", data)
