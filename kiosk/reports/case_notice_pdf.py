"""A case's 受理通知书 / 补正告知书 as an A4 PDF, with the QR code for 办件查询.

The words come from ``kiosk.printing.case_notice`` (the slip says the same); the PDF
machinery and the embedded Chinese font are the exports' (``pdf``, ``cjkfont``).
"""
from __future__ import annotations

import os
from pathlib import Path

import qrcode
from fpdf.enums import WrapMode

from kiosk.printing.case_notice import (
    CaseNoticeSlip,
    fields,
    intro,
    material_lists,
    notes,
    printed_at_text,
    printed_on,
    qr_caption,
    salutation,
)
from kiosk.queue.reads.case_notice import notice
from kiosk.queue.store.context import HallContext
from kiosk.reports.cjkfont import FontChoice, find_cjk_font
from kiosk.reports.pdf import FAMILY, _Document, _save

QR_MM = 34
LABEL_MM = 28
LINE_MM = 7
NEXT = {"new_x": "LMARGIN", "new_y": "NEXT"}  # a cell that ends its line


def qr_image(payload: str):
    """The QR code as a black-on-white image (level M, like the slips)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8,
                         border=2)
    code.add_data(payload)
    code.make(fit=True)
    return code.make_image(fill_color="black", back_color="white").get_image().convert("L")


def write_slip_pdf(slip: CaseNoticeSlip, path: str | os.PathLike, *,
                   font: FontChoice | None = None) -> Path:
    """The notice on one A4 page (more when the material lists are long)."""
    doc = _Document("P", font or find_cjk_font(),
                    f"{slip.hall_name} {slip.title} {slip.case_no}")
    doc.set_margins(20, 18, 20)
    doc.add_page()
    doc.set_font(FAMILY, size=13)
    doc.cell(0, 8, slip.hall_name, align="C", **NEXT)
    doc.set_font(FAMILY, size=22)
    doc.cell(0, 14, slip.title, align="C", **NEXT)
    doc.ln(4)
    doc.set_font(FAMILY, size=12)
    doc.cell(0, LINE_MM, salutation(slip), **NEXT)
    doc.multi_cell(0, LINE_MM, "\u3000\u3000" + intro(slip), wrapmode=WrapMode.CHAR, **NEXT)
    doc.ln(3)
    doc.set_font(FAMILY, size=11)
    with doc.table(col_widths=(LABEL_MM, doc.epw - LABEL_MM), line_height=LINE_MM,
                   first_row_as_headings=False, text_align="LEFT", wrapmode=WrapMode.CHAR,
                   padding=(1, 2)) as table:
        for label, value in fields(slip):
            row = table.row()
            row.cell(label.rstrip("："))
            row.cell(value)
    for heading, names in material_lists(slip):
        doc.ln(3)
        doc.set_font(FAMILY, size=12)
        doc.multi_cell(0, LINE_MM, heading, wrapmode=WrapMode.CHAR, **NEXT)
        doc.set_font(FAMILY, size=11)
        for number, name in enumerate(names, 1):
            doc.set_x(doc.l_margin + 6)
            doc.multi_cell(doc.epw - 6, LINE_MM, f"□ {number}. {name}",
                           wrapmode=WrapMode.CHAR, **NEXT)
    doc.ln(3)
    _closing(doc, slip)
    return _save(doc, path)


def _closing(doc: _Document, slip: CaseNoticeSlip) -> None:
    """The notes beside the QR code, then the hall's seal line and the signature."""
    needed = QR_MM + 6 + 3 * LINE_MM
    if doc.get_y() + needed > doc.page_break_trigger:
        doc.add_page()
    top = doc.get_y()
    text_w = doc.epw - QR_MM - 8
    doc.set_font(FAMILY, size=11)
    for line in notes(slip):
        doc.multi_cell(text_w, LINE_MM, line, wrapmode=WrapMode.CHAR, **NEXT)
    doc.multi_cell(text_w, LINE_MM, f"打印时间：{printed_at_text(slip)}", **NEXT)
    bottom = doc.get_y()
    if slip.qr_payload:
        x = doc.w - doc.r_margin - QR_MM
        doc.image(qr_image(slip.qr_payload), x=x, y=top, w=QR_MM, h=QR_MM)
        doc.set_xy(x - 6, top + QR_MM)
        doc.set_font(FAMILY, size=9)
        doc.multi_cell(QR_MM + 12, 5, qr_caption(slip), align="C", wrapmode=WrapMode.CHAR)
        bottom = max(bottom, doc.get_y())
    doc.set_y(bottom + 10)
    doc.set_font(FAMILY, size=12)
    doc.cell(doc.epw / 2, LINE_MM, "申请人签收：____________")
    doc.cell(doc.epw / 2, LINE_MM, f"{slip.hall_name}（盖章）", align="R", **NEXT)
    doc.cell(0, LINE_MM, printed_on(slip), align="R", **NEXT)


def write_notice_pdf(ctx: HallContext, case_no: str, path: str | os.PathLike, *,
                     font: str | os.PathLike | FontChoice | None = None) -> Path:
    """The case's notice (受理通知书, or 补正告知书 while one is open) as an A4 PDF at
    ``path``; ``font``: a font file or choice, else the shipped Chinese font."""
    chosen = font if isinstance(font, FontChoice) else find_cjk_font(font)
    return write_slip_pdf(CaseNoticeSlip.of(notice(ctx, case_no)), path, font=chosen)
