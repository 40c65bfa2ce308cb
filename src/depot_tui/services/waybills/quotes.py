"""Phone quotes (报价, R-3.2): priced from the table and recorded; nothing is issued."""

from __future__ import annotations

from ...models import Quote, database_proxy
from .. import audit, checks, clock, pricing
from ..actor import Actor
from ..errors import FormError, ServiceError
from .form import WaybillForm, check_field
from .issue import form_context
from .refusals import _priced_place, _shipper, agreed


def quote(actor: Actor, form: WaybillForm) -> pricing.Breakdown:
    """Price a phone enquiry (报价, R-3) from the table and record it; nothing is issued.
    Only what a quote needs is checked: destination, goods, pieces, weight, volume."""
    needed = ("destination", "goods_name", "pieces", "weight", "volume", "declared_value", "delivery")
    keywords = form_context(actor).keywords
    errors, values = [], {}
    for name in needed:
        try:
            values[name] = check_field(name, form, keywords)
        except ServiceError as exc:
            errors.append(exc)
    caller_phone = ""
    if form.shipper_phone.strip():
        try:
            caller_phone = checks.phone(form.shipper_phone, "shipper_phone")
        except ServiceError as exc:
            errors.append(exc)
    if errors:
        raise FormError(errors)
    with database_proxy.atomic():
        place, rates = _priced_place(actor, values["destination"], clock.now().date())
        if caller_phone:  # a known shipper with an agreed price is quoted it
            rates = agreed(actor, rates, _shipper(caller_phone), clock.now().date())
        money = pricing.breakdown(
            rates,
            weight_kg=values["weight"],
            volume_m3=values["volume"],
            declared_value=values["declared_value"],
            delivery_mode=values["delivery"],
        )
        row = Quote.create(
            depot=actor.depot_id,
            user=actor.user_id,
            at=clock.now(),
            customer_name=form.shipper_name.strip()[:60],
            customer_phone=caller_phone,
            dest_place=place.id,
            goods_name=values["goods_name"],
            pieces=values["pieces"],
            packaging=form.packaging.strip()[:20],
            weight_kg=values["weight"],
            volume_m3=values["volume"],
            amount=money.total,
        )
        audit.record(
            actor,
            "quote.record",
            "quote",
            row.id,
            new={"destination": place.code, "amount": money.total, "phone": caller_phone},
        )
    return money
