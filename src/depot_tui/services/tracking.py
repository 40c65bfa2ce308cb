"""Goods followed to their promised day (SOP 004 ch.2; issue 23, part 5).

At intake a waybill gets its class (A: to the door, urgent under 24 h, a first-time shipper,
valuable goods or special requirements, every step checked; B: normal; C: economy), the date the
shipper requires if any, and the arrival its route promises (issue time plus the shortest transit
time of this depot's routes that stop at the destination). It is due at the earlier of the two.

The late list is what must be told now: goods due and not arrived (every class), arrived and the
consignee not told within notify.deadline_hours, and for class A also goods not gone on a truck
within tracking.depart_hours of issue. The shipper and the consignee are told at once and each
call is recorded (`tell`, a `LateCall`); the goods stay on the list until they move on.
The arrival check records when the goods arrived and whether on time (`arrived`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from peewee import fn

from ..models import (
    Customer,
    DeliveryMode,
    LateCall,
    Route,
    RouteStop,
    Waybill,
    WaybillStatus,
    database_proxy,
)
from . import audit, checks, clock, depots, settings
from .actor import Actor
from .errors import NotFound, ServiceError
from .pickup import unnotified

CLASSES = ("A", "B", "C")
STEPS = ("depart", "arrive", "notify")
PARTIES = ("shipper", "consignee")
ANSWERS = ("told", "no_answer")
MAX_REQUIRED_DAYS = 60
#: Not yet at their destination: the goods a due time is watched for.
_ON_THE_WAY = (WaybillStatus.ISSUED, WaybillStatus.PARTLY_LOADED, WaybillStatus.DEPARTED)
_NOT_GONE = (WaybillStatus.ISSUED, WaybillStatus.PARTLY_LOADED)


def required_by(text: str, today: dt.date, field: str = "required_by") -> dt.date | None:
    """The date the shipper requires, typed as 2026-11-28 or 11-28; blank is none. Not before
    today, nor more than MAX_REQUIRED_DAYS ahead."""
    if not checks.normal(text):
        return None
    return checks.day(text, field, today, earliest=today, latest=today + dt.timedelta(days=MAX_REQUIRED_DAYS))


def suggested_class(
    *,
    delivery: str,
    required: dt.date | None,
    first_time: bool,
    declared_value: Decimal,
    valuable: Decimal,
    today: dt.date,
) -> tuple[str, list[str]]:
    """The class the SOP gives these answers, and why (reason codes): A for goods to the door,
    required by tomorrow, from a shipper who never sent before, or declared at `valuable` or
    more; B otherwise. C (economy) and A for special requirements are the clerk's choice."""
    why = []
    if delivery != DeliveryMode.PICKUP:
        why.append("door")
    if required is not None and required <= today + dt.timedelta(days=1):
        why.append("urgent")
    if first_time:
        why.append("first_time")
    if declared_value >= valuable > 0:
        why.append("valuable")
    return ("A" if why else "B"), why


def transit_hours(origin_id: int, dest_id: int | None) -> int | None:
    """The shortest normal transit time of the origin's routes in use that stop at `dest_id`."""
    if dest_id is None or dest_id == origin_id:
        return None
    return (
        Route.select(fn.MIN(Route.transit_hours))
        .join(RouteStop)
        .where((Route.depot == origin_id) & Route.active & (RouteStop.depot == dest_id))
        .scalar()
    )


@dataclass(frozen=True)
class Plan:
    """What a waybill is tracked by, fixed at issue."""

    cargo_class: str
    required_by: dt.date | None
    expected_at: dt.datetime | None
    due_at: dt.datetime | None


def plan(
    origin_id: int,
    dest_id: int | None,
    *,
    chosen: str,
    delivery: str,
    required: dt.date | None,
    shipper: Customer | None,
    declared_value: Decimal,
    now: dt.datetime,
) -> Plan:
    """The class (the clerk's `chosen` one, else the suggested one), the expected arrival and
    the due time of a waybill issued now."""
    first_time = shipper is None or not Waybill.select().where(Waybill.shipper == shipper.id).exists()
    valuable = Decimal(str(settings.get("tracking.valuable", origin_id)))
    suggested, _why = suggested_class(
        delivery=delivery,
        required=required,
        first_time=first_time,
        declared_value=declared_value,
        valuable=valuable,
        today=now.date(),
    )
    hours = transit_hours(origin_id, dest_id)
    expected = now + dt.timedelta(hours=hours) if hours else None
    end_of_day = dt.datetime.combine(required, dt.time(23, 59)) if required else None
    due = min((d for d in (expected, end_of_day) if d is not None), default=None)
    return Plan(chosen or suggested, required, expected, due)


def arrived(waybill_id: int, depot_id: int, at: dt.datetime) -> None:
    """The goods were counted in at their destination: when, and whether by their due time.
    The first arrival counts (the rest of a split waybill does not move it)."""
    row = Waybill.get_or_none(
        (Waybill.id == waybill_id) & (Waybill.dest_depot == depot_id) & Waybill.arrived_at.is_null()
    )
    if row is None:
        return
    on_time = None if row.due_at is None else at <= row.due_at
    Waybill.update(arrived_at=at, arrived_on_time=on_time).where(Waybill.id == waybill_id).execute()


@dataclass(frozen=True)
class Late:
    """One waybill late at one step, with who has been told about it."""

    number: str
    cargo_class: str
    step: str  # depart, arrive, notify
    due: dt.datetime  # when the step should have been done
    route: str  # GZ→XT
    shipper_name: str
    shipper_phone: str
    consignee_name: str
    consignee_phone: str
    told: frozenset[str]  # the parties told (an answered call) at this step
    calls: int  # calls recorded at this step, answered or not


def _cls(row: Waybill) -> str:
    return row.cargo_class or "B"  # waybills issued before the class was asked are normal


def late(actor: Actor, now: dt.datetime | None = None) -> list[Late]:
    """What is late now for this depot (goods from here or to here): class A first, then the
    longest overdue first."""
    now = now or clock.now()
    here = actor.depot_id
    if here is None:  # a console actor has no depot: nothing of its own is late
        return []
    depart_after = dt.timedelta(hours=float(settings.get("tracking.depart_hours", here)))
    notify_after = dt.timedelta(hours=float(settings.get("notify.deadline_hours", here)))
    ours = (Waybill.origin_depot == here) | (Waybill.dest_depot == here)
    found: list[tuple[Waybill, str, dt.datetime]] = []
    for w in Waybill.select().where(Waybill.status.in_(_ON_THE_WAY) & ours & (Waybill.due_at < now)):
        found.append((w, "arrive", _stamp(w.due_at)))
    for w in Waybill.select().where(
        Waybill.status.in_(_NOT_GONE)
        & (Waybill.origin_depot == here)
        & (Waybill.cargo_class == "A")
        & (Waybill.issued_at < now - depart_after)
    ):
        found.append((w, "depart", _stamp(w.issued_at) + depart_after))
    # Arrived here, the consignee not told (pickup's own list of them), past the notify limit.
    for w in unnotified(here).where(Waybill.arrived_at < now - notify_after):
        found.append((w, "notify", _stamp(w.arrived_at) + notify_after))
    return _lines(found)


def _stamp(value: dt.datetime | None) -> dt.datetime:
    """A time the query's condition has just compared, so present."""
    if value is None:
        raise ValueError("a compared time is missing")
    return value


def _lines(found: list[tuple[Waybill, str, dt.datetime]]) -> list[Late]:
    codes = depots.codes()
    calls: dict[tuple[int, str], list[LateCall]] = {}
    for call in LateCall.select().where(LateCall.waybill.in_([w.id for w, _, _ in found])):
        calls.setdefault((call.waybill_id, call.step), []).append(call)
    lines = []
    shown: set[int] = set()
    for w, step, due in sorted(found, key=lambda f: STEPS.index(f[1])):
        if w.id in shown:  # not gone is also not arrived: the earliest step late is the one to tell
            continue
        shown.add(w.id)
        made = calls.get((w.id, step), [])
        lines.append(
            Late(
                number=w.number,
                cargo_class=_cls(w),
                step=step,
                due=due,
                route=f"{codes.get(w.origin_depot_id, '?')}→{codes.get(w.dest_depot_id or 0, '-')}",
                shipper_name=w.shipper_name,
                shipper_phone=w.shipper_phone,
                consignee_name=w.consignee_name,
                consignee_phone=w.consignee_phone,
                told=frozenset(c.party for c in made if c.answer == "told"),
                calls=len(made),
            )
        )
    return sorted(lines, key=lambda x: (x.cargo_class, x.due, x.number))


def tell(actor: Actor, number: str, party: str, answer: str, note: str = "") -> LateCall:
    """Record a call telling the shipper or the consignee that their goods are late at the step
    they are late at now (refused for goods that are not late)."""
    if party not in PARTIES:
        raise ServiceError("error.choice", field="party")
    if answer not in ANSWERS:
        raise ServiceError("error.choice", field="answer")
    note = checks.optional_text(note, "note", max_length=200)
    now = clock.now()
    with database_proxy.atomic():
        waybill = Waybill.get_or_none(Waybill.number == number.strip().upper())
        if waybill is None:
            raise NotFound("error.waybill_unknown", field="number", number=number.strip())
        step = next((x.step for x in late(actor, now) if x.number == waybill.number), None)
        if step is None:
            raise ServiceError("error.not_late", number=waybill.number)
        call = LateCall.create(
            waybill=waybill.id,
            depot=actor.depot_id,
            step=step,
            party=party,
            answer=answer,
            note=note,
            by=actor.user_id,
            at=now,
        )
        audit.record(
            actor,
            "tracking.tell",
            "waybill",
            waybill.number,
            new={"step": step, "party": party, "answer": answer, "note": note},
        )
        return call
