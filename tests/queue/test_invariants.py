"""A hypothesis state machine drives random hall days and checks the invariants after
every step: a ticket is never served twice, numbers are unique and gap-free per day and
prefix, first come first called within a class, and the counts balance."""
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test,
)
from sqlalchemy import case, func, select

from kiosk.clock import ManualClock
from kiosk.errors import KioskError
from kiosk.queue.actions import calling, issuing, serving, windows as windows_
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.db import Database
from kiosk.queue.demo import clerk_no
from kiosk.queue.store.models import Event, Priority, Ticket, WAITING_STATES
from tests.conftest import MONDAY_0930

WINDOWS = (1, 2, 3, 19)           # A; A+B; B; A+B+J
ITEMS = ("SCJG-001", "WJW-002")   # queue A, queue B
PRIORITIES = ("none", "none", "elderly", "pregnant")


class HallDay(RuleBasedStateMachine):
    template: str = ""

    @initialize()
    def open_hall(self):
        self.dir = Path(tempfile.mkdtemp())
        shutil.copyfile(self.template, self.dir / "hall.sqlite3")
        self.clock = ManualClock(MONDAY_0930)
        self.ctx = HallContext(db=Database(f"sqlite:///{self.dir / 'hall.sqlite3'}"),
                               clock=self.clock)
        for number in WINDOWS:
            windows_.sign_in(self.ctx, staff_no=clerk_no(number), password="123456",
                             window=number)
        self.served = set()

    def teardown(self):
        if hasattr(self, "ctx"):
            self.ctx.db.dispose()
            shutil.rmtree(self.dir, ignore_errors=True)

    @rule(item=st.sampled_from(ITEMS), priority=st.sampled_from(PRIORITIES))
    def issue(self, item, priority):
        issuing.issue_ticket(self.ctx, item_code=item, priority=priority)

    @rule(seconds=st.integers(1, 120))
    def time_passes(self, seconds):
        self.clock.advance(seconds=seconds)

    @rule(window=st.sampled_from(WINDOWS))
    def call_next(self, window):
        expected = self._first_in_class(window)
        try:
            result = calling.call_next(self.ctx, window=window, staff_no=clerk_no(window))
        except KioskError:
            return  # e.g. a ticket still in hand: refused, nothing changed
        if result.ticket is None:
            assert expected == {}
            return
        tier = 1 if result.ticket.priority != "none" else 2
        assert result.ticket.id == expected[tier], "first come first called in a class"

    @rule(window=st.sampled_from(WINDOWS),
          outcome=st.sampled_from(["completed", "consultation", "notice_given"]))
    def finish(self, window, outcome):
        try:
            result = serving.finish(self.ctx, window=window, staff_no=clerk_no(window),
                                    outcome=outcome)
        except KioskError:
            return
        assert result.ticket.id not in self.served, "a ticket finished twice"
        self.served.add(result.ticket.id)

    @rule(window=st.sampled_from(WINDOWS))
    def no_show(self, window):
        try:
            calling.no_show(self.ctx, window=window, staff_no=clerk_no(window), confirmed=True)
        except KioskError:
            pass

    @rule(window=st.sampled_from(WINDOWS))
    def transfer_to_b(self, window):
        try:
            serving.transfer(self.ctx, window=window, staff_no=clerk_no(window),
                             to_prefix="B")
        except KioskError:
            pass

    @rule(data=st.data())
    def requeue(self, data):
        with self.ctx.db.read() as session:
            codes = session.scalars(select(Ticket.code).where(
                Ticket.state == "no_show")).all()
        if codes:
            calling.requeue(self.ctx, code=data.draw(st.sampled_from(sorted(codes))),
                            staff_no="1001")

    def _first_in_class(self, window):
        """The ticket of each class (1 priority, 2 ordinary) the window must call first."""
        from kiosk.queue.store.models import Window

        with self.ctx.db.read() as session:
            row = session.scalar(select(Window).where(Window.number == window))
            service_ids = [s.id for s in row.services]
            tier = case((Ticket.priority != Priority.NONE, 1), else_=2)
            rows = session.execute(select(tier, Ticket.id).where(
                Ticket.state.in_(WAITING_STATES),
                (Ticket.target_window_id == row.id)
                | (Ticket.service_id.in_(service_ids) & Ticket.target_window_id.is_(None)))
                .order_by(tier, Ticket.queue_at, Ticket.id)).all()
        first = {}
        for cls, ticket_id in rows:
            first.setdefault(cls, ticket_id)
        return first

    @invariant()
    def numbers_unique_and_gap_free(self):
        if not hasattr(self, "ctx"):
            return
        with self.ctx.db.read() as session:
            rows = session.execute(select(Ticket.day, Ticket.prefix, Ticket.number)).all()
        by_key = {}
        for day, prefix, number in rows:
            by_key.setdefault((day, prefix), []).append(number)
        for numbers in by_key.values():
            assert sorted(numbers) == list(range(1, len(numbers) + 1))

    @invariant()
    def at_most_one_ticket_in_hand_per_window_and_counts_balance(self):
        if not hasattr(self, "ctx"):
            return
        with self.ctx.db.read() as session:
            in_hand = session.execute(select(Ticket.window_id, func.count()).where(
                Ticket.state.in_(("called", "serving"))).group_by(Ticket.window_id)).all()
            assert all(n == 1 for _, n in in_hand)
            issued = session.scalar(select(func.count()).select_from(Event).where(
                Event.action == "ticket_issued"))
            total = session.scalar(select(func.count()).select_from(Ticket))
            finished_events = session.scalar(select(func.count()).select_from(Event).where(
                Event.action == "service_finished"))
            finished = session.scalar(select(func.count()).select_from(Ticket).where(
                Ticket.state == "finished"))
        assert issued == total
        assert finished_events == finished == len(self.served)


def test_hall_day_invariants(sqlite_template):
    HallDay.template = sqlite_template
    run_state_machine_as_test(HallDay, settings=settings(
        max_examples=25, stateful_step_count=30, deadline=None, derandomize=True,
        suppress_health_check=[HealthCheck.too_slow], database=None))
