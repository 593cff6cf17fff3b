"""限时办结 rules on a plain calendar: promised dates over a holiday and a 调休 weekend,
the clock stopped by 补正, and which 黄牌 threshold wins."""
import datetime as dt

from kiosk.queue.rules import case_clock as cc

D = dt.date
#: Thu 3 and Fri 4 Dec 2026 a holiday, Sunday 6 Dec a 调休 working day
CAL = cc.week_calendar({D(2026, 12, 3): False, D(2026, 12, 4): False, D(2026, 12, 6): True})
FOUR_WEEKS = [D(2026, 11, 30) + dt.timedelta(days=n) for n in range(28)]
WORKDAYS = [d for d in FOUR_WEEKS if d.weekday() < 5 and d.day not in (3, 4)] + [D(2026, 12, 6)]


def plain_add(start, n):
    later = sorted(d for d in WORKDAYS if d > start)
    return start if n == 0 else later[n - 1]


def test_promised_dates_follow_holidays_and_the_working_sunday():
    for start in FOUR_WEEKS[:12]:
        for n in range(6):
            assert cc.promised_date(CAL, start, n) == plain_add(start, n), (start, n)
    assert cc.promised_date(CAL, D(2026, 12, 2), 1) == D(2026, 12, 6)   # Wed -> the Sunday
    assert cc.promised_date(CAL, D(2026, 12, 2), 2) == D(2026, 12, 7)


def test_the_clock_stops_from_the_day_after_the_notice_to_the_arrival():
    # notice Tue 1 Dec, materials Mon 7 Dec: Wed 2, Sun 6, Mon 7 do not count
    assert cc.stopped_workdays(CAL, D(2026, 12, 1), D(2026, 12, 7)) == 3
    assert cc.stopped_workdays(CAL, D(2026, 12, 1), D(2026, 12, 1)) == 0


def test_cards_red_when_overdue_yellow_by_whichever_threshold_warns_first():
    card = lambda due, today, limit, yw=1, ys=20, paused=None: cc.card(
        CAL, due=due, today=today, limit_days=limit, yellow_workdays=yw, yellow_share=ys,
        paused_since=paused)
    due = D(2026, 12, 14)  # Monday
    assert card(due, D(2026, 12, 15), 10) == "red"
    assert card(due, D(2026, 12, 14), 10) == "yellow"            # due today
    assert card(due, D(2026, 12, 11), 10) == "yellow"            # 1 working day left
    # 20 % of 10 days = 2 days: Thursday the 10th has 2 left -> yellow by share
    assert card(due, D(2026, 12, 10), 10) == "yellow"
    assert card(due, D(2026, 12, 10), 10, ys=0) is None          # share rule off
    assert card(due, D(2026, 12, 9), 10) is None
    assert card(due, D(2026, 12, 10), 10, yw=3, ys=0) == "yellow"  # day rule wins
    assert card(due, D(2026, 12, 11), 10, yw=0, ys=0) is None      # both off
    # a stopped clock keeps red from before the notice, and never turns yellow
    assert card(due, D(2026, 12, 20), 10, paused=D(2026, 12, 11)) is None
    assert card(due, D(2026, 12, 20), 10, paused=D(2026, 12, 15)) == "red"


def test_yellow_until_agrees_with_the_card():
    today = D(2026, 12, 1)
    for limit in (0, 1, 3, 5, 10, 20):
        margin = cc.yellow_margin(limit, 1, 20)
        until = cc.yellow_until(CAL, today, margin)
        for due in FOUR_WEEKS[1:]:
            yellow = cc.card(CAL, due=due, today=today, limit_days=limit,
                             yellow_workdays=1, yellow_share=20) == "yellow"
            assert yellow == (today <= due <= until), (limit, due)
