"""``print_test``: the installer's check that the configured printer works."""
import datetime as dt
import socket

from kiosk.printing.commands import print_test
from kiosk.printing.layouts import TEST_PAGE_QR
from kiosk.settings import Settings
from tests.printing.escpos_stream import expected_qr_matrix, parse, qr_matrix

NOW = dt.datetime(2026, 5, 12, 8, 30)


def _settings(**values):
    return Settings(machine={f"printer.{k}": v for k, v in values.items()} | {"hall.code": "cy"})


def test_prints_a_test_page_to_a_file_in_gb18030(tmp_path, capsys):
    target = tmp_path / "page.bin"
    code = print_test(_settings(kind="file", path=str(target), paper_mm=58,
                                text_mode="gb18030"), now=NOW)
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "Sent a test page on" in out and "cannot confirm" in out and "58 mm" in out and "gb18030" in out
    stream = parse(target.read_bytes())
    texts = stream.texts()
    assert "政务服务中心（大厅代码 cy）" in texts and "打印测试页" in texts
    assert any("ASCII: 0123456789" in t for t in texts)
    assert "12345678901234567890123456789012" in texts  # a full 32-column ruler
    assert "58 mm, 384 dots, 32 columns" in " ".join(texts)  # wrapped at a space
    assert stream.qr_payloads == [TEST_PAGE_QR.encode()] and stream.cut_count == 1


def test_prints_a_raster_test_page(tmp_path, capsys):
    target = tmp_path / "page.bin"
    assert print_test(_settings(kind="file", path=str(target)), now=NOW) == 0
    assert "80 mm" in capsys.readouterr().out
    stream = parse(target.read_bytes())
    assert [m for m in map(qr_matrix, stream.images) if m] == [expected_qr_matrix(TEST_PAGE_QR)]
    assert "打印测试页".encode("gb18030") not in target.read_bytes()


def test_no_printer_configured_is_an_error(capsys):
    assert print_test(Settings(), now=NOW) == 1
    out, err = capsys.readouterr()
    assert out == "" and "No printer is configured" in err


def test_unreachable_printer_is_an_error(capsys):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert print_test(_settings(kind="network", host="127.0.0.1", port=port), now=NOW) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("Print test failed:") and str(port) in err


def test_missing_path_is_an_error(capsys):
    assert print_test(_settings(kind="file"), now=NOW) == 1
    assert "printer.path is empty" in capsys.readouterr().err
