"""``python -m kiosk hall``: the whole hall on one machine, for a first look.

Makes sure the sample database exists, then starts every app as its own process (as on
a real hall's separate PCs) and stops them all when any one is closed or on Ctrl+C.
The web service for phones (``python -m kiosk web``) is one of them: its address becomes
the demo hall's ``web.base_url``, so the tickets' QR codes open their phone pages.
"""
from __future__ import annotations

import ipaddress
import logging
import re
import signal
import socket
import subprocess
import sys

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

#: (label, module that must exist, arguments after ``python -m kiosk``)
APPS: list[tuple[str, str, list[str]]] = [
    ("kiosk (取号机)", "kiosk.ui.kiosk.app", ["kiosk", "--windowed"]),
    ("hall display (叫号大屏)", "kiosk.ui.display.app", ["display", "--windowed"]),
    ("window 1 (1号窗口)", "window_client.clerk.app", ["window", "--window", "1", "--windowed"]),
    ("window 2 (2号窗口)", "window_client.clerk.app", ["window", "--window", "2", "--windowed"]),
    ("rating pad of window 1 (评价器)", "window_client.pad.app",
     ["rating-pad", "--window", "1", "--windowed"]),
    ("manager (管理端)", "kiosk.ui.manager.app", ["manager", "--windowed"]),
]


#: the web service for phones: (label, module); its host and port are the launcher's
WEB = ("web service for phones (手机服务)", "kiosk.web.app")
WEB_PORT = 8080
#: a base URL the launcher itself set (an IP address and port): replaced on each start,
#: as the port or the PC's address may differ; a hall's own name is never touched
_DEMO_BASE = re.compile(r"http://\d{1,3}(\.\d{1,3}){3}:\d{1,5}/?")


def _present(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def available_apps(web_host: str = "127.0.0.1",
                   web_port: int | None = None) -> list[tuple[str, list[str]]]:
    """(label, arguments after ``python -m kiosk``) of each app this build has; the web
    service only with ``web_port``."""
    found = []
    if web_port is not None and _present(WEB[1]):
        found.append((WEB[0], ["web", "--host", web_host, "--port", str(web_port)]))
    for label, module, argv in APPS:
        if _present(module):
            found.append((label, argv))
    return found


def free_port(host: str = "127.0.0.1", preferred: int = WEB_PORT) -> int:
    """``preferred`` when nobody listens there, else a port the system picks."""
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind((host, port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise OSError("no free port")


def lan_address() -> str:
    """This PC's address on the hall's LAN (the route out; no packet is sent), or
    127.0.0.1 when it has none."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere
            return sock.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def web_address(host: str, port: int) -> str:
    """Where phones (or this PC) reach the web service listening on ``host``."""
    if host in ("0.0.0.0", "::", ""):
        host = lan_address()
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    return f"http://{'127.0.0.1' if loopback else host}:{port}"


def use_web_base(ctx, address: str) -> str:
    """The demo hall's ``web.base_url``: ``address`` unless the hall has its own."""
    from kiosk.queue.actions import staff
    from kiosk.queue.reads import hall as hall_reads

    current = hall_reads.effective_settings(ctx).get("web.base_url")
    if current and not _DEMO_BASE.fullmatch(current):
        return current
    if current != address:
        staff.set_hall_setting(ctx, name="web.base_url", value=address)
    return address


def ensure_sample(args, web_base: str | None = None) -> str | None:
    """The sample hall ready to start; with ``web_base``, the hall's web address (its
    own if it has one). Returns the web address in use."""
    from kiosk import bootstrap
    from kiosk.queue.actions.day import close_past_days
    from kiosk.queue import demo
    from kiosk.queue.reads import hall as hall_reads
    from kiosk.queue.actions.keys import key_file
    from kiosk.queue.rules.personal import ensure_key_file
    from kiosk.queue.store import migrate

    ctx = bootstrap.hall_context(bootstrap.Options.from_args(args))
    migrate.ensure_current(ctx.db)
    if ensure_key_file(key_file(ctx)):
        print(f"created the personal-data key {key_file(ctx)}", flush=True)
    try:
        hall_reads.hall_info(ctx)
    except KioskError:
        print("first run: loading the sample hall (示例市政务服务中心)…", flush=True)
        demo.seed_sample(ctx)
    for closed in close_past_days(ctx):
        print(f"closed the unfinished day {closed.day} ({closed.expired} tickets expired)")
    if getattr(args, "always_open", False):
        demo.open_around_the_clock(ctx)
        print("every queue now takes tickets at any hour (--always-open)")
    elif not demo.any_service_open(ctx):
        print("note: the sample hall is closed now (its queues open Mon-Fri 09:00-12:00 "
              "and 13:30-17:00, hall time, holidays excepted), so the kiosk will refuse "
              "tickets. To try it anyway: bash scripts/run-hall.sh --always-open",
              flush=True)
    address = use_web_base(ctx, web_base) if web_base else None
    ctx.db.dispose()
    return address


def _stop_on_sigterm(_signum, _frame) -> None:
    raise KeyboardInterrupt


def run_hall(args) -> int:
    host = getattr(args, "web_host", None) or "127.0.0.1"
    port = getattr(args, "web_port", None) or free_port(host)
    web = _present(WEB[1])
    address = ensure_sample(args, web_address(host, port) if web else None)
    base = [sys.executable, "-m", "kiosk"]
    if args.db:
        base += ["--db", args.db]
    apps = available_apps(host, port if web else None)
    if web:
        print(phone_line(address, host, port), flush=True)
    if not apps:
        print("the sample hall database is ready; following its event feed (Ctrl+C ends)")
        return subprocess.call(base + ["events"])
    procs = []
    # a service manager stops us with SIGTERM: close the apps as Ctrl+C would
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        for label, extra in apps:
            print(f"starting {label}", flush=True)
            procs.append(subprocess.Popen(base + extra))
        while all(p.poll() is None for p in procs):
            try:
                procs[0].wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass
    except KeyboardInterrupt:
        pass
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0


def phone_line(address: str, host: str, port: int) -> str:
    """The line that tells the demo's user where phones open the tickets' pages."""
    listening = web_address(host, port)
    line = f"手机服务: {listening}/ (phones on the hall Wi-Fi)"
    if listening.startswith("http://127.0.0.1:"):
        line = (f"手机服务: {listening}/ (this PC only; for phones on the hall Wi-Fi "
                f"start with --web-host 0.0.0.0: http://{lan_address()}:{port}/)")
    if address.rstrip("/") != listening:
        line += f"\n  the hall's own web.base_url is kept: {address}"
    return line
