"""Depots and stations of the line (网点/站点) and the counties each one serves."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Depot, DepotArea, Place, PlaceLevel, Role, User, database_proxy
from . import audit
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
    where = find_place(place)
    if where.level != PlaceLevel.COUNTY:
        raise ServiceError("error.place_not_county", field="place", text=where.name)
    with database_proxy.atomic():
        if Depot.select().where(Depot.code == code).exists():
            raise ServiceError("error.depot_code_taken", field="code", code=code)
        other = DepotArea.select(DepotArea, Depot).join(Depot).where(DepotArea.place == where.id).first()
        if other is not None:  # a destination arrives at one station
            raise ServiceError("error.area_taken", field="place", text=where.name, code=other.depot.code)
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
    wanted = []
    for text in places:
        place = find_place(text)
        if place.level != PlaceLevel.COUNTY:
            raise ServiceError("error.place_not_county", field="place", text=place.name)
        wanted.append(place)
    added = []
    with database_proxy.atomic():
        for place in wanted:
            other = DepotArea.select(DepotArea, Depot).join(Depot).where(DepotArea.place == place.id).first()
            if other is not None and other.depot_id != depot.id:
                raise ServiceError("error.area_taken", field="place", text=place.name, code=other.depot.code)
            if other is None:
                DepotArea.create(depot=depot.id, place=place.id)
                added.append(place.code)
        if added:
            audit.record(actor, "depot.areas", "depot", depot.id, depot_id=depot.id, new={"added": added})
    return len(added)


@dataclass(frozen=True)
class DepotLine:
    code: str
    name: str
    county: str
    areas: list[str]


def listing() -> list[DepotLine]:
    """Every depot with its county and the counties it delivers to, by code."""
    areas: dict[int, list[str]] = {}
    for area in DepotArea.select(DepotArea, Place).join(Place).order_by(Place.code):
        areas.setdefault(area.depot_id, []).append(area.place.name)
    return [
        DepotLine(d.code, d.name, d.place.name, areas.get(d.id, []))
        for d in Depot.select(Depot, Place).join(Place).order_by(Depot.code)
    ]
