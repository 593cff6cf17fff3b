"""The touch-screen kiosk app (自助取号机): ``python -m kiosk kiosk [options]``.

``build_kiosk`` wires one kiosk from what it is given (hall context, settings, print
queue, event feed) so tests and the benchmark inject their own; ``run`` is the real
start-up: config -> database -> printer -> feed -> full-screen window.
"""
from __future__ import annotations

import argparse
import dataclasses
import linecache
import logging
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from kiosk.devices.scanner.config import keyboard_detector
from kiosk.queue.store.context import HallContext
from kiosk.settings import Settings
from kiosk.ui.kiosk.card_bridge import CardBridge, SerialScanBridge, card_bridge, scan_bridge
from kiosk.ui.kiosk.controller import KioskController
from kiosk.ui.kiosk.devices import KioskDevices
from kiosk.ui.kiosk.printer_link import PrinterLink, SlipQueue
from kiosk.ui.kiosk.scan_keys import ScanKeys
from kiosk.ui.kiosk.window import KioskWindow

log = logging.getLogger(__name__)

GUI_SWITCH_INTERVAL_S = 0.001


@dataclasses.dataclass
class Kiosk:
    """One running kiosk: its window, controller, printer link and (optional) feed."""

    window: KioskWindow
    controller: KioskController
    printer: PrinterLink
    feed: QObject | None = None
    devices: KioskDevices | None = None
    closed: bool = False

    def close(self) -> None:
        """Stop timers, the devices, the feed and the print queue, and free the screens
        (idempotent)."""
        if self.closed:
            return
        self.closed = True
        if self.devices is not None:
            self.devices.stop()
            self.devices = None
        self.controller.stop()
        if self.feed is not None and hasattr(self.feed, "stop"):
            self.feed.stop()
            self.feed = None
        self.printer.close()
        self.window.close()
        # free the screens now rather than at exit: their signal connections hold the
        # window and the controller in a cycle the garbage collector cannot break
        self.controller.deleteLater()
        self.window.deleteLater()


def build_kiosk(ctx: HallContext, settings: Settings, print_queue: SlipQueue, *,
                feed: QObject | None = None, portrait: bool = False, elder: bool = False,
                app: QApplication | None = None, card: CardBridge | None = None,
                serial_scan: SerialScanBridge | None = None,
                scan_clock: Callable[[], float] = time.monotonic) -> Kiosk:
    """A kiosk for ``ctx`` with home loaded, not yet shown. ``feed`` is anything with an
    ``events_arrived(list)`` signal (a ``FeedBridge``); it is not started here.
    ``card`` / ``serial_scan``: the ID card reader and a serial scanner (``devices_from``
    builds them from the settings), started here; a keyboard scanner (scanner.kind
    keyboard) is watched with ``scan_clock`` timing its keys."""
    # the print, feed and index threads run Python too; a shorter GIL switch interval
    # (5 ms by default) lets the GUI thread back in quickly after a tap
    sys.setswitchinterval(min(sys.getswitchinterval(), GUI_SWITCH_INTERVAL_S))
    app = app or QApplication.instance()
    window = KioskWindow(portrait=portrait)
    printer = PrinterLink(print_queue, ctx, parent=window)
    controller = KioskController(ctx, settings, printer, window, feed=feed, parent=window)
    controller.start(app)
    if elder:
        window.set_elder(True)
    detector = keyboard_detector(settings)
    scan_keys = ScanKeys(detector, window, clock=scan_clock, parent=window) \
        if detector is not None else None
    devices = KioskDevices(controller, card=card, scan_keys=scan_keys,
                           serial_scan=serial_scan, parent=window)
    devices.start(app)
    # PySide6's import hook reads the source of every module imported after it into
    # linecache (~400 files, ~20 MB of heap) and keeps it; dropping it lets the kiosk
    # reuse that memory (a traceback reads the lines it needs again)
    linecache.clearcache()
    return Kiosk(window=window, controller=controller, printer=printer, feed=feed,
                 devices=devices)


def devices_from(settings: Settings) -> dict:
    """The ID card reader and serial scanner this PC's settings describe, for
    ``build_kiosk`` (each None when not configured)."""
    return {"card": card_bridge(settings), "serial_scan": scan_bridge(settings)}


def show(kiosk: Kiosk, *, windowed: bool) -> None:
    """Full screen on the kiosk's own display; a design-sized window (shrunk to fit)
    on a developer's desktop."""
    width, height = kiosk.window.design_size()
    if windowed:
        screen = QApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            shrink = min(1.0, room.width() * 0.95 / width, room.height() * 0.9 / height)
            width, height = round(width * shrink), round(height * shrink)
        kiosk.window.resize(width, height)
        kiosk.window.show()
    else:
        kiosk.window.resize(width, height)
        kiosk.window.showFullScreen()


def parse_app_args(app_argv: list[str]) -> argparse.Namespace:
    """The kiosk's own options. A leading ``--`` is dropped: ``python -m kiosk kiosk --
    --windowed`` passes options through a command line that would otherwise take them
    for its own."""
    if app_argv[:1] == ["--"]:
        app_argv = app_argv[1:]
    parser = argparse.ArgumentParser(prog="python -m kiosk kiosk",
                                     description="The touch-screen kiosk (取号机).")
    parser.add_argument("--windowed", action="store_true",
                        help="a window instead of full screen (development, the hall demo)")
    parser.add_argument("--portrait", action="store_true",
                        help="lay out for a 1080x1920 portrait screen")
    parser.add_argument("--elder", action="store_true", help="start in elder mode (长者模式)")
    parser.add_argument("--startup-probe", action="store_true",
                        help="print start-up timing and memory as JSON once the first "
                             "screen is drawn, then exit (benchmarks and smoke tests)")
    return parser.parse_args(app_argv)


def print_queue_from(settings: Settings, on_fault=None):
    """The print queue the machine config describes; screen-only when it is unusable."""
    from kiosk.printing import PrinterError, PrintFormat, PrintQueue
    from kiosk.printing.transports.none import NoPrinter

    try:
        return PrintQueue.from_settings(settings, on_fault=on_fault)
    except PrinterError as exc:
        log.error("printer unusable, showing tickets on screen only: %s", exc.message_en)
        return PrintQueue(NoPrinter(), PrintFormat(80, "gb18030"),
                          settings.get("printer.timeout_s"))


def run(args, app_argv: list[str]) -> int:
    from kiosk import bootstrap
    from kiosk.ui.feed_bridge import FeedBridge
    from kiosk.ui.startup import qt_app

    options = parse_app_args(app_argv or [])
    app = qt_app("kiosk")
    started = bootstrap.start(bootstrap.Options.from_args(args))
    ctx, settings = started.ctx, started.settings
    feed = FeedBridge(ctx.db, after_event_id=started.event_id)
    kiosk = build_kiosk(ctx, settings, print_queue_from(settings), feed=feed,
                        portrait=options.portrait,
                        elder=options.elder, app=app, **devices_from(settings))
    feed.start()
    clock_watch = bootstrap.ClockWatch(ctx).start()
    if options.startup_probe:
        from kiosk.ui.kiosk.probe import report_first_frame

        report_first_frame(kiosk.window, app)
    show(kiosk, windowed=options.windowed)
    try:
        return app.exec()
    finally:
        clock_watch.stop()
        kiosk.close()
        ctx.db.dispose()
