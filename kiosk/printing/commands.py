"""Printing commands for the command line (``python -m kiosk print-test``)."""
from __future__ import annotations

import datetime as dt
import sys
from typing import TextIO

from kiosk.printing.errors import PrinterError
from kiosk.printing.render import PrintFormat, render
from kiosk.printing.slips import TestPage
from kiosk.printing.transports.factory import printer_from_settings


def print_test(settings, *, stdout: TextIO | None = None, stderr: TextIO | None = None,
               now: dt.datetime | None = None, hall_name: str | None = None) -> int:
    """Print a test page through the configured printer; return the exit code.

    Runs in the foreground on purpose: the installer standing at the kiosk wants the
    answer, and the transport's timeout still bounds the wait.
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        transport = printer_from_settings(settings)
        if not transport.is_printer:
            print("No printer is configured (printer.kind = none): set printer.kind to "
                  "network, usb, serial, file or win32raw in the [printer] section of "
                  "the machine config file.", file=stderr)
            return 1
        fmt = PrintFormat.from_settings(settings)
        paper = fmt.paper
        page = TestPage(
            hall_name=hall_name or f"政务服务中心（大厅代码 {settings.get('hall.code')}）",
            paper_mm=paper.mm, dots=paper.dots, columns=paper.columns,
            text_mode=fmt.text_mode, transport=transport.describe(),
            printed_at_local=now or dt.datetime.now().astimezone(),
        )
        data = render(page, fmt)
        confirmed = transport.send(data, settings.get("printer.timeout_s"))
    except PrinterError as exc:
        print(f"Print test failed: {exc.message_en}", file=stderr)
        return 1
    done = "Printed" if confirmed else "Sent"
    print(f"{done} a test page on {transport.describe()}: {paper.mm} mm paper "
          f"({paper.dots} dots, {paper.columns} columns), {fmt.text_mode} text mode, "
          f"{len(data)} bytes." + ("" if confirmed else " The printer cannot confirm "
                                 "printing: check that the page came out."), file=stdout)
    return 0
