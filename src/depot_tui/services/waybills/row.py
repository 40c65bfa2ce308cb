"""The waybill row for a form that passed every check: the values as stored, the money, and
what it is tracked by (its class, expected arrival and due time). `preview` prints it unsaved;
`issue` stores it."""

from __future__ import annotations

import datetime as dt

from ...models import Customer, Partner, Place, Waybill, WaybillStatus
from .. import pricing, tracking
from ..actor import Actor
from ..errors import ServiceError
from .form import Parsed


def _tracked(
    actor: Actor, parsed: Parsed, dest_depot: int | None, shipper: Customer | None, now: dt.datetime
) -> tracking.Plan:
    """The class, expected arrival and due time the waybill is followed by (SOP 004 ch.2)."""
    if actor.depot_id is None:  # only a depot's clerk issues (_on_duty has refused the rest)
        raise ServiceError("error.not_on_duty")
    return tracking.plan(
        actor.depot_id,
        dest_depot,
        chosen=parsed.cargo_class,
        delivery=parsed.delivery.value,
        required=parsed.required_by,
        shipper=shipper,
        declared_value=parsed.declared_value,
        now=now,
    )


def _row(
    actor: Actor,
    parsed: Parsed,
    *,
    number: str,
    place: Place,
    dest_depot: int | None,
    money: pricing.Breakdown,
    partner: Partner | None,
    now: dt.datetime,
    shift_id: int | None,
    tracked: tracking.Plan,
) -> Waybill:
    """The waybill row for `parsed` (not saved: `preview` prints it, `issue` stores it)."""
    return Waybill(
        number=number,
        origin_depot=actor.depot_id,
        dest_place=place.id,
        dest_depot=dest_depot,
        shipper_name=parsed.shipper_name,
        shipper_phone=parsed.shipper_phone,
        consignee_name=parsed.consignee_name,
        consignee_phone=parsed.consignee_phone,
        goods_name=parsed.goods_name,
        pieces=parsed.pieces,
        packaging=parsed.packaging,
        fragile=parsed.fragile,
        hazard=parsed.hazard[0],
        hazard_category=parsed.hazard[1],
        orientation=parsed.orientation,
        inspection=parsed.inspection,
        inspection_note=parsed.inspection_note,
        intake_damage=parsed.intake_damage,
        consignee_phone_confirmed=parsed.consignee_phone_confirmed,
        shipper_phone_confirmed=parsed.shipper_phone_confirmed,
        weight_kg=parsed.weight,
        volume_m3=parsed.volume,
        declared_value=parsed.declared_value,
        insurance_fee=money.insurance_fee,
        freight=money.freight,
        table_freight=money.table_freight,
        below_table_reason=parsed.below_reason if money.below_table else "",
        delivery_fee=money.delivery_fee,
        upstairs_fee=money.upstairs_fee,
        transfer_fee=money.transfer_fee,
        rebate=parsed.rebate,
        total=money.total,
        payment_method=parsed.payment.value,
        delivery_mode=parsed.delivery.value,
        delivery_address=parsed.address,
        receipt_required=parsed.receipt,
        receipt_copies=parsed.receipt_copies,
        hold_for_release=parsed.hold,
        is_transfer=parsed.transfer,
        partner=partner.id if partner else None,
        remarks=parsed.remarks,
        cargo_class=tracked.cargo_class,
        required_by=tracked.required_by,
        expected_at=tracked.expected_at,
        due_at=tracked.due_at,
        status=WaybillStatus.ISSUED,
        issued_by=actor.user_id,
        issued_at=now,
        shipper_confirmed_at=now,
        shift=shift_id,
    )
