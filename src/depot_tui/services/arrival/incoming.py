"""Trucks on their way to this depot, or at it, with what their manifests say they carry here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...models import (
    ArrivalCheck,
    CheckedPiece,
    Depot,
    LoadedPiece,
    Manifest,
    ManifestStatus,
    ManifestStop,
    Piece,
    Waybill,
)
from .. import clock
from ..actor import Actor


def _expected_query(manifest_id: int, depot_id: int):  # noqa: ANN202 - a Peewee select
    """The pieces this manifest brings to this depot: loaded at origin, not unloaded there."""
    return (
        Piece.select(Piece, Waybill)
        .join(LoadedPiece, on=(LoadedPiece.piece == Piece.id))
        .switch(Piece)
        .join(Waybill)
        .where(
            (LoadedPiece.manifest == manifest_id)
            & LoadedPiece.unloaded_at.is_null()
            & (Waybill.dest_depot == depot_id)
        )
    )


def _on_board(manifest_id: int, piece_id: int):  # noqa: ANN202 - a Peewee select
    """The piece is on this manifest still: loaded at origin and not unloaded there."""
    return LoadedPiece.select(LoadedPiece.id).where(
        (LoadedPiece.manifest == manifest_id)
        & (LoadedPiece.piece == piece_id)
        & LoadedPiece.unloaded_at.is_null()
    )


# --- incoming trucks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Incoming:
    manifest_id: int
    number: str
    origin: str  # depot code
    plate: str
    driver: str
    departed_at: dt.datetime | None
    state: str  # on_way, arrived (not yet checked), checking, checked (here)
    waybills: int  # expected here
    pieces: int
    checked: int  # expected pieces counted so far
    check_id: int | None


def incoming(actor: Actor) -> list[Incoming]:
    """Trucks bound here: on the way, being checked, and those checked here in the last day."""
    since = clock.now() - dt.timedelta(days=1)
    stops_here = ManifestStop.select(ManifestStop.manifest).where(ManifestStop.depot == actor.depot_id)
    checked_lately = ArrivalCheck.select(ArrivalCheck.manifest).where(
        (ArrivalCheck.depot == actor.depot_id) & (ArrivalCheck.finished_at >= since)
    )
    # Not every truck that ever stopped here: those still moving, and those checked lately.
    under_way = [ManifestStatus.DEPARTED, ManifestStatus.ARRIVED, ManifestStatus.CHECKING]
    manifests = list(
        Manifest.select(Manifest, Depot)
        .join(Depot, on=(Manifest.origin_depot == Depot.id))
        .where(
            Manifest.id.in_(stops_here) & (Manifest.status.in_(under_way) | Manifest.id.in_(checked_lately))
        )
        .order_by(Manifest.departed_at)
    )
    checks_here = {
        c.manifest_id: c
        for c in ArrivalCheck.select().where(
            (ArrivalCheck.depot == actor.depot_id) & ArrivalCheck.manifest.in_([m.id for m in manifests])
        )
    }
    out = []
    for m in manifests:
        check = checks_here.get(m.id)
        if check is not None and check.finished_at is not None:
            if check.finished_at < since:
                continue
            state = "checked"
        elif check is not None:
            state = "checking"
        elif m.status == ManifestStatus.CHECKED:
            continue  # checked everywhere it stops, though not here: nothing came here
        elif m.status == ManifestStatus.ARRIVED or (m.arrived_at and m.status != ManifestStatus.DEPARTED):
            state = "arrived"
        else:
            state = "on_way"
        expected = list(_expected_query(m.id, actor.depot_id))
        if not expected and check is None:
            continue  # stops here, brings nothing for here
        checked = (
            CheckedPiece.select()
            .where((CheckedPiece.arrival_check == check.id) & CheckedPiece.expected)
            .count()
            if check
            else 0
        )
        out.append(
            Incoming(
                m.id,
                m.number,
                m.origin_depot.code,
                m.plate,
                m.driver_name,
                m.departed_at,
                state,
                len({p.waybill_id for p in expected}),
                len(expected),
                checked,
                check.id if check else None,
            )
        )
    order = {"checking": 0, "arrived": 1, "on_way": 2, "checked": 3}
    return sorted(out, key=lambda i: (order[i.state], i.departed_at or dt.datetime.min))
