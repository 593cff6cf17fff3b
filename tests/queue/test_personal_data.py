"""The phone is kept as a keyed hash: the database alone does not give it back, the key
stays in its 0600 file and out of every table and log, rotation keeps open bookings
matchable, and a PC without the key refuses in plain words."""
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from kiosk.errors import NotConfigured
from kiosk.queue.actions import appointments
from kiosk.queue.actions.keys import key_file, rotate_keys
from kiosk.queue.rules.personal import KeyRing, load_keys, write_keys
from kiosk.queue.store import migrate
from kiosk.queue.store.models import Appointment, Base, Event
from tests.conftest import HALL_TZ

MON, TUE = dt.date(2026, 11, 23), dt.date(2026, 11, 24)
PHONE = "13912345678"


@pytest.fixture
def own_key(ctx, tmp_path):
    """A copy of the session's key for a test that rotates it (others keep theirs)."""
    copy = tmp_path / "own" / "personal.key"
    write_keys(copy, load_keys(key_file(ctx)))
    ctx.machine_settings = {"security.key_file": str(copy)}
    return copy


def book(ctx, phone=PHONE, day=MON, slot=dt.time(10, 0)):
    return appointments.record_booking(
        ctx, item_code="GJJ-001", day=day, slot_start=slot, slot_minutes=30,
        name="赵六", phone=phone)


def stored(ctx, code):
    with ctx.db.read() as session:
        row = session.scalar(select(Appointment).where(Appointment.code == code))
        return row.phone_masked, row.phone_hash


def brute_force(masked, phone_hash, hashes):
    """Every phone the masked form allows whose hash (by ``hashes``) is the stored one."""
    head, tail = masked.split("****")
    return [phone for phone in (f"{head}{n:04d}{tail}" for n in range(10 ** 4))
            if any(hmac.compare_digest(h, phone_hash) for h in hashes(phone))]


def test_the_database_alone_does_not_give_the_phone_back(ctx):
    masked, phone_hash = stored(ctx, book(ctx))
    assert masked == "139****5678" and PHONE not in phone_hash
    # what an unkeyed hash allowed: try the 10^4 hidden digits against the row alone
    assert brute_force(masked, phone_hash, lambda p: [
        hashlib.sha256(f"demo:{p}".encode()).hexdigest(),
        hashlib.sha256(p.encode()).hexdigest()]) == []
    # a keyed hash under a key guessed anew (the attacker's best without the file)
    guessed = KeyRing("x", {"x": os.urandom(32)})
    assert brute_force(masked, phone_hash, lambda p: guessed.candidates("phone", p)) == []
    # with the key file, the same search finds exactly the phone: the key protects it
    keys = load_keys(key_file(ctx))
    assert brute_force(masked, phone_hash, lambda p: keys.candidates("phone", p)) == [PHONE]


def _all_rows_text(ctx) -> str:
    with ctx.db.read() as session:
        return "\n".join(repr(tuple(row)) for table in Base.metadata.sorted_tables
                         for row in session.execute(select(table)))


def test_the_key_lives_in_a_0600_file_and_nowhere_else(ctx, own_key, clock, caplog):
    caplog.set_level(logging.DEBUG)
    book(ctx)
    clock.set(dt.datetime(2026, 11, 23, 9, 45, tzinfo=HALL_TZ))
    assert appointments.check_in(ctx, phone=PHONE).ticket.code == "E001"
    rotate_keys(ctx)
    book(ctx, phone="13911112222", slot=dt.time(10, 30))
    path = Path(key_file(ctx))
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    secrets_ = [bytes.hex(k) for k in load_keys(path).keys.values()]
    assert len(secrets_) == 2
    with ctx.db.read() as session:
        payloads = json.dumps([e.payload for e in session.scalars(select(Event))])
    everything = _all_rows_text(ctx) + payloads + caplog.text + repr(load_keys(path))
    for secret in secrets_:
        assert secret not in everything and secret.upper() not in everything
    assert PHONE not in everything and "13911112222" not in everything


def test_rotation_keeps_open_bookings_matchable_and_old_keys_go_when_unused(ctx, own_key,
                                                                           clock):
    book(ctx)                                         # Monday's, checked in today
    book(ctx, phone="13922223333", day=TUE)           # Tuesday's, open
    first = load_keys(key_file(ctx)).current
    clock.set(dt.datetime(2026, 11, 23, 9, 45, tzinfo=HALL_TZ))
    appointments.check_in(ctx, phone=PHONE)

    rotated = rotate_keys(ctx)
    assert rotated.key_id != first and rotated.retired_kept == (first,)
    new_code = book(ctx, phone="13933334444", day=TUE, slot=dt.time(10, 30))
    assert stored(ctx, new_code)[1].startswith(f"{rotated.key_id}:")

    clock.set(dt.datetime(2026, 11, 24, 10, 5, tzinfo=HALL_TZ))
    assert appointments.check_in(ctx, phone="13922223333").ticket.code == "E001"
    assert appointments.check_in(ctx, phone="13933334444").ticket.code == "E002"

    # Wednesday: every booking has passed, so every hash and every old key goes
    clock.set(dt.datetime(2026, 11, 25, 9, 30, tzinfo=HALL_TZ))
    last = rotate_keys(ctx)
    assert last.forgotten == 3 and last.retired_kept == ()
    assert set(last.retired_dropped) == {first, rotated.key_id}
    assert set(load_keys(key_file(ctx)).keys) == {last.key_id}
    with ctx.db.read() as session:
        assert set(session.scalars(select(Appointment.phone_hash))) == {""}
        event = session.scalars(select(Event).where(
            Event.action == "personal_key_rotated").order_by(Event.id.desc())).first()
        assert event.payload == {"key": last.key_id, "forgotten": 3, "retired_kept": []}


def test_a_pc_without_the_key_refuses_clearly_and_the_rest_works(ctx, clock, tmp_path,
                                                                 caplog):
    code = book(ctx)
    ctx.machine_settings = {"security.key_file": str(tmp_path / "personal.key")}  # absent
    clock.set(dt.datetime(2026, 11, 23, 9, 45, tzinfo=HALL_TZ))
    with pytest.raises(NotConfigured) as refused:
        appointments.check_in(ctx, phone=PHONE)
    assert "预约号和手机号后四位" in refused.value.message_zh
    assert "no personal-data key" in refused.value.message_en
    assert "no personal-data key" in caplog.text and str(tmp_path) in caplog.text
    with pytest.raises(NotConfigured):
        book(ctx, phone="13911112222")
    # by code (the masked phone's last four digits) it needs no key
    assert appointments.check_in(ctx, code=code, phone_last_four="5678").ticket.code == "E001"


def test_the_upgrade_forgets_unkeyed_hashes_and_keeps_keyed_ones(ctx):
    old, new = book(ctx), book(ctx, phone="13911112222", slot=dt.time(10, 30))
    legacy = hashlib.sha256(f"demo:{PHONE}".encode()).hexdigest()
    keyed = stored(ctx, new)[1]
    with ctx.db.engine.begin() as conn:
        conn.execute(update(Appointment).where(Appointment.code == old)
                     .values(phone_hash=legacy))
        head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        conn.execute(text("UPDATE alembic_version SET version_num = '0006'"))
    migrate.upgrade(ctx.db, "0007")  # 0007 alone: the later ones are already there
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
    assert stored(ctx, old)[1] == "" and stored(ctx, new)[1] == keyed


def test_init_creates_the_key_file_readable_by_its_user_only(tmp_path):
    config = tmp_path / "kiosk.ini"
    config.write_text("[security]\nkey_file = keys/personal.key\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_KEY_FILE"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config), "--db",
         f"sqlite:///{tmp_path / 'hall.sqlite3'}", "init", "--sample"],
        cwd=Path(__file__).resolve().parents[2], env=env, text=True, capture_output=True,
        timeout=180)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "keys" / "personal.key"
    assert f"personal-data key created at {path}" in done.stdout
    assert len(load_keys(path).keys) == 1
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_sample_hall_gets_its_key_at_first_start(tmp_path, monkeypatch, capsys):
    import argparse

    from kiosk.launcher import ensure_sample

    monkeypatch.delenv("KIOSK_KEY_FILE")
    args = argparse.Namespace(db=f"sqlite:///{tmp_path / 'hall.sqlite3'}",
                              config=str(tmp_path / "kiosk.ini"), hall=None)
    ensure_sample(args)
    path = tmp_path / "personal.key"
    assert f"created the personal-data key {path}" in capsys.readouterr().out
    first = load_keys(path).current
    ensure_sample(args)  # a second start keeps it
    assert load_keys(path).current == first
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
