"""Free text typed by staff and citizens: every free-text field, on both databases, stores
the cleaned value or refuses with a typed InvalidInput in Chinese; never a raw database
error, never a half-written row. Then the cleaning rule itself, with a property test."""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import unicodedata
from typing import Any, Callable

import pytest
from hypothesis import given, settings, strategies as st
from sqlalchemy import func, select

from kiosk.errors import InvalidInput
from kiosk.queue.actions import (
    admin, appointments, calendar, calling, followup, inquiry, rating, serving, staff,
    windows,
)
from kiosk.queue.demo import clerk_no
from kiosk.queue.rules import limits
from kiosk.queue.rules.text_input import (
    FOLLOWUP_NOTE, PAUSE_REASON, TextField, clean_optional, clean_text,
)
from kiosk.queue.store.models import (
    Appointment, Event, FirstInquiry, Followup, FollowupStep, Rating, Staff, Ticket, Window,
    WorkCalendarDay,
)
from tests.helpers import open_window, serve_next, take

CHINESE = re.compile("[\u4e00-\u9fff]")
_serial = itertools.count(1)


def _latest(ctx, column, *where):
    with ctx.db.read() as session:
        query = select(column).where(*where)
        if hasattr(column.class_, "id"):
            query = query.order_by(column.class_.id.desc())
        return session.scalar(query.limit(1))


@dataclasses.dataclass
class Case:
    """One free-text field: how to prepare, submit a text into it, and read it back."""

    name: str
    limit: int
    multiline: bool
    setup: Callable[[Any], Any]
    submit: Callable[[Any, Any, str], Any]
    stored: Callable[[Any, Any], Any]


def _fresh_serial(ctx):
    """A number of its own for each input (a new day, a new staff number)."""
    return next(_serial)


def _window(ctx, number: int = 1):
    """(state, current ticket id) of window ``number``, its clerk signed in."""
    with ctx.db.read() as session:
        row = session.execute(select(Window.state, Window.current_ticket_id)
                              .where(Window.number == number)).one()
    if row.state.value == "closed":
        open_window(ctx, number)
    return row


def _pause_setup(ctx):
    if _window(ctx).state.value == "paused":
        windows.resume(ctx, window=1, staff_no=clerk_no(1))


def _called(ctx):
    """The ticket window 1 is serving (a refused note leaves it there)."""
    current = _window(ctx).current_ticket_id
    if current is not None:
        return current
    take(ctx)
    return calling.call_next(ctx, window=1, staff_no=clerk_no(1)).ticket.id


def _transfer_setup(ctx):
    _window(ctx, 2)
    return _called(ctx)


def _finished(ctx):
    _window(ctx)
    take(ctx)
    return serve_next(ctx, 1).ticket.id


def _bad_rated(ctx):
    ticket_id = _finished(ctx)
    rating.rate(ctx, ticket_id=ticket_id, level=2, reasons=["服务态度差"])
    with ctx.db.read() as session:
        return session.scalar(select(Followup.id).where(Followup.ticket_id == ticket_id))


def _day(serial: int) -> dt.date:
    return dt.date(2027, 1, 1) + dt.timedelta(days=serial)


def _ticket_note(ctx, ticket_id):
    return _latest(ctx, Ticket.note, Ticket.id == ticket_id)


CASES = [
    Case("pause_reason", limits.PAUSE_REASON_MAX, False, _pause_setup,
         lambda ctx, _, text: windows.pause(ctx, window=1, staff_no=clerk_no(1), reason=text),
         lambda ctx, _: _latest(ctx, Window.pause_reason, Window.number == 1)),
    Case("calendar_note", limits.CALENDAR_NOTE_MAX, False, _fresh_serial,
         lambda ctx, n, text: calendar.set_day(ctx, _day(n), False, text, by="9001"),
         lambda ctx, n: _latest(ctx, WorkCalendarDay.note, WorkCalendarDay.day == _day(n))),
    Case("staff_name_new", limits.STAFF_NAME_MAX, False, _fresh_serial,
         lambda ctx, n, text: staff.create_staff(ctx, staff_no=f"7{n:03d}", name=text,
                                                 role="window", password="123456"),
         lambda ctx, n: _latest(ctx, Staff.name, Staff.staff_no == f"7{n:03d}")),
    Case("staff_name_renamed", limits.STAFF_NAME_MAX, False, lambda ctx: None,
         lambda ctx, _, text: admin.update_staff(ctx, staff_no="1005", by="9000", name=text),
         lambda ctx, _: _latest(ctx, Staff.name, Staff.staff_no == "1005")),
    Case("booking_name", limits.BOOKING_NAME_MAX, False, lambda ctx: None,
         lambda ctx, _, text: appointments.record_booking(
             ctx, item_code="GJJ-001", day=dt.date(2026, 11, 24), slot_start=dt.time(10),
             slot_minutes=30, name=text, phone="13812345678"),
         lambda ctx, _: _latest(ctx, Appointment.name)),
    Case("inquiry_question", limits.INQUIRY_QUESTION_MAX, True, lambda ctx: None,
         lambda ctx, _, text: inquiry.record_first_inquiry(ctx, staff_no="1001",
                                                           question=text),
         lambda ctx, _: _latest(ctx, FirstInquiry.question)),
    Case("inquiry_answer", limits.INQUIRY_ANSWER_MAX, True, lambda ctx: None,
         lambda ctx, _, text: inquiry.record_first_inquiry(ctx, staff_no="1001",
                                                           question="问", answer=text),
         lambda ctx, _: _latest(ctx, FirstInquiry.answer)),
    Case("inquiry_referred_to", limits.INQUIRY_REFERRED_TO_MAX, False, lambda ctx: None,
         lambda ctx, _, text: inquiry.record_first_inquiry(ctx, staff_no="1001",
                                                           question="问", referred_to=text),
         lambda ctx, _: _latest(ctx, FirstInquiry.referred_to)),
    Case("finish_note", limits.TICKET_NOTE_MAX, False, _called,
         lambda ctx, _, text: serving.finish(ctx, window=1, staff_no=clerk_no(1),
                                             outcome="completed", note=text),
         _ticket_note),
    Case("transfer_note", limits.TICKET_NOTE_MAX, False, _transfer_setup,
         lambda ctx, _, text: serving.transfer(ctx, window=1, staff_no=clerk_no(1),
                                               to_window=2, note=text),
         _ticket_note),
    Case("rating_comment", limits.RATING_COMMENT_MAX, True, _finished,
         lambda ctx, t, text: rating.rate(ctx, ticket_id=t, level=3, comment=text),
         lambda ctx, t: _latest(ctx, Rating.comment, Rating.ticket_id == t)),
    Case("rating_reason", limits.RATING_REASON_MAX, False, _finished,
         lambda ctx, t, text: rating.rate(ctx, ticket_id=t, level=2, reasons=[text]),
         lambda ctx, t: (_latest(ctx, Rating.reasons, Rating.ticket_id == t) or [None])[0]),
    Case("followup_note", limits.FOLLOWUP_NOTE_MAX, True, _bad_rated,
         lambda ctx, f, text: followup.advance(ctx, f, to="verified", by="9001", note=text),
         lambda ctx, f: _latest(ctx, FollowupStep.note, FollowupStep.followup_id == f,
                                FollowupStep.to_state == "verified")),
]

REFUSED = object()
NFD = unicodedata.normalize("NFD", "Café Zoë 한국")


def _inputs(case: Case) -> list[tuple[str, str, object]]:
    """(label, typed text, expected stored value or REFUSED)."""
    lines = "第一行\n第二行" if case.multiline else "第一行 第二行"
    return [
        ("nul", "申请\x00材料", REFUSED),
        ("lone surrogate", "申请\ud800材料", REFUSED),
        ("esc and bel", "\x1b[2J\x1b[31m叫号\x07请到窗口", "[2J[31m叫号请到窗口"),
        ("c0 and c1", "办\x01\x02\x08\x0b\x0c\x1f\x7f\x80\x9b\x9f理", "办理"),
        ("tab", "姓名\t张三", "姓名 张三"),
        ("newlines", " 第一行\r\n第二行\n ", lines),
        ("10,000 characters", "字" * 10_000, REFUSED),
        ("at the limit", "😀" * case.limit, "😀" * case.limit),
        ("over the limit", "字" * (case.limit + 1), REFUSED),
        ("NFD stored as NFC", NFD, unicodedata.normalize("NFC", NFD)),
        ("emoji", "👍🏽 👨‍👩‍👧 ❤️", "👍🏽 👨‍👩‍👧 ❤️"),
        ("right to left", "مرحبا بكم שלום 您好", "مرحبا بكم שלום 您好"),
    ]


def _last_event(ctx) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.max(Event.id)))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_free_text_field_stores_clean_text_or_refuses_in_chinese(ctx, case):
    for label, text, expected in _inputs(case):
        state = case.setup(ctx)
        before, last = case.stored(ctx, state), _last_event(ctx)
        if expected is REFUSED:
            with pytest.raises(InvalidInput) as refused:
                case.submit(ctx, state, text)
            assert CHINESE.search(refused.value.message_zh), label
            assert case.stored(ctx, state) == before, label      # nothing half-written
            assert _last_event(ctx) == last, label
        else:
            case.submit(ctx, state, text)
            assert case.stored(ctx, state) == expected, label


@pytest.mark.parametrize("submit", [
    lambda ctx, _: windows.pause(ctx, window=1, staff_no=clerk_no(1), reason="\x07 \t\n"),
    lambda ctx, _: staff.create_staff(ctx, staff_no="7999", name="\x1b\r\n",
                                      role="window", password="123456"),
    lambda ctx, _: admin.update_staff(ctx, staff_no="1005", by="9000", name="\x7f\x85"),
    lambda ctx, _: appointments.record_booking(
        ctx, item_code="GJJ-001", day=dt.date(2026, 11, 24), slot_start=dt.time(10),
        slot_minutes=30, name="\u2028\x9b", phone="13812345678"),
    lambda ctx, _: inquiry.record_first_inquiry(ctx, staff_no="1001", question="\x1b\x1b"),
    lambda ctx, ticket: rating.rate(ctx, ticket_id=ticket, level=1, reasons=["\x08"],
                                    comment="\x1b\x07"),
], ids=["pause", "staff", "rename", "booking", "inquiry", "bad_rating"])
def test_a_required_field_left_with_only_control_characters_is_refused(ctx, submit):
    ticket = _finished(ctx)
    last = _last_event(ctx)
    with pytest.raises(InvalidInput) as refused:
        submit(ctx, ticket)
    assert CHINESE.search(refused.value.message_zh)
    assert _last_event(ctx) == last


def test_optional_fields_left_with_only_control_characters_store_nothing(ctx):
    open_window(ctx, 1)
    inquiry.record_first_inquiry(ctx, staff_no="1001", question="问",
                                 answer="\x1b\x07", referred_to="\t\x0b")
    assert _latest(ctx, FirstInquiry.answer) is None
    assert _latest(ctx, FirstInquiry.referred_to) is None
    take(ctx)
    ticket = serve_next(ctx, 1).ticket.id
    rating.rate(ctx, ticket_id=ticket, level=5, comment="\x07\r\n")
    assert _latest(ctx, Rating.comment, Rating.ticket_id == ticket) is None


def test_the_hall_display_gets_the_pause_reason_without_control_characters(ctx):
    open_window(ctx, 1)
    windows.pause(ctx, window=1, staff_no=clerk_no(1), reason="午休\x1b[5m\x07")
    assert _latest(ctx, Window.pause_reason, Window.number == 1) == "午休[5m"
    assert _latest(ctx, Event.payload, Event.action == "window_paused")["reason"] == "午休[5m"


# --- the shared limits are the columns' sizes --------------------------------------------

@pytest.mark.parametrize("column, limit", [
    (Window.pause_reason, limits.PAUSE_REASON_MAX),
    (WorkCalendarDay.note, limits.CALENDAR_NOTE_MAX),
    (Staff.name, limits.STAFF_NAME_MAX),
    (Appointment.name, limits.BOOKING_NAME_MAX),
    (FirstInquiry.referred_to, limits.INQUIRY_REFERRED_TO_MAX),
], ids=str)
def test_a_sized_column_is_as_long_as_its_text_limit(column, limit):
    assert column.property.columns[0].type.length == limit


# --- the rule itself -------------------------------------------------------------------

LINE = TextField("备注", "note", 20)
LINES = TextField("说明", "note", 20, multiline=True)


@pytest.mark.parametrize("typed", ["a\x00", "\x00", "\udc80名", "名\ud83d"])
def test_nul_and_lone_surrogates_are_refused_in_chinese(typed):
    with pytest.raises(InvalidInput) as refused:
        clean_text(typed, LINE)
    assert refused.value.message_zh == "备注含有无法识别的字符，请重新输入"


def test_text_that_is_not_a_string_is_refused():
    with pytest.raises(InvalidInput, match="not text"):
        clean_text(12345, LINE)  # type: ignore[arg-type]


@pytest.mark.parametrize("typed, one_line, many_lines", [
    ("一\r\n二\r三\n四", "一 二 三 四", "一\n二\n三\n四"),
    ("一\n\n\n二", "一 二", "一\n\n\n二"),
    ("一\u2028二\u2029三\x85四", "一 二 三 四", "一\n二\n三\n四"),
    ("\n 一\t二 \n", "一 二", "一 二"),
    ("\x1b[1m一\x07\x0b\x0c\x7f\x80\x9f二", "[1m一二", "[1m一二"),
    ("e\x01\u0301", "é", "é"),             # accent joined once the control is gone
    ("\u3000一二\u3000", "一二", "一二"),      # full-width spaces around are trimmed
])
def test_line_breaks_tabs_and_controls(typed, one_line, many_lines):
    assert clean_text(typed, LINE) == one_line
    assert clean_text(typed, LINES) == many_lines


def test_the_limit_counts_characters_after_nfc():
    assert clean_text("e\u0301" * 20, LINE) == "é" * 20
    assert clean_text("😀" * 20, LINE) == "😀" * 20
    with pytest.raises(InvalidInput) as refused:
        clean_text("字" * 21, LINE)
    assert refused.value.message_zh == "备注太长（最多 20 字）"


def test_required_and_optional():
    with pytest.raises(InvalidInput, match="needs"):
        clean_text(" \x07\n", LINE, missing=("请填写", "needs it"))
    assert clean_optional(None, LINE) is None
    assert clean_optional("\x1b\t", LINE) is None
    assert clean_text(None, LINE) == ""


def test_the_fields_use_the_shared_limits():
    assert PAUSE_REASON.limit == limits.PAUSE_REASON_MAX and not PAUSE_REASON.multiline
    assert FOLLOWUP_NOTE.limit == limits.FOLLOWUP_NOTE_MAX and FOLLOWUP_NOTE.multiline


ANY_CHAR = st.characters(codec="utf-8") | st.sampled_from(
    "\x00\x07\x1b\t\r\n\x85\x9b\u2028\u2029\u0301\u200d\u200f\u202e\ufeff")
PRINTABLE = st.characters(exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp"))


@settings(max_examples=300, deadline=None)
@given(st.text(ANY_CHAR, max_size=30), st.booleans())
def test_clean_text_gives_storable_text_or_a_typed_refusal(typed, multiline):
    field = TextField("备注", "note", 25, multiline)
    try:
        cleaned = clean_text(typed, field)
    except InvalidInput as refused:
        assert "\x00" in typed or len(clean_text(typed, TextField("备注", "note", 999,
                                                               multiline))) > 25
        assert CHINESE.search(refused.message_zh)
        return
    assert len(cleaned) <= 25
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip()
    assert not any(unicodedata.category(c) == "Cc" for c in cleaned.replace("\n", ""))
    assert multiline or "\n" not in cleaned
    assert clean_text(cleaned, field) == cleaned           # cleaning twice changes nothing


@settings(max_examples=300, deadline=None)
@given(st.text(PRINTABLE, max_size=25))
def test_text_without_controls_is_kept_as_typed_but_for_nfc(typed):
    """Emoji, right-to-left text, marks and format characters (ZWJ, RLM) survive."""
    roomy = TextField("说明", "note", 100, multiline=True)    # NFC may lengthen a text
    assert clean_text(typed, roomy) == unicodedata.normalize("NFC", typed)
