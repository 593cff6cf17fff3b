"""What makes the phone service safe on the open internet behind the hall's proxy.

* Headers on every answer: a strict Content-Security-Policy (no inline script or
  style), no MIME sniffing, no referrer (tokens live in URLs), no framing, no camera or
  microphone, and ``Cache-Control: no-store`` on every page (token pages must not stay
  in shared caches).
* CSRF, signed double submit: a cookie holds ``random.HMAC(secret, random)`` and every
  form repeats it in a hidden field. A POST passes only when both are there, equal, and
  signed by this server; a cross-site form cannot read the cookie, and a cookie planted
  from a sibling domain fails the signature. No server-side session is kept, so 1,000
  open pages cost nothing. The ``Origin`` header, when sent, must be this host.
* Rate limits per client address (``X-Forwarded-For`` believed only from
  ``web.trusted_proxies``) and, through ``RateLimiter.limit``, per phone.
* Access log lines without tokens (every long token-like path segment becomes "…"),
  query strings or client addresses.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from markupsafe import Markup, escape
from starlette.datastructures import FormData
from starlette.requests import Request

from kiosk.errors import InvalidInput

access_log = logging.getLogger("kiosk.web.access")

CSRF_COOKIE = "kiosk_csrf"
CSRF_FIELD = "csrf"
#: a form's body is a few short fields: anything bigger is refused before parsing
MAX_BODY_BYTES = 16 * 1024

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
NO_STORE = (b"cache-control", b"no-store")
STATIC_CACHE = (b"cache-control", b"public, max-age=3600")

_TOKENISH = re.compile(r"^[A-Za-z0-9_-]{16,}$")


class CsrfRefused(Exception):
    """A POST without this server's CSRF token: answered with a 403 page."""

    message_zh = "页面已过期或来源不明，请返回刷新页面后重新提交。"


class RateLimited(Exception):
    """Too many requests from one address or for one phone: a 429 page."""

    def __init__(self, message_zh: str = "操作太频繁，请稍后再试。") -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh


# --- CSRF -----------------------------------------------------------------------------

def _sign(secret: bytes, nonce: str) -> str:
    mac = hmac.new(secret, nonce.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def _valid(secret: bytes, token: str | None) -> bool:
    if not token or len(token) > 100 or "." not in token:
        return False
    nonce, _, mac = token.partition(".")
    return hmac.compare_digest(_sign(secret, nonce), mac)


def csrf_token(request: Request) -> str:
    """This client's token: its cookie's when signed by us, else a new one (the
    middleware then sets the cookie on the answer)."""
    state = request.scope.setdefault("state", {})
    if "csrf" not in state:
        secret = request.app.state.csrf_secret
        cookie = request.cookies.get(CSRF_COOKIE)
        if _valid(secret, cookie):
            state["csrf"] = cookie
        else:
            nonce = secrets.token_urlsafe(16)
            state["csrf"] = f"{nonce}.{_sign(secret, nonce)}"
            state["csrf_new"] = True
    return state["csrf"]


def csrf_field(request: Request) -> Markup:
    """The hidden input every form carries (templates call ``csrf_field()``)."""
    return Markup(f'<input type="hidden" name="{CSRF_FIELD}" '
                  f'value="{escape(csrf_token(request))}">')


async def checked_form(request: Request) -> FormData:
    """The POSTed form, after the CSRF check (raises CsrfRefused: a 403 page)."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = request.headers.get("host", "")
        if origin.split("://", 1)[-1] != host:
            raise CsrfRefused()
    form = await request.form(max_files=0, max_fields=40, max_part_size=4096)
    sent = form.get(CSRF_FIELD)
    cookie = request.cookies.get(CSRF_COOKIE)
    secret = request.app.state.csrf_secret
    if not (isinstance(sent, str) and cookie and hmac.compare_digest(sent, cookie)
            and _valid(secret, cookie)):
        raise CsrfRefused()
    return form


# --- rate limits ----------------------------------------------------------------------

class RateLimiter:
    """Sliding-window counters in memory (one server process), bounded in size."""

    def __init__(self, *, max_keys: int = 100_000,
                 now: Callable[[], float] = time.monotonic) -> None:
        self._hits: OrderedDict[object, list[float]] = OrderedDict()
        self._max_keys = max_keys
        self._now = now
        self._lock = threading.Lock()

    def limit(self, key: object, per_minute: int, *, window_s: float = 60.0,
              message_zh: str = "操作太频繁，请稍后再试。") -> None:
        """Count one hit for ``key``; raise RateLimited past ``per_minute`` hits within
        ``window_s`` seconds (0 = no limit)."""
        if per_minute <= 0:
            return
        now = self._now()
        with self._lock:
            hits = self._hits.pop(key, None) or []
            hits = [t for t in hits if now - t < window_s]
            refused = len(hits) >= per_minute
            if not refused:
                hits.append(now)
            self._hits[key] = hits
            while len(self._hits) > self._max_keys:
                self._hits.popitem(last=False)
        if refused:
            raise RateLimited(message_zh)

    def phone_key(self, secret: bytes, phone: str) -> str:
        """A phone's counter key: a keyed hash, so memory never holds the number."""
        return "phone:" + hmac.new(secret, phone.encode(), hashlib.sha256).hexdigest()[:32]


def form_limit(request: Request) -> None:
    """Count one form submission of this client address (raises RateLimited)."""
    state = request.app.state
    state.limiter.limit(("form", request.scope["state"]["client"]),
                        state.options.get("web.form_rate_per_minute"))


# --- client address -------------------------------------------------------------------

def parse_networks(entries: Iterable[str]) -> tuple:
    nets = []
    for entry in entries:
        entry = str(entry).strip()
        if entry:
            try:
                nets.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                raise InvalidInput(f"设置“可信反向代理地址”无效：{entry[:60]}",
                                   f"web.trusted_proxies: {entry[:60]!r} is not an "
                                   "address or network") from None
    return tuple(nets)


def _trusted(address: str, networks: tuple) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_address(scope: dict, networks: tuple) -> str:
    """The client's address: the peer's, unless the peer is a trusted proxy; then the
    nearest address in X-Forwarded-For that is not one of ours."""
    peer = (scope.get("client") or ("unknown", 0))[0]
    if not networks or not _trusted(peer, networks):
        return peer
    forwarded = [value.decode("latin-1") for name, value in scope.get("headers", ())
                 if name == b"x-forwarded-for"]
    hops = [hop.strip() for line in forwarded for hop in line.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


def redact_path(path: str) -> str:
    """The path as the access log shows it: token-like segments become "…"."""
    parts = path.split("/")
    return "/".join("…" if _TOKENISH.match(p) else p[:40] for p in parts)


# --- the middleware -------------------------------------------------------------------

class SecurityMiddleware:
    """Headers, CSRF cookie, body size, per-address limit and the access log, as plain
    ASGI (a BaseHTTPMiddleware would buffer the SSE streams)."""

    def __init__(self, app, *, limiter: RateLimiter, networks: tuple, per_minute: int,
                 secure_cookie: bool = False) -> None:
        self.app = app
        self.limiter = limiter
        self.networks = networks
        self.per_minute = per_minute
        self.secure_cookie = secure_cookie

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        path = scope.get("path", "")
        static = path.startswith("/static/") or path == "/healthz"
        state = scope.setdefault("state", {})
        state["client"] = client_address(scope, self.networks)
        status = {"code": 500}

        async def send_wrapped(message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = list(message.get("headers", []))
                headers.extend(HEADERS)
                headers = [h for h in headers if h[0] != b"cache-control"] + [
                    STATIC_CACHE if static and message["status"] == 200 else NO_STORE]
                if state.get("csrf_new"):
                    cookie = (f"{CSRF_COOKIE}={state['csrf']}; Path=/; HttpOnly; "
                              "SameSite=Strict" + ("; Secure" if self.secure_cookie else ""))
                    headers.append((b"set-cookie", cookie.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            length = int(dict(scope.get("headers", ())).get(b"content-length", b"0") or 0)
        except ValueError:
            length = MAX_BODY_BYTES + 1
        try:
            if length > MAX_BODY_BYTES:
                await _plain(send_wrapped, 413, "提交的内容太长。")
                return
            if not static:
                try:
                    self.limiter.limit(("addr", state["client"]), self.per_minute)
                except RateLimited as exc:
                    await _plain(send_wrapped, 429, exc.message_zh, retry_after=True)
                    return
            await self.app(scope, receive, send_wrapped)
        finally:
            access_log.info("%s %s %s %.0fms", scope.get("method"), redact_path(path),
                            status["code"], (time.monotonic() - started) * 1000)


async def _plain(send, status: int, message_zh: str, retry_after: bool = False) -> None:
    body = (f'<!doctype html><html lang="zh-CN"><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<link rel="stylesheet" href="/static/phone.css"><main class="page">'
            f'<p class="message error">{escape(message_zh)}</p></main></html>').encode()
    headers = [(b"content-type", b"text/html; charset=utf-8"),
               (b"content-length", str(len(body)).encode())]
    if retry_after:
        headers.append((b"retry-after", b"60"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
