"""The checks of a waybill form that need the database (the destination's price, the monthly
account, the partner, a freight below the table), and the form's every refusal at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from ...codes import PaymentMethod
from ...models import Customer, Partner, Place, PlaceLevel
from .. import customers, pricing
from ..actor import Actor
from ..errors import FormError, ServiceError
from .form import Parsed, WaybillForm, check_field, parse


def _priced_place(actor: Actor, code: str, day: dt.date) -> tuple[Place, pricing.Rates]:
    """The destination county and this depot's rates to it, or the error for the field."""
    place = Place.get_or_none((Place.code == code) & (Place.level == PlaceLevel.COUNTY))
    if place is None:
        raise ServiceError("error.destination_unknown", field="destination", text=code)
    rates = pricing.rates_for(actor.depot_id, place.id, day)
    if rates is None:
        raise ServiceError("error.no_price", field="destination", place=place.name)
    return place, rates


def _checked(actor: Actor, form: WaybillForm, keywords: list[tuple[str, str]], day: dt.date) -> Parsed:
    """The form parsed; or every error at once: each field's, and the database checks of the
    fields that are good (a missing rebate and a freight below the table without its reason
    came one F10 apart)."""
    try:
        return parse(form, keywords)
    except FormError as exc:
        errors = list(exc.errors)
    failed = {e.field for e in errors}
    names = [item.name for item in dataclasses.fields(WaybillForm)]
    good = {name: check_field(name, form, keywords) for name in names if name not in failed}
    errors += _database_refusals(actor, good, day)
    errors.sort(key=lambda e: names.index(e.field) if e.field in names else len(names))
    raise FormError(errors)


def _database_refusals(actor: Actor, good: dict[str, Any], day: dt.date) -> list[ServiceError]:
    """_resolve's checks, each made only where the fields it reads are good."""
    out: list[ServiceError | None] = []
    rates = None
    shipper = _shipper(good["shipper_phone"]) if "shipper_phone" in good else None
    if "destination" in good:
        try:
            _place, rates = _priced_place(actor, good["destination"], day)
            rates = agreed(actor, rates, shipper, day)
        except ServiceError as exc:
            out.append(exc)
    if {"payment", "shipper_phone"} <= good.keys():
        out.append(_monthly_refused(good["payment"], shipper))
    if {"transfer", "partner"} <= good.keys():
        out.append(_partner(good["transfer"], good["partner"])[1])
    if rates is not None and set(PRICED) | {"below_reason"} <= good.keys():
        out.append(_below_table_refused(_money(rates, good), good["below_reason"]))
    return [e for e in out if e is not None]


#: The fields a price is worked out from.
PRICED = ("weight", "volume", "declared_value", "delivery", "transfer_fee", "freight")


def _shipper(phone: str) -> Customer | None:
    return (
        Customer.select()
        .where(Customer.phone == phone)
        .order_by(Customer.monthly_account.desc(), Customer.id)
        .first()
    )


def agreed(actor: Actor, rates: pricing.Rates, shipper: Customer | None, day: dt.date) -> pricing.Rates:
    """The rates with the shipper's approved agreed price (协议价) at this depot, if any."""
    discount = customers.agreed_discount(shipper.id if shipper else None, actor.depot_id, day)
    return rates if discount is None else dataclasses.replace(rates, discount=discount)


def _monthly_refused(payment: str, shipper: Customer | None) -> ServiceError | None:
    if payment == PaymentMethod.MONTHLY and not (shipper and shipper.monthly_account):
        return ServiceError("error.no_monthly_account", field="payment")
    return None


def _partner(transfer: bool, name: str) -> tuple[Partner | None, ServiceError | None]:
    if not transfer:
        return None, None
    partner = Partner.get_or_none((Partner.name == name) & Partner.active)
    if partner is None:
        return None, ServiceError("error.partner_unknown", field="partner", name=name)
    return partner, None


def _money(rates: pricing.Rates, values: dict[str, Any]) -> pricing.Breakdown:
    return pricing.breakdown(
        rates,
        weight_kg=values["weight"],
        volume_m3=values["volume"],
        declared_value=values["declared_value"],
        delivery_mode=values["delivery"],
        transfer_fee=values["transfer_fee"],
        freight_billed=values["freight"],
    )


def _below_table_refused(money: pricing.Breakdown, reason: str) -> ServiceError | None:
    if money.below_table and not reason:
        return ServiceError("error.below_table_reason", field="below_reason", table=money.table_freight)
    return None
