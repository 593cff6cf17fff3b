"""``python -m kiosk display`` (and ``hall-display``): the hall display or a window screen.

Options after the command: ``--windowed`` (a window instead of full screen),
``--portrait``, ``--mode hall|window``, ``--window N`` (window-screen mode),
``--no-speech``, ``--speech`` (a window screen speaks its own calls),
``--area CODE`` or ``--queues A,B`` (one screen per floor or zone of a big hall: only
those departments' windows, or the windows serving those queues), and
``--screenshot FILE`` (draw once offscreen-style, save a PNG, exit).
"""
from __future__ import annotations

import argparse
import logging
import signal

log = logging.getLogger(__name__)

#: window sizes for --windowed (full screen ignores them); type scales to any size
WINDOWED = {("hall", False): (1280, 720), ("hall", True): (540, 960),
            ("window", False): (960, 540), ("window", True): (540, 960)}
#: --screenshot draws at the reference size of each layout
SCREENSHOT = {("hall", False): (1920, 1080), ("hall", True): (1080, 1920),
              ("window", False): (1280, 720), ("window", True): (720, 1280)}


#: how long a worker thread (feed, loader, speech) may hold the GIL before the GUI thread
#: gets it back (Python's default is 5 ms; a burst of Python work in the speech thread
#: would otherwise queue the screen's own Python slots behind it)
GUI_SWITCH_INTERVAL_S = 0.001


def prepare_process() -> None:
    """Process-wide settings of a display process, before any Qt object exists."""
    import sys

    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)


def parse_options(app_argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m kiosk display",
                                     description="The hall display (叫号大屏) or a window "
                                                 "screen (窗口屏).")
    parser.add_argument("--windowed", action="store_true", help="run in a window")
    parser.add_argument("--portrait", action="store_true", default=None,
                        help="portrait screen (default: display.portrait)")
    parser.add_argument("--mode", choices=("hall", "window"),
                        help="hall display or one window's screen (default: display.mode)")
    parser.add_argument("--window", type=int, help="window number of a window screen "
                        "(default: window.number)")
    parser.add_argument("--no-speech", action="store_true", help="do not speak calls")
    parser.add_argument("--speech", action="store_true",
                        help="a window screen speaks its own window's calls too")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--area", metavar="CODE",
                       help="a per-area hall screen: the windows of these departments "
                            "(codes, comma-separated, e.g. SCJG)")
    where.add_argument("--queues", metavar="A,B",
                       help="a per-area hall screen: the windows serving these queues "
                            "(prefixes, comma-separated)")
    parser.add_argument("--screenshot", metavar="FILE", help="save one frame as PNG and exit")
    argv = list(app_argv or [])
    if argv[:1] == ["--"]:  # ``python -m kiosk display -- --windowed`` works as well
        argv = argv[1:]
    return parser.parse_args(argv)


def run(args, app_argv: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QKeySequence, QShortcut

    from kiosk import bootstrap
    from kiosk.errors import InvalidInput
    from kiosk.queue.reads.display import DisplayArea, display_state
    from kiosk.settings import Settings
    from kiosk.ui.display.factory import MAX_CALLS, build_display
    from kiosk.ui.display.speech_hookup import (
        NullAnnouncer,
        SpeechHookup,
        fault_recorder,
        make_announcer,
        recovery_recorder,
    )
    from kiosk.ui.startup import qt_app

    opts = parse_options(app_argv)
    prepare_process()
    app = qt_app("hall-display")
    started = bootstrap.start(bootstrap.Options.from_args(args))
    ctx = started.ctx
    settings = Settings(machine=ctx.machine_settings)
    mode = opts.mode or settings.get("display.mode")
    portrait = settings.get("display.portrait") if opts.portrait is None else True
    area = DisplayArea.parse(opts.area, opts.queues)
    if area is not None:
        if mode != "hall":
            raise InvalidInput("只有综合屏可以按区域显示",
                               "--area/--queues apply to the hall display (--mode hall) only")
        display_state(ctx, calls=1, area=area)  # an unknown code is refused here, clearly
    speak = not opts.no_speech and not opts.screenshot and (mode == "hall" or opts.speech)
    hookup = SpeechHookup(fault_recorder(ctx), recovery_recorder(ctx))
    announcer = make_announcer(started.settings, hookup) if speak else NullAnnouncer()
    # a screenshot draws the real hall at once; a running display reads on its loader
    first = display_state(ctx, calls=MAX_CALLS, area=area) if opts.screenshot else None
    display = build_display(ctx, settings, announcer, mode=mode, portrait=portrait,
                            window=opts.window, hookup=hookup, speak=speak, state=first,
                            area=area)
    screen = display.screen
    if opts.screenshot:
        return _screenshot(app, display, SCREENSHOT[(mode, portrait)], opts.screenshot)

    display.start()
    app.aboutToQuit.connect(display.stop)
    clock_watch = bootstrap.ClockWatch(ctx).start()
    app.aboutToQuit.connect(clock_watch.stop)
    QShortcut(QKeySequence("Ctrl+Q"), screen, activated=app.quit)
    if opts.windowed:
        screen.resize(*WINDOWED[(mode, portrait)])
        screen.show()
    else:
        screen.showFullScreen()
    # let Ctrl+C in the terminal end the app: Python handles signals between Qt events
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    wake = QTimer(screen)
    wake.timeout.connect(lambda: None)
    wake.start(250)
    return app.exec()


def _screenshot(app, display, size: tuple[int, int], path: str) -> int:
    """Lay the screen out at ``size``, draw it once and save it; no threads started."""
    screen = display.screen
    screen.resize(*size)
    screen.show()
    app.processEvents()
    ok = screen.grab().save(path)
    display.stop()
    print(f"{'saved' if ok else 'could not save'} {path}")
    return 0 if ok else 1
