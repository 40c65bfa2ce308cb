"""The next waybill or run number of a depot and day, from one counter row (NumberCounter).

Taken inside the transaction that uses the number. On PostgreSQL the UPDATE locks the row, so
a second terminal taking a number waits for the first to commit and then gets the next one:
no two terminals ever hold the same number, and no retry is needed. A transaction that fails
gives its number back with everything else, so numbers have no gaps. On SQLite the write lock
taken at BEGIN IMMEDIATE orders them the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..models import NumberCounter


def take(depot_id: int, kind: str, day: dt.date, *, given: Callable[[], int]) -> int:
    """The next number of `kind` for the depot and day, counted from 1. `given` says how many
    that day had before the counter row existed (numbers written by an older version, or by
    the demo builder): read only when the day's first number is taken."""
    key = (NumberCounter.depot == depot_id) & (NumberCounter.kind == kind) & (NumberCounter.day == day)
    bumped = NumberCounter.update(last=NumberCounter.last + 1).where(key).returning(NumberCounter.last)
    for row in bumped.execute():
        return row.last
    # The day's first: insert, or, when another terminal inserted it meanwhile, count on from
    # its row (ON CONFLICT waits for that terminal's transaction on PostgreSQL).
    (
        NumberCounter.insert(depot=depot_id, kind=kind, day=day, last=given() + 1)
        .on_conflict(
            conflict_target=[NumberCounter.depot, NumberCounter.kind, NumberCounter.day],
            update={NumberCounter.last: NumberCounter.last + 1},
        )
        .execute()
    )
    return NumberCounter.select(NumberCounter.last).where(key).scalar()
