"""Issuing a waybill (R-2.12: only the clerk on duty): everything checked again in one transaction,
numbered, one piece and label per piece, money and audit recorded, then printed; phone quotes
(R-3.2).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

from peewee import fn

from ...models import (
    Customer,
    Depot,
    DepotArea,
    Partner,
    Payment,
    PaymentMethod,
    Piece,
    Place,
    ReturnReceipt,
    Shift,
    Waybill,
    WaybillDraft,
    database_proxy,
)
from .. import audit, clock, customers, goods, labels, lookup, numbers, pricing, scoring, settings
from .. import money as money_service
from .. import partners as partners_service
from ..actor import Actor
from ..errors import FormError, NotFound, ServiceError
from ..handover import blocking_issue
from .form import Destination, FormContext, Issued, Parsed, WaybillForm
from .quotes import link as link_quote
from .refusals import (
    _below_table_refused,
    _checked,
    _money,
    _monthly_refused,
    _partner,
    _priced_place,
    _shipper,
    agreed,
)
from .row import _row, _tracked
from .slip import print_waybill, slip_text

# --- what the form reads ----------------------------------------------------------------------


def form_context(actor: Actor) -> FormContext:
    depot = Depot.get_by_id(actor.depot_id)
    keywords = goods.active_words()
    terms = {
        line.name: (line.transfer_fee, line.rebate, frozenset(code for code, _ in line.reach))
        for line in partners_service.lines(actor)
        if line.active
    }
    return FormContext(depot.code, keywords, list(terms), terms)


def destination(actor: Actor, code: str) -> Destination:
    """A chosen county with this depot's rates to it (None: no price, the form says so)."""
    hit = lookup.place(code)
    if hit is None:
        raise NotFound("error.destination_unknown", field="destination", text=code)
    place = Place.get(Place.code == code)
    rates = pricing.rates_for(actor.depot_id, place.id, clock.now().date())
    return Destination(dataclasses.replace(hit, priced=rates is not None), rates)


def _on_duty(actor: Actor, now: dt.datetime) -> Shift:
    """R-2.12: only the clerk on duty issues. The session's shift must be open, accepted at
    handover, and `now` inside it (give or take the grace setting)."""
    shift = Shift.get_or_none(Shift.id == actor.shift_id) if actor.shift_id else None
    if shift is None or shift.clock_out is not None:
        raise ServiceError("error.not_on_duty")
    grace = dt.timedelta(minutes=int(settings.get("issue.grace_minutes", actor.depot_id)))
    if not shift.planned_start - grace <= now <= shift.planned_end + grace:
        raise ServiceError("error.not_on_duty")
    if not shift.may_issue or blocking_issue(actor) is not None:  # a handover to them waits
        raise ServiceError("error.handover_not_accepted")
    return shift


def check_on_duty(actor: Actor) -> None:
    """Raise unless this session may issue waybills now (the form says so as it opens)."""
    _on_duty(actor, clock.now())


# --- issuing ----------------------------------------------------------------------------------


def _resolve(
    actor: Actor, parsed: Parsed, day: dt.date
) -> tuple[Place, int | None, pricing.Breakdown, Customer | None, Partner | None]:
    """The checks that need the database: destination, price, monthly account, partner."""
    place, rates = _priced_place(actor, parsed.destination, day)
    area = DepotArea.get_or_none(DepotArea.place == place.id)
    shipper = _shipper(parsed.shipper_phone)
    rates = agreed(actor, rates, shipper, day)
    partner, partner_refused = _partner(parsed.transfer, parsed.partner)
    money = _money(rates, vars(parsed))
    monthly = parsed.payment == PaymentMethod.MONTHLY
    errors = [
        e
        for e in (
            _monthly_refused(parsed.payment, shipper),
            partner_refused,
            _below_table_refused(money, parsed.below_reason),
            customers.credit_refused(actor, shipper, money.total, day) if monthly else None,
        )
        if e is not None
    ]
    if errors:
        raise FormError(errors)
    return place, area.depot_id if area else None, money, shipper, partner


def _customer(
    actor: Actor,
    existing: Customer | None,
    name: str,
    phone: str,
    *,
    place_id: int | None,
    address: str,
    now: dt.datetime,
) -> int:
    """The customer record under this phone; a new phone makes a new customer (for the next
    visit's lookup). An existing one is linked, never silently renamed."""
    if existing is None:
        existing = Customer.get_or_none(Customer.phone == phone)
    if existing is not None:
        return existing.id
    from pypinyin import Style, lazy_pinyin  # only where a new customer is named

    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()[:60]
    return Customer.create(
        name=name,
        phone=phone,
        pinyin=initials,
        address=address,
        place=place_id,
        created_at=now,
        created_by=actor.user_id,
    ).id


def _next_number(depot: Depot, now: dt.datetime) -> str:
    """The depot's next waybill number of the day (numbers.take: one counter row, locked)."""
    prefix = labels.number_prefix(depot.code, f"{now:%y%m%d}")

    def given() -> int:
        last = (
            Waybill.select(fn.MAX(Waybill.number))
            .where((Waybill.number >= prefix) & (Waybill.number < prefix + "\x7f"))
            .scalar()
        )
        return labels.sequence_of(last) if last else 0

    seq = numbers.take(depot.id, "waybill", now.date(), given=given)
    if seq > 9999:
        raise ServiceError("error.numbers_exhausted")
    return labels.waybill_number(depot.code, f"{now:%y%m%d}", seq)


def issue(
    actor: Actor,
    form: WaybillForm,
    *,
    shipper_confirmed: bool,
    outbox: Path,
    draft_id: int | None = None,
    shown_later: bool = False,
    quote_id: int | None = None,
    paid_by: str = "cash",
    reference: str = "",
) -> Issued:
    """Issue the waybill: number, pieces, labels, money, audit, any proposed deduction; then
    print the slip and the labels. One transaction; printing failures never undo it.

    `shown_later`: the caller is a screen that will `acknowledge` the number once the clerk
    has seen it; until then the waybill is one a crash could hide (`unacknowledged`).
    `quote_id`: the phone quote (R-3.2) the form was filled from, linked to the waybill.
    `paid_by`, `reference`: how freight paid now (现付) was paid: cash, or WeChat, Alipay or a
    bank transfer with its transaction number."""
    if not shipper_confirmed:
        raise ServiceError("error.shipper_not_confirmed")
    ref = money_service.how_paid(paid_by, reference)
    parsed = _checked(actor, form, goods.active_words(), clock.now().date())
    waybill, piece_labels = _issue_once(actor, parsed, draft_id, shown_later, quote_id, (paid_by, ref))
    printed = print_waybill(waybill, piece_labels, outbox)
    return Issued(waybill.number, piece_labels, Decimal(waybill.total), printed)


def preview(actor: Actor, form: WaybillForm) -> str:
    """The slip as it will print, for the shipper to check before anything is stored. Runs
    every check `issue` runs (FormError / ServiceError), so a confirmed slip issues."""
    now = clock.now()
    parsed = _checked(actor, form, goods.active_words(), now.date())
    _on_duty(actor, now)
    place, dest_depot, money, shipper, partner = _resolve(actor, parsed, now.date())
    row = _row(
        actor,
        parsed,
        number="-" * 13,
        place=place,
        dest_depot=dest_depot,
        money=money,
        partner=partner,
        now=now,
        shift_id=None,
        tracked=_tracked(actor, parsed, dest_depot, shipper, now),
    )
    return slip_text(row)


def _issue_once(
    actor: Actor,
    parsed: Parsed,
    draft_id: int | None,
    shown_later: bool,
    quote_id: int | None,
    paid: tuple[str, str] = ("cash", ""),
) -> tuple[Waybill, list[str]]:
    with database_proxy.atomic():
        now = clock.now()
        shift = _on_duty(actor, now)
        place, dest_depot, money, shipper, partner = _resolve(actor, parsed, now.date())
        depot = Depot.get_by_id(actor.depot_id)
        number = _next_number(depot, now)
        shipper_id = _customer(
            actor,
            shipper,
            parsed.shipper_name,
            parsed.shipper_phone,
            place_id=depot.place_id,
            address="",
            now=now,
        )
        consignee_id = _customer(
            actor,
            None,
            parsed.consignee_name,
            parsed.consignee_phone,
            place_id=place.id,
            address=parsed.address,
            now=now,
        )
        waybill = _row(
            actor,
            parsed,
            number=number,
            place=place,
            dest_depot=dest_depot,
            money=money,
            partner=partner,
            now=now,
            shift_id=shift.id,
            tracked=_tracked(actor, parsed, dest_depot, shipper, now),
        )
        waybill.shipper, waybill.consignee = shipper_id, consignee_id
        waybill.unseen = shown_later
        waybill.save(force_insert=True)
        piece_labels = [labels.piece_label(number, i) for i in range(1, parsed.pieces + 1)]
        Piece.insert_many(
            [
                {"waybill": waybill.id, "index": i, "label": label, "depot": depot.id}
                for i, label in enumerate(piece_labels, 1)
            ]
        ).execute()
        if parsed.receipt:
            ReturnReceipt.create(waybill=waybill.id, copies=parsed.receipt_copies)
        if parsed.payment == PaymentMethod.CASH:
            Payment.create(
                waybill=waybill.id,
                purpose="freight",
                amount=money.total,
                method=paid[0],
                reference=paid[1],
                by=actor.user_id,
                shift=shift.id,
                at=now,
            )
        link_quote(waybill.id, quote_id, depot.id)
        if draft_id is not None:
            WaybillDraft.delete().where(
                (WaybillDraft.id == draft_id) & (WaybillDraft.user == actor.user_id)
            ).execute()
        audit.record(
            actor,
            "waybill.issue",
            "waybill",
            number,
            new={
                "pieces": parsed.pieces,
                "destination": place.code,
                "total": money.total,
                "payment": parsed.payment.value,
                "shipper_confirmed": True,
                "hazard": parsed.hazard[0],
                "inspection": parsed.inspection,
                "class": waybill.cargo_class,
                "required_by": parsed.required_by,
                "quote": quote_id,
            },
        )
        if money.below_table:
            scoring.propose(
                actor,
                "F08",
                user_id=actor.user_id,
                depot_id=depot.id,
                waybill_id=waybill.id,
                note=f"{money.freight} < {money.table_freight}: {parsed.below_reason}",
                liable=money.table_freight - money.freight,  # R-5.8 "并负责不够运费"
            )
    return waybill, piece_labels
