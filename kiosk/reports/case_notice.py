"""A case's 受理通知书 / 补正告知书 on this machine's ticket printer, and the
``python -m kiosk cases notice`` command (slip, A4 PDF, or text in the terminal).

``print_notice`` reads the database and waits for the printer: call it from a worker
thread, never a GUI thread.
"""
from __future__ import annotations

import sys
from pathlib import Path

from kiosk.errors import InvalidInput
from kiosk.printing.case_notice import (
    CaseNoticeSlip,
    fields,
    intro,
    material_lists,
    notes,
    printed_at_text,
    qr_caption,
    salutation,
)
from kiosk.printing.errors import PrinterConfigError, PrinterError
from kiosk.printing.render import PrintFormat, render
from kiosk.printing.transports.factory import printer_from_settings
from kiosk.queue.reads.case_notice import notice
from kiosk.queue.store.context import HallContext
from kiosk.reports.case_notice_pdf import write_notice_pdf
from kiosk.settings import Settings


def print_notice(ctx: HallContext, case_no: str, *, settings: Settings | None = None) -> bool:
    """Print the case's notice on the ticket printer of ``settings`` (this machine's
    printer.* options by default). True when the printer confirmed it, False when it
    went to a printer that cannot say; a ``PrinterError`` (with ``message_zh``) on a
    fault or when no printer is configured, a ``KioskError`` for an unknown or
    concluded case."""
    settings = settings or Settings(machine=ctx.machine_settings)
    transport = printer_from_settings(settings)
    if not transport.is_printer:
        raise PrinterConfigError("本机未配置小票打印机，请打印 A4 通知书",
                                 "no ticket printer configured (printer.kind = none)")
    data = render(CaseNoticeSlip.of(notice(ctx, case_no)), PrintFormat.from_settings(settings))
    return transport.send(data, settings.get("printer.timeout_s"))


def notice_text(slip: CaseNoticeSlip) -> str:
    """The notice as plain lines, for the terminal."""
    lines = [slip.hall_name, slip.title, salutation(slip) + intro(slip)]
    lines += [label + value for label, value in fields(slip)]
    for heading, names in material_lists(slip):
        lines += [heading, *(f"  □ {name}" for name in names)]
    lines += notes(slip)
    lines += [f"二维码：{slip.qr_payload}（{qr_caption(slip)}）",
              f"打印时间：{printed_at_text(slip)}"]
    return "\n".join(lines)


def notice_command(ctx: HallContext, case_no: str, *, pdf: Path | None = None,
                   printer: bool = False) -> int:
    """``cases notice CASE_NO [--pdf OUT.pdf] [--printer]``: without either, the text."""
    if not case_no:
        raise InvalidInput("请给出办件编号", "cases notice needs a CASE_NO")
    if pdf:
        print(f"pdf: {write_notice_pdf(ctx, case_no, pdf)}")
    if printer:
        try:
            confirmed = print_notice(ctx, case_no)
        except PrinterError as exc:
            print(f"printing failed: {exc.message_en}", file=sys.stderr)
            return 1
        print("printed" if confirmed else "sent (the printer cannot confirm printing)")
    if not pdf and not printer:
        print(notice_text(CaseNoticeSlip.of(notice(ctx, case_no))))
    return 0
