"""The reader interface's frames and the card's text block, byte for byte."""
import datetime as dt

import pytest

from kiosk.devices.idcard import protocol as p
from kiosk.devices.idcard.errors import (
    CardReadFailed,
    FrameError,
    ReaderTimeout,
    UnsupportedCard,
)
from kiosk.devices.idcard.text import (
    FOREIGN_PERMANENT,
    HKMT_RESIDENCE,
    RESIDENT,
    decode,
)
from tests.devices.idcard_sim import (
    citizen_number,
    foreigner_block,
    hkmt_block,
    read_answer,
    resident_block,
)


def reader_of(data: bytes):
    """``read(n)`` over fixed bytes, returning short at the end like a timed-out port."""
    stream = bytearray(data)

    def read(size: int) -> bytes:
        chunk = bytes(stream[:size])
        del stream[:size]
        return chunk

    return read


def test_commands_are_the_documented_bytes():
    assert p.command(p.FIND_CARD) == bytes.fromhex("AAAAAA9669 0003 2001 22")
    assert p.command(p.SELECT_CARD) == bytes.fromhex("AAAAAA9669 0003 2002 21")
    assert p.command(p.READ_TEXT) == bytes.fromhex("AAAAAA9669 0003 3001 32")
    assert p.command(p.SAM_STATUS) == bytes.fromhex("AAAAAA9669 0003 11FF ED")


def test_a_readers_failure_answer_parses_to_its_status():
    # "读身份证操作失败" as a reader sends it: length 4, SW 00 00 41, XOR 45
    answer = p.parse_response(p.read_payload(reader_of(bytes.fromhex(
        "AAAAAA9669 0004 000041 45"))))
    assert (answer.sw1, answer.sw2, answer.sw3, answer.data) == (0, 0, 0x41, b"")
    assert "reading the card failed" in p.describe(answer.sw3)


def test_noise_before_the_preamble_is_skipped():
    frame = p.answer(p.FOUND, bytes(4))
    assert p.parse_response(p.read_payload(reader_of(b"\x00\xAA\x13" + frame))).sw3 == 0x9F


def test_a_bad_checksum_is_refused():
    frame = bytearray(p.answer(p.OK, b"\x01\x02"))
    frame[-1] ^= 0x55
    with pytest.raises(FrameError, match="checksum"):
        p.read_payload(reader_of(bytes(frame)))


def test_silence_is_a_timeout_and_a_cut_frame_a_frame_error():
    with pytest.raises(ReaderTimeout):
        p.read_payload(reader_of(b""))
    with pytest.raises(FrameError, match="middle"):
        p.read_payload(reader_of(read_answer(resident_block())[:700]))


def test_an_impossible_length_is_refused_without_waiting_for_it():
    with pytest.raises(FrameError, match="length"):
        p.read_payload(reader_of(bytes.fromhex("AAAAAA9669 FFFF")))


def test_the_full_read_answer_carries_the_text_block():
    block = resident_block()
    payload = p.read_payload(reader_of(read_answer(block)))
    answer = p.parse_response(payload)
    assert answer.sw3 == p.OK and len(answer.data) == 4 + 256 + 1024
    assert p.text_block(answer.data) == block
    assert repr(answer).count("data bytes") == 1  # never the data itself


def test_a_resident_card_decodes_every_field():
    birth = dt.date(1950, 2, 28)
    card = decode(resident_block(name="李四", sex="2", ethnicity="03", birth=birth,
                                 valid_until="长期"))
    assert card.kind == RESIDENT
    assert (card.name, card.sex, card.ethnicity, card.birth_date) == ("李四", "女", "回", birth)
    assert card.id_number == citizen_number(birth)
    assert card.address == "北京市东城区示例路1号" and card.issuer == "北京市公安局东城分局"
    assert card.valid_from == dt.date(2016, 1, 1) and card.valid_until is None


def test_the_residence_permit_and_the_foreigners_card_decode():
    permit = decode(hkmt_block())
    assert permit.kind == HKMT_RESIDENCE and permit.id_number.startswith("810000")
    assert permit.pass_number == "H12345678" and permit.name == "陈大文"
    foreigner = decode(foreigner_block())
    assert foreigner.kind == FOREIGN_PERMANENT
    assert (foreigner.name, foreigner.english_name) == ("史密斯", "SMITH JOHN")
    assert foreigner.id_number == "USA110050070101" and foreigner.nationality == "USA"
    assert foreigner.birth_date == dt.date(1950, 7, 1)


def test_a_garbled_number_or_date_is_a_failed_read_not_a_wrong_person():
    good = citizen_number(dt.date(1980, 5, 17))
    wrong_digit = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(CardReadFailed, match="check digit"):
        decode(resident_block(number=wrong_digit))
    with pytest.raises(CardReadFailed):
        decode(resident_block()[:200])
    block = bytearray(resident_block())
    block[36:52] = "19801399".encode("utf-16-le")
    with pytest.raises(CardReadFailed, match="birth"):
        decode(bytes(block))


def test_an_unknown_card_type_is_refused():
    with pytest.raises(UnsupportedCard):
        decode(resident_block(flag="Y"))


def test_the_decoded_card_never_shows_its_fields():
    card = decode(resident_block(name="王五"))
    assert repr(card) == str(card) == "CardText(kind='resident')"
    assert card.id_number not in f"{card!r} {card!s} {[card]}"
