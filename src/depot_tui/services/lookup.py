"""Fast lookup at the counter (the old systems' F9): destinations and customers.

Destinations are county-level places only (R-2.1: 湘潭县 and 湘潭市 are different places, and
the prefecture is never offered), found by name, pinyin initials or a station's short code.
Customers are found by phone number or by name / pinyin initials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peewee import JOIN

from ..models import Customer, Depot, DepotArea, Place, PlaceLevel, PriceRule
from . import clock
from .actor import Actor
from .checks import normal


@dataclass(frozen=True)
class PlaceHit:
    code: str  # GB/T 2260
    name: str  # 湘潭县
    full_name: str  # 湖南省 湘潭市 湘潭县
    depot_code: str | None  # the station that delivers there, if any
    priced: bool  # this depot has a price to it


@dataclass(frozen=True)
class CustomerHit:
    id: int
    name: str
    phone: str
    address: str
    place_code: str | None
    monthly_account: bool


class PlaceIndex:
    """Every county-level place in memory (about 2,900), so the form finds a destination on each
    keystroke without a query. Built once when the form opens (`place_index`)."""

    def __init__(self, hits: list[PlaceHit], pinyin: dict[str, str], stations: dict[str, list[str]]):
        self.hits = hits
        self.by_code = {h.code: h for h in hits}
        self.pinyin = pinyin  # code -> initials
        self.stations = stations  # station code -> its counties, its own county first

    def find(self, text: str, limit: int = 8) -> list[PlaceHit]:
        """Places matching `text`, best first: exact name / code / initials, a station's own
        counties, places this depot has a price to, places some station serves, the rest."""
        text = normal(text)
        if not text or len(text) > 40:
            return []
        lowered = text.lower()
        alpha = text.isascii() and text.isalpha()
        order = {code: i for i, code in enumerate(self.stations.get(text.upper(), []) if alpha else [])}
        if re.fullmatch(r"\d{6}", text):
            found = [self.by_code[text]] if text in self.by_code else []
        elif alpha:
            found = [h for h in self.hits if self.pinyin[h.code].startswith(lowered) or h.code in order]
        else:
            found = [h for h in self.hits if text in h.name]

        def rank(hit: PlaceHit) -> tuple:
            exact = text in (hit.name, hit.code) or self.pinyin[hit.code] == lowered
            return (
                not exact,
                hit.code not in order,
                order.get(hit.code, 0),
                not hit.priced,
                hit.depot_code is None,
                not hit.name.startswith(text),
                hit.code,
            )

        return sorted(found, key=rank)[:limit]

    def get(self, code: str) -> PlaceHit | None:
        return self.by_code.get(code)


def place_index(actor: Actor) -> PlaceIndex:
    """All county-level places with their full names, serving station and whether this
    user's depot has a price to them."""
    names = {
        p.id: (p.name, p.parent_id)
        for p in Place.select(Place.id, Place.name, Place.parent).where(Place.level != PlaceLevel.COUNTY)
    }
    served: dict[int, str] = {}
    stations: dict[str, list[tuple[bool, int]]] = {}
    for row in DepotArea.select(DepotArea.place, Depot.code, Depot.place).join(Depot).where(Depot.active):
        served.setdefault(row.place_id, row.depot.code)
        stations.setdefault(row.depot.code, []).append((row.place_id != row.depot.place_id, row.place_id))
    priced: set[int] = set()
    if actor.depot_id is not None:
        today = clock.now().date()
        priced = {
            r.dest_place_id
            for r in PriceRule.select(PriceRule.dest_place).where(
                (PriceRule.depot == actor.depot_id)
                & (PriceRule.valid_from <= today)
                & (PriceRule.valid_to.is_null() | (PriceRule.valid_to >= today))
            )
        }
    hits, pinyin, codes = [], {}, {}
    for place in Place.select().where((Place.level == PlaceLevel.COUNTY) & Place.active).order_by(Place.code):
        chain, parent = [place.name], place.parent_id
        while parent in names:
            chain.insert(0, names[parent][0])
            parent = names[parent][1]
        # Priced by its own line, its prefecture's or its province's (prices.table_on).
        up = place.parent_id
        covered = {place.id, up, names[up][1] if up in names else None}
        hits.append(
            PlaceHit(place.code, place.name, " ".join(chain), served.get(place.id), bool(covered & priced))
        )
        pinyin[place.code] = place.pinyin
        codes[place.id] = place.code
    return PlaceIndex(
        hits,
        pinyin,
        {code: [codes[pid] for _, pid in sorted(areas) if pid in codes] for code, areas in stations.items()},
    )


def place(code: str) -> PlaceHit | None:
    """One county-level place by its code, as the slip and the search show a destination."""
    found = Place.get_or_none((Place.code == code) & (Place.level == PlaceLevel.COUNTY))
    if found is None:
        return None
    chain, parent = [found.name], found.parent_id
    while parent:
        up = Place.get_by_id(parent)
        chain.insert(0, up.name)
        parent = up.parent_id
    area = DepotArea.select(DepotArea, Depot).join(Depot).where(DepotArea.place == found.id).first()
    return PlaceHit(found.code, found.name, " ".join(chain), area.depot.code if area else None, False)


def _customer_query():  # noqa: ANN202
    """Customers with their place (for its code) in one query."""
    return Customer.select(Customer, Place).join(
        Place, join_type=JOIN.LEFT_OUTER, on=(Customer.place == Place.id)
    )


def _hit(customer: Customer) -> CustomerHit:
    return CustomerHit(
        customer.id,
        customer.name,
        customer.phone,
        customer.address,
        customer.place.code if customer.place_id else None,
        bool(customer.monthly_account),
    )


def customers(text: str, limit: int = 8) -> list[CustomerHit]:
    """Customers by phone (digits: a number or its start) or by name / pinyin initials."""
    text = normal(text)
    if not text or len(text) > 60:
        return []
    digits = re.sub(r"[\s\-]", "", text)
    query = _customer_query()
    if digits.isdigit():
        rows = query.where(Customer.phone.startswith(digits) | Customer.phone.startswith(text))
    elif re.fullmatch(r"[A-Za-z]+", text):
        rows = query.where(Customer.pinyin.startswith(text.lower()))
    else:
        rows = query.where(Customer.name.contains(text))
    return [_hit(c) for c in rows.order_by(Customer.name).limit(limit)]


def customer_by_phone(phone: str) -> CustomerHit | None:
    """The customer registered under this (already normalised) phone number."""
    found = _customer_query().where(Customer.phone == phone).order_by(Customer.id.desc()).first()
    return _hit(found) if found else None
