"""Waybills (运单, R-1, R-2): checking a typed form, pricing, issuing with pieces and labels,
quotes, drafts, signed corrections and voiding.

The form is text as typed (`WaybillForm`); `parse` turns it into values or says, field by field,
what is wrong. `issue` checks everything again inside one transaction, numbers the waybill,
makes one piece and label per piece, records the money and the audit trail, and then prints.
Nothing issued is overwritten in place: `correct` stores each change as a revision (R-2.13).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from peewee import fn

from ..models import (
    Customer,
    DeliveryMode,
    Depot,
    DepotArea,
    Partner,
    Payment,
    PaymentMethod,
    Piece,
    Place,
    PlaceLevel,
    ProhibitedKeyword,
    Quote,
    ReturnReceipt,
    Role,
    Shift,
    User,
    Waybill,
    WaybillDraft,
    WaybillRevision,
    WaybillStatus,
    database_proxy,
)
from . import audit, checks, clock, labels, lookup, numbers, pricing, printing, scoring, settings
from .actor import Actor, requires
from .errors import NotFound, PermissionDenied, ServiceError

#: Packaging that means "not packed": such goods travel at the shipper's risk (R-2.5).
UNPACKAGED = ("无包装", "裸装", "散装", "裸件")
REMARK_OWN_RISK = "货损自负"
REMARK_INSURED = "保丢不保损"
REMARK_HOLD = "等通知放货"


@dataclass
class WaybillForm:
    """The F2 form as typed, field by field, in the order the counter conversation runs.

    Choices are stored as their codes (payment "cash", delivery "pickup"); yes/no as bools.
    A blank `freight` means "as the price table says".
    """

    destination: str = ""  # GB/T 2260 code of the county, once looked up
    consignee_phone: str = ""
    consignee_name: str = ""
    shipper_phone: str = ""
    shipper_name: str = ""
    goods_name: str = ""
    pieces: str = ""
    packaging: str = ""
    fragile: bool = False
    weight: str = ""
    volume: str = ""
    declared_value: str = ""
    payment: str = PaymentMethod.CASH.value
    delivery: str = DeliveryMode.PICKUP.value
    address: str = ""
    receipt: bool = False
    receipt_copies: str = ""
    hold: bool = False
    transfer: bool = False
    partner: str = ""
    transfer_fee: str = ""
    rebate: str = ""
    freight: str = ""
    below_reason: str = ""
    remarks: str = ""

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> WaybillForm:
        data = json.loads(text)
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def is_blank(self) -> bool:
        return self == WaybillForm()


@dataclass(frozen=True)
class Parsed:
    """A form whose every field passed its check (the database-free checks, see `parse`)."""

    destination: str
    consignee_phone: str
    consignee_name: str
    shipper_phone: str
    shipper_name: str
    goods_name: str
    pieces: int
    packaging: str
    fragile: bool
    weight: Decimal
    volume: Decimal
    declared_value: Decimal
    payment: PaymentMethod
    delivery: DeliveryMode
    address: str
    receipt: bool
    receipt_copies: int
    hold: bool
    transfer: bool
    partner: str
    transfer_fee: Decimal
    rebate: Decimal
    freight: Decimal | None
    below_reason: str
    remarks: str


class FormError(ServiceError):
    """Several fields are wrong: `errors` in form order; the first one names the field to fix."""

    def __init__(self, errors: list[ServiceError]) -> None:
        first = errors[0]
        super().__init__(first.key, field=first.field, **first.params)
        self.errors = errors


@dataclass(frozen=True)
class FormContext:
    """What the form needs once when it opens: the keyword list, the partner lines."""

    depot_code: str
    keywords: list[tuple[str, str]]
    partners: list[str]


@dataclass(frozen=True)
class Destination:
    place: lookup.PlaceHit
    rates: pricing.Rates | None


@dataclass(frozen=True)
class Issued:
    number: str
    labels: list[str]
    total: Decimal
    printed: list[printing.Printed] = field(default_factory=list)

    @property
    def print_error(self) -> str | None:
        return next((p.error for p in self.printed if p.error), None)


# --- checks -------------------------------------------------------------------------------------


def suggested_remarks(*, fragile: bool, packaging: str, declared: bool, hold: bool) -> list[str]:
    """The remarks R-2 requires for these answers (the clerk may still edit them)."""
    out = []
    if fragile or any(word in packaging for word in UNPACKAGED):
        out.append(REMARK_OWN_RISK)
    if declared:
        out.append(REMARK_INSURED)
    if hold:
        out.append(REMARK_HOLD)
    return out


def check_field(name: str, form: WaybillForm, keywords: list[tuple[str, str]]) -> object:
    """Check one field of the form (as the cursor leaves it). Returns the clean value."""
    value = getattr(form, name)
    match name:
        case "destination":
            if not value:
                raise ServiceError("error.destination_required", field=name)
            return value
        case "consignee_phone" | "shipper_phone":
            return checks.phone(value, name)
        case "consignee_name" | "shipper_name":
            return checks.person_name(value, name)
        case "goods_name":
            return checks.goods_name(value, keywords)
        case "pieces":
            return checks.pieces(value)
        case "packaging":
            return checks.optional_text(value, name, max_length=20)
        case "weight":
            return checks.weight(value)
        case "volume":
            return checks.volume(value)
        case "declared_value":
            return checks.declared_value(value)
        case "payment":
            if value not in PaymentMethod.__members__.values():
                raise ServiceError("error.choice", field=name)
            if value == PaymentMethod.ON_RECEIPT and not form.receipt:
                raise ServiceError("error.on_receipt_needs_receipt", field=name)
            return PaymentMethod(value)
        case "delivery":
            if value not in DeliveryMode.__members__.values():
                raise ServiceError("error.choice", field=name)
            return DeliveryMode(value)
        case "address":
            if form.delivery == DeliveryMode.PICKUP:
                return ""
            if not value.strip():
                raise ServiceError("error.address_required", field=name)
            return checks.address(value)
        case "receipt_copies":
            return checks.copies(value) if form.receipt else 0
        case "partner":
            if not form.transfer:
                return ""
            if not value.strip():
                raise ServiceError("error.partner_required", field=name)
            return value.strip()
        case "transfer_fee":
            return checks.money(value, name) if form.transfer else Decimal("0")
        case "rebate":
            if not form.transfer:
                return Decimal("0")
            if not value.strip():  # fault 6: the rebate must be marked, 0 when there is none
                raise ServiceError("error.rebate_required", field=name)
            return checks.money(value, name)
        case "freight":
            return checks.money(value, name, blank_is_zero=False) if value.strip() else None
        case "below_reason":
            return checks.optional_text(value, name, max_length=200)
        case "remarks":
            return checks.optional_text(value, name, max_length=200)
        case "fragile" | "receipt" | "hold" | "transfer":
            return bool(value)
    raise KeyError(name)


def parse(form: WaybillForm, keywords: list[tuple[str, str]]) -> Parsed:
    """Every field checked; raises FormError listing each wrong field, in form order."""
    values: dict[str, object] = {}
    errors: list[ServiceError] = []
    for item in dataclasses.fields(WaybillForm):
        try:
            values[item.name] = check_field(item.name, form, keywords)
        except ServiceError as exc:
            errors.append(exc)
    if errors:
        raise FormError(errors)
    return Parsed(**values)  # type: ignore[arg-type]


# --- what the form reads ----------------------------------------------------------------------


def form_context(actor: Actor) -> FormContext:
    depot = Depot.get_by_id(actor.depot_id)
    keywords = [(k.word, k.category) for k in ProhibitedKeyword.select().where(ProhibitedKeyword.active)]
    partners = [p.name for p in Partner.select().where(Partner.active).order_by(Partner.name)]
    return FormContext(depot.code, keywords, partners)


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
    from .handover import blocking_issue

    if not shift.may_issue or blocking_issue(actor) is not None:  # a handover to them waits
        raise ServiceError("error.handover_not_accepted")
    return shift


def check_on_duty(actor: Actor) -> None:
    """Raise unless this session may issue waybills now (the form says so as it opens)."""
    _on_duty(actor, clock.now())


# --- issuing ----------------------------------------------------------------------------------


def _priced_place(actor: Actor, code: str, day: dt.date) -> tuple[Place, pricing.Rates]:
    """The destination county and this depot's rates to it, or the error for the field."""
    place = Place.get_or_none((Place.code == code) & (Place.level == PlaceLevel.COUNTY))
    if place is None:
        raise ServiceError("error.destination_unknown", field="destination", text=code)
    rates = pricing.rates_for(actor.depot_id, place.id, day)
    if rates is None:
        raise ServiceError("error.no_price", field="destination", place=place.name)
    return place, rates


def _resolve(
    actor: Actor, parsed: Parsed, day: dt.date
) -> tuple[Place, int | None, pricing.Breakdown, Customer | None, Partner | None]:
    """The checks that need the database: destination, price, monthly account, partner."""
    errors: list[ServiceError] = []
    place, rates = _priced_place(actor, parsed.destination, day)
    area = DepotArea.get_or_none(DepotArea.place == place.id)
    shipper = (
        Customer.select()
        .where(Customer.phone == parsed.shipper_phone)
        .order_by(Customer.monthly_account.desc(), Customer.id)
        .first()
    )
    if parsed.payment == PaymentMethod.MONTHLY and not (shipper and shipper.monthly_account):
        errors.append(ServiceError("error.no_monthly_account", field="payment"))
    partner = None
    if parsed.transfer:
        partner = Partner.get_or_none((Partner.name == parsed.partner) & Partner.active)
        if partner is None:
            errors.append(ServiceError("error.partner_unknown", field="partner", name=parsed.partner))
    money = pricing.breakdown(
        rates,
        weight_kg=parsed.weight,
        volume_m3=parsed.volume,
        declared_value=parsed.declared_value,
        delivery_mode=parsed.delivery,
        transfer_fee=parsed.transfer_fee,
        freight_billed=parsed.freight,
    )
    if money.below_table and not parsed.below_reason:
        errors.append(
            ServiceError("error.below_table_reason", field="below_reason", table=money.table_freight)
        )
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
) -> Issued:
    """Issue the waybill: number, pieces, labels, money, audit, any proposed deduction; then
    print the slip and the labels. One transaction; printing failures never undo it.

    `shown_later`: the caller is a screen that will `acknowledge` the number once the clerk
    has seen it; until then the waybill is one a crash could hide (`unacknowledged`)."""
    if not shipper_confirmed:
        raise ServiceError("error.shipper_not_confirmed")
    keywords = form_context(actor).keywords
    parsed = parse(form, keywords)
    waybill, piece_labels = _issue_once(actor, parsed, draft_id, shown_later)
    printed = print_waybill(waybill, piece_labels, outbox)
    return Issued(waybill.number, piece_labels, Decimal(waybill.total), printed)


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
        status=WaybillStatus.ISSUED,
        issued_by=actor.user_id,
        issued_at=now,
        shipper_confirmed_at=now,
        shift=shift_id,
    )


def preview(actor: Actor, form: WaybillForm) -> str:
    """The slip as it will print, for the shipper to check before anything is stored. Runs
    every check `issue` runs (FormError / ServiceError), so a confirmed slip issues."""
    parsed = parse(form, form_context(actor).keywords)
    now = clock.now()
    _on_duty(actor, now)
    place, dest_depot, money, _shipper, partner = _resolve(actor, parsed, now.date())
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
    )
    return slip_text(row)


def _issue_once(
    actor: Actor, parsed: Parsed, draft_id: int | None, shown_later: bool
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
                method="cash",
                by=actor.user_id,
                shift=shift.id,
                at=now,
            )
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
            )
    return waybill, piece_labels


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


# --- drafts (a half-typed waybill survives a dropped link, Ctrl+Q, a crash of the terminal) -----


@dataclass(frozen=True)
class Draft:
    id: int
    form: WaybillForm
    updated_at: dt.datetime


def save_draft(actor: Actor, form: WaybillForm, draft_id: int | None = None) -> int:
    """Keep what was typed; returns the draft's id (the same one on later saves). The same
    form kept twice without its id (a hang-up whose save landed just as the recovery file
    was written, both then saved) is one draft, not two."""
    now = clock.now()
    data = form.to_json()
    with database_proxy.atomic():
        mine = WaybillDraft.user == actor.user_id
        row = (
            WaybillDraft.get_or_none((WaybillDraft.id == draft_id) & mine)
            if draft_id
            else WaybillDraft.get_or_none((WaybillDraft.data == data) & mine)
        )
        if row is None:
            row = WaybillDraft.create(
                user=actor.user_id, depot=actor.depot_id, data=data, created_at=now, updated_at=now
            )
        else:
            row.data, row.updated_at = data, now
            row.save()
        audit.record(actor, "waybill.draft", "waybill_draft", row.id)
    return row.id


def latest_draft(actor: Actor) -> Draft | None:
    row = (
        WaybillDraft.select()
        .where(WaybillDraft.user == actor.user_id)
        .order_by(WaybillDraft.updated_at.desc())
        .first()
    )
    return Draft(row.id, WaybillForm.from_json(row.data), row.updated_at) if row else None


def discard_draft(actor: Actor, draft_id: int) -> None:
    with database_proxy.atomic():
        deleted = (
            WaybillDraft.delete()
            .where((WaybillDraft.id == draft_id) & (WaybillDraft.user == actor.user_id))
            .execute()
        )
        if deleted:
            audit.record(actor, "waybill.draft_discard", "waybill_draft", draft_id)


# --- after issue: read, correct, void, reprint ----------------------------------------------------


#: Fields a correction may change, and the fault (R-5) a later correction of it suggests.
CORRECTABLE: dict[str, str | None] = {
    "consignee_name": "F02",
    "consignee_phone": "F02",
    "destination": "F03",
    "payment": "F05",
    "delivery": "F04",
    "receipt": "F07",
    "shipper_name": None,
    "shipper_phone": None,
    "goods_name": None,
    "packaging": None,
    "address": None,
    "receipt_copies": None,
    "hold": None,
    "remarks": None,
}
#: form field -> Waybill column
_COLUMN = {
    "destination": "dest_place",
    "payment": "payment_method",
    "delivery": "delivery_mode",
    "address": "delivery_address",
    "receipt": "receipt_required",
    "hold": "hold_for_release",
}


def _visible(actor: Actor, waybill: Waybill) -> bool:
    return actor.role == Role.ADMIN or actor.depot_id in (waybill.origin_depot_id, waybill.dest_depot_id)


def get(actor: Actor, number: str) -> Waybill:
    """The waybill with this number, if this user's depot sent it or receives it."""
    waybill = Waybill.get_or_none(Waybill.number == number.strip().upper())
    if waybill is None:
        raise NotFound("error.waybill_unknown", number=number)
    if not _visible(actor, waybill):
        raise PermissionDenied("error.waybill_other_depot", number=waybill.number)
    return waybill


def form_of(waybill: Waybill) -> WaybillForm:
    """A waybill as the form's fields (what a correction starts from)."""
    return WaybillForm(
        destination=waybill.dest_place.code,
        consignee_phone=waybill.consignee_phone,
        consignee_name=waybill.consignee_name,
        shipper_phone=waybill.shipper_phone,
        shipper_name=waybill.shipper_name,
        goods_name=waybill.goods_name,
        pieces=str(waybill.pieces),
        packaging=waybill.packaging,
        fragile=bool(waybill.fragile),
        weight=str(waybill.weight_kg),
        volume=str(waybill.volume_m3),
        declared_value=str(waybill.declared_value),
        payment=waybill.payment_method,
        delivery=waybill.delivery_mode,
        address=waybill.delivery_address,
        receipt=bool(waybill.receipt_required),
        receipt_copies=str(waybill.receipt_copies or ""),
        hold=bool(waybill.hold_for_release),
        transfer=bool(waybill.is_transfer),
        partner=waybill.partner.name if waybill.partner_id else "",
        transfer_fee=str(waybill.transfer_fee),
        rebate=str(waybill.rebate),
        freight=str(waybill.freight),
        below_reason=waybill.below_table_reason,
        remarks=waybill.remarks,
    )


def correct(
    actor: Actor, number: str, changes: dict[str, object], reason: str, *, outbox: Path
) -> tuple[int, printing.Printed]:
    """Correct an issued waybill (R-2.13): each changed field old -> new, who, when, why, as a
    new revision beside the old values; the reprinted slip says it was corrected. A later fix
    of consignee, destination, payment, delivery mode or receipt proposes the matching fault
    against the clerk who issued it. Returns the revision number and the reprint."""
    reason = checks.reason(reason)
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ServiceError("error.not_correctable", field=sorted(unknown)[0])
    with database_proxy.atomic():
        waybill = get(actor, number)
        if waybill.status == WaybillStatus.VOID:
            raise ServiceError("error.waybill_void", number=waybill.number)
        form = form_of(waybill)
        for name, value in changes.items():
            setattr(form, name, value)
        keywords = form_context(actor).keywords
        diff: dict[str, list] = {}
        errors: list[ServiceError] = []
        for name in changes:
            try:
                new = check_field(name, form, keywords)
            except ServiceError as exc:
                errors.append(exc)
                continue
            column = _COLUMN.get(name, name)
            old = getattr(waybill, column)
            if name == "destination":
                county = Place.level == PlaceLevel.COUNTY
                named = list(
                    Place.select().where(county & ((Place.code == new) | (Place.name == new))).limit(2)
                )
                place = named[0] if len(named) == 1 else None
                if place is None:
                    errors.append(ServiceError("error.destination_unknown", field=name, text=new))
                    continue
                old, new = waybill.dest_place.code, place.code
                if old != new:
                    area = DepotArea.get_or_none(DepotArea.place == place.id)
                    waybill.dest_place, waybill.dest_depot = place.id, area.depot_id if area else None
            elif str(old) != str(new):
                setattr(waybill, column, new.value if hasattr(new, "value") else new)
            if str(old) != str(new):
                diff[name] = [str(old), str(new.value if hasattr(new, "value") else new)]
        if form.payment == PaymentMethod.MONTHLY and "payment" in diff:
            shipper = Customer.get_or_none(Customer.id == waybill.shipper_id)
            if not (shipper and shipper.monthly_account):
                errors.append(ServiceError("error.no_monthly_account", field="payment"))
        if errors:
            raise FormError(errors)
        if not diff:
            raise ServiceError("error.nothing_changed")
        if "receipt" in diff or "receipt_copies" in diff:
            _sync_receipt(waybill)
        waybill.revision += 1
        waybill.save()
        now = clock.now()
        WaybillRevision.create(
            waybill=waybill.id,
            revision=waybill.revision,
            changes=json.dumps(diff, ensure_ascii=False),
            reason=reason,
            made_by=actor.user_id,
            made_at=now,
        )
        audit.record(
            actor,
            "waybill.correct",
            "waybill",
            waybill.number,
            old={k: v[0] for k, v in diff.items()},
            new={k: v[1] for k, v in diff.items()},
            reason=reason,
        )
        faults = sorted({CORRECTABLE[name] for name in diff if CORRECTABLE[name]})
        for code in faults:
            if code == "F04" and diff["delivery"][0] != DeliveryMode.PICKUP:
                continue  # only a delivery waybill issued as self-pickup is fault 4
            if code == "F07" and diff["receipt"][1] != "True":
                continue
            scoring.propose(
                actor,
                code,
                user_id=waybill.issued_by_id,
                depot_id=waybill.origin_depot_id,
                waybill_id=waybill.id,
                note=f"{waybill.number} r{waybill.revision}: {reason}",
            )
    printed = printing.deliver(
        outbox, f"slip-{waybill.number}-r{waybill.revision}.txt", slip_text(waybill), waybill.origin_depot_id
    )
    return waybill.revision, printed


def _sync_receipt(waybill: Waybill) -> None:
    row = ReturnReceipt.get_or_none(ReturnReceipt.waybill == waybill.id)
    if waybill.receipt_required:
        copies = max(1, int(waybill.receipt_copies or 1))
        waybill.receipt_copies = copies
        if row is None:
            ReturnReceipt.create(waybill=waybill.id, copies=copies)
        else:
            row.copies = copies
            row.save()
    elif row is not None and row.status == "unsigned":
        row.delete_instance()
        waybill.receipt_copies = 0


@requires(Role.SUPERVISOR, Role.ADMIN)
def void(actor: Actor, number: str, reason: str) -> None:
    """Void a waybill (supervisors only): allowed while its goods are all still in stock here."""
    reason = checks.reason(reason)
    with database_proxy.atomic():
        waybill = get(actor, number)
        if waybill.status == WaybillStatus.VOID:
            raise ServiceError("error.waybill_void", number=waybill.number)
        if waybill.status != WaybillStatus.ISSUED:
            raise ServiceError("error.void_after_loading", number=waybill.number)
        old = waybill.status
        waybill.status = WaybillStatus.VOID
        waybill.voided_by, waybill.voided_at, waybill.void_reason = actor.user_id, clock.now(), reason
        waybill.save()
        audit.record(
            actor,
            "waybill.void",
            "waybill",
            waybill.number,
            old={"status": old},
            new={"status": WaybillStatus.VOID.value},
            reason=reason,
            depot_id=waybill.origin_depot_id,
        )


def print_waybill(waybill: Waybill, piece_labels: list[str], outbox: Path) -> list[printing.Printed]:
    depot_id = waybill.origin_depot_id
    station = Depot.get_by_id(waybill.dest_depot_id).code if waybill.dest_depot_id else ""
    zpl = printing.labels_zpl(
        labels=piece_labels,
        number=waybill.number,
        station=station,
        destination=Place.get_by_id(waybill.dest_place_id).name,
        consignee=waybill.consignee_name,
        pieces=waybill.pieces,
        font=str(settings.get("print.label_font", depot_id)),
    )
    return [
        printing.deliver(outbox, f"slip-{waybill.number}.txt", slip_text(waybill), depot_id),
        printing.deliver(outbox, f"labels-{waybill.number}.zpl", zpl, depot_id),
    ]


def reprint(actor: Actor, number: str, outbox: Path) -> list[printing.Printed]:
    """Print the slip and labels of an issued waybill again (audited: reprints are counted)."""
    waybill = get(actor, number)
    piece_labels = [p.label for p in waybill.piece_rows.order_by(Piece.index)]
    with database_proxy.atomic():
        audit.record(actor, "waybill.reprint", "waybill", waybill.number)
    return print_waybill(waybill, piece_labels, outbox)


# --- what a crash hid ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Unseen:
    """A waybill committed whose number the clerk's screen never showed."""

    number: str
    issued_at: dt.datetime
    consignee_name: str
    pieces: int
    total: Decimal


#: How far back a clerk is shown what a crash hid: past a week the goods have long gone.
UNSEEN_WINDOW = dt.timedelta(days=7)


def acknowledge(actor: Actor, number: str) -> None:
    """The clerk's screen showed `number` as issued (or its print failure). Until then, a
    crash between the commit and the screen leaves a waybill the clerk does not know exists
    and would issue again: `unacknowledged` offers it at the next login."""
    with database_proxy.atomic():
        done = (
            Waybill.update(unseen=False)
            .where((Waybill.number == number) & (Waybill.issued_by == actor.user_id) & Waybill.unseen)
            .execute()
        )
        if done:
            audit.record(actor, "waybill.acknowledge", "waybill", number)


def unacknowledged(actor: Actor) -> list[Unseen]:
    """The actor's waybills of the last UNSEEN_WINDOW that were committed but never shown on
    their screen (a crash, a kill or a dropped link right after F10), newest first."""
    rows = (
        Waybill.select(
            Waybill.number, Waybill.issued_at, Waybill.consignee_name, Waybill.pieces, Waybill.total
        )
        .where(
            (Waybill.issued_by == actor.user_id)
            & Waybill.unseen
            & (Waybill.status != WaybillStatus.VOID)
            & (Waybill.issued_at >= clock.now() - UNSEEN_WINDOW)
        )
        .order_by(Waybill.issued_at.desc())
        .limit(20)
    )
    return [Unseen(w.number, w.issued_at, w.consignee_name, w.pieces, Decimal(w.total)) for w in rows]


# --- the slip -----------------------------------------------------------------------------------

_PAYMENT_ZH = {"cash": "现付", "collect": "提付", "monthly": "月结", "on_receipt": "回单付"}
_DELIVERY_ZH = {
    "pickup": "自提",
    "delivery": "配送",
    "special": "专车",
    "direct": "直送",
    "upstairs": "送货上楼",
}


def slip_text(waybill: Waybill) -> str:
    """The red slip (物流红单) as 80-column text. Always Chinese: it is the customer's document."""
    origin = Depot.get_by_id(waybill.origin_depot_id)
    place = lookup.place(Place.get_by_id(waybill.dest_place_id).code)
    station = Depot.get_by_id(waybill.dest_depot_id) if waybill.dest_depot_id else None
    clerk = User.get_by_id(waybill.issued_by_id)
    pad = printing.pad
    money = lambda v: f"{Decimal(v):.2f}"  # noqa: E731
    lines = [
        printing.center(f"{origin.name}  货物托运单"),
        printing.center(f"地址 {origin.address}  电话 {origin.phone}"),
        "=" * printing.WIDTH,
        pad(f"运单号 {waybill.number}", 30)
        + pad(f"开单 {waybill.issued_at:%Y-%m-%d %H:%M}", 26)
        + f"开单员 {clerk.name}",
        f"到站   {place.full_name if place else ''}"
        + (f"  ({station.code} {station.name})" if station else ""),
        pad(f"发货人 {waybill.shipper_name}", 50) + f"电话 {waybill.shipper_phone}",
        pad(f"收货人 {waybill.consignee_name}", 50) + f"电话 {waybill.consignee_phone}",
        pad(f"货名   {waybill.goods_name}", 30)
        + pad(f"件数 {waybill.pieces}", 12)
        + pad(f"包装 {waybill.packaging or '-'}", 16)
        + ("易碎" if waybill.fragile else ""),
        pad(f"重量   {waybill.weight_kg} kg", 30) + f"体积 {waybill.volume_m3} m³",
        pad(f"付款   {_PAYMENT_ZH.get(waybill.payment_method, waybill.payment_method)}", 30)
        + f"交货 {_DELIVERY_ZH.get(waybill.delivery_mode, waybill.delivery_mode)}",
    ]
    if waybill.delivery_address:
        lines += printing.fit(f"送货地址 {waybill.delivery_address}", printing.WIDTH)
    receipt = f"要 {waybill.receipt_copies} 份" if waybill.receipt_required else "不要"
    lines.append(
        pad(f"回单   {receipt}", 30)
        + pad(f"等通知放货 {'是' if waybill.hold_for_release else '否'}", 20)
        + (f"中转 {waybill.partner.name}" if waybill.is_transfer and waybill.partner_id else "")
    )
    lines.append("-" * printing.WIDTH)
    lines.append(pad(f"保价   {money(waybill.declared_value)}", 30) + f"保费 {money(waybill.insurance_fee)}")
    fees = [f"运费 {money(waybill.freight)}"]
    for label, value in (
        ("送货费", waybill.delivery_fee),
        ("上楼费", waybill.upstairs_fee),
        ("中转费", waybill.transfer_fee),
    ):
        if Decimal(value):
            fees.append(f"{label} {money(value)}")
    lines.append("   ".join(fees))
    lines.append(f"合计   {money(waybill.total)} 元")
    if waybill.remarks:
        lines += printing.fit(f"备注   {waybill.remarks}", printing.WIDTH)
    if waybill.status == WaybillStatus.VOID:
        lines.append(f"【作废】{waybill.voided_at:%Y-%m-%d %H:%M} {waybill.void_reason}")
    for rev in waybill.revisions.order_by(WaybillRevision.revision):
        who = User.get_by_id(rev.made_by_id).name
        changed = "，".join(f"{k}: {v[0]} → {v[1]}" for k, v in json.loads(rev.changes).items())
        lines += printing.fit(
            f"【更正 {rev.revision}】{rev.made_at:%Y-%m-%d %H:%M} {who}：{changed}；原因：{rev.reason}",
            printing.WIDTH,
        )
    lines.append("-" * printing.WIDTH)
    lines.append(pad("发货人已核对签字：____________", 40) + f"开单员：{clerk.name}")
    return "\n".join(lines) + "\n"
