"""The business figures (业务统计, the SOP's monthly work summary and the peer's KPI sheets): the
waybills issued here in a range by destination, by clerk and by payment, each with its pieces,
weight, volume and money, and the phone quotes given (R-3.2) with how many became waybills.

A quote counts as taken up when a waybill was issued from it (the form filled from the recalled
quote, `Quote.waybill`), or when a waybill from the same shipper's phone to the same place was
issued here within `TAKEN_UP_DAYS` of it (the clerk typed it afresh). A clerk's figures are his
own waybills and quotes only. Void waybills are not counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from peewee import fn

from ...codes import WaybillStatus
from ...models import Depot, Place, Quote, Waybill, ids_in
from .. import depots
from .parts import Cell, Column, between

TAKEN_UP_DAYS = 30
_PAYMENT = {"cash": "现付", "collect": "提付", "monthly": "月结", "on_receipt": "回单付"}


@dataclass(frozen=True)
class _Group:
    """The waybills of one destination, clerk and payment mode, summed by the database."""

    place: int
    clerk: int
    payment: str
    waybills: int
    pieces: int
    weight: Decimal
    volume: Decimal
    money: Decimal


def _exact(value: object, places: str) -> Decimal:
    """A sum as the database gives it (SQLite's REAL, PostgreSQL's NUMERIC) to the column's
    decimal places: a float's error on a month's sums is far below a cent."""
    return Decimal(str(value or 0)).quantize(Decimal(places))


def _groups(depot: Depot, start: dt.date, end: dt.date, clerk: int | None) -> list[_Group]:
    """One row per destination, clerk and payment mode: the month of a busy depot is tens of
    thousands of waybills, and the sums are the database's work (one indexed range scan)."""
    query = Waybill.select(
        Waybill.dest_place,
        Waybill.issued_by,
        Waybill.payment_method,
        fn.COUNT(Waybill.id),
        fn.SUM(Waybill.pieces),
        fn.SUM(Waybill.weight_kg),
        fn.SUM(Waybill.volume_m3),
        fn.SUM(Waybill.total),
    ).where(
        (Waybill.origin_depot == depot.id)
        & between(Waybill.issued_at, start, end)
        & (Waybill.status != WaybillStatus.VOID)
    )
    if clerk is not None:
        query = query.where(Waybill.issued_by == clerk)
    query = query.group_by(Waybill.dest_place, Waybill.issued_by, Waybill.payment_method)
    rows = cast(list[tuple[Any, ...]], list(query.tuples()))
    return [
        _Group(
            r[0],
            r[1],
            r[2],
            r[3],
            int(r[4]),
            _exact(r[5], "0.01"),
            _exact(r[6], "0.001"),
            _exact(r[7], "0.01"),
        )
        for r in rows
    ]


@dataclass
class _Sum:
    waybills: int = 0
    pieces: int = 0
    weight: Decimal = Decimal("0.00")
    volume: Decimal = Decimal("0.000")
    money: Decimal = Decimal("0.00")
    quotes: int | None = None
    taken: int | None = None

    def add(self, group: _Group) -> None:
        self.waybills += group.waybills
        self.pieces += group.pieces
        self.weight += group.weight
        self.volume += group.volume
        self.money += group.money

    def quote(self, taken: bool) -> None:
        self.quotes = (self.quotes or 0) + 1
        self.taken = (self.taken or 0) + int(taken)

    def cells(self, label: str) -> list[Cell]:
        return [
            label,
            self.waybills,
            self.pieces,
            self.weight,
            self.volume,
            self.money,
            self.quotes,
            self.taken,
        ]


def _taken_up(quotes: list[Quote], depot: Depot, end: dt.date) -> set[int]:
    """The ids of the quotes a waybill followed (same phone, same place, within the days)."""
    phones = {q.customer_phone for q in quotes if q.customer_phone}
    if not phones:
        return {q.id for q in quotes if q.waybill_id is not None}
    first = min(q.at for q in quotes)
    issued: dict[tuple[str, int], list[dt.datetime]] = {}
    for w in Waybill.select(Waybill.shipper_phone, Waybill.dest_place, Waybill.issued_at).where(
        (Waybill.origin_depot == depot.id)
        & Waybill.shipper_phone.in_(list(phones))
        & between(Waybill.issued_at, first.date(), end + dt.timedelta(days=TAKEN_UP_DAYS))
        & (Waybill.status != WaybillStatus.VOID)
    ):
        issued.setdefault((w.shipper_phone, w.dest_place_id), []).append(w.issued_at)
    window = dt.timedelta(days=TAKEN_UP_DAYS)
    return {
        q.id
        for q in quotes
        if q.waybill_id is not None
        or any(q.at <= at <= q.at + window for at in issued.get((q.customer_phone, q.dest_place_id), []))
    }


def figures(
    depot: Depot, start: dt.date, end: dt.date, clerk: int | None = None
) -> tuple[list[Column], list[list[Cell]], str]:
    """The range's figures in three parts, each part's lines by money, most first."""
    groups = _groups(depot, start, end, clerk)
    quotes_q = Quote.select(
        Quote.id, Quote.at, Quote.customer_phone, Quote.dest_place, Quote.user, Quote.waybill
    ).where((Quote.depot == depot.id) & between(Quote.at, start, end))
    if clerk is not None:
        quotes_q = quotes_q.where(Quote.user == clerk)
    quotes = list(quotes_q)
    taken = _taken_up(quotes, depot, end)
    places = {
        p.id: p.name
        for p in Place.select(Place.id, Place.name).where(
            ids_in(Place, list({g.place for g in groups} | {q.dest_place_id for q in quotes}))
        )
    }
    names = depots.user_names()
    total = _Sum()
    parts: list[tuple[str, dict[object, _Sum], Callable[[object], str]]] = [
        ("按到站", {}, lambda key: places.get(int(str(key)), "")),
        ("按开单员", {}, lambda key: names.get(int(str(key)), "")),
        ("按付款方式", {}, lambda key: _PAYMENT.get(str(key), str(key))),
    ]
    for group in groups:
        total.add(group)
        for (_title, sums, _label), key in zip(parts, (group.place, group.clerk, group.payment), strict=True):
            sums.setdefault(key, _Sum()).add(group)
    for q in quotes:
        total.quote(q.id in taken)
        for (_title, sums, _label), key in zip(parts[:2], (q.dest_place_id, q.user_id), strict=True):
            sums.setdefault(key, _Sum()).quote(q.id in taken)
    rows: list[list[Cell]] = []
    for title, sums, label in parts:
        rows.append([f"【{title}】", None, None, None, None, None, None, None])
        for key, line in sorted(sums.items(), key=lambda item: (-item[1].money, label(item[0]))):
            rows.append(line.cells(label(key)))
    columns = [
        Column("项目", 16),
        Column("票数", 6),
        Column("件数", 6),
        Column("重量kg", 11),
        Column("体积m³", 9),
        Column("金额", 12),
        Column("报价", 6),
        Column("成交", 6),
    ]
    summary = (  # one 80-column line on paper
        f"共 {total.waybills} 票 {total.pieces} 件 {total.weight:.2f}kg {total.volume:.3f}m³ "
        f"{total.money:.2f}元  报价 {total.quotes or 0} 成交 {total.taken or 0}"
    )
    return columns, rows, summary
