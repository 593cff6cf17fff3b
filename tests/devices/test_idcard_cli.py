"""``python -m kiosk idcard-test --port PORT``: the installer's check of the reader."""
from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("serial", reason="pyserial (setup.cfg extra 'serial') is not installed")

from kiosk.cli import main
from kiosk.queue.rules.personal import age_on
from tests.devices.idcard_sim import SimulatedReader, citizen_number, resident_block


@pytest.fixture
def sim():
    reader = SimulatedReader()
    yield reader
    reader.close()


def test_one_card_is_printed_masked_with_its_age(sim, capsys):
    birth = dt.date(1948, 6, 30)
    sim.place(resident_block(name="孙小美", birth=birth))
    assert main(["idcard-test", "--port", sim.path, "--baud", "115200", "--wait", "5"]) == 0
    out = capsys.readouterr().out
    number = citizen_number(birth)
    assert "Name:   孙**" in out
    assert f"Number: {number[:4]}{'*' * 10}{number[-4:]}" in out
    assert f"Age:    {age_on(birth, dt.date.today())}" in out
    assert number not in out and "孙小美" not in out


def test_no_card_exits_non_zero_saying_so(sim, capsys):
    assert main(["idcard-test", "--port", sim.path, "--wait", "0.3"]) == 1
    err = capsys.readouterr().err
    assert "no card was placed on the reader" in err and sim.path in err


def test_a_silent_reader_exits_non_zero_saying_so(sim, capsys):
    sim.silent = True
    assert main(["idcard-test", "--port", sim.path, "--wait", "5"]) == 1
    assert "did not answer in time" in capsys.readouterr().err


def test_a_wrong_port_exits_non_zero_saying_so(tmp_path, capsys):
    assert main(["idcard-test", "--port", str(tmp_path / "ttyNONE"), "--wait", "2"]) == 1
    assert "cannot open the ID card reader" in capsys.readouterr().err
