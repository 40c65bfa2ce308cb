"""Freight and insurance from the price table (R-2.8, R-5.8): Decimal money, rules as data.

The form prices on every keystroke, so the database is read once per destination (`rates_for`)
and the arithmetic (`breakdown`) is a pure function of those rates and what was typed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from ..models import DeliveryMode, Place, PriceRule
from . import settings

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Rates:
    """What one depot charges to one destination county on one day, plus the insurance terms."""

    per_kg: Decimal
    per_m3: Decimal
    min_charge: Decimal
    delivery_fee: Decimal
    upstairs_fee: Decimal
    insurance_rate: Decimal
    insurance_rounding: str
    breaks: tuple[tuple[Decimal, Decimal], ...] = ()  # (up to kg, per kg), lightest first
    discount: Decimal = Decimal(1)  # the shipper's agreed price (协议价): 0.9 pays 90% of the table


@dataclass(frozen=True)
class Breakdown:
    """The money on a waybill. `table_freight` is what the price table asks; `freight` what is
    billed (lower only with a reason: fault 8)."""

    table_freight: Decimal
    freight: Decimal
    insurance_fee: Decimal
    delivery_fee: Decimal
    upstairs_fee: Decimal
    transfer_fee: Decimal
    total: Decimal

    @property
    def below_table(self) -> bool:
        return self.freight < self.table_freight


def covering(place_id: int) -> list[int]:
    """A county and the prefecture and province it lies in, most particular first: the places
    whose price lines may price it."""
    chain = [place_id]
    parent = Place.select(Place.parent).where(Place.id == place_id).scalar()
    if parent is not None:
        chain.append(parent)
        grand = Place.select(Place.parent).where(Place.id == parent).scalar()
        if grand is not None:
            chain.append(grand)
    return chain


def rule_for(depot_id: int, place_id: int, day: dt.date) -> PriceRule | None:
    """The depot's price line in force on `day` for a destination county: the county's own,
    else its prefecture's, else its province's (a line for a whole province is overridden
    county by county)."""
    chain = covering(place_id)
    rules = list(
        PriceRule.select().where(
            (PriceRule.depot == depot_id)
            & PriceRule.dest_place.in_(chain)
            & (PriceRule.valid_from <= day)
            & (PriceRule.valid_to.is_null() | (PriceRule.valid_to >= day))
        )
    )
    if not rules:
        return None
    return min(rules, key=lambda r: (chain.index(r.dest_place_id), -r.valid_from.toordinal()))


def weight_breaks(text: str) -> tuple[tuple[Decimal, Decimal], ...]:
    """A price line's stored weight bands as (up to kg, per kg), lightest first."""
    return tuple((Decimal(upto), Decimal(rate)) for upto, rate in json.loads(text)) if text else ()


def rates_for(depot_id: int, place_id: int, day: dt.date) -> Rates | None:
    """The rates the form prices with, or None when the depot has no price to that county."""
    rule = rule_for(depot_id, place_id, day)
    if rule is None:
        return None
    return Rates(
        per_kg=Decimal(rule.per_kg),
        per_m3=Decimal(rule.per_m3),
        min_charge=Decimal(rule.min_charge),
        delivery_fee=Decimal(rule.delivery_fee),
        upstairs_fee=Decimal(rule.upstairs_fee),
        insurance_rate=Decimal(str(settings.get("insurance.rate", depot_id, day))),
        insurance_rounding=settings.get("insurance.rounding", depot_id, day),
        breaks=weight_breaks(rule.weight_breaks),
    )


def per_kg(rates: Rates, weight_kg: Decimal) -> Decimal:
    """The per-kg rate for a waybill of this weight: its weight band's, else the line's own.
    The whole weight pays the band's rate (how line price sheets read: 100 kg以内 1.2 元/kg)."""
    for upto, rate in rates.breaks:
        if weight_kg <= upto:
            return rate
    return rates.per_kg


def freight(rates: Rates, weight_kg: Decimal, volume_m3: Decimal) -> Decimal:
    """By weight or by volume, whichever is higher, never below the minimum charge; then the
    shipper's agreed discount, if any, on the whole of it."""
    by_weight = per_kg(rates, weight_kg) * weight_kg
    by_volume = rates.per_m3 * volume_m3
    return (max(by_weight, by_volume, rates.min_charge) * rates.discount).quantize(CENT, ROUND_HALF_UP)


def insurance_on(declared_value: Decimal, rate: Decimal, rounding: str) -> Decimal:
    """3 per mille of the declared value, rounded up to a whole yuan by default (R-2.8).

    The rule sheet's own example ("10 元保费 = 3000 报价") does not follow from either: 3000 x 3
    per mille is 9 yuan. It fits a 10-yuan minimum fee or rounding up to tens; which one the
    company means is an open question for the business, so rate and rounding are settings.
    """
    if declared_value <= 0:
        return ZERO
    fee = declared_value * rate
    if rounding == "up_yuan":
        return fee.quantize(Decimal("1"), ROUND_CEILING).quantize(CENT)
    return fee.quantize(CENT, ROUND_HALF_UP)


def insurance_fee(
    declared_value: Decimal, depot_id: int | None = None, day: dt.date | None = None
) -> Decimal:
    """The insurance fee under this depot's settings on `day` (today)."""
    return insurance_on(
        declared_value,
        Decimal(str(settings.get("insurance.rate", depot_id, day))),
        settings.get("insurance.rounding", depot_id, day),
    )


def breakdown(
    rates: Rates,
    *,
    weight_kg: Decimal,
    volume_m3: Decimal,
    declared_value: Decimal,
    delivery_mode: str,
    transfer_fee: Decimal = ZERO,
    freight_billed: Decimal | None = None,
) -> Breakdown:
    """Every charge on the waybill and the total the shipper or consignee pays.

    Delivery modes other than self-pickup carry the table's delivery fee; 送货上楼 adds the
    upstairs fee. The transfer rebate (中转回扣) is between the depot and the partner line and
    is not part of the customer's total.
    """
    table = freight(rates, weight_kg, volume_m3)
    billed = table if freight_billed is None else freight_billed
    delivery = ZERO if delivery_mode == DeliveryMode.PICKUP else rates.delivery_fee.quantize(CENT)
    upstairs = rates.upstairs_fee.quantize(CENT) if delivery_mode == DeliveryMode.UPSTAIRS else ZERO
    insurance = insurance_on(declared_value, rates.insurance_rate, rates.insurance_rounding)
    transfer = transfer_fee.quantize(CENT)
    return Breakdown(
        table_freight=table,
        freight=billed,
        insurance_fee=insurance,
        delivery_fee=delivery,
        upstairs_fee=upstairs,
        transfer_fee=transfer,
        total=billed + insurance + delivery + upstairs + transfer,
    )
