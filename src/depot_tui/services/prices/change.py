"""Changing a depot's price table from a day on (R-5.8: the freight a clerk must bill comes from
it): one line typed, or a whole file imported.

A line from day D ends the one in force the day before D and starts its own; what was issued
or quoted before D keeps its price (waybills store their money; the lines of the past are
never rewritten). Refused: a day before today; a day before a change already set (the two
would overlap: change that one); today, once a waybill or quote to that destination has been
priced today (it would have been priced by a line that no longer says so). A change set for a
later day may be set again for the same day: it replaces the one not yet in force.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from ...models import Depot, PriceRule, Quote, Role, Waybill, database_proxy, ids_in
from .. import audit, clock, pricing
from ..actor import Actor, requires
from ..errors import FormError, ServiceError
from .lines import Line, LineForm, breaks_json, checked_line, depot_for


@dataclass(frozen=True)
class Applied:
    """What a change did: lines started, lines they ended, future changes replaced; for one
    line set, its place and day."""

    started: int
    ended: int
    replaced: int
    place: str = ""
    from_day: dt.date | None = None


@requires(Role.SUPERVISOR, Role.ADMIN)
def set_line(actor: Actor, form: LineForm, depot_code: str | None = None) -> Applied:
    """One line of the table from a day on (the form's F10); refused as a FormError naming
    the fields, or the day, that are wrong."""
    depot = _depot(actor, depot_code)
    line = checked_line(form, clock.now().date())
    with database_proxy.atomic():
        refusals = conflicts(depot, [line])
        if refusals:
            raise FormError([refusals[0][1]])
        done = _write(actor, depot, [line], "price.set")
    return replace(done, place=line.place.name, from_day=line.from_day)


def _depot(actor: Actor, depot_code: str | None) -> Depot:
    """The depot whose table changes: a supervisor changes their own; an admin any."""
    depot = depot_for(actor, depot_code)
    if actor.role != Role.ADMIN and depot.id != actor.depot_id:
        raise ServiceError("error.price_other_depot", field="depot", code=depot.code)
    return depot


def conflicts(depot: Depot, lines: list[Line]) -> list[tuple[int, ServiceError]]:
    """Each line the stored table refuses, by its index in `lines`: a change already set for a
    later day (overlap), or today once today's waybills or quotes used the destination."""
    today = clock.now().date()
    later: dict[int, dt.date] = {}
    for rule in PriceRule.select(PriceRule.dest_place, PriceRule.valid_from).where(
        (PriceRule.depot == depot.id) & (PriceRule.valid_from > today)
    ):
        later[rule.dest_place_id] = max(later.get(rule.dest_place_id, rule.valid_from), rule.valid_from)
    used = _priced_today(depot) if any(line.from_day == today for line in lines) else set()
    refused = []
    for index, line in enumerate(lines):
        after = later.get(line.place.id)
        if after is not None and after > line.from_day:
            refused.append(
                (index, ServiceError("error.price_overlap", field="from_day", day=f"{after:%Y-%m-%d}"))
            )
        elif line.from_day == today and line.place.id in used:
            refused.append((index, ServiceError("error.price_used", field="from_day")))
    return refused


def _priced_today(depot: Depot) -> set[int]:
    """Every place (county, its prefecture, its province) a waybill or quote of this depot has
    been priced to today."""
    start = dt.datetime.combine(clock.now().date(), dt.time())
    counties = {
        w.dest_place_id
        for w in Waybill.select(Waybill.dest_place)
        .where((Waybill.origin_depot == depot.id) & (Waybill.issued_at >= start))
        .distinct()
    } | {
        q.dest_place_id
        for q in Quote.select(Quote.dest_place).where((Quote.depot == depot.id) & (Quote.at >= start))
    }
    return {place for county in counties for place in pricing.covering(county)}


def _write(actor: Actor, depot: Depot, lines: list[Line], action: str, reason: str = "") -> Applied:
    """Store checked lines that `conflicts` let through, in the caller's transaction: end each
    line in force the day before its change, replace a change not yet in force, insert the new
    lines, and one audit record per line (old and new rates)."""
    now = clock.now()
    ids = {line.place.id for line in lines}
    current: dict[int, list[PriceRule]] = defaultdict(list)
    for rule in PriceRule.select().where(
        (PriceRule.depot == depot.id) & (PriceRule.valid_to.is_null() | (PriceRule.valid_to >= now.date()))
    ):
        if rule.dest_place_id in ids:
            current[rule.dest_place_id].append(rule)
    ends: dict[dt.date, list[int]] = defaultdict(list)
    replaced: list[int] = []
    changes: list[tuple[object, object, object]] = []
    for line in lines:
        old = None
        for rule in current[line.place.id]:
            if rule.valid_from == line.from_day:
                replaced.append(rule.id)
                old = _shown(rule)
            elif rule.valid_from < line.from_day and (
                rule.valid_to is None or rule.valid_to >= line.from_day
            ):
                ends[line.from_day - dt.timedelta(days=1)].append(rule.id)
                old = old or _shown(rule)
        changes.append((line.place.code, old, {**_shown_line(line), "valid_from": line.from_day}))
    for day, rule_ids in ends.items():
        for start in range(0, len(rule_ids), 500):
            PriceRule.update(valid_to=day).where(ids_in(PriceRule, rule_ids[start : start + 500])).execute()
    for start in range(0, len(replaced), 500):
        PriceRule.delete().where(ids_in(PriceRule, replaced[start : start + 500])).execute()
    rows = [
        {
            "depot": depot.id,
            **line.stored(),
            "valid_from": line.from_day,
            "created_by": actor.user_id,
            "created_at": now,
        }
        for line in lines
    ]
    for start in range(0, len(rows), 100):
        PriceRule.insert_many(rows[start : start + 100]).execute()
    audit.record_many(actor, action, "price_rule", changes, reason=reason, depot_id=depot.id)
    return Applied(started=len(lines), ended=sum(len(v) for v in ends.values()), replaced=len(replaced))


def _shown(rule: PriceRule) -> dict[str, object]:
    return {
        "per_kg": f"{Decimal(rule.per_kg)}",
        "per_m3": f"{Decimal(rule.per_m3)}",
        "min_charge": f"{Decimal(rule.min_charge)}",
        "delivery_fee": f"{Decimal(rule.delivery_fee)}",
        "upstairs_fee": f"{Decimal(rule.upstairs_fee)}",
        "weight_breaks": rule.weight_breaks,
        "valid_from": rule.valid_from,
    }


def _shown_line(line: Line) -> dict[str, object]:
    return {**{k: f"{v}" for k, v in line.rates.items()}, "weight_breaks": breaks_json(line.breaks)}
