"""Every report figure, for every grouping, against a plain recomputation from the rows."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kiosk.errors import InvalidInput, NotPermitted
from kiosk.queue.store.models import Department, Hall, Item, Staff, Window
from kiosk.reports import report
from tests.reports.conftest import LAST_WEEK, TODAY
from tests.reports.expected import expected_figures

FIGURES = ("issued", "served", "no_shows", "transferred", "expired", "priority",
           "appointment", "waited", "wait_avg_s", "wait_p90_s", "handling_avg_s",
           "handling_p90_s", "rated", "bad", "unrated", "rating_rate", "unrated_rate",
           "satisfaction_rate", "good_rate", "levels")


def _keys(ctx, group_by: str) -> dict:
    """group id -> the key the report exports for it."""
    with ctx.db.read() as session:
        if group_by == "hall":
            return {h.id: h.code for h in session.scalars(select(Hall))}
        if group_by == "department":
            return {d.id: d.code for d in session.scalars(select(Department))}
        if group_by == "item":
            return {i.id: i.code for i in session.scalars(select(Item))}
        if group_by == "window":
            return {w.id: str(w.number) for w in session.scalars(select(Window))}
        return {s.id: s.staff_no for s in session.scalars(select(Staff))}


def _same(actual: report.ReportRow, expected: dict, where: str) -> None:
    for name in FIGURES:
        want = expected[name]
        got = getattr(actual, name)
        if isinstance(want, float):
            assert got == pytest.approx(want, abs=1e-3), f"{where}: {name}"
        else:
            assert got == want, f"{where}: {name}"


@pytest.mark.parametrize("group_by", list(report.GROUPINGS))
def test_every_figure_matches_a_plain_recomputation(sim_ctx, group_by):
    result = report.build_report(sim_ctx, start=LAST_WEEK, end=TODAY, group_by=group_by,
                                 by="9001")
    expected = expected_figures(sim_ctx, LAST_WEEK, TODAY, group_by)
    keys = _keys(sim_ctx, group_by)
    _same(result.total, expected.pop("TOTAL"), "total")
    assert {row.key for row in result.rows} == {keys.get(k) for k in expected}
    by_key = {keys.get(k): v for k, v in expected.items()}
    for row in result.rows:
        _same(row, by_key[row.key], f"{group_by} {row.label}")
    # the simulated days exercise every figure, not just zeros
    total = result.total
    assert total.issued > 1800 and total.no_shows and total.transferred and total.expired
    assert total.priority and total.appointment and total.bad and total.unrated
    assert 0 < total.satisfaction_rate < total.good_rate < 1


def test_a_single_day_and_the_totals_of_counts_add_up(sim_ctx):
    day = report.build_report(sim_ctx, start=LAST_WEEK, end=LAST_WEEK, group_by="window",
                              by="9001")
    expected = expected_figures(sim_ctx, LAST_WEEK, LAST_WEEK, "window")["TOTAL"]
    _same(day.total, expected, "total")
    assert day.total.issued >= 1500
    for name in ("issued", "served", "expired", "rated", "priority", "appointment"):
        assert sum(getattr(r, name) for r in day.rows) == getattr(day.total, name)
    assert [r.key for r in day.rows][:3] == ["1", "2", "3"]  # windows in number order
    assert all(r.key is not None for r in day.rows[:-1])  # a "not called" group sorts last
    today = report.build_report(sim_ctx, start=TODAY, end=TODAY, group_by="clerk", by="9001")
    assert today.rows[-1].key is None and today.rows[-1].label == "（未叫号）"


def test_a_range_without_tickets_gives_zeros_and_no_rates(sim_ctx):
    empty = report.build_report(sim_ctx, start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31),
                                group_by="item", by="9001")
    assert empty.rows == ()
    assert empty.total.issued == 0 and empty.total.wait_avg_s is None
    assert empty.total.rating_rate is None and empty.total.satisfaction_rate is None


def test_reports_are_for_managers(sqlite_sim_ctx):
    ok = report.build_report(sqlite_sim_ctx, start=TODAY, end=TODAY, by="9001")
    assert ok.rows[0].label == "示例市政务服务中心"
    with pytest.raises(NotPermitted) as refused:
        report.build_report(sqlite_sim_ctx, start=TODAY, end=TODAY, by="1001")
    assert refused.value.message_zh == "您没有执行此操作的权限"


def test_bad_ranges_and_groupings_are_refused(sqlite_sim_ctx):
    with pytest.raises(InvalidInput):
        report.build_report(sqlite_sim_ctx, start=TODAY, end=LAST_WEEK, by="9001")
    with pytest.raises(InvalidInput) as bad:
        report.build_report(sqlite_sim_ctx, start=TODAY, end=TODAY, group_by="service",
                            by="9001")
    assert "统计口径" in bad.value.message_zh
