"""The report figures: one definition each, shared by the report, the exports and the
console, so a figure means the same thing everywhere it is shown.

Counting rules (all over the tickets whose hall day lies in the range):

* issued (取号数): tickets;
* served (办结数): tickets finished, any outcome (办结, 受理, 一次性告知, 咨询, 不予受理);
* no_shows (过号数): tickets marked no-show at least once (``ticket_no_show`` events);
* transferred (转办数): tickets transferred at least once (``ticket_transferred`` events);
  on the window and clerk reports both count where the action was taken (the window
  that marked the no-show or transferred the ticket out, the clerk who did it), so a
  ticket can count at two windows but once in the total;
* expired (作废数): tickets in state expired (not served when the day was closed);
* wait (等候时长) = called_at - issued_at, over tickets that were called (their last
  call; for a transferred ticket, until the call at the window that took it);
* handling (办理时长) = finished_at - started_at, over finished tickets (a ticket
  finished without "start" counts from its call);
* avg is the mean; p90 is the nearest-rank 90th percentile: sorted ascending, the value
  at rank ceil(0.9 n), so 90 % of the values are at or below it;
* rated (已评): finished tickets with a rating level 1-5; unrated (未评) = served - rated
  (a recorded 未评 and no rating at all alike);
* rating_rate = rated / served; unrated_rate = unrated / served;
* satisfaction_rate = (level 5 + level 4) / rated; good_rate = (5 + 4 + 3) / rated;
* bad (差评) = ratings of level 1 or 2;
* priority (优先): tickets of a priority class (绿色通道); appointment (预约): tickets
  from an appointment check-in.

Rates with a zero denominator are None (shown as "—"), never 0.
"""
from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Figure:
    name: str        # attribute of ReportRow
    header_zh: str
    kind: str        # count / minutes / rate
    definition_en: str
    definition_zh: str


FIGURES: tuple[Figure, ...] = (
    Figure("issued", "取号数", "count", "tickets issued", "所选日期内取号的号票数"),
    Figure("served", "办结数", "count", "tickets finished (any outcome)",
           "办理完毕的号票数（含办结、受理、一次性告知、咨询、不予受理）"),
    Figure("no_shows", "过号数", "count", "tickets marked no-show at least once",
           "至少被过号一次的号票数"),
    Figure("transferred", "转办数", "count", "tickets transferred at least once",
           "至少被转办一次的号票数"),
    Figure("expired", "作废数", "count", "tickets expired at day close",
           "当日结束时仍未办理、被作废的号票数"),
    Figure("wait_avg_s", "平均等候(分)", "minutes", "mean of called_at - issued_at",
           "叫号时间减取号时间的平均值"),
    Figure("wait_p90_s", "90%等候(分)", "minutes",
           "nearest-rank 90th percentile of called_at - issued_at",
           "90% 的号票等候不超过此时长（最近秩法）"),
    Figure("handling_avg_s", "平均办理(分)", "minutes", "mean of finished_at - started_at",
           "办结时间减开始办理时间的平均值（未点开始的，从叫号起算）"),
    Figure("handling_p90_s", "90%办理(分)", "minutes",
           "nearest-rank 90th percentile of finished_at - started_at",
           "90% 的号票办理不超过此时长（最近秩法）"),
    Figure("rated", "已评数", "count", "finished tickets with a rating 1-5",
           "办结后给出 1-5 级评价的号票数"),
    Figure("rating_rate", "参评率", "rate", "rated / served", "已评数 ÷ 办结数"),
    Figure("satisfaction_rate", "满意率", "rate", "(level 5 + level 4) / rated",
           "（非常满意 + 满意）÷ 已评数"),
    Figure("good_rate", "好评率", "rate", "(level 5 + 4 + 3) / rated",
           "（非常满意 + 满意 + 基本满意）÷ 已评数"),
    Figure("unrated_rate", "未评率", "rate", "(served - rated) / served",
           "（办结数 − 已评数）÷ 办结数"),
    Figure("bad", "差评数", "count", "ratings of level 1 or 2", "不满意和非常不满意的评价数"),
    Figure("priority", "优先数", "count", "tickets of a priority class",
           "绿色通道（老年人、残疾人、军人、孕妇）号票数"),
    Figure("appointment", "预约数", "count", "tickets from an appointment check-in",
           "预约签到取得的号票数"),
)

#: rating-level breakdown, shown in the xlsx export after the figures
LEVEL_HEADERS = ((5, "非常满意"), (4, "满意"), (3, "基本满意"), (2, "不满意"),
                 (1, "非常不满意"))


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None




def minutes(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 60


def format_value(kind: str, value) -> str:
    """A figure as text for the PDF and the console: counts as integers, durations in
    minutes with one decimal, rates as percentages; missing as a dash."""
    if value is None:
        return "—"
    if kind == "minutes":
        return f"{value / 60:.1f}"
    if kind == "rate":
        return f"{value * 100:.1f}%"
    return str(value)
