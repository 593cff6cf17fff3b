"""A message gateway on a real TCP port for the delivery tests, and the body of a
deliverer in another process."""
from __future__ import annotations

import collections
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Gateway:
    """Counts what it processed by Idempotency-Key (a repeat is acknowledged, not
    processed again). ``mode``: ok, fail (HTTP 500), hang (answer nothing until the
    test ends: the client times out), drop (process, then close without answering),
    or an int (answer that status). ``answer(key, body, raw, headers)``, when set, gives
    the (status, JSON body) of an "ok" answer (the 好差评 platform's ack, its refusals)."""

    def __init__(self) -> None:
        self.mode: str | int = "ok"
        self.processed: collections.Counter[str] = collections.Counter()
        self.repeats: collections.Counter[str] = collections.Counter()
        self.bodies: dict[str, dict] = {}
        self.headers: dict[str, dict] = {}
        self.attempts = 0
        self.answer = None
        self.release = threading.Event()
        self.lock = threading.Lock()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                body = json.loads(raw)
                key = self.headers.get("Idempotency-Key")
                mode = gateway.mode
                with gateway.lock:
                    gateway.attempts += 1
                    if mode in ("ok", "drop"):
                        if gateway.processed[key]:
                            gateway.repeats[key] += 1
                        else:
                            gateway.processed[key] += 1
                            gateway.bodies[key] = body
                            gateway.headers[key] = dict(self.headers)
                if mode == "hang":
                    gateway.release.wait(30)
                    return
                if mode == "drop":
                    self.close_connection = True
                    return
                status = 500 if mode == "fail" else 200 if mode == "ok" else int(mode)
                reply: object = {}
                if mode == "ok" and gateway.answer is not None:
                    status, reply = gateway.answer(key, body, raw, dict(self.headers))
                data = json.dumps(reply, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Gateway:  # noqa: PYI034
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def deliver_in_process(db_url: str, key_file: str, now_iso: str, gateway_url: str,
                       barrier, results) -> None:
    """A second deliverer process: deliver until nothing is pending."""
    import datetime as dt

    from kiosk.clock import ManualClock
    from kiosk.delivery.worker import Deliverer
    from kiosk.messaging.http_json import HttpJsonSender
    from kiosk.queue.store import outbox
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database

    ctx = HallContext(db=Database(db_url), clock=ManualClock(dt.datetime.fromisoformat(now_iso)),
                      hall_code="demo", machine_settings={"security.key_file": key_file})
    deliverer = Deliverer(ctx, "reminder", HttpJsonSender(gateway_url, timeout_s=10),
                          batch=3)
    barrier.wait()
    sent = 0
    while True:
        got = deliverer.run_once()
        sent += got
        if got == 0 and outbox.status(ctx, "reminder")["counts"]["pending"] == 0:
            break
    results.put(sent)
    ctx.db.dispose()
