"""QR codes on screen, drawn from the qrcode package's module matrix.

Drawing the matrix with QPainter keeps Pillow out of the GUI path and gives crisp
modules at any size (a scaled bitmap would blur on a 4K kiosk).
"""
from __future__ import annotations

import qrcode
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap


def qr_matrix(payload: str) -> list[list[bool]]:
    """The module matrix (quiet zone included). A fixed mask pattern: choosing the best
    of eight costs ~7 ms on the tap-to-ticket path, and any mask scans fine on a screen."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2,
                         mask_pattern=0)
    code.add_data(payload)
    code.make(fit=True)
    return code.get_matrix()


def qr_pixmap(payload: str, size_px: int) -> QPixmap:
    """A square black-on-white QR code of about ``size_px`` (whole pixels per module)."""
    matrix = qr_matrix(payload)
    modules = len(matrix)
    cell = max(1, size_px // modules)
    side = cell * modules
    pixmap = QPixmap(side, side)
    pixmap.fill(QColor("#FFFFFF"))
    painter = QPainter(pixmap)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#000000"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(QRect(x * cell, y * cell, cell, cell))
    painter.end()
    return pixmap
