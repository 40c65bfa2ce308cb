"""The night-shift check of one truck (R-2.15): started once per truck and stop, then every piece
scanned against the manifest; each scan one transaction with its event, a repeat counted once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import IntegrityError, fn

from ...models import (
    ArrivalCheck,
    CheckedPiece,
    Depot,
    LoadedPiece,
    Manifest,
    ManifestStatus,
    ManifestStop,
    Piece,
    ScanEvent,
    User,
    Waybill,
    database_proxy,
    locked,
    scalars,
)
from .. import audit, checks, clock
from ..actor import Actor
from ..errors import ServiceError
from ..scans import ScanResult, label_problem, scanned
from .incoming import _on_board


@dataclass(frozen=True)
class Counts:
    waybill: str  # of the last scan, if it found a piece
    waybill_checked: int
    waybill_expected: int
    checked: int  # expected pieces counted
    expected: int
    over: int
    damaged: int


@dataclass(frozen=True)
class Check:
    id: int
    manifest_id: int
    number: str
    origin: str
    plate: str
    driver: str
    finished: bool
    counts: Counts


def _check(actor: Actor, check_id: int, *, lock: bool = False) -> ArrivalCheck:
    """This depot's check; with `lock`, held until the transaction ends, so terminals scanning
    one truck take turns and each sees the pieces the others counted."""
    query = ArrivalCheck.select().where(ArrivalCheck.id == check_id)
    check = (locked(query) if lock else query).first()
    if check is None or check.depot_id != actor.depot_id:
        raise ServiceError("error.check_unknown")
    return check


def _counts(check: ArrivalCheck, waybill: Waybill | None = None) -> Counts:
    """The check's counters, after each scan: one statement (a round trip to a server), each
    count selecting one column (building the SQL of a select of Piece and Waybill, forty
    columns, was most of a scan's time)."""
    on_board = (LoadedPiece.manifest == check.manifest_id) & LoadedPiece.unloaded_at.is_null()
    of_check = CheckedPiece.arrival_check == check.id
    counted = CheckedPiece.select(fn.COUNT(CheckedPiece.id))
    queries = [
        LoadedPiece.select(fn.COUNT(LoadedPiece.id))
        .join(Piece)
        .join(Waybill)
        .where(on_board & (Waybill.dest_depot == check.depot_id)),
        counted.where(of_check & CheckedPiece.expected),
        counted.where(of_check & ~CheckedPiece.expected),
        counted.where(of_check & CheckedPiece.damaged),
    ]
    if waybill is not None:  # its few pieces by id: a join let a planner walk the truck per piece
        pieces = Piece.select(Piece.id).where(Piece.waybill == waybill.id)
        queries += [
            LoadedPiece.select(fn.COUNT(LoadedPiece.id)).where(on_board & LoadedPiece.piece.in_(pieces)),
            counted.where(of_check & CheckedPiece.piece.in_(pieces)),
        ]
    expected, checked, over, damaged, *mine = scalars(*queries)
    if waybill is None:
        return Counts("", 0, 0, checked, expected, over, damaged)
    wb_expected = mine[0] if waybill.dest_depot_id == check.depot_id else 0
    return Counts(waybill.number, mine[1], wb_expected, checked, expected, over, damaged)


def _as_check(check: ArrivalCheck) -> Check:
    m = (
        Manifest.select(Manifest, Depot)
        .join(Depot, on=(Manifest.origin_depot == Depot.id))
        .where(Manifest.id == check.manifest_id)
        .get()
    )
    return Check(
        check.id,
        m.id,
        m.number,
        m.origin_depot.code,
        m.plate,
        m.driver_name,
        check.finished_at is not None,
        _counts(check),
    )


def start(actor: Actor, manifest_id: int) -> Check:
    """Open (or rejoin) the check of a truck bound here. The first clerk to open it marks the
    truck arrived; anyone after, on any terminal, works on the same check."""
    with database_proxy.atomic():
        # Locked: two terminals opening the truck at once find one check, made by the first.
        manifest = locked(Manifest.select().where(Manifest.id == manifest_id)).first()
        bound_here = (
            ManifestStop.select()
            .where((ManifestStop.manifest == manifest_id) & (ManifestStop.depot == actor.depot_id))
            .exists()
        )
        if manifest is None or not bound_here or manifest.status == ManifestStatus.OPEN:
            raise ServiceError("error.check_unknown")
        check = ArrivalCheck.get_or_none(
            (ArrivalCheck.manifest == manifest_id) & (ArrivalCheck.depot == actor.depot_id)
        )
        if check is None:
            now = clock.now()
            try:
                with database_proxy.atomic():
                    check = ArrivalCheck.create(
                        manifest=manifest_id, depot=actor.depot_id, started_by=actor.user_id, started_at=now
                    )
            except IntegrityError:  # another terminal opened it at the same moment
                check = ArrivalCheck.get(
                    (ArrivalCheck.manifest == manifest_id) & (ArrivalCheck.depot == actor.depot_id)
                )
            else:
                old = manifest.status
                manifest.status = ManifestStatus.CHECKING
                manifest.arrived_at = manifest.arrived_at or now
                manifest.save()
                audit.record(
                    actor,
                    "arrival.start",
                    "manifest",
                    manifest.number,
                    old={"status": old},
                    new={"status": ManifestStatus.CHECKING.value},
                    depot_id=actor.depot_id,
                )
    return _as_check(check)


def _event(
    actor: Actor,
    check: ArrivalCheck,
    raw: str,
    result: str,
    piece: Piece | None = None,
    message: str = "",
    at: dt.datetime | None = None,
) -> None:
    ScanEvent.create(
        kind="arrival",
        manifest=check.manifest_id,
        arrival_check=check.id,
        piece=piece.id if piece else None,
        raw=raw[:64],
        result=result,
        message=message[:200],
        user=actor.user_id,
        session=actor.session_id,
        at=at or clock.now(),
    )


def _refuse(
    actor: Actor,
    check: ArrivalCheck,
    raw: str,
    code: str,
    piece: Piece | None = None,
    waybill: Waybill | None = None,
    **params: object,
) -> ScanResult:
    _event(actor, check, raw, code, piece, f"arr.{code}")
    return ScanResult(False, code, f"arr.{code}", params, raw, _counts(check, waybill))


def _where_it_belongs(check: ArrivalCheck, piece: Piece, waybill: Waybill) -> tuple[str, dict]:
    """Why an unexpected piece is over, for the line the clerk reads: the key and its params."""
    dest = Depot.get_or_none(Depot.id == waybill.dest_depot_id)
    station = dest.code if dest else "?"
    if _on_board(check.manifest_id, piece.id).exists():  # on this truck, for a later stop
        return "arr.over_next_stop", {"station": station}
    elsewhere = (
        Manifest.select(Manifest.number)
        .join(LoadedPiece)
        .where((LoadedPiece.piece == piece.id) & LoadedPiece.unloaded_at.is_null())
        .order_by(LoadedPiece.id.desc())
        .first()
    )
    if elsewhere is not None:
        return "arr.over_other_truck", {"station": station, "number_other": elsewhere.number}
    return "arr.over", {"station": station}


def scan(actor: Actor, check_id: int, raw: str) -> ScanResult:
    """One piece off the truck: counted once (OK), over (not on this manifest for here: says
    where it belongs), a repeat (already counted, when and by whom), or a label refused."""
    raw = scanned(raw)
    with database_proxy.atomic():
        check = _check(actor, check_id, lock=True)
        if check.finished_at is not None:
            return _refuse(actor, check, raw, "closed")
        problem = label_problem(raw)
        if problem:
            return _refuse(actor, check, raw, problem)
        piece = (
            Piece.select(Piece, Waybill.id, Waybill.number, Waybill.pieces, Waybill.dest_depot)
            .join(Waybill)
            .where(Piece.label == raw.upper())
            .first()
        )
        if piece is None:
            return _refuse(actor, check, raw, "unknown")
        waybill: Waybill = piece.waybill
        seen = CheckedPiece.get_or_none(
            (CheckedPiece.arrival_check == check.id) & (CheckedPiece.piece == piece.id)
        )
        if seen is not None:
            return _repeat(actor, check, raw, piece, waybill, seen)
        expected = waybill.dest_depot_id == check.depot_id and _on_board(check.manifest_id, piece.id).exists()
        now = clock.now()
        # No other terminal can have counted it since `seen`: the check is locked.
        CheckedPiece.create(
            arrival_check=check.id,
            piece=piece.id,
            expected=expected,
            checked_by=actor.user_id,
            checked_at=now,
        )
        if not expected:
            key, params = _where_it_belongs(check, piece, waybill)
            _event(actor, check, raw, "over", piece, key, now)
            return ScanResult(
                False,
                "over",
                key,
                {**params, "number": waybill.number, "index": piece.index},
                raw,
                _counts(check, waybill),
            )
        _event(actor, check, raw, "ok", piece, at=now)
        counts = _counts(check, waybill)
    return ScanResult(
        True,
        "ok",
        "arr.ok",
        {"number": waybill.number, "index": piece.index, "pieces": waybill.pieces},
        raw,
        counts,
    )


def _repeat(
    actor: Actor, check: ArrivalCheck, raw: str, piece: Piece, waybill: Waybill, seen: CheckedPiece
) -> ScanResult:
    who = User.get_by_id(seen.checked_by_id).name
    return _refuse(actor, check, raw, "repeat", piece, waybill, at=f"{seen.checked_at:%H:%M}", who=who)


def mark_damaged(actor: Actor, check_id: int, label: str, note: str) -> ScanResult:
    """破损: the piece (already counted in this check) is damaged; a short note says how."""
    note = checks.reason(note)[:100]
    with database_proxy.atomic():
        check = _check(actor, check_id, lock=True)
        if check.finished_at is not None:
            raise ServiceError("error.check_finished")
        row = (
            CheckedPiece.select(CheckedPiece, Piece, Waybill)
            .join(Piece)
            .join(Waybill)
            .where((CheckedPiece.arrival_check == check.id) & (Piece.label == label.upper()))
            .first()
        )
        if row is None:
            raise ServiceError("error.damage_not_checked", label=label)
        row.damaged, row.damage_note = True, note
        row.save()
        waybill: Waybill = row.piece.waybill
        _event(actor, check, label, "damaged", row.piece, note)
        audit.record(actor, "arrival.damaged", "piece", label, new={"note": note}, depot_id=actor.depot_id)
        counts = _counts(check, waybill)
    if waybill.intake_damage:  # noted at intake, so not (only) damage on the way
        params = {"label": label, "note": note, "intake": waybill.intake_damage}
        return ScanResult(True, "damaged", "arr.damaged_marked_known", params, label, counts)
    return ScanResult(True, "damaged", "arr.damaged_marked", {"label": label, "note": note}, label, counts)


def counts(actor: Actor, check_id: int) -> Counts:
    return _counts(_check(actor, check_id))
