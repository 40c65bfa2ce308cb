"""Scanning pieces onto a run, and off again with a reason: each scan one transaction with its
ScanEvent, good or bad; a piece on one truck at a time, even when two terminals scan it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from peewee import fn

from ...models import (
    LoadedPiece,
    Manifest,
    ManifestStatus,
    ManifestWaybill,
    Piece,
    PieceStatus,
    ScanEvent,
    Waybill,
    WaybillStatus,
    database_proxy,
    locked,
)
from .. import audit, checks, clock
from ..actor import Actor
from ..scans import ScanResult, label_problem, scanned
from .runs import _depot_code, _manifest, _open, _route_ids, _stop_codes
from .stock import _ensure_planned


@dataclass(frozen=True)
class Counts:
    waybill: str
    waybill_loaded: int
    waybill_planned: int
    truck_loaded: int
    truck_planned: int
    kg: Decimal
    m3: Decimal


def _counts(manifest_id: int, waybill: Waybill | None) -> Counts:
    """The truck's counters after a scan, asked in one statement (a round trip to a server)
    that walks the pieces on board once; the waybill's own from its few pieces, by their ids
    (a join there let a server's planner walk the whole truck once per piece)."""
    on_board = (LoadedPiece.manifest == manifest_id) & LoadedPiece.on_board.is_null(False)
    columns = [
        fn.COUNT(LoadedPiece.id),
        fn.SUM(Waybill.weight_kg / Waybill.pieces),
        fn.SUM(Waybill.volume_m3 / Waybill.pieces),
        ManifestWaybill.select(fn.COALESCE(fn.SUM(ManifestWaybill.planned_pieces), 0)).where(
            ManifestWaybill.manifest == manifest_id
        ),
    ]
    if waybill is not None:
        pieces = Piece.select(Piece.id).where(Piece.waybill == waybill.id)
        columns += [
            LoadedPiece.select(fn.COUNT(LoadedPiece.id)).where(on_board & LoadedPiece.piece.in_(pieces)),
            ManifestWaybill.select(ManifestWaybill.planned_pieces).where(
                (ManifestWaybill.manifest == manifest_id) & (ManifestWaybill.waybill == waybill.id)
            ),
        ]
    loaded, kg, m3, planned, *mine = (
        LoadedPiece.select(*columns).join(Piece).join(Waybill).where(on_board).tuples().get()
    )
    wb = (waybill.number, mine[0], mine[1] or 0) if waybill is not None else ("", 0, 0)
    return Counts(
        *wb,
        int(loaded or 0),
        int(planned),
        Decimal(str(kg or 0)).quantize(Decimal("0.1")),
        Decimal(str(m3 or 0)).quantize(Decimal("0.01")),
    )


def counts(actor: Actor, manifest_id: int) -> Counts:
    """The truck's counters as they stand (after planning more, or on opening the scan loop)."""
    return _counts(_manifest(actor, manifest_id).id, None)


def _refuse(
    actor: Actor,
    manifest: Manifest,
    kind: str,
    raw: str,
    code: str,
    key: str,
    piece: Piece | None = None,
    waybill: Waybill | None = None,
    **params: object,
) -> ScanResult:
    ScanEvent.create(
        kind=kind,
        manifest=manifest.id,
        piece=piece.id if piece else None,
        raw=raw[:64],
        result=code,
        message=key,
        user=actor.user_id,
        session=actor.session_id,
        at=clock.now(),
    )
    return ScanResult(False, code, key, params, raw, _counts(manifest.id, waybill))


def _already_loaded(actor: Actor, manifest: Manifest, raw: str, piece: Piece, waybill: Waybill) -> ScanResult:
    """The piece is on a truck: this one (a repeat, not counted) or another (say which)."""
    on = (
        LoadedPiece.select(LoadedPiece, Manifest)
        .join(Manifest)
        .where((LoadedPiece.piece == piece.id) & LoadedPiece.on_board.is_null(False))
        .first()
    )
    if on is not None and on.manifest_id == manifest.id:
        return _refuse(
            actor, manifest, "load", raw, "repeat", "scan.repeat", piece, waybill, at=f"{on.loaded_at:%H:%M}"
        )
    other = on.manifest if on is not None else None
    return _refuse(
        actor,
        manifest,
        "load",
        raw,
        "other_truck",
        "scan.other_truck",
        piece,
        waybill,
        number=other.number if other else "?",
        plate=other.plate if other else "?",
    )


def scan(actor: Actor, manifest_id: int, raw: str) -> ScanResult:
    """One scan onto an open truck: the piece goes on, or the refusal says why (format,
    bad_check, unknown, void, repeat, other_truck, departed, not_here, off_route, closed).
    Recorded either way, with who, when and which session."""
    raw = scanned(raw)
    with database_proxy.atomic():
        manifest = _manifest(actor, manifest_id, lock=True)
        if manifest.status != ManifestStatus.OPEN:
            return _refuse(actor, manifest, "load", raw, "closed", "scan.closed", number=manifest.number)
        problem = label_problem(raw)  # well-formed, check character right? the piece says the rest
        if problem:
            return _refuse(actor, manifest, "load", raw, problem, f"scan.{problem}")
        # The piece locked too: a terminal loading it onto another truck at this moment waits,
        # then finds it loaded (this truck's own terminals take turns on the run's lock).
        piece = locked(Piece.select(Piece, Waybill).join(Waybill).where(Piece.label == raw.upper())).first()
        if piece is None:
            return _refuse(actor, manifest, "load", raw, "unknown", "scan.unknown")
        waybill: Waybill = piece.waybill
        if waybill.status == WaybillStatus.VOID:
            return _refuse(
                actor, manifest, "load", raw, "void", "scan.void", piece, waybill, number=waybill.number
            )
        if piece.status == PieceStatus.LOADED:
            return _already_loaded(actor, manifest, raw, piece, waybill)
        if piece.status != PieceStatus.IN_STOCK:
            return _refuse(
                actor,
                manifest,
                "load",
                raw,
                "departed",
                "scan.departed",
                piece,
                waybill,
                status_key=f"piece.{piece.status}",
            )
        if piece.depot_id != actor.depot_id:
            return _refuse(
                actor,
                manifest,
                "load",
                raw,
                "not_here",
                "scan.not_here",
                piece,
                waybill,
                station=_depot_code(piece.depot_id),
            )
        if waybill.dest_depot_id not in _route_ids(manifest.id):
            return _refuse(
                actor,
                manifest,
                "load",
                raw,
                "off_route",
                "scan.off_route",
                piece,
                waybill,
                station=_depot_code(waybill.dest_depot_id),
                route=" ".join(_stop_codes(manifest.id)),
            )
        _ensure_planned(manifest.id, waybill)
        now = clock.now()
        LoadedPiece.create(manifest=manifest.id, piece=piece.id, loaded_by=actor.user_id, loaded_at=now)
        Piece.update(status=PieceStatus.LOADED).where(Piece.id == piece.id).execute()
        ScanEvent.create(
            kind="load",
            manifest=manifest.id,
            piece=piece.id,
            raw=raw,
            result="ok",
            user=actor.user_id,
            session=actor.session_id,
            at=now,
        )
        counts = _counts(manifest.id, waybill)
    return ScanResult(
        True,
        "ok",
        "scan.ok",
        {"number": waybill.number, "index": piece.index, "pieces": waybill.pieces},
        raw,
        counts,
    )


def take(actor: Actor, manifest_id: int, raw: str, unload_reason: str = "") -> ScanResult:
    """One scan at the truck: loaded, or with an unload reason (Ctrl+R) taken off again. What
    the scan loop sends, and what a kept scan replays after a dropped link."""
    if unload_reason:
        return unload(actor, manifest_id, raw, unload_reason)
    return scan(actor, manifest_id, raw)


def unload(actor: Actor, manifest_id: int, raw: str, reason: str) -> ScanResult:
    """卸车: take a scanned piece off this open truck again, with the reason; it is back in stock."""
    raw = scanned(raw)
    reason = checks.reason(reason)
    with database_proxy.atomic():
        manifest = _open(actor, manifest_id)
        problem = label_problem(raw)
        if problem:
            return _refuse(actor, manifest, "unload", raw, problem, f"scan.{problem}")
        piece = Piece.select(Piece, Waybill).join(Waybill).where(Piece.label == raw.upper()).first()
        on = (
            LoadedPiece.get_or_none(
                (LoadedPiece.piece == piece.id)
                & (LoadedPiece.manifest == manifest.id)
                & LoadedPiece.on_board.is_null(False)
            )
            if piece
            else None
        )
        if on is None:
            return _refuse(
                actor,
                manifest,
                "unload",
                raw,
                "not_on_truck",
                "scan.not_on_truck",
                piece,
                piece.waybill if piece else None,
            )
        now = clock.now()
        on.on_board, on.unloaded_by, on.unloaded_at, on.unload_reason = None, actor.user_id, now, reason
        on.save()
        Piece.update(status=PieceStatus.IN_STOCK).where(Piece.id == piece.id).execute()
        ScanEvent.create(
            kind="unload",
            manifest=manifest.id,
            piece=piece.id,
            raw=raw,
            result="ok",
            message=reason[:200],
            user=actor.user_id,
            session=actor.session_id,
            at=now,
        )
        audit.record(
            actor,
            "manifest.unload",
            "piece",
            piece.label,
            old={"manifest": manifest.number},
            reason=reason,
            depot_id=actor.depot_id,
        )
        counts = _counts(manifest.id, piece.waybill)
    return ScanResult(True, "unloaded", "scan.unloaded", {"label": piece.label}, raw, counts)
