"""China's working days: Monday to Friday, less the public holidays, plus the weekend days made
working days (调休), as the State Council announces them each year.

From `holidays` (python-holidays, the maintained library of every country's holidays; its China
table carries the announced substitutions, e.g. National Day 2026 is 10-01 to 10-07 with
Sunday 09-20 and Saturday 10-10 worked). A year not yet announced falls back to the fixed-date
holidays the library knows; upgrading the library brings the announcement.
"""

from __future__ import annotations

import datetime as dt
import functools

import holidays


@functools.cache
def _china() -> holidays.HolidayBase:
    return holidays.country_holidays("CN")


def is_working_day(day: dt.date) -> bool:
    return bool(_china().is_working_day(day))


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after it)."""
    day, count = start, 0
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The `count`th working day after `start` (the last day of a window of `count` days)."""
    day = start
    while count > 0:
        day += dt.timedelta(days=1)
        count -= is_working_day(day)
    return day
