"""Night-shift arrival check (到货清点), R-2.15: scan a whole truck against its manifest.

The manifest says what should come off here: the pieces loaded at origin (and not unloaded
again there) whose waybill goes to this depot. Each piece scanned is counted once in the check
(`CheckedPiece` is unique per check and piece), whoever scans it and from whichever terminal, so
two clerks can check one truck and a check survives a dropped link or a crash: it lives in the
database, not the screen. A piece not expected here is over (多件) and says where it should
have gone; what was expected and not scanned is short (少件) at the finish. The finish turns
over, short and damaged into exception reports (运作异常汇报表) and, for a piece count that
differs from the waybill, a proposed deduction (fault F10) against the clerk who issued it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import IntegrityError, fn

from ..models import (
    ArrivalCheck,
    CheckedPiece,
    Depot,
    ExceptionKind,
    LoadedPiece,
    Manifest,
    ManifestStatus,
    ManifestStop,
    OperationException,
    Piece,
    PieceStatus,
    ScanEvent,
    Severity,
    User,
    Waybill,
    WaybillStatus,
    database_proxy,
    locked,
    scalars,
)
from . import audit, checks, clock, scoring
from .actor import Actor
from .errors import ServiceError
from .scans import ScanResult, label_problem, scanned


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


# --- the check -----------------------------------------------------------------------------------


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
    return ScanResult(True, "damaged", "arr.damaged_marked", {"label": label, "note": note}, label, counts)


def counts(actor: Actor, check_id: int) -> Counts:
    return _counts(_check(actor, check_id))


# --- finish --------------------------------------------------------------------------------------


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
    proposals: int


#: How the exception report (a company form, in Chinese) names each kind.
_KIND_ZH = {ExceptionKind.SHORT: "少件", ExceptionKind.OVER: "多件", ExceptionKind.DAMAGED: "破损"}


def _describe(line: Line, kind: ExceptionKind, indexes: list[int], note: str) -> str:
    """'GZ2611220004X 少件 2 件（共 5 件）：第 3、5 件；<note>' for the exception report."""
    which = "、".join(str(i) for i in indexes)
    text = f"{line.number} {_KIND_ZH[kind]} {len(indexes)} 件（共 {line.pieces} 件）：第 {which} 件"
    if kind == ExceptionKind.DAMAGED:
        text += "（" + "；".join(f"第 {i} 件 {n}" for i, n in line.damaged) + "）"
    return text + (f"；{note}" if note else "")


def finish(actor: Actor, check_id: int, note: str = "", *, accept_short: bool = False) -> Finished:
    """Close the check. Pieces still missing need `accept_short` and a note saying what was
    done (searched the truck, phoned the origin). Over, short and damaged become exception
    reports; a piece count that differs from the waybill becomes a proposed F10 deduction
    against its issuing clerk. Counted pieces are here (arrived, or in stock to go on if over
    and bound elsewhere); short ones are missing; the waybills are arrived and wait for notice."""
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
        made = proposals = 0
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
                made += 1
                if kind in (ExceptionKind.SHORT, ExceptionKind.OVER) and line.issued_by is not None:
                    scoring.propose(
                        actor,
                        "F10",
                        user_id=line.issued_by,
                        depot_id=line.origin_depot,
                        note=description,
                        waybill_id=line.waybill_id,
                        manifest_id=manifest.id,
                        exception_id=exception.id,
                        at=now,
                    )
                    proposals += 1
        _move_pieces(check, manifest, s)
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
    return Finished(manifest.number, made, proposals)


def _move_pieces(check: ArrivalCheck, manifest: Manifest, s: Summary) -> None:
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
