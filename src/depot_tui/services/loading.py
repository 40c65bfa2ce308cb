"""Loading check (装车) and the departure manifest (发车清单), R-2.14.

A truck run (车次, a `Manifest`) has a route of destination depots. Goods in stock here are
planned onto it, then every piece is scanned as it goes on. Each scan is one transaction with
its `ScanEvent`, good or bad, so the record of the loading is the record of the scans. A piece
is on at most one truck at a time: `LoadedPiece`'s unique (piece, on_board) index holds that
even when two terminals scan the same piece at the same moment. Partial loads are normal: what
is not loaded stays in stock, and the manifest says why (a note per waybill) before the truck
may leave. Departing prints the manifest, which is also the per-truck tracking sheet (单车跟单
明细, fault 16) and can be reprinted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from peewee import JOIN, fn

from ..models import (
    Depot,
    LoadedPiece,
    Manifest,
    ManifestStatus,
    ManifestStop,
    ManifestWaybill,
    Piece,
    PieceStatus,
    ScanEvent,
    User,
    Waybill,
    WaybillStatus,
    database_proxy,
    locked,
)
from . import audit, checks, clock, numbers, printing
from .actor import Actor
from .errors import FormError, ServiceError
from .scans import ScanResult, label_problem, scanned

#: Province abbreviations that start a Chinese number plate (GA 36).
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(rf"^([{_PROVINCES}])([A-Z])([A-HJ-NP-Z0-9]{{5,6}})(挂)?$")


# --- truck runs --------------------------------------------------------------------------------


@dataclass
class RunForm:
    """A new truck run as typed: stops are station codes separated by spaces (`CS XT`)."""

    plate: str = ""
    driver_name: str = ""
    driver_phone: str = ""
    stops: str = ""
    departure: str = ""  # HH:MM today, or MM-DD HH:MM


@dataclass(frozen=True)
class Run:
    id: int
    number: str
    plate: str
    driver_name: str
    driver_phone: str
    stops: list[str]  # station codes in route order
    planned_departure: dt.datetime
    status: str
    planned_pieces: int
    loaded_pieces: int


def plate(text: str) -> str:
    """A Chinese plate as 粤A·3K729: full-width letters, spaces, dots and dashes are accepted."""
    compact = re.sub(r"[\s·.\-・]", "", checks.normal(text).upper())
    if not compact:
        raise ServiceError("error.required", field="plate")
    match = _PLATE.match(compact)
    if match is None:
        raise ServiceError("error.plate", field="plate")
    province, letter, rest, trailer = match.groups()
    return f"{province}{letter}·{rest}{trailer or ''}"


def departure_time(text: str, now: dt.datetime) -> dt.datetime:
    """`21:00` is today at 21:00; `11-24 06:30` names the day. Not more than a day in the past."""
    text = checks.normal(text)
    match = re.fullmatch(r"(?:(\d{1,2})-(\d{1,2})\s+)?(\d{1,2}):(\d{2})", text)
    if match is None:
        raise ServiceError("error.departure_format", field="departure")
    month, day, hour, minute = match.groups()
    try:
        when = now.replace(
            month=int(month) if month else now.month,
            day=int(day) if day else now.day,
            hour=int(hour),
            minute=int(minute),
            second=0,
            microsecond=0,
        )
    except ValueError:
        raise ServiceError("error.departure_format", field="departure") from None
    if when < now - dt.timedelta(days=1) or when > now + dt.timedelta(days=7):
        raise ServiceError("error.departure_range", field="departure")
    return when


def _route(actor: Actor, text: str) -> list[Depot]:
    codes = [c for c in re.split(r"[\s,，、>→]+", checks.normal(text).upper()) if c]
    if not codes:
        raise ServiceError("error.stops_required", field="stops")
    found = {d.code: d for d in Depot.select().where(Depot.code.in_(codes) & Depot.active)}
    for code in codes:
        if code not in found:
            raise ServiceError("error.stop_unknown", field="stops", code=code)
        if found[code].id == actor.depot_id:
            raise ServiceError("error.stop_is_here", field="stops", code=code)
    if len(set(codes)) != len(codes):
        raise ServiceError("error.stop_twice", field="stops")
    return [found[c] for c in codes]


def create_run(actor: Actor, form: RunForm) -> Run:
    """A truck run from this depot. Every field is checked; errors name the field."""
    errors = []
    values: dict[str, object] = {}
    now = clock.now()
    for name, check in (
        ("plate", lambda: plate(form.plate)),
        ("driver_name", lambda: checks.person_name(form.driver_name, "driver_name")),
        ("driver_phone", lambda: checks.phone(form.driver_phone, "driver_phone")),
        ("stops", lambda: _route(actor, form.stops)),
        ("departure", lambda: departure_time(form.departure, now)),
    ):
        try:
            values[name] = check()
        except ServiceError as exc:
            errors.append(exc)
    if errors:
        raise FormError(errors)
    depot = Depot.get_by_id(actor.depot_id)
    departure: dt.datetime = values["departure"]  # type: ignore[assignment]
    with database_proxy.atomic():
        prefix = f"{depot.code}{departure:%y%m%d}-"

        def given() -> int:
            last = Manifest.select(fn.MAX(Manifest.number)).where(Manifest.number.startswith(prefix)).scalar()
            return int(last.rsplit("-", 1)[1]) if last else 0

        number = f"{prefix}{numbers.take(depot.id, 'run', departure.date(), given=given):02d}"
        manifest = Manifest.create(
            number=number,
            origin_depot=depot.id,
            plate=values["plate"],
            driver_name=values["driver_name"],
            driver_phone=values["driver_phone"],
            planned_departure=departure,
            created_by=actor.user_id,
            created_at=now,
        )
        stops: list[Depot] = values["stops"]  # type: ignore[assignment]
        for seq, stop in enumerate(stops, 1):
            ManifestStop.create(manifest=manifest.id, seq=seq, depot=stop.id)
        audit.record(
            actor,
            "manifest.create",
            "manifest",
            number,
            new={
                "plate": manifest.plate,
                "driver": manifest.driver_name,
                "stops": [s.code for s in stops],
                "departure": departure.isoformat(),
            },
            depot_id=depot.id,
        )
    return run(actor, manifest.id)


def _manifest(actor: Actor, manifest_id: int, *, lock: bool = False) -> Manifest:
    """This depot's run; with `lock`, held until the transaction ends, so scans, plans and the
    departure of one truck from several terminals take turns (each sees the others' pieces)."""
    query = Manifest.select().where(Manifest.id == manifest_id)
    manifest = (locked(query) if lock else query).first()
    if manifest is None or manifest.origin_depot_id != actor.depot_id:
        raise ServiceError("error.manifest_unknown")
    return manifest


def _stop_codes(manifest_id: int) -> list[str]:
    return [
        s.depot.code
        for s in ManifestStop.select(ManifestStop, Depot)
        .join(Depot)
        .where(ManifestStop.manifest == manifest_id)
        .order_by(ManifestStop.seq)
    ]


def run(actor: Actor, manifest_id: int) -> Run:
    manifest = _manifest(actor, manifest_id)
    planned = (
        ManifestWaybill.select(fn.COALESCE(fn.SUM(ManifestWaybill.planned_pieces), 0))
        .where(ManifestWaybill.manifest == manifest.id)
        .scalar()
    )
    loaded = (
        LoadedPiece.select()
        .where((LoadedPiece.manifest == manifest.id) & LoadedPiece.on_board.is_null(False))
        .count()
    )
    return Run(
        manifest.id,
        manifest.number,
        manifest.plate,
        manifest.driver_name,
        manifest.driver_phone,
        _stop_codes(manifest.id),
        manifest.planned_departure,
        manifest.status,
        int(planned),
        loaded,
    )


def runs(actor: Actor) -> list[Run]:
    """This depot's open runs, and those that left today (to reprint), soonest first."""
    start = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    query = (
        Manifest.select(Manifest.id)
        .where(
            (Manifest.origin_depot == actor.depot_id)
            & ((Manifest.status == ManifestStatus.OPEN) | (Manifest.departed_at >= start))
        )
        .order_by(Manifest.status != ManifestStatus.OPEN, Manifest.planned_departure)
    )
    return [run(actor, m.id) for m in query]


# --- stock --------------------------------------------------------------------------------------


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


def _open(actor: Actor, manifest_id: int) -> Manifest:
    """This depot's run, still open, locked for the write that follows (see `_manifest`)."""
    manifest = _manifest(actor, manifest_id, lock=True)
    if manifest.status != ManifestStatus.OPEN:
        raise ServiceError("error.manifest_closed", number=manifest.number)
    return manifest


def _route_ids(manifest_id: int) -> set[int]:
    stops = ManifestStop.select(ManifestStop.depot).where(ManifestStop.manifest == manifest_id)
    return {s.depot_id for s in stops}


def _depot_code(depot_id: int | None) -> str:
    depot = Depot.get_or_none(Depot.id == depot_id) if depot_id else None
    return depot.code if depot else "?"


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


# --- scanning ----------------------------------------------------------------------------------


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


# --- departure ----------------------------------------------------------------------------------


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
