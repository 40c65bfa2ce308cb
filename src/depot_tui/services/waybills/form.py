"""The waybill form as typed (`WaybillForm`), its field-by-field checks and `parse` into values
(R-2); the remarks the answers call for (R-2.5, R-2.7, R-2.8).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal

from ...models import DeliveryMode, PaymentMethod
from .. import checks, clock, lookup, pricing, printing, tracking
from ..errors import FormError, ServiceError

#: Packaging that means "not packed": such goods travel at the shipper's risk (R-2.5).
UNPACKAGED = ("无包装", "裸装", "散装", "裸件")
REMARK_OWN_RISK = "货损自负"
REMARK_INSURED = "保丢不保损"
REMARK_HOLD = "等通知放货"


#: The choices of R-1.2 and R-1.4 beside the yes/no ones, by form field: their codes.
CHOICES = {"orientation": ("free", "up", "no_stack"), "inspection": ("sealed", "opened")}
#: SOP 004's classes of goods followed (tracking.CLASSES), for the form's choice.
CLASSES = tracking.CLASSES


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
    hazard: str = ""  # R-1.2 "是否危险品": "no", "yes" (declared); "" until asked
    orientation: str = "free"  # free, up (this way up), no_stack
    inspection: str = "sealed"  # sealed (as received) or opened (and checked)
    inspection_note: str = ""  # what opening it showed
    weight: str = ""
    volume: str = ""
    declared_value: str = ""
    intake_damage: str = ""  # damage, a leak, deformation found at intake
    payment: str = PaymentMethod.CASH.value
    delivery: str = DeliveryMode.PICKUP.value
    address: str = ""
    receipt: bool = False
    receipt_copies: str = ""
    hold: bool = False
    cargo_class: str = ""  # SOP 004's A/B/C; "" takes the class the answers suggest (tracking)
    transfer: bool = False
    partner: str = ""
    transfer_fee: str = ""
    rebate: str = ""
    required_by: str = ""  # the date the shipper requires (要求到货日期), blank if none
    freight: str = ""
    below_reason: str = ""
    remarks: str = ""
    # the number was called back or repeated by the customer (a key at the phone field).
    consignee_phone_confirmed: bool = False
    shipper_phone_confirmed: bool = False

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
    hazard: tuple[str, str]  # the answer and the declared category
    orientation: str
    inspection: str
    inspection_note: str
    weight: Decimal
    volume: Decimal
    declared_value: Decimal
    intake_damage: str
    payment: PaymentMethod
    delivery: DeliveryMode
    address: str
    receipt: bool
    receipt_copies: int
    hold: bool
    transfer: bool
    cargo_class: str
    required_by: dt.date | None
    partner: str
    transfer_fee: Decimal
    rebate: Decimal
    freight: Decimal | None
    below_reason: str
    remarks: str
    consignee_phone_confirmed: bool
    shipper_phone_confirmed: bool


@dataclass(frozen=True)
class FormContext:
    """What the form needs once when it opens: the keyword list, the partner lines."""

    depot_code: str
    keywords: list[tuple[str, str]]
    partners: list[str]
    #: Each partner line's offered transfer fee, rebate and the places it reaches (codes).
    partner_terms: dict[str, tuple[Decimal, Decimal, frozenset[str]]] = field(default_factory=dict)


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
    """The remarks R-2 requires for these answers, in the sheet's order: 货损自负 (R-2.5),
    保丢不保损 (R-2.8), 等通知放货 (R-3.3). The waybill always carries them (`with_remarks`);
    the form shows them beside the clerk's own remark."""
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
        case "hazard":
            return checks.hazard(value, form.goods_name, keywords)
        case "orientation" | "inspection":
            if value not in CHOICES[name]:
                raise ServiceError("error.choice", field=name)
            return value
        case "inspection_note":
            opened = form.inspection == "opened"
            return checks.optional_text(value, name, max_length=200) if opened else ""
        case "intake_damage":
            return checks.optional_text(value, name, max_length=200)
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
        case "cargo_class":
            if value not in ("", *tracking.CLASSES):
                raise ServiceError("error.choice", field=name)
            return value
        case "required_by":
            return tracking.required_by(value, clock.now().date())
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
        case "consignee_phone_confirmed" | "shipper_phone_confirmed":
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
    values["remarks"] = with_remarks(values)
    return Parsed(**values)  # type: ignore[arg-type]


def with_remarks(values: dict[str, object]) -> str:
    """The remarks a waybill carries: those its answers require, in R-2's order, then the
    clerk's own as typed. A required one the clerk also typed (a draft kept from before the two
    were apart, a correction of a stored waybill) is not written twice. They were one field,
    and a clerk's remark typed at its start glued to them (ABC等通知放货)."""
    required = suggested_remarks(
        fragile=bool(values["fragile"]),
        packaging=str(values["packaging"]),
        declared=Decimal(str(values["declared_value"])) > 0,
        hold=bool(values["hold"]),
    )
    own = [part.strip() for part in str(values["remarks"]).split("；") if part.strip() not in ("", *required)]
    return "；".join([*required, *own])
