"""What waits to be delivered from here, the delivery fee and collect-freight due first on a self-
pickup changed to delivery (R-2.16), and a delivery planned with the time and place agreed with
the consignee.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ...models import ConsigneeNotice, Delivery, DeliveryMode, Payment, Waybill, WaybillStatus, database_proxy
from .. import audit, checks, clock, pricing
from ..actor import Actor
from ..errors import FormError, ServiceError
from ..pickup import at_counter, collect_due, paid, reference_of, released, take, waiting_pieces
from .outcome import _FIELDS

MODES = (DeliveryMode.DELIVERY, DeliveryMode.SPECIAL, DeliveryMode.DIRECT, DeliveryMode.UPSTAIRS)
PLAN_DAYS = 30  # how far ahead a delivery may be planned


def _asked_for_delivery(waybill_ids: list[int]) -> set[int]:
    """Of these waybills, those whose consignee's last answered notice asked for delivery (one
    query for the lot: a list checks every waybill at the counter)."""
    last: dict[int, str] = {}
    for waybill_id, answer in (
        ConsigneeNotice.select(ConsigneeNotice.waybill, ConsigneeNotice.answer)
        .where(ConsigneeNotice.waybill.in_(waybill_ids) & (ConsigneeNotice.answer != "no_answer"))
        .order_by(ConsigneeNotice.at, ConsigneeNotice.id)
        .tuples()
    ):
        last[waybill_id] = answer
    return {waybill_id for waybill_id, answer in last.items() if answer == "deliver"}


def fee_due(waybill: Waybill, mode: str) -> Decimal:
    """The delivery fee still to take before a self-pickup waybill is delivered (R-2.16): the
    origin's price table for the destination on the day of issue (the fee the waybill would
    have carried), the upstairs fee too for 上楼, less delivery payments taken already. A
    waybill issued for delivery carries its fee in its total: nothing more here."""
    if waybill.delivery_mode != DeliveryMode.PICKUP:
        return Decimal("0.00")
    rates = pricing.rates_for(waybill.origin_depot_id, waybill.dest_place_id, waybill.issued_at.date())
    table = Decimal("0.00")
    if rates is not None:
        table = rates.delivery_fee + (rates.upstairs_fee if mode == DeliveryMode.UPSTAIRS else 0)
    return max(Decimal("0.00"), table.quantize(Decimal("0.01")) - paid(waybill.id, "delivery"))


def _open(waybill_id: int) -> Delivery | None:
    return Delivery.get_or_none((Delivery.waybill == waybill_id) & (Delivery.status == "planned"))


@dataclass(frozen=True)
class ToDeliver:
    """A waybill here to plan a delivery for."""

    number: str
    consignee_name: str
    consignee_phone: str
    address: str  # from the waybill (blank for a self-pickup changed to delivery)
    mode: str  # the waybill's mode; pickup: changed to delivery at the consignee's request
    here: int
    collect_due: Decimal
    held: bool
    fee: Decimal  # delivery fee to take first (a changed self-pickup): by 配送/专车/直送
    fee_upstairs: Decimal  # the same for 上楼
    failures: int  # earlier attempts that failed
    last_failure: str


def _to_deliver_line(w: Waybill, depot_id: int) -> ToDeliver:
    failed = list(
        Delivery.select(Delivery.failure_reason)
        .where((Delivery.waybill == w.id) & (Delivery.status == "failed"))
        .order_by(Delivery.done_at)
    )
    return ToDeliver(
        number=w.number,
        consignee_name=w.consignee_name,
        consignee_phone=w.consignee_phone,
        address=w.delivery_address,
        mode=w.delivery_mode,
        here=waiting_pieces(w.id, depot_id).count(),
        collect_due=collect_due(w),
        held=not released(w),
        fee=fee_due(w, DeliveryMode.DELIVERY),
        fee_upstairs=fee_due(w, DeliveryMode.UPSTAIRS),
        failures=len(failed),
        last_failure=failed[-1].failure_reason if failed else "",
    )


def to_deliver(actor: Actor) -> list[ToDeliver]:
    """Waybills here whose goods go out by delivery and have no delivery planned: issued for
    delivery, or asked for by the consignee; oldest issued first."""
    planned = Delivery.select(Delivery.waybill).where(Delivery.status == "planned")
    rows = (
        Waybill.select()
        .where(
            (Waybill.dest_depot == actor.depot_id)
            & Waybill.status.in_([WaybillStatus.ARRIVED, WaybillStatus.NOTIFIED])
            & Waybill.id.not_in(planned)
        )
        .order_by(Waybill.issued_at, Waybill.number)
    )
    rows = list(rows)
    asked = _asked_for_delivery([w.id for w in rows if w.delivery_mode == DeliveryMode.PICKUP])
    lines = []
    for w in rows:
        if w.delivery_mode == DeliveryMode.PICKUP and w.id not in asked:
            continue
        line = _to_deliver_line(w, actor.depot_id)
        if line.here:
            lines.append(line)
    return lines


@dataclass
class DeliveryForm:
    """A delivery as typed: the day, agreed time, address and mode; for a self-pickup changed
    to delivery, the delivery fee taken now, and collect-freight."""

    day: str = ""  # 2026-11-24 or 11-24; blank: today
    agreed_time: str = ""  # as agreed with the consignee: "14:00-16:00", "上午"
    address: str = ""
    mode: str = ""
    fee_amount: str = ""
    fee_method: str = ""
    fee_reference: str = ""  # the transaction number of wechat, alipay, bank
    collect_amount: str = ""
    collect_method: str = ""
    collect_reference: str = ""


@dataclass(frozen=True)
class Planned:
    delivery_id: int
    number: str
    day: dt.date
    fee: Decimal  # delivery fee taken now
    collected: Decimal  # collect-freight taken now


def plan(actor: Actor, number: str, form: DeliveryForm) -> Planned:
    """Plan a delivery. Refused while held, while another is planned, with no address, mode,
    or agreed time, and, for a self-pickup changed to delivery, until the delivery fee and
    collect-freight are taken in full (R-2.16)."""

    now = clock.now()
    errors: list[ServiceError] = []
    values: dict[str, object] = {}
    for name, check in (
        (
            "day",
            lambda: checks.day(
                form.day,
                "day",
                now.date(),
                earliest=now.date(),
                latest=now.date() + dt.timedelta(days=PLAN_DAYS),
            ),
        ),
        ("agreed_time", lambda: checks.optional_text(form.agreed_time, "agreed_time", max_length=40)),
        ("address", lambda: checks.address(form.address)),
    ):
        try:
            values[name] = check()
        except ServiceError as exc:
            errors.append(exc)
    if "agreed_time" in values and not values["agreed_time"]:
        errors.append(ServiceError("error.agreed_time", field="agreed_time"))
    if form.mode not in MODES:
        errors.append(ServiceError("error.delivery_mode", field="mode"))
    with database_proxy.atomic():
        waybill = at_counter(actor, number)
        if not released(waybill):
            raise ServiceError("error.pickup_held", number=waybill.number)
        if _open(waybill.id) is not None:
            raise ServiceError("error.delivery_planned", number=waybill.number)
        if not waiting_pieces(waybill.id, actor.depot_id).exists():
            raise ServiceError("error.pickup_nothing_here", number=waybill.number)
        changed = waybill.delivery_mode == DeliveryMode.PICKUP
        fee = collected = Decimal("0.00")
        if changed:  # the fee and collect-freight first
            fee = take(
                fee_due(waybill, form.mode),
                form.fee_amount,
                form.fee_method,
                errors,
                field="fee",
                key="error.delivery_fee",
            )
            collected = take(collect_due(waybill), form.collect_amount, form.collect_method, errors)
        refs = (
            reference_of(fee, form.fee_method, form.fee_reference, errors, field="fee"),
            reference_of(collected, form.collect_method, form.collect_reference, errors),
        )
        errors.sort(key=lambda e: _FIELDS.index(e.field) if e.field in _FIELDS else len(_FIELDS))
        if errors:
            raise FormError(errors)
        for purpose, amount, method, reference in (
            ("delivery", fee, form.fee_method, refs[0]),
            ("collect", collected, form.collect_method, refs[1]),
        ):
            if amount:
                Payment.create(
                    waybill=waybill.id,
                    purpose=purpose,
                    amount=amount,
                    method=method,
                    reference=reference,
                    by=actor.user_id,
                    shift=actor.shift_id,
                    at=now,
                )
        row = Delivery.create(
            waybill=waybill.id,
            day=values["day"],
            mode=form.mode,
            address=values["address"],
            agreed_time=values["agreed_time"],
            recorded_by=actor.user_id,
            recorded_at=now,
        )
        audit.record(
            actor,
            "delivery.plan",
            "waybill",
            waybill.number,
            new={
                "day": f"{values['day']:%Y-%m-%d}",
                "time": values["agreed_time"],
                "address": values["address"],
                "mode": form.mode,
                "fee": f"{fee:.2f}",
                "collected": f"{collected:.2f}",
                "changed_from_pickup": changed,
            },
        )
    return Planned(row.id, waybill.number, values["day"], fee, collected)  # type: ignore[arg-type]
