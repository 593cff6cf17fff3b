"""The phone service under test: ``web_client`` (Starlette's TestClient over the app),
``live_web`` (uvicorn on a free port in a thread, over the ``ctx`` database) and
``phone_page`` (Debian's chromium through Playwright in a phone's viewport).

The browser is never downloaded: ``/usr/bin/chromium`` is used, and its absence skips
the browser tests unless ``KIOSK_REQUIRE_BROWSER`` is set (CI sets it: then it fails).
"""
from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from kiosk.web.serve import ThreadedServer

CHROMIUM = os.environ.get("KIOSK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "zh-CN",
         "timezone_id": "Asia/Shanghai"}
#: screenshots a person should look at after a run (the tests also keep theirs)
SHOTS = Path(os.environ.get("KIOSK_WEB_SHOTS", "/tmp/web_shots"))
#: how long a test waits for the server or the page (a condition, never a sleep)
WAIT_S = 30  # a bound for the browser and the server, never a timing


@pytest.fixture
def web_app(ctx):
    """The app over ``ctx`` without a live feed (TestClient tests)."""
    from kiosk.web.app import create_app

    return create_app(ctx)


@pytest.fixture
def web_client(web_app):
    from starlette.testclient import TestClient

    with TestClient(web_app, base_url="http://testserver") as client:
        yield client


@dataclasses.dataclass
class LiveWeb:
    base_url: str
    ctx: object
    app: object

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture
def live_web(ctx):
    """The web service over ``ctx`` on 127.0.0.1, following the feed like production."""
    from kiosk.web.app import create_app

    app = create_app(ctx, settings={"web.rate_per_minute": 0,
                                    "web.form_rate_per_minute": 0})
    server = ThreadedServer(app, wait_s=WAIT_S, lifespan="on")
    base = server.start()
    yield LiveWeb(base, ctx, app)
    server.stop()


@pytest.fixture(scope="session")
def chromium_browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        if os.environ.get("KIOSK_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing and KIOSK_REQUIRE_BROWSER is set "
                        "(apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone_page(chromium_browser):
    """A fresh phone-sized page (its own cookies); script errors and resources that
    fail to load fail the test."""
    context = chromium_browser.new_context(**PHONE)
    context.set_default_timeout(WAIT_S * 1000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # a form's refusal is a 4xx document (its Chinese message): expected; a script,
    # style or font that fails to load is not
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error"
            and not msg.text.startswith("Failed to load resource") else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document" else None)
    yield page
    context.close()
    assert not errors, f"the page reported errors: {errors}"


def shoot(page, tmp_path: Path, name: str) -> Path:
    """Save a full-page screenshot in the test's folder and in SHOTS; returns it."""
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, SHOTS / path.name)
    return path
