"""A seeded, realistic hall day, driven through the real service functions.

For tests, the benchmark, the console's screenshots and demos: clerks sign in, citizens
take tickets (some with priority, some checking in a booking), windows call, serve,
transfer, mark no-shows (some come back and are requeued), pause for a break and for
lunch (some come back late), citizens rate (some leave 未评, a few give 差评), and the
day is closed. A ManualClock moves from event to event, so the same seed gives the same
database every time.

It only uses what the hall database holds (windows, their queues and items, limits), so
it runs on any catalog; the sample hall is what the tests use.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import random
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kiosk.clock import ManualClock, at_hall_time
from kiosk.errors import ServiceUnavailable
from kiosk.queue.actions import appointments, calling, day as hall_day, rating, serving, windows
from kiosk.queue.store.context import HallContext, load_hall
from kiosk.queue.actions.issuing import issue_ticket
from kiosk.queue.store.models import ItemKind, Service, Window

PASSWORD = "123456"
PRIORITIES = ("elderly", "disabled", "military", "pregnant")
LEVEL_WEIGHTS = {5: 62, 4: 22, 3: 9, 2: 4, 1: 3}


@dataclasses.dataclass(frozen=True)
class SimSummary:
    day: dt.date
    counts: dict[str, int]


@dataclasses.dataclass
class _Window:
    number: int
    clerk: str
    prefixes: tuple[str, ...]
    current: tuple[int, str | None] | None = None   # (ticket id, item code)
    idle: bool = False
    paused: bool = False
    break_due: bool = False
    lunched: bool = False


def _local(day: dt.date, hhmm: str, tz: str) -> dt.datetime:
    return at_hall_time(day, dt.time.fromisoformat(hhmm), tz)


class _Day:
    def __init__(self, ctx: HallContext, clock: ManualClock, day: dt.date, seed: int,
                 window_numbers: list[int] | None, clerks: dict[int, str] | None) -> None:
        self.ctx, self.clock, self.day = ctx, clock, day
        self.rng = random.Random(seed)
        self.queue: list = []
        self.seq = 0
        self.counts: Counter = Counter()
        self._load(window_numbers, clerks or {})

    def _load(self, numbers, clerks) -> None:
        with self.ctx.db.read() as session:
            hall = load_hall(session, self.ctx.hall_code)
            self.tz = hall.timezone
            rows = session.scalars(select(Window).where(
                Window.hall_id == hall.id, Window.active.is_(True)).order_by(Window.number)
                .options(selectinload(Window.services))).all()
            picked = [w for w in rows if numbers is None or w.number in numbers]
            if numbers is None:
                picked = picked[:12]
            self.windows = {w.number: _Window(w.number, clerks.get(w.number,
                                                                   f"10{w.number:02d}"),
                                              tuple(s.prefix for s in w.services))
                            for w in picked}
            prefixes = {p for w in self.windows.values() for p in w.prefixes}
            services = session.scalars(select(Service).where(
                Service.hall_id == hall.id, Service.prefix.in_(prefixes),
                Service.active.is_(True)).options(selectinload(Service.items))).all()
            self.services = {s.prefix: s.daily_limit for s in services}
            self.items = {s.prefix: [(i.code, i.kind) for i in s.items if i.active]
                          for s in services}
            firsts = {}
            for s in sorted(services, key=lambda s: s.sort):
                for item in s.items:
                    firsts.setdefault(item.code, s.prefix)
            # bookings go to items whose first queue is served today
            self.bookable = sorted(code for code, p in firsts.items() if p in prefixes)
            self.kinds = {c: k for s in self.items.values() for c, k in s}
            self.supply_later_items = {
                i.code for s in services for i in s.items
                if any(m.may_supply_later for m in i.materials)}

    # --- the event queue -------------------------------------------------------------
    def at(self, when: dt.datetime, kind: str, *data) -> None:
        self.seq += 1
        heapq.heappush(self.queue, (when, self.seq, kind, data))

    def after(self, seconds: float, kind: str, *data) -> None:
        self.at(self.clock.now() + dt.timedelta(seconds=seconds), kind, *data)

    def t(self, hhmm: str) -> dt.datetime:
        return _local(self.day, hhmm, self.tz)

    def run(self, until: dt.datetime | None) -> None:
        while self.queue:
            when, _, kind, data = heapq.heappop(self.queue)
            if until is not None and when > until:
                break
            if when > self.clock.now():
                self.clock.set(when)
            getattr(self, f"on_{kind}")(*data)
        if until is not None and until > self.clock.now():
            self.clock.set(until)

    # --- planning ----------------------------------------------------------------------
    def plan(self, tickets: int, bookings: int) -> None:
        rng = self.rng
        for w in self.windows.values():
            late = rng.random() < 0.1
            self.at(self.t("09:20" if late else "08:50")
                    + dt.timedelta(seconds=rng.uniform(0, 900)), "sign_in", w.number)
            for start, end in (("09:40", "11:20"), ("14:00", "16:20")):
                if rng.random() < 0.6:
                    span = (self.t(end) - self.t(start)).total_seconds()
                    self.at(self.t(start) + dt.timedelta(seconds=rng.uniform(0, span)),
                            "break", w.number)
        total = sum(min(limit or 400, 400) for limit in self.services.values())
        for prefix, limit in sorted(self.services.items()):
            share = round(tickets * min(limit or 400, 400) / total)
            for _ in range(share):
                self.at(self._arrival(), "arrive", prefix)
        self._book(bookings)

    def _arrival(self) -> dt.datetime:
        rng = self.rng
        if rng.random() < 0.58:
            start, peak, end = self.t("09:00"), self.t("09:50"), self.t("11:59")
        else:
            start, peak, end = self.t("13:30"), self.t("14:30"), self.t("16:59")
        offset = rng.triangular(0, (end - start).total_seconds(),
                                (peak - start).total_seconds())
        return start + dt.timedelta(seconds=round(offset))

    def _book(self, count: int) -> None:
        if not self.bookable or not count:
            return
        booking_time = self.clock.now()
        slots = [f"{h:02d}:{m:02d}" for h in (9, 10, 11, 14, 15, 16) for m in (0, 30)
                 if not (h == 11 and m == 30) and not (h == 16 and m == 30)]
        self.clock.set(self.t("08:00") - dt.timedelta(days=1))
        for n in range(count):
            slot = self.rng.choice(slots)
            item = self.rng.choice(self.bookable)  # the draws keep their order (same seed)
            name = self.rng.choice("王李张刘陈杨赵黄周吴") + self.rng.choice(
                ("某", "某某", "先生", "女士"))
            phone = f"139{self.rng.randrange(10**8):08d}"
            code = appointments.record_booking(
                self.ctx, item_code=item, day=self.day,
                slot_start=dt.time.fromisoformat(slot), slot_minutes=30, name=name,
                phone=phone, id_number=f"11010119{self.rng.randrange(60, 99)}0101{n:04d}")
            self.counts["booked"] += 1
            if self.rng.random() < 0.9:
                start = self.t(slot)
                opens = self.t("13:30") if start >= self.t("13:30") else self.t("09:00")
                when = max(start - dt.timedelta(minutes=self.rng.uniform(0, 20)), opens)
                self.at(when, "check_in", code, phone[-4:])
        self.clock.set(booking_time)

    # --- citizens ------------------------------------------------------------------
    def on_arrive(self, prefix: str) -> None:
        code, kind = self.rng.choice(self.items[prefix])
        priority = self.rng.choice(PRIORITIES) if self.rng.random() < 0.05 else "none"
        try:
            issue_ticket(self.ctx, item_code=code, prefix=prefix, priority=priority)
        except ServiceUnavailable:
            self.counts["refused"] += 1
            return
        self.counts["issued"] += 1
        self.wake(prefix)

    def on_check_in(self, code: str, phone_last_four: str) -> None:
        try:
            result = appointments.check_in(self.ctx, code=code,
                                           phone_last_four=phone_last_four)
        except ServiceUnavailable:
            self.counts["check_in_refused"] += 1
            return
        self.counts["checked_in"] += 1
        self.wake(result.ticket.service_prefix)

    def on_rate(self, ticket_id: int) -> None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.75:
            level = rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]
            reasons = [rng.choice(rating.BAD_REASONS)] if level <= 2 else []
            rating.rate(self.ctx, ticket_id=ticket_id, level=level, reasons=reasons,
                        comment="窗口人员解释不清" if level == 1 else None)
            self.counts["rated"] += 1
        elif roll < 0.92:
            rating.mark_unrated(self.ctx, ticket_id=ticket_id)
            self.counts["marked_unrated"] += 1

    def on_requeue(self, code: str, clerk: str, prefix: str) -> None:
        calling.requeue(self.ctx, code=code, staff_no=clerk)
        self.counts["requeued"] += 1
        self.wake(prefix)

    # --- windows ---------------------------------------------------------------------
    def wake(self, prefix: str) -> None:
        """One idle window of the queue notices the new ticket and calls."""
        idle = [w for w in self.windows.values()
                if w.idle and prefix in w.prefixes and not w.paused]
        if idle:
            w = self.rng.choice(idle)
            w.idle = False
            self.after(self.rng.uniform(3, 15), "call", w.number)

    def on_sign_in(self, number: int) -> None:
        w = self.windows[number]
        windows.sign_in(self.ctx, staff_no=w.clerk, password=PASSWORD, window=number)
        self.after(1, "call", number)

    def on_break(self, number: int) -> None:
        w = self.windows[number]
        w.break_due = True
        if w.idle:
            w.idle = False
            self.after(1, "call", number)

    def _pause(self, w: _Window, reason: str, back_at: dt.datetime,
               resume_at: dt.datetime) -> None:
        windows.pause(self.ctx, window=w.number, staff_no=w.clerk, reason=reason,
                      back_at=back_at)
        w.paused = True
        self.counts["paused"] += 1
        self.at(resume_at, "resume", w.number)

    def on_resume(self, number: int) -> None:
        w = self.windows[number]
        windows.resume(self.ctx, window=number, staff_no=w.clerk)
        w.paused = False
        self.after(1, "call", number)

    def on_call(self, number: int) -> None:
        w, rng, now = self.windows[number], self.rng, self.clock.now()
        if w.paused or w.current is not None:
            return
        if w.break_due and now < self.t("16:50"):
            w.break_due = False
            minutes = rng.choice((5, 10, 15))
            back = now + dt.timedelta(minutes=minutes)
            late = rng.uniform(3, 12) if rng.random() < 0.3 else rng.uniform(-2, 0.5)
            self._pause(w, "临时离岗", back, back + dt.timedelta(minutes=late))
            return
        if now >= self.t("17:30"):
            w.idle = True
            return
        result = calling.call_next(self.ctx, window=number, staff_no=w.clerk)
        if result.ticket is None:
            if self.t("12:00") <= now < self.t("13:20") and not w.lunched:
                w.lunched = True
                lateness = rng.uniform(-3, 12) if rng.random() < 0.4 else rng.uniform(-5, 0)
                self._pause(w, "用餐", self.t("13:30"),
                            self.t("13:30") + dt.timedelta(minutes=lateness))
                return
            w.idle = True
            return
        self.counts["called"] += 1
        w.current = (result.ticket.id, result.ticket.item_code)
        if rng.random() < 0.05:
            self.after(rng.uniform(30, 50), "recall", number)
        else:
            self.after(rng.uniform(10, 40), "start", number)

    def on_recall(self, number: int) -> None:
        w = self.windows[number]
        calling.recall(self.ctx, window=number, staff_no=w.clerk)
        self.after(self.rng.uniform(40, 70), "no_show", number)

    def on_no_show(self, number: int) -> None:
        w = self.windows[number]
        result = calling.no_show(self.ctx, window=number, staff_no=w.clerk)
        self.counts["no_show"] += 1
        w.current = None
        if self.rng.random() < 0.35:
            self.after(self.rng.uniform(300, 1800), "requeue", result.ticket.code, w.clerk,
                       result.ticket.service_prefix)
        self.after(self.rng.uniform(5, 20), "call", number)

    def on_start(self, number: int) -> None:
        w, rng = self.windows[number], self.rng
        serving.start(self.ctx, window=number, staff_no=w.clerk)
        others = sorted({p for x in self.windows.values() for p in x.prefixes} - {
            p for p in w.prefixes})
        if others and rng.random() < 0.03:
            self.after(rng.uniform(60, 240), "transfer", number, rng.choice(others))
            return
        minutes = min(rng.lognormvariate(0.4, 0.6), 40)
        self.after(20 + minutes * 60, "finish", number)

    def on_transfer(self, number: int, prefix: str) -> None:
        w = self.windows[number]
        serving.transfer(self.ctx, window=number, staff_no=w.clerk, to_prefix=prefix,
                         note="需到其他窗口办理")
        self.counts["transferred"] += 1
        w.current = None
        self.wake(prefix)
        self.after(self.rng.uniform(5, 20), "call", number)

    def on_finish(self, number: int) -> None:
        w, rng = self.windows[number], self.rng
        ticket_id, item_code = w.current
        if self.kinds.get(item_code) == ItemKind.PROMISED:
            outcome = rng.choices(("accepted", "notice_given", "consultation", "rejected"),
                                  weights=(65, 20, 10, 5))[0]
            if outcome == "accepted" and item_code in self.supply_later_items \
                    and ticket_id % 5 == 0:  # not drawn from rng: keeps the day as it was
                outcome = "supply_later"  # 容缺受理: a material will follow
        else:
            outcome = rng.choices(("completed", "notice_given", "consultation"),
                                  weights=(80, 10, 10))[0]
        serving.finish(self.ctx, window=number, staff_no=w.clerk, outcome=outcome)
        self.counts["finished"] += 1
        w.current = None
        self.after(rng.uniform(3, 25), "rate", ticket_id)
        self.after(rng.uniform(5, 25), "call", number)


def simulate_day(ctx: HallContext, clock: ManualClock, *, day: dt.date,
                 tickets: int = 1500, window_numbers: list[int] | None = None,
                 bookings: int = 40, seed: int = 20261123,
                 until: dt.time | None = None, close: bool = True,
                 clerks: dict[int, str] | None = None) -> SimSummary:
    """Run one hall day on ``ctx`` (whose clock must be ``clock``).

    ``window_numbers``: the windows staffed (default: the first 12), each by its demo
    clerk ``10NN`` unless ``clerks`` says otherwise. ``tickets`` are spread over their
    queues by daily limit. ``until`` stops the day at that hall time and leaves it open
    (for a live view); otherwise the day is closed at 17:45 when ``close``.
    """
    if ctx.clock is not clock:
        raise ValueError("ctx.clock must be the ManualClock the simulation moves")
    sim = _Day(ctx, clock, day, seed, window_numbers, clerks)
    clock.set(sim.t("08:30"))
    sim.plan(tickets, bookings)
    stop = sim.t(until.isoformat(timespec="minutes")) if until else None
    sim.run(stop)
    if until is None and close:
        clock.set(max(clock.now(), sim.t("17:45")))
        hall_day.close_day(ctx, by=None)
    return SimSummary(day, dict(sim.counts))


__all__ = ["SimSummary", "simulate_day"]
