"""The whole-hall demo (``python -m kiosk hall``): the web service for phones starts with
the apps, and its address becomes the demo hall's web.base_url (never a hall's own)."""
from __future__ import annotations

import argparse
import socket

from kiosk import launcher
from kiosk.queue.actions import staff
from kiosk.queue.reads import hall as hall_reads


def test_the_web_service_is_started_with_its_host_and_port():
    apps = launcher.available_apps("127.0.0.1", 8123)
    assert apps[0] == (launcher.WEB[0], ["web", "--host", "127.0.0.1", "--port", "8123"])
    assert [argv[0] for _, argv in apps[1:]] == [argv[0] for _, _, argv in launcher.APPS]
    assert all(argv[0] != "web" for _, argv in launcher.available_apps())  # no port: none


def test_a_free_port_when_the_default_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        port = launcher.free_port("127.0.0.1", busy)
    assert port != busy and port > 0


def test_the_address_phones_use():
    assert launcher.web_address("127.0.0.1", 8080) == "http://127.0.0.1:8080"
    assert launcher.web_address("192.168.1.20", 8080) == "http://192.168.1.20:8080"
    lan = launcher.web_address("0.0.0.0", 8080)
    assert lan == f"http://{launcher.lan_address()}:8080" or lan == "http://127.0.0.1:8080"
    line = launcher.phone_line("http://192.168.1.20:8080", "192.168.1.20", 8080)
    assert line == "手机服务: http://192.168.1.20:8080/ (phones on the hall Wi-Fi)"
    assert "--web-host 0.0.0.0" in launcher.phone_line("http://127.0.0.1:8080",
                                                       "127.0.0.1", 8080)


def test_the_demo_hall_links_its_tickets_to_the_web_service(sqlite_ctx):
    def base() -> str:
        return hall_reads.effective_settings(sqlite_ctx).get("web.base_url")

    assert launcher.use_web_base(sqlite_ctx, "http://127.0.0.1:8080") == base() \
        == "http://127.0.0.1:8080"
    launcher.use_web_base(sqlite_ctx, "http://192.168.1.20:8081")  # next start: new port
    assert base() == "http://192.168.1.20:8081"
    staff.set_hall_setting(sqlite_ctx, name="web.base_url", value="https://zwfw.example.cn")
    assert launcher.use_web_base(sqlite_ctx, "http://127.0.0.1:8080") == \
        "https://zwfw.example.cn" == base()  # the hall's own address is kept


def test_ensure_sample_sets_the_web_base(tmp_path, capsys):
    args = argparse.Namespace(db=f"sqlite:///{tmp_path / 'hall.sqlite3'}",
                              config=str(tmp_path / "kiosk.ini"), hall=None)
    assert launcher.ensure_sample(args, "http://127.0.0.1:8090") == "http://127.0.0.1:8090"
    assert launcher.ensure_sample(args) is None  # without the web service: untouched
