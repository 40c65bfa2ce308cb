"""The waybill form's money as it is typed: from the rates cached when the destination was
chosen, no database on a keystroke (WaybillFields.reprice)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from ...i18n import t
from ...services import pricing, waybills
from ...services.errors import ServiceError
from ...services.waybills import WaybillForm


def money(form: WaybillForm, rates: pricing.Rates, discount: Decimal | None) -> pricing.Breakdown:
    """The breakdown of the form as it stands; a blank or half-typed number counts as 0."""

    def number(name: str) -> Decimal:
        try:
            value = waybills.check_field(name, form, [])
        except ServiceError:
            return Decimal("0")
        return value if isinstance(value, Decimal) else Decimal("0")

    return pricing.breakdown(
        rates if discount is None else dataclasses.replace(rates, discount=discount),
        weight_kg=number("weight"),
        volume_m3=number("volume"),
        declared_value=number("declared_value"),
        delivery_mode=form.delivery,
        transfer_fee=number("transfer_fee") if form.transfer else Decimal("0"),
        freight_billed=number("freight") if form.freight.strip() else None,
    )


def price_line(money: pricing.Breakdown) -> str:
    return t(
        "wb.price_line",
        table=money.table_freight,
        insurance=money.insurance_fee,
        delivery=money.delivery_fee,
        upstairs=money.upstairs_fee,
        transfer=money.transfer_fee,
    )


def total_line(money: pricing.Breakdown, discount: Decimal | None) -> str:
    line = t("wb.total", total=money.total)
    if discount is not None:
        line += "  " + t("wb.agreed", discount=f"{discount}")
    if money.below_table:
        line += "  " + t("wb.below_table", table=money.table_freight)
    return line
