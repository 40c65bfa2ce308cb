"""Depots and stations of the line (网点/站点) and the counties each one serves."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Depot, DepotArea, Place, PlaceLevel, Role, User, database_proxy
from . import audit, checks
from .actor import Actor, requires
from .checks import clean_text
from .errors import NotFound, ServiceError

DEPOT_CODE = re.compile(r"^[A-Z]{2,8}$")


def user_names() -> dict[int, str]:
    """Every user's name by id: read once for a list or register, not once per line."""
    return {u.id: u.name for u in User.select(User.id, User.name)}


def codes() -> dict[int, str]:
    """Every depot's station code by id (GZ, CS ...), read once for a list or register."""
    return {d.id: d.code for d in Depot.select(Depot.id, Depot.code)}


def find_place(text: str) -> Place:
    """A place by its 6-digit GB/T 2260 code or its exact name (must name one place)."""
    text = text.strip()
    if re.fullmatch(r"\d{6}", text):
        place = Place.get_or_none(Place.code == text)
        if place is None:
            raise NotFound("error.place_unknown", field="place", text=text)
        return place
    matches = list(Place.select().where(Place.name == text).limit(3))
    if not matches:
        raise NotFound("error.place_unknown", field="place", text=text)
    if len(matches) > 1:
        raise ServiceError("error.place_ambiguous", field="place", text=text)
    return matches[0]


@requires(Role.ADMIN)
def add_depot(actor: Actor, *, code: str, name: str, place: str, address: str = "", phone: str = "") -> Depot:
    code = code.strip().upper()
    if not DEPOT_CODE.match(code):
        raise ServiceError("error.depot_code_format", field="code")
    name = clean_text(name, field="name", max_length=40)
    (where,) = _counties([place], "place")
    with database_proxy.atomic():
        if Depot.select().where(Depot.code == code).exists():
            raise ServiceError("error.depot_code_taken", field="code", code=code)
        _served_elsewhere(where, None, "place")
        depot = Depot.create(code=code, name=name, place=where.id, address=address, phone=phone)
        DepotArea.create(depot=depot.id, place=where.id)
        audit.record(
            actor,
            "depot.add",
            "depot",
            depot.id,
            depot_id=depot.id,
            new={"code": code, "name": name, "place": where.code},
        )
    return depot


@requires(Role.ADMIN)
def add_areas(actor: Actor, depot_code: str, places: list[str]) -> int:
    """Counties the depot delivers to besides its own: a waybill to one of them arrives there.
    A county another depot already serves is refused (a destination goes to one station)."""
    depot = Depot.get_or_none(Depot.code == depot_code.strip().upper())
    if depot is None:
        raise NotFound("error.depot_unknown", field="depot", code=depot_code)
    wanted = _counties(places, "place")
    added = []
    with database_proxy.atomic():
        for place in wanted:
            if _served_elsewhere(place, depot.id, "place") is None:
                DepotArea.create(depot=depot.id, place=place.id)
                added.append(place.code)
        if added:
            audit.record(actor, "depot.areas", "depot", depot.id, depot_id=depot.id, new={"added": added})
    return len(added)


def _counties(texts: list[str], field: str) -> list[Place]:
    """The county-level places named (by name or code), or the error for the first that is not
    one, at `field`."""
    out = []
    for text in texts:
        place = find_place(text)
        if place.level != PlaceLevel.COUNTY:
            raise ServiceError("error.place_not_county", field=field, text=place.name)
        out.append(place)
    return out


def _served_elsewhere(place: Place, depot_id: int | None, field: str) -> DepotArea | None:
    """This depot's area for the county (None if it has none); refused if another depot
    delivers there: a destination arrives at one station."""
    area = DepotArea.select(DepotArea, Depot).join(Depot).where(DepotArea.place == place.id).first()
    if area is not None and area.depot_id != depot_id:
        raise ServiceError("error.area_taken", field=field, text=place.name, code=area.depot.code)
    return area


@dataclass(frozen=True)
class DepotLine:
    code: str
    name: str
    county: str
    areas: list[str]
    address: str = ""
    phone: str = ""


def listing() -> list[DepotLine]:
    """Every depot with its county and the counties it delivers to, by code."""
    areas: dict[int, list[str]] = {}
    for area in DepotArea.select(DepotArea, Place).join(Place).order_by(Place.code):
        areas.setdefault(area.depot_id, []).append(area.place.name)
    return [
        DepotLine(d.code, d.name, d.place.name, areas.get(d.id, []), d.address, d.phone)
        for d in Depot.select(Depot, Place).join(Place).order_by(Depot.code)
    ]


def stops_of(depot_id: int | None, text: str, field: str = "stops") -> list[Depot]:
    """Station codes in route order (`CS XT`, `CS→XT`): each an active depot other than this
    one, none twice."""
    found_codes = [c for c in re.split(r"[\s,，、>→]+", text.strip().upper()) if c]
    if not found_codes:
        raise ServiceError("error.stops_required", field=field)
    found = {d.code: d for d in Depot.select().where(Depot.code.in_(found_codes) & Depot.active)}
    for code in found_codes:
        if code not in found:
            raise ServiceError("error.stop_unknown", field=field, code=code)
        if found[code].id == depot_id:
            raise ServiceError("error.stop_is_here", field=field, code=code)
    if len(set(found_codes)) != len(found_codes):
        raise ServiceError("error.stop_twice", field=field)
    return [found[c] for c in found_codes]


@dataclass(frozen=True)
class DepotForm:
    name: str
    address: str = ""
    phone: str = ""
    counties: str = ""  # the counties it delivers to besides its own, comma-separated


@requires(Role.ADMIN)
def change_depot(actor: Actor, code: str, form: DepotForm) -> Depot:
    """A depot's name, address, phone and the counties it delivers to (its own always); a
    county another depot serves is refused. Audited old -> new."""
    depot = Depot.get_or_none(Depot.code == code.strip().upper())
    if depot is None:
        raise NotFound("error.depot_unknown", field="depot", code=code)
    errors: list[ServiceError] = []
    values: dict[str, object] = {}
    for name, step in (
        ("name", lambda: clean_text(form.name, field="name", max_length=40)),
        ("address", lambda: checks.optional_text(form.address, "address", max_length=200)),
        ("phone", lambda: checks.phone(form.phone, "phone") if checks.normal(form.phone) else ""),
    ):
        try:
            values[name] = step()
        except ServiceError as exc:
            errors.append(exc)
    wanted: dict[int, Place] = {}
    try:
        wanted = {place.id: place for place in _counties(checks.listed(form.counties), "counties")}
    except ServiceError as exc:
        errors.append(ServiceError(exc.key, field="counties", **exc.params))
    if errors:
        from .errors import FormError

        raise FormError(errors)
    with database_proxy.atomic():
        wanted.pop(depot.place_id, None)
        have = {a.place_id: a for a in DepotArea.select().where(DepotArea.depot == depot.id)}
        for place in wanted.values():
            _served_elsewhere(place, depot.id, "counties")
        old = {"name": depot.name, "address": depot.address, "phone": depot.phone, "areas": sorted(have)}
        for place_id, area in have.items():
            if place_id != depot.place_id and place_id not in wanted:
                area.delete_instance()
        for place_id in wanted:
            if place_id not in have:
                DepotArea.create(depot=depot.id, place=place_id)
        Depot.update(**values).where(Depot.id == depot.id).execute()
        new = {**values, "areas": sorted({*wanted, depot.place_id})}
        audit.record(actor, "depot.change", "depot", depot.id, old=old, new=new, depot_id=depot.id)
    return Depot.get_by_id(depot.id)


@requires(Role.ADMIN)
def new_depot(
    actor: Actor, *, code: str, name: str, county: str, counties: str = "", address: str = "", phone: str = ""
) -> Depot:
    """A depot with the counties it delivers to besides its own, in one transaction (the back
    office's Ctrl+N; the console's `depot add`)."""
    if not county.strip():
        raise ServiceError("error.required", field="county")
    with database_proxy.atomic():
        try:
            depot = add_depot(actor, code=code, name=name, place=county, address=address, phone=phone)
        except ServiceError as exc:
            field = {"place": "county"}.get(exc.field or "", exc.field)
            raise ServiceError(exc.key, field=field, **exc.params) from None
        try:
            add_areas(actor, depot.code, checks.listed(counties))
        except ServiceError as exc:
            raise ServiceError(exc.key, field="counties", **exc.params) from None
    return depot
