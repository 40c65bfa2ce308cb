"""Phone quotes (报价, R-3.2): priced from the table and recorded, nothing issued; read back by
the caller's phone when the customer comes, priced again from the day's table, and linked to
the waybill issued from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from peewee import JOIN

from ...models import Place, Quote, User, Waybill, database_proxy
from .. import audit, checks, clock, customers, goods, pricing
from ..actor import Actor
from ..errors import FormError, ServiceError
from .form import WaybillForm, check_field
from .refusals import _priced_place, _shipper, agreed


def quote(actor: Actor, form: WaybillForm) -> pricing.Breakdown:
    """Price a phone enquiry (报价, R-3) from the table and record it; nothing is issued.
    Only what a quote needs is checked: destination, goods, pieces, weight, volume."""
    needed = ("destination", "goods_name", "pieces", "weight", "volume", "declared_value", "delivery")
    keywords = goods.active_words()
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
            declared_value=values["declared_value"],
            delivery_mode=str(values["delivery"]),
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


# --- quotes recalled (R-3.2: "正确报价后记录好", read back when the customer comes) -------------

#: How far back a customer's quotes are found: a month covers "I called last week".
RECALL_DAYS = 30


@dataclass(frozen=True)
class QuoteHit:
    """A recorded quote as the counter reads it back."""

    id: int
    at: dt.datetime
    clerk: str
    customer_name: str
    customer_phone: str
    place_code: str
    place_name: str
    goods_name: str
    pieces: int
    packaging: str
    weight: Decimal
    volume: Decimal
    declared_value: Decimal
    delivery_mode: str
    amount: Decimal
    waybill: str  # the number of the waybill issued from it, "" while none


def recent(actor: Actor, phone: str, *, days: int = RECALL_DAYS) -> list[QuoteHit]:
    """This depot's quotes to the caller at `phone` in the last `days` days, newest first."""
    number = checks.phone(phone, "destination")
    since = clock.now() - dt.timedelta(days=days)
    query = (
        Quote.select(Quote, Place.code, Place.name.alias("place"), User.name.alias("clerk"), Waybill.number)
        .join(Place, on=Quote.dest_place == Place.id)
        .switch(Quote)
        .join(User, on=Quote.user == User.id)
        .switch(Quote)
        .join(Waybill, JOIN.LEFT_OUTER, on=Quote.waybill == Waybill.id)
        .where((Quote.depot == actor.depot_id) & (Quote.customer_phone == number) & (Quote.at >= since))
        .order_by(Quote.at.desc())
        .limit(20)
    )
    return [
        QuoteHit(
            id=row["id"],
            at=row["at"],
            clerk=row["clerk"],
            customer_name=row["customer_name"],
            customer_phone=row["customer_phone"],
            place_code=row["code"],
            place_name=row["place"],
            goods_name=row["goods_name"],
            pieces=row["pieces"],
            packaging=row["packaging"],
            weight=Decimal(row["weight_kg"]),
            volume=Decimal(row["volume_m3"]),
            declared_value=Decimal(row["declared_value"]),
            delivery_mode=row["delivery_mode"],
            amount=Decimal(row["amount"]),
            waybill=row["number"] or "",
        )
        for row in cast(Iterable[dict[str, Any]], query.dicts())
    ]


def form_of_quote(hit: QuoteHit) -> WaybillForm:
    """The waybill form filled with what was quoted: the caller as shipper, the goods as
    described on the phone. The clerk still measures (R-1.3) and asks the rest."""
    return WaybillForm(
        destination=hit.place_code,
        shipper_phone=hit.customer_phone,
        shipper_name=hit.customer_name,
        goods_name=hit.goods_name,
        pieces=str(hit.pieces),
        packaging=hit.packaging,
        weight=f"{hit.weight}",
        volume=f"{hit.volume}",
        declared_value=f"{hit.declared_value}" if hit.declared_value else "",
        delivery=hit.delivery_mode,
    )


@dataclass(frozen=True)
class Recheck:
    """A quote priced again from today's table: `cause` says why it differs ("" when it does
    not): "table" (a new price line since `since`), "agreement" (the shipper's agreed price
    changed), "insurance" (the insurance terms changed)."""

    quoted: Decimal
    today: Decimal
    cause: str
    since: dt.date | None = None


def recheck(actor: Actor, quote_id: int) -> Recheck:
    """R-3.2's quote against the price table of the day, for the same figures."""
    row = Quote.get_or_none((Quote.id == quote_id) & (Quote.depot == actor.depot_id))
    if row is None:
        raise ServiceError("error.quote_unknown")
    then, today = row.at.date(), clock.now().date()
    place, rates = _priced_place(actor, Place.get_by_id(row.dest_place_id).code, today)
    shipper = _shipper(row.customer_phone) if row.customer_phone else None
    rates = agreed(actor, rates, shipper, today)
    money = pricing.breakdown(
        rates,
        weight_kg=Decimal(row.weight_kg),
        volume_m3=Decimal(row.volume_m3),
        declared_value=Decimal(row.declared_value),
        delivery_mode=row.delivery_mode,
    )
    quoted = Decimal(row.amount)
    if money.total == quoted:
        return Recheck(quoted, money.total, "")
    rule_then, rule_now = (pricing.rule_for(row.depot_id, place.id, day) for day in (then, today))
    if rule_then is None or rule_now is None or rule_then.id != rule_now.id:
        return Recheck(quoted, money.total, "table", rule_now.valid_from if rule_now else None)
    discount_then = customers.agreed_discount(shipper.id if shipper else None, row.depot_id, then)
    if discount_then != (rates.discount if shipper and rates.discount != 1 else None):
        return Recheck(quoted, money.total, "agreement")
    return Recheck(quoted, money.total, "insurance")


def link(waybill_id: int, quote_id: int | None, depot_id: int) -> None:
    """The waybill issued from this quote (inside the issuing transaction): a quote already
    taken up keeps its first waybill."""
    if quote_id is not None:
        Quote.update(waybill=waybill_id).where(
            (Quote.id == quote_id) & (Quote.depot == depot_id) & Quote.waybill.is_null()
        ).execute()
