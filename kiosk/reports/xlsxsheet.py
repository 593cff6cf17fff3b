"""Streaming a big sheet's rows straight into a saved xlsx file.

openpyxl spends ~20 µs on every cell (more without lxml), so a month of tickets (40,000
rows of 20 cells) would take over ten seconds. openpyxl still builds the workbook, the
small sheets and the big sheet's header plus one sample row (so its styles exist); this
module then rewrites that sheet's ``sheetData`` with rows serialised directly: numbers as
numbers, times as date serials in the sample row's date style, text as inline strings.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

EPOCH = dt.datetime(1899, 12, 30)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ROW = re.compile(r"<row [^>]*>.*?</row>", re.S)
_STYLE = re.compile(r'<c r="([A-Z]+)\d+"[^>]*? s="(\d+)"')


def _sheet_path(archive: zipfile.ZipFile, title: str) -> str:
    """The part name of the sheet called ``title`` (via workbook.xml and its rels)."""
    workbook = archive.read("xl/workbook.xml").decode()
    match = re.search(rf'<sheet [^>]*name="{re.escape(escape(title))}"[^>]*r:id="([^"]+)"',
                      workbook) or re.search(
        rf'<sheet [^>]*r:id="([^"]+)"[^>]*name="{re.escape(escape(title))}"', workbook)
    rid = match.group(1)
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    path = target.group(1).lstrip("/")
    return path if path.startswith("xl/") else f"xl/{path}"


def _cell(ref: str, value, date_style: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if isinstance(value, dt.datetime):
        serial = (value - EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="{date_style}"><v>{serial!r}</v></c>'
    if isinstance(value, dt.date):
        serial = (value - EPOCH.date()).days
        return f'<c r="{ref}" s="{date_style}"><v>{serial}</v></c>'
    text = escape(_ILLEGAL.sub("", str(value)))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def fill_sheet(path: Path, title: str, rows: Iterable[tuple], styles: dict[int, str],
               tick: Callable[[int], None] | None = None) -> int:
    """Replace every row after the header of sheet ``title`` in the saved workbook at
    ``path`` with ``rows``. ``styles`` maps a column (1-based) to the column letter of the
    sample-row cell whose style it takes (date columns). Returns the rows written."""
    staging = path.with_name(path.name + ".rows")
    try:
        written = _rewrite(path, staging, title, rows, styles, tick)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    shutil.move(staging, path)
    return written


def _rewrite(path, staging, title, rows, styles, tick) -> int:
    written = 0
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(
            staging, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        part = _sheet_path(source, title)
        xml = source.read(part).decode()
        head, _, rest = xml.partition("<sheetData>")
        head = re.sub(r"<dimension [^>]*/>", "", head)  # optional, and stale now
        data, _, tail = rest.partition("</sheetData>")
        found = _ROW.findall(data)
        header, sample = found[0], found[1] if len(found) > 1 else ""
        sample_styles = dict(_STYLE.findall(sample))
        column_style = {col: sample_styles.get(letter) for col, letter in styles.items()}
        letters = [get_column_letter(i) for i in range(1, 101)]
        for item in source.infolist():
            if item.filename != part:
                target.writestr(item, source.read(item.filename))
        with target.open(part, "w", force_zip64=True) as out:
            out.write(f"{head}<sheetData>{header}".encode())
            chunk = []
            for index, values in enumerate(rows, 2):
                cells = "".join(
                    _cell(f"{letters[col]}{index}", value, column_style.get(col + 1))
                    for col, value in enumerate(values))
                chunk.append(f'<row r="{index}">{cells}</row>')
                written += 1
                if len(chunk) == 500:
                    out.write("".join(chunk).encode())
                    chunk = []
                    if tick is not None:
                        tick(written)
            out.write(("".join(chunk) + f"</sheetData>{tail}").encode())
    return written
