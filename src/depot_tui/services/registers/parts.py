"""What every register is made of: its columns, its rows of cells, the title and the file name;
the date range typed, and the range as a query condition."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .. import checks
from ..errors import ServiceError

MAX_DAYS = 366
TITLES = {
    "pickup": "提货登记",
    "transfer": "中转登记",
    "receipt": "回单登记",
    "figures": "业务统计",
    "money": "日结",
    "statements": "对账单汇总",
    "summary": "工作小结",
    "ledger": "收款汇总",
}

Cell = str | int | Decimal | dt.datetime | None


@dataclass(frozen=True)
class Column:
    heading: str  # on paper (blank: the column goes on under the heading before it)
    width: int  # cells on paper, the gap included
    whole: str = ""  # the heading in an exported file, when not the same

    @property
    def file_heading(self) -> str:
        return self.whole or self.heading


@dataclass(frozen=True)
class Register:
    kind: str
    depot: str  # the depot's name
    depot_code: str
    start: dt.date
    end: dt.date
    columns: list[Column]
    rows: list[list[Cell]]
    total: str  # the closing line: counts and sums

    @property
    def title(self) -> str:
        return f"{self.depot} {TITLES[self.kind]} {self.start:%Y-%m-%d} 至 {self.end:%Y-%m-%d}"

    def file_name(self, suffix: str) -> str:
        return f"register-{self.kind}-{self.depot_code}-{self.start:%Y%m%d}-{self.end:%Y%m%d}.{suffix}"


def dates(start: str, end: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The range typed: blank start is the first of this month, blank end today."""
    first = checks.day(start, "start", today) if checks.normal(start) else today.replace(day=1)
    last = checks.day(end, "end", today)
    if last < first:
        raise ServiceError("error.range_order", field="end")
    if (last - first).days >= MAX_DAYS:
        raise ServiceError("error.range_long", field="end", days=MAX_DAYS)
    return first, last


def between(field, start: dt.date, end: dt.date):  # noqa: ANN001, ANN202 - Peewee expressions
    return (field >= dt.datetime.combine(start, dt.time())) & (
        field < dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
    )
