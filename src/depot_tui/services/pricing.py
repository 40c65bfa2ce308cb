"""Freight and insurance from the price table (R-2.8, R-5.8): Decimal money, rules as data."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from ..models import PriceRule
from . import settings

CENT = Decimal("0.01")


def rule_for(depot_id: int, place_id: int, day: dt.date) -> PriceRule | None:
    """The depot's price rule to a destination county in force on `day`."""
    return (PriceRule.select()
            .where((PriceRule.depot == depot_id) & (PriceRule.dest_place == place_id)
                   & (PriceRule.valid_from <= day)
                   & (PriceRule.valid_to.is_null() | (PriceRule.valid_to >= day)))
            .order_by(PriceRule.valid_from.desc()).first())


def freight(rule: PriceRule, weight_kg: Decimal, volume_m3: Decimal) -> Decimal:
    """By weight or by volume, whichever is higher, never below the minimum charge."""
    by_weight = Decimal(rule.per_kg) * weight_kg
    by_volume = Decimal(rule.per_m3) * volume_m3
    return max(by_weight, by_volume, Decimal(rule.min_charge)).quantize(CENT, ROUND_HALF_UP)


def insurance_fee(declared_value: Decimal, depot_id: int | None = None) -> Decimal:
    """3 per mille of the declared value, rounded up to a whole yuan by default (DOMAIN.md).

    Rate and rounding are settings. The rule sheet's own example ("10 元保费 = 3000 报价") does
    not follow from either: 3000 x 3 per mille is 9 yuan. It fits a 10-yuan minimum fee or
    rounding up to tens; which one the company means is an open question for the business.
    """
    if declared_value <= 0:
        return Decimal("0.00")
    rate = Decimal(str(settings.get("insurance.rate", depot_id)))
    rounding = settings.get("insurance.rounding", depot_id)
    fee = declared_value * rate
    if rounding == "up_yuan":
        return fee.quantize(Decimal("1"), ROUND_CEILING).quantize(CENT)
    return fee.quantize(CENT, ROUND_HALF_UP)
