"""A device node or plain file (printer.kind = file, printer.path).

Covers printers the OS exposes as a file (``/dev/usb/lp0``, ``/dev/ttyUSB0`` with the
line set up elsewhere, a ``LPT1:`` or ``\\\\host\\share`` name on Windows) and writing
slips to a file in tests and demos. Each job opens, writes and closes the path, so an
unplugged and replugged printer is picked up again; a regular file holds the last job.
Opening or writing a device can block for ever on a dead printer: the base class's
deadline covers that.
"""
from __future__ import annotations

import errno

from kiosk.printing.errors import PrinterConfigError, PrinterOffline
from kiosk.printing.transports.base import Transport


class FileTransport(Transport):
    kind = "file"

    def __init__(self, path: str) -> None:
        super().__init__()
        if not path:
            raise PrinterConfigError("未设置打印设备或文件路径",
                                     "printer.kind is file but printer.path is empty")
        self.path = path

    def describe(self) -> str:
        return f"file {self.path}"

    def _write(self, data: bytes, timeout: float) -> None:
        try:
            with open(self.path, "wb") as device:
                device.write(data)
                device.flush()
        except PermissionError as exc:
            raise PrinterConfigError(f"没有权限写入打印设备：{self.path}",
                                     f"no permission to write {self.path}: {exc}") from exc
        except OSError as exc:
            missing = exc.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO)
            raise PrinterOffline(
                "打印机未连接" if missing else "打印机写入出错",
                f"cannot write to {self.path}: {exc}",
            ) from exc
