"""Finishing a check: what came, what is over, short or damaged, reported at once as exceptions
(R-2.15); the pieces that came go into stock here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...models import (
    ArrivalCheck,
    CheckedPiece,
    ExceptionKind,
    ExceptionNote,
    LoadedPiece,
    Manifest,
    ManifestStatus,
    ManifestStop,
    OperationException,
    Piece,
    PieceStatus,
    Severity,
    Waybill,
    WaybillStatus,
    database_proxy,
)
from .. import audit, checks, clock, tracking
from ..actor import Actor
from ..errors import ServiceError
from .check import Check, _as_check, _check
from .incoming import _expected_query


@dataclass
class Line:
    """One waybill of the check: what was expected here, counted, over, short, damaged."""

    number: str
    waybill_id: int
    consignee: str
    pieces: int  # on the waybill
    expected: int
    checked: int
    over: list[int] = field(default_factory=list)  # piece indexes
    short: list[int] = field(default_factory=list)
    damaged: list[tuple[int, str]] = field(default_factory=list)  # (index, note)
    issued_by: int | None = None
    origin_depot: int | None = None
    intake_damage: str = ""  # noted at intake: damage that was there before the journey

    @property
    def clean(self) -> bool:
        return not (self.over or self.short or self.damaged)


@dataclass(frozen=True)
class Summary:
    check: Check
    lines: list[Line]

    @property
    def short(self) -> int:
        return sum(len(line.short) for line in self.lines)

    @property
    def over(self) -> int:
        return sum(len(line.over) for line in self.lines)

    @property
    def damaged(self) -> int:
        return sum(len(line.damaged) for line in self.lines)


def summary(actor: Actor, check_id: int) -> Summary:
    """Per waybill, waybills with something wrong first, then by number."""
    check = _check(actor, check_id)
    lines: dict[int, Line] = {}

    def line_of(w: Waybill) -> Line:
        if w.id not in lines:
            lines[w.id] = Line(
                w.number,
                w.id,
                w.consignee_name,
                w.pieces,
                0,
                0,
                issued_by=w.issued_by_id,
                origin_depot=w.origin_depot_id,
                intake_damage=w.intake_damage,
            )
        return lines[w.id]

    counted = {c.piece_id: c for c in CheckedPiece.select().where(CheckedPiece.arrival_check == check.id)}
    for piece in _expected_query(check.manifest_id, check.depot_id):
        line = line_of(piece.waybill)
        line.expected += 1
        if piece.id in counted:
            line.checked += 1
        else:
            line.short.append(piece.index)
    for c in (
        CheckedPiece.select(CheckedPiece, Piece, Waybill)
        .join(Piece)
        .join(Waybill)
        .where(CheckedPiece.arrival_check == check.id)
    ):
        line = line_of(c.piece.waybill)
        if not c.expected:
            line.over.append(c.piece.index)
        if c.damaged:
            line.damaged.append((c.piece.index, c.damage_note))
    for line in lines.values():
        line.short.sort()
        line.over.sort()
        line.damaged.sort()
    ordered = sorted(lines.values(), key=lambda line: (line.clean, line.number))
    return Summary(_as_check(check), ordered)


@dataclass(frozen=True)
class Finished:
    number: str
    exceptions: int


#: How the exception report (a company form, in Chinese) names each kind.
_KIND_ZH = {ExceptionKind.SHORT: "少件", ExceptionKind.OVER: "多件", ExceptionKind.DAMAGED: "破损"}


def _describe(line: Line, kind: ExceptionKind, indexes: list[int], note: str) -> str:
    """'GZ2611220004X 少件 2 件（共 5 件）：第 3、5 件；<note>' for the exception report."""
    which = "、".join(str(i) for i in indexes)
    text = f"{line.number} {_KIND_ZH[kind]} {len(indexes)} 件（共 {line.pieces} 件）：第 {which} 件"
    if kind == ExceptionKind.DAMAGED:
        text += "（" + "；".join(f"第 {i} 件 {n}" for i, n in line.damaged) + "）"
        if line.intake_damage:  # the shipper was told of it at intake
            text += f"；收货时已记破损：{line.intake_damage}"
    return text + (f"；{note}" if note else "")


def finish(actor: Actor, check_id: int, note: str = "", *, accept_short: bool = False) -> Finished:
    """Close the check. Pieces still missing need `accept_short` and a note saying what was
    done (searched the truck, phoned the origin). Over, short and damaged become exception
    reports for the supervisor to resolve (services/exceptions: fault F10 is proposed only when
    one is resolved as counted wrong at intake). Counted pieces are here (arrived, or in stock
    to go on if over and bound elsewhere); short ones are missing; the waybills are arrived and
    wait for notice."""
    note = checks.optional_text(note, "note", max_length=200)
    with database_proxy.atomic():
        check = _check(actor, check_id, lock=True)  # the scans in flight land first
        if check.finished_at is not None:
            raise ServiceError("error.check_finished")
        s = summary(actor, check.id)
        if s.short and (not accept_short or not note.strip()):
            raise ServiceError("error.finish_short", count=s.short)
        now = clock.now()
        manifest = Manifest.get_by_id(check.manifest_id)
        made = 0
        for line in s.lines:
            for kind, indexes, severity in (
                (ExceptionKind.SHORT, line.short, Severity.MAJOR),
                (ExceptionKind.OVER, line.over, Severity.MINOR),
                (ExceptionKind.DAMAGED, [i for i, _ in line.damaged], Severity.MINOR),
            ):
                if not indexes:
                    continue
                description = _describe(line, kind, indexes, note)
                exception = OperationException.create(
                    depot=actor.depot_id,
                    kind=kind,
                    severity=severity,
                    waybill=line.waybill_id,
                    manifest=manifest.id,
                    arrival_check=check.id,
                    pieces=len(indexes),
                    description=description,
                    found_by=actor.user_id,
                    found_at=now,
                )
                ExceptionNote.create(
                    exception=exception.id, at=now, by=actor.user_id, kind="report", text=description
                )
                made += 1
        _move_pieces(check, manifest, s, now)
        check.finished_by, check.finished_at, check.note = actor.user_id, now, note
        check.save()
        stops = ManifestStop.select(ManifestStop.depot).where(ManifestStop.manifest == manifest.id)
        done_here = ArrivalCheck.select(ArrivalCheck.depot).where(
            (ArrivalCheck.manifest == manifest.id) & ArrivalCheck.finished_at.is_null(False)
        )
        left = stops.where(ManifestStop.depot.not_in(done_here)).count()
        old = manifest.status
        manifest.status = ManifestStatus.CHECKED if left == 0 else ManifestStatus.DEPARTED
        manifest.save()
        audit.record(
            actor,
            "arrival.finish",
            "manifest",
            manifest.number,
            old={"status": old},
            new={
                "status": manifest.status,
                "checked": s.check.counts.checked,
                "expected": s.check.counts.expected,
                "short": s.short,
                "over": s.over,
                "damaged": s.damaged,
            },
            reason=note,
            depot_id=actor.depot_id,
        )
    return Finished(manifest.number, made)


def _move_pieces(check: ArrivalCheck, manifest: Manifest, s: Summary, now: dt.datetime) -> None:
    here = check.depot_id
    counted = [
        c.piece_id
        for c in CheckedPiece.select(CheckedPiece.piece).where(CheckedPiece.arrival_check == check.id)
    ]
    expected = [p.id for p in _expected_query(manifest.id, here)]
    # Counted pieces are here: arrived if this is their destination, else in stock to go on.
    for piece in Piece.select(Piece, Waybill).join(Waybill).where(Piece.id.in_(counted)):
        status = PieceStatus.ARRIVED if piece.waybill.dest_depot_id == here else PieceStatus.IN_STOCK
        Piece.update(status=status, depot=here).where(Piece.id == piece.id).execute()
    missing = sorted(set(expected) - set(counted))
    if missing:
        Piece.update(status=PieceStatus.MISSING, depot=None).where(Piece.id.in_(missing)).execute()
    # Off every truck: the counted ones and the missing ones.
    (
        LoadedPiece.update(on_board=None)
        .where(
            LoadedPiece.piece.in_(sorted(set(expected) | set(counted))) & LoadedPiece.on_board.is_null(False)
        )
        .execute()
    )
    for line in s.lines:
        if line.checked or line.over:
            Waybill.update(status=WaybillStatus.ARRIVED).where(
                (Waybill.id == line.waybill_id)
                & (Waybill.dest_depot == here)
                & Waybill.status.in_([WaybillStatus.DEPARTED, WaybillStatus.PARTLY_LOADED])
            ).execute()
            tracking.arrived(line.waybill_id, here, now)  # off the late list, on time or not
