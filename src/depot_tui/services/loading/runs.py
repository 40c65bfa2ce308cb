"""Truck runs (车次): plate, driver, departure time and the route of destination depots; finding a
run open for loading here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from peewee import fn

from ...models import (
    Depot,
    LoadedPiece,
    Manifest,
    ManifestStatus,
    ManifestStop,
    ManifestWaybill,
    database_proxy,
    locked,
)
from .. import audit, checks, clock, depots, numbers, routes
from ..actor import Actor
from ..errors import FormError, ServiceError

#: Province abbreviations that start a Chinese number plate (GA 36).
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(rf"^([{_PROVINCES}])([A-Z])([A-HJ-NP-Z0-9]{{5,6}})(挂)?$")


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
    """The stops typed as station codes, or the name of one of this depot's routes."""
    route = routes.by_name(actor.depot_id, text)
    return route if route is not None else depots.stops_of(actor.depot_id, text)


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
