"""Reading a depot's price table, and checking one line of it as typed or imported.

A line prices a destination (a county, or a whole prefecture or province at once) from a day
on. The table on a day is the line in force for each destination; the counter takes the most
particular one for a county (pricing.rule_for).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ...models import Depot, Place, PlaceLevel, PriceRule
from .. import checks, clock, pricing
from ..actor import Actor
from ..errors import FormError, NotFound, ServiceError

#: Rates past these are a slipped finger, not a price (a line's heavy goods go for 0.3-3 yuan a
#: kg, light goods 100-600 a cubic metre, a ticket's minimum 20-100; delivery 30-300).
MAX_PER_KG = Decimal("50")
MAX_PER_M3 = Decimal("3000")
MAX_MIN_CHARGE = Decimal("5000")
MAX_FEE = Decimal("5000")
MAX_BANDS = 8

RATE_FIELDS: list[tuple[str, Decimal]] = [
    ("per_kg", MAX_PER_KG),
    ("per_m3", MAX_PER_M3),
    ("min_charge", MAX_MIN_CHARGE),
    ("delivery_fee", MAX_FEE),
    ("upstairs_fee", MAX_FEE),
]

_BAND = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:kg|KG|公斤)?\s*[:：=]\s*(\d+(?:\.\d+)?)$")
_BAND_SPLIT = re.compile(r"[\s,;，；、]+")


@dataclass(frozen=True)
class LineForm:
    """One line as typed in the form or read from a file: text, checked by `checked_line`."""

    destination: str
    per_kg: str = ""
    per_m3: str = ""
    min_charge: str = ""
    delivery_fee: str = ""
    upstairs_fee: str = ""
    weight_breaks: str = ""
    from_day: str = ""


@dataclass(frozen=True)
class Line:
    """A checked line, ready to be stored."""

    place: Place
    rates: dict[str, Decimal]
    breaks: tuple[tuple[Decimal, Decimal], ...]
    from_day: dt.date

    def stored(self) -> dict[str, object]:
        """The line as PriceRule columns (without depot, dates and who)."""
        return {"dest_place": self.place.id, **self.rates, "weight_breaks": breaks_json(self.breaks)}


@dataclass(frozen=True)
class PriceLine:
    """One line of the table as a list shows it."""

    place_code: str
    place_name: str
    level: str
    per_kg: Decimal
    per_m3: Decimal
    min_charge: Decimal
    delivery_fee: Decimal
    upstairs_fee: Decimal
    breaks: tuple[tuple[Decimal, Decimal], ...]
    valid_from: dt.date
    next_from: dt.date | None = None  # a change already set from this day
    pinyin: str = field(default="", compare=False)

    @property
    def breaks_text(self) -> str:
        return breaks_text(self.breaks)


def breaks_text(breaks: tuple[tuple[Decimal, Decimal], ...]) -> str:
    """Weight bands as a clerk types them: "100:1.2 500:1"."""
    return " ".join(f"{upto}:{rate}" for upto, rate in breaks)


def breaks_json(breaks: tuple[tuple[Decimal, Decimal], ...]) -> str:
    return json.dumps([[str(upto), str(rate)] for upto, rate in breaks]) if breaks else ""


def parse_breaks(text: str, field: str = "weight_breaks") -> tuple[tuple[Decimal, Decimal], ...]:
    """Weight bands typed as "100:1.2 500:1.0" (up to kg : yuan a kg), lightest first."""
    raw = checks.normal(text)
    if not raw:
        return ()
    bands: list[tuple[Decimal, Decimal]] = []
    for part in _BAND_SPLIT.split(raw):
        match = _BAND.match(part)
        if match is None:
            raise ServiceError("error.breaks_format", field=field, text=part[:20])
        upto = checks.decimal(match.group(1), field, places=2, maximum=checks.MAX_WEIGHT_KG, positive=True)
        rate = checks.decimal(match.group(2), field, places=2, maximum=MAX_PER_KG, positive=False)
        if bands and upto <= bands[-1][0]:
            raise ServiceError("error.breaks_order", field=field, kg=upto)
        bands.append((upto, rate))
    if len(bands) > MAX_BANDS:
        raise ServiceError("error.breaks_many", field=field, most=MAX_BANDS)
    return tuple(bands)


def find_destination(text: str, places: dict[str, Place] | None = None) -> Place:
    """A destination by its GB/T 2260 code or its name: a county, prefecture or province. A
    name two places share (朝阳区 is in Beijing and in Changchun) must be given as the code."""
    raw = checks.normal(text)
    if not raw:
        raise ServiceError("error.required", field="destination")
    if re.fullmatch(r"\d{6}", raw):
        found = places.get(raw) if places is not None else Place.get_or_none(Place.code == raw)
        if found is None:
            raise NotFound("error.place_unknown", field="destination", text=raw)
        return found
    matches = list(Place.select().where(Place.name == raw).limit(3))
    if not matches:
        raise NotFound("error.place_unknown", field="destination", text=raw[:20])
    if len(matches) > 1:
        raise ServiceError(
            "error.place_ambiguous_codes",
            field="destination",
            text=raw,
            codes=" ".join(p.code for p in matches[:2]),
        )
    return matches[0]


def checked_line(form: LineForm, today: dt.date, places: dict[str, Place] | None = None) -> Line:
    """The line, or a FormError naming every field that is wrong (in form order). A line
    cannot start before today: the past is priced as it was (waybills and quotes keep it)."""
    errors: list[ServiceError] = []
    place: Place | None = None
    try:
        place = find_destination(form.destination, places)
    except ServiceError as exc:
        errors.append(exc)
    rates: dict[str, Decimal] = {}
    for name, most in RATE_FIELDS:
        try:
            rates[name] = checks.decimal(
                getattr(form, name) or "0", name, places=2, maximum=most, positive=False
            )
        except ServiceError as exc:
            errors.append(exc)
    breaks: tuple[tuple[Decimal, Decimal], ...] = ()
    try:
        breaks = parse_breaks(form.weight_breaks)
    except ServiceError as exc:
        errors.append(exc)
    when = today
    try:
        when = checks.day(form.from_day, "from_day", today)
    except ServiceError as exc:
        errors.append(exc)
    if when < today:
        errors.append(ServiceError("error.price_past", field="from_day", today=f"{today:%Y-%m-%d}"))
    if len(rates) == len(RATE_FIELDS) and not (rates["per_kg"] or rates["per_m3"] or breaks):
        errors.append(ServiceError("error.price_nothing", field="per_kg"))
    if errors:
        raise FormError(errors)
    assert place is not None
    return Line(place, rates, breaks, when)


def depot_for(actor: Actor, depot_code: str | None = None) -> Depot:
    """The depot whose table is meant: the actor's own, or another one an admin names."""
    if depot_code:
        depot = Depot.get_or_none(Depot.code == depot_code.strip().upper())
        if depot is None:
            raise NotFound("error.depot_unknown", field="depot", code=depot_code)
        return depot
    if actor.depot_id is None:
        raise ServiceError("error.depot_required", field="depot")
    return Depot.get_by_id(actor.depot_id)


def table_on(actor: Actor, day: dt.date | None = None, depot_code: str | None = None) -> list[PriceLine]:
    """Every destination the depot prices on `day` (today), and those set to be priced from a
    later day: provinces first, then prefectures, then counties, by code; each with the day a
    change already set takes effect. Anyone logged in reads it (a clerk quotes from it)."""
    depot = depot_for(actor, depot_code)
    when = day or clock.now().date()
    rows = list(
        PriceRule.select(PriceRule, Place.code, Place.name, Place.level, Place.pinyin)
        .join(Place)
        .where((PriceRule.depot == depot.id) & (PriceRule.valid_to.is_null() | (PriceRule.valid_to >= when)))
        .order_by(Place.code, PriceRule.valid_from)
    )
    lines: dict[str, PriceLine] = {}
    for rule in rows:  # by place, oldest first: the line in force, then what is set to follow
        place = rule.dest_place
        line = lines.get(place.code)
        if line is None or rule.valid_from <= when:
            lines[place.code] = _line(rule, place)  # in force, or the first set for later
        elif line.valid_from <= when and line.next_from is None:
            lines[place.code] = replace(line, next_from=rule.valid_from)
    rank: dict[str, int] = {PlaceLevel.PROVINCE: 0, PlaceLevel.PREFECTURE: 1, PlaceLevel.COUNTY: 2}
    return sorted(lines.values(), key=lambda line: (rank.get(line.level, 3), line.place_code))


def _line(rule: PriceRule, place: Place) -> PriceLine:
    return PriceLine(
        place_code=place.code,
        place_name=place.name,
        level=place.level,
        per_kg=Decimal(rule.per_kg),
        per_m3=Decimal(rule.per_m3),
        min_charge=Decimal(rule.min_charge),
        delivery_fee=Decimal(rule.delivery_fee),
        upstairs_fee=Decimal(rule.upstairs_fee),
        breaks=pricing.weight_breaks(rule.weight_breaks),
        valid_from=rule.valid_from,
        pinyin=place.pinyin,
    )
