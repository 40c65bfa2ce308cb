"""Before the truck leaves (R-2.14): what was planned and loaded, a note for every waybill not
fully loaded, departing, and the departure manifest (发车清单, also the per-truck tracking sheet of
fault 16).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from peewee import JOIN, fn

from ...models import (
    Depot,
    LoadedPiece,
    ManifestStatus,
    ManifestWaybill,
    Piece,
    PieceStatus,
    User,
    Waybill,
    WaybillStatus,
    database_proxy,
)
from .. import audit, checks, clock, printing
from ..actor import Actor
from ..errors import ServiceError
from .runs import Run, _depot_code, _manifest, _open, _stop_codes, run
from .stock import _in_stock_here, _share


@dataclass(frozen=True)
class PlanLine:
    number: str
    station: str
    consignee: str
    goods: str
    planned: int
    loaded: int
    kg: Decimal
    m3: Decimal
    note: str

    @property
    def needs_note(self) -> bool:
        """Partly loaded, or planned and not loaded at all: R-2.14 wants the reason written."""
        return self.loaded < self.planned and not self.note.strip()


@dataclass(frozen=True)
class Summary:
    run: Run
    lines: list[PlanLine]
    note: str

    @property
    def kg(self) -> Decimal:
        return sum((line.kg for line in self.lines), Decimal("0"))

    @property
    def m3(self) -> Decimal:
        return sum((line.m3 for line in self.lines), Decimal("0"))


def summary(actor: Actor, manifest_id: int) -> Summary:
    """Planned against loaded, per waybill, in route order then waybill number."""
    manifest = _manifest(actor, manifest_id)
    loaded_count = fn.COUNT(LoadedPiece.id).alias("loaded")
    rows = (
        ManifestWaybill.select(ManifestWaybill, Waybill, loaded_count)
        .join(Waybill)
        .switch(ManifestWaybill)
        .join(Piece, JOIN.LEFT_OUTER, on=(Piece.waybill == ManifestWaybill.waybill))
        .join(
            LoadedPiece,
            JOIN.LEFT_OUTER,
            on=(
                (LoadedPiece.piece == Piece.id)
                & (LoadedPiece.manifest == ManifestWaybill.manifest)
                & LoadedPiece.on_board.is_null(False)
            ),
        )
        .where(ManifestWaybill.manifest == manifest.id)
        .group_by(ManifestWaybill.id, Waybill.id)
    )  # PostgreSQL: every selected table's key
    stops = _stop_codes(manifest.id)
    lines = []
    for row in rows:
        w: Waybill = row.waybill
        station = _depot_code(w.dest_depot_id)
        lines.append(
            PlanLine(
                w.number,
                station,
                w.consignee_name,
                w.goods_name,
                row.planned_pieces,
                row.loaded,
                _share(w.weight_kg, row.loaded, w.pieces),
                _share(w.volume_m3, row.loaded, w.pieces),
                row.note,
            )
        )
    lines.sort(key=lambda line: (stops.index(line.station) if line.station in stops else 99, line.number))
    return Summary(run(actor, manifest.id), lines, manifest.note)


def set_note(actor: Actor, manifest_id: int, number: str | None, note: str) -> None:
    """The note for one waybill's line (why it is partly loaded), or for the manifest (None)."""
    note = checks.optional_text(note, "note", max_length=200)
    with database_proxy.atomic():
        manifest = _open(actor, manifest_id)
        if number is None:
            old, manifest.note = manifest.note, note
            manifest.save()
        else:
            row = (
                ManifestWaybill.select()
                .join(Waybill)
                .where((ManifestWaybill.manifest == manifest.id) & (Waybill.number == number))
                .first()
            )
            if row is None:
                raise ServiceError("error.waybill_not_planned", number=number)
            old, row.note = row.note, note
            row.save()
        audit.record(
            actor,
            "manifest.note",
            "manifest",
            manifest.number,
            old={"waybill": number, "note": old},
            new={"waybill": number, "note": note},
            depot_id=actor.depot_id,
        )


@dataclass(frozen=True)
class Departed:
    number: str
    printed: printing.Printed


def depart(actor: Actor, manifest_id: int, outbox: Path) -> Departed:
    """Close the manifest and send the truck: refused while a partial line has no note or
    nothing is on board. The loaded pieces go in transit; a waybill with pieces left here is
    partly loaded; the manifest is printed (and kept, to reprint)."""
    with database_proxy.atomic():
        manifest = _open(actor, manifest_id)
        plan_now = summary(actor, manifest.id)
        if plan_now.run.loaded_pieces == 0:
            raise ServiceError("error.nothing_loaded", number=manifest.number)
        missing = [line.number for line in plan_now.lines if line.needs_note]
        if missing:
            raise ServiceError("error.depart_needs_note", count=len(missing), numbers=" ".join(missing[:3]))
        now = clock.now()
        on_board = LoadedPiece.select(LoadedPiece.piece).where(
            (LoadedPiece.manifest == manifest.id) & LoadedPiece.on_board.is_null(False)
        )
        Piece.update(status=PieceStatus.IN_TRANSIT, depot=None).where(Piece.id.in_(on_board)).execute()
        for row in (
            ManifestWaybill.select(ManifestWaybill, Waybill)
            .join(Waybill)
            .where(ManifestWaybill.manifest == manifest.id)
        ):
            w: Waybill = row.waybill
            if w.status in (WaybillStatus.ISSUED, WaybillStatus.PARTLY_LOADED):
                on_other_trucks = (
                    Piece.select()
                    .where((Piece.waybill == w.id) & (Piece.status == PieceStatus.LOADED))
                    .count()
                )
                left = _in_stock_here(w) + on_other_trucks
                sent = Piece.select().where((Piece.waybill == w.id) & (Piece.depot.is_null())).count()
                status = (
                    WaybillStatus.DEPARTED
                    if left == 0
                    else (WaybillStatus.PARTLY_LOADED if sent else w.status)
                )
                if status != w.status:
                    Waybill.update(status=status).where(Waybill.id == w.id).execute()
        manifest.status = ManifestStatus.DEPARTED
        manifest.departed_by, manifest.departed_at = actor.user_id, now
        manifest.printed_text = manifest_text(actor, manifest.id, departed_at=now)
        manifest.save()
        audit.record(
            actor,
            "manifest.depart",
            "manifest",
            manifest.number,
            old={"status": ManifestStatus.OPEN.value},
            new={
                "status": ManifestStatus.DEPARTED.value,
                "pieces": plan_now.run.loaded_pieces,
                "partial": [line.number for line in plan_now.lines if line.loaded < line.planned],
            },
            depot_id=actor.depot_id,
        )
    printed = printing.deliver(
        outbox, f"manifest-{manifest.number}.txt", manifest.printed_text, actor.depot_id
    )
    return Departed(manifest.number, printed)


def reprint(actor: Actor, manifest_id: int, outbox: Path) -> printing.Printed:
    manifest = _manifest(actor, manifest_id)
    if not manifest.printed_text:
        raise ServiceError("error.manifest_not_departed", number=manifest.number)
    audit.record(actor, "manifest.reprint", "manifest", manifest.number, depot_id=actor.depot_id)
    return printing.deliver(outbox, f"manifest-{manifest.number}.txt", manifest.printed_text, actor.depot_id)


def manifest_text(actor: Actor, manifest_id: int, *, departed_at: dt.datetime | None = None) -> str:
    """The departure manifest, 80 columns of plain text for the dot-matrix printer."""
    s = summary(actor, manifest_id)
    r = s.run
    depot = Depot.get_by_id(actor.depot_id)
    clerk = User.get_by_id(actor.user_id).name if actor.user_id else actor.name
    pad, width = printing.pad, printing.WIDTH
    out = [
        printing.center(f"{depot.name} 发车清单（单车跟单明细）"),
        "",
        f"车次 {r.number}   车牌 {r.plate}   司机 {r.driver_name} {r.driver_phone}",
        f"路线 {depot.code} → {' → '.join(r.stops)}   计划发车 {r.planned_departure:%m-%d %H:%M}"
        + (f"   实际发车 {departed_at:%m-%d %H:%M}" if departed_at else ""),
        "-" * width,
        pad("运单号", 16)
        + pad("到站", 5)
        + pad("收货人", 14)
        + pad("货名", 12)
        + pad("计划", 5)
        + pad("装车", 5)
        + pad("重量kg", 9)
        + "体积m³",
        "-" * width,
    ]
    col = printing.column
    for line in s.lines:
        out.append(
            col(line.number, 16)
            + col(line.station, 5)
            + col(line.consignee, 14)
            + col(line.goods, 12)
            + col(str(line.planned), 5)
            + col(str(line.loaded), 5)
            + col(f"{line.kg}", 9)
            + f"{line.m3}"
        )
        if line.loaded < line.planned:
            out += printing.fit(f"    ※ 未装 {line.planned - line.loaded} 件，留库：{line.note}", width)
    out += [
        "-" * width,
        f"合计 {len(s.lines)} 票   计划 {r.planned_pieces} 件   装车 {r.loaded_pieces} 件   "
        f"{s.kg} kg   {s.m3} m³",
    ]
    if s.note:
        out += [f"备注：{s.note}"]
    out += ["", f"装车员 {clerk}        司机签字 ____________        到站签收 ____________", ""]
    return "\n".join(out)
