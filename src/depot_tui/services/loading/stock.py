"""What is in stock here, grouped by destination, and planning waybills onto a run (R-2.14: count
the stock, separate loaded from not loaded).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import fn

from ...models import (
    Depot,
    Manifest,
    ManifestStatus,
    ManifestWaybill,
    Piece,
    PieceStatus,
    Waybill,
    WaybillStatus,
    database_proxy,
)
from .. import audit
from ..actor import Actor
from ..errors import ServiceError
from .runs import _depot_code, _open, _route_ids


@dataclass(frozen=True)
class StockLine:
    number: str
    consignee: str
    goods: str
    pieces: int  # on the waybill
    in_stock: int  # still here, not on a truck
    kg: Decimal  # of the pieces in stock
    m3: Decimal
    issued_at: dt.datetime
    hold: bool
    void: bool
    planned_on: str  # the open run it is planned onto, if any


@dataclass
class StockGroup:
    depot_code: str
    depot_name: str
    lines: list[StockLine] = field(default_factory=list)

    @property
    def waybills(self) -> int:
        return sum(1 for line in self.lines if not line.void)

    @property
    def pieces(self) -> int:
        return sum(line.in_stock for line in self.lines if not line.void)

    @property
    def kg(self) -> Decimal:
        return sum((line.kg for line in self.lines if not line.void), Decimal("0"))

    @property
    def m3(self) -> Decimal:
        return sum((line.m3 for line in self.lines if not line.void), Decimal("0"))


def _share(total: Decimal, part: int, whole: int) -> Decimal:
    return (Decimal(total) * part / whole).quantize(Decimal("0.01")) if whole else Decimal("0")


def stock(actor: Actor) -> list[StockGroup]:
    """Goods here and not on a truck, by destination depot, oldest waybill first."""
    in_stock = fn.COUNT(Piece.id).alias("in_stock")
    rows = (
        Waybill.select(Waybill, in_stock)
        .join(Piece, on=(Piece.waybill == Waybill.id))
        .where(
            (Piece.depot == actor.depot_id)
            & (Piece.status == PieceStatus.IN_STOCK)
            & (Waybill.origin_depot == actor.depot_id)
        )
        .group_by(Waybill.id)
        .order_by(Waybill.issued_at)
    )
    planned: dict[int, str] = {}
    open_rows = (
        ManifestWaybill.select(ManifestWaybill.waybill, Manifest.number)
        .join(Manifest)
        .where((Manifest.origin_depot == actor.depot_id) & (Manifest.status == ManifestStatus.OPEN))
    )
    for row in open_rows:
        planned[row.waybill_id] = row.manifest.number
    depots = {d.id: d for d in Depot.select()}
    groups: dict[int | None, StockGroup] = {}
    for w in rows:
        depot = depots.get(w.dest_depot_id)
        group = groups.setdefault(
            w.dest_depot_id, StockGroup(depot.code if depot else "?", depot.name if depot else "?")
        )
        group.lines.append(
            StockLine(
                w.number,
                w.consignee_name,
                w.goods_name,
                w.pieces,
                w.in_stock,
                _share(w.weight_kg, w.in_stock, w.pieces),
                _share(w.volume_m3, w.in_stock, w.pieces),
                w.issued_at,
                bool(w.hold_for_release),
                w.status == WaybillStatus.VOID,
                planned.get(w.id, ""),
            )
        )
    return sorted(groups.values(), key=lambda g: min(line.issued_at for line in g.lines))


def plan(actor: Actor, manifest_id: int, numbers: list[str]) -> int:
    """Put waybills in stock here onto an open run's plan (all their pieces still here).
    Returns how many were added; voided ones and those for depots off the route are refused."""
    with database_proxy.atomic():
        manifest = _open(actor, manifest_id)
        route = _route_ids(manifest.id)
        added = 0
        for number in numbers:
            waybill = Waybill.get_or_none(
                (Waybill.number == number) & (Waybill.origin_depot == actor.depot_id)
            )
            if waybill is None:
                raise ServiceError("error.waybill_unknown", number=number)
            if waybill.status == WaybillStatus.VOID:
                raise ServiceError("error.waybill_void", number=number)
            if waybill.dest_depot_id not in route:
                raise ServiceError(
                    "error.off_route", number=number, station=_depot_code(waybill.dest_depot_id)
                )
            added += _ensure_planned(manifest.id, waybill)
        audit.record(
            actor,
            "manifest.plan",
            "manifest",
            manifest.number,
            new={"waybills": numbers},
            depot_id=actor.depot_id,
        )
    return added


def _in_stock_here(waybill: Waybill) -> int:
    return (
        Piece.select()
        .where(
            (Piece.waybill == waybill.id)
            & (Piece.depot == waybill.origin_depot_id)
            & (Piece.status == PieceStatus.IN_STOCK)
        )
        .count()
    )


def _ensure_planned(manifest_id: int, waybill: Waybill) -> bool:
    """The waybill has a line on this run (planned = the pieces still here): a piece scanned
    without planning its waybill first plans it, as loaders often load what is at hand.
    True when the line was made now."""
    if (
        ManifestWaybill.select()
        .where((ManifestWaybill.manifest == manifest_id) & (ManifestWaybill.waybill == waybill.id))
        .exists()
    ):
        return False
    ManifestWaybill.create(manifest=manifest_id, waybill=waybill.id, planned_pieces=_in_stock_here(waybill))
    return True
