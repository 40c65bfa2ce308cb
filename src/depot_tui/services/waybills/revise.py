"""After issue: reading a waybill, signed corrections (R-2.13: each change old -> new, who, when,
why, never overwritten), voiding, reprinting.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

from ...models import (
    Customer,
    DeliveryMode,
    DepotArea,
    ManifestWaybill,
    PaymentMethod,
    Piece,
    Place,
    PlaceLevel,
    ReturnReceipt,
    Role,
    ScanEvent,
    Waybill,
    WaybillRevision,
    WaybillStatus,
    database_proxy,
)
from .. import audit, checks, clock, customers, labels, pricing, printing, scoring
from ..actor import Actor, requires
from ..errors import FormError, NotFound, PermissionDenied, ServiceError
from .form import WaybillForm, check_field
from .issue import form_context
from .slip import print_waybill, slip_text

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
    "pieces": None,  # while every piece is still in stock here, unscanned if taken off
    "weight": None,  # a re-weigh's fault 9 is proposed by the re-weigh itself (reweigh)
    "volume": None,
    "declared_value": None,
    "freight": None,  # billed by hand: below the table it proposes F08 itself, with the shortfall
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
    "weight": "weight_kg",
    "volume": "volume_m3",
}
#: Fields whose correction reprices the waybill from its origin's price table of the issue day
#: (issue 24): what was paid stays paid, and money.owed says what is owed or to refund.
_UNCHANGED = object()  # the freight was not among the corrections
PRICED = frozenset({"destination", "weight", "volume", "declared_value", "delivery", "freight"})


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
        hazard=waybill.hazard,
        orientation=waybill.orientation,
        inspection=waybill.inspection,
        inspection_note=waybill.inspection_note,
        weight=str(waybill.weight_kg),
        volume=str(waybill.volume_m3),
        declared_value=str(waybill.declared_value),
        intake_damage=waybill.intake_damage,
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
        consignee_phone_confirmed=bool(waybill.consignee_phone_confirmed),
        shipper_phone_confirmed=bool(waybill.shipper_phone_confirmed),
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
        billed: object = _UNCHANGED
        for name in changes:
            try:
                new = check_field(name, form, keywords)
            except ServiceError as exc:
                errors.append(exc)
                continue
            column = _COLUMN.get(name, name)
            old = getattr(waybill, column)
            if name == "freight":  # billed as typed (blank: as the table says), when repriced below
                billed = new
                continue
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
            elif isinstance(new, Decimal) and Decimal(str(old)) == new:
                continue  # 120 typed for 120.00: the same weight, not a correction
            elif str(old) != str(new):
                setattr(waybill, column, new.value if hasattr(new, "value") else new)
            if str(old) != str(new):
                diff[name] = [str(old), str(new.value if hasattr(new, "value") else new)]
        if "goods_name" in diff and checks.needs_declaring(form.goods_name, keywords, waybill.hazard):
            errors.append(ServiceError("error.correct_undeclared", field="goods_name"))
        if form.payment == PaymentMethod.MONTHLY and "payment" in diff:
            shipper = Customer.get_or_none(Customer.id == waybill.shipper_id)
            if not (shipper and shipper.monthly_account):
                errors.append(ServiceError("error.no_monthly_account", field="payment"))
        if billed is not _UNCHANGED:
            diff.update(_billed(waybill, billed, reason))
        if "pieces" in diff:
            refused = _pieces_refused(waybill, int(diff["pieces"][0]), int(diff["pieces"][1]))
            if refused is not None:
                errors.append(refused)
        if errors:
            raise FormError(errors)
        if not diff:
            raise ServiceError("error.nothing_changed")
        if "pieces" in diff:
            _repiece(waybill, int(diff["pieces"][0]), int(diff["pieces"][1]))
        if "receipt" in diff or "receipt_copies" in diff:
            _sync_receipt(waybill)
        if PRICED & set(diff):
            diff.update(_repriced(waybill))
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
        faults = sorted({code for name in diff if (code := CORRECTABLE.get(name))})  # (total: repriced)
        if "freight" in diff and waybill.below_table_reason:  # as at issue: with the shortfall
            short = Decimal(str(waybill.table_freight)) - Decimal(str(waybill.freight))
            scoring.propose(
                actor,
                "F08",
                user_id=actor.user_id or waybill.issued_by_id,  # who billed it below (a console: the issuer)
                depot_id=waybill.origin_depot_id,
                waybill_id=waybill.id,
                note=_below_note(waybill, reason),
                liable=short,
            )
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
    if "pieces" in diff:  # every label says n/N: all of them again
        labels_now = [
            p.label for p in Piece.select().where(Piece.waybill == waybill.id).order_by(Piece.index)
        ]
        failed = next((p for p in print_waybill(waybill, labels_now, outbox) if p.error), None)
        printed = failed or printed
    return waybill.revision, printed


def _pieces_refused(waybill: Waybill, old: int, new: int) -> ServiceError | None:
    """Pieces are corrected only while the goods are all still in stock at the origin (nothing
    planned onto or loaded on a truck), and a piece taken off must never have been scanned."""
    planned = ManifestWaybill.select().where(ManifestWaybill.waybill == waybill.id).exists()
    if waybill.status != WaybillStatus.ISSUED or planned:
        return ServiceError("error.pieces_moved", field="pieces", number=waybill.number)
    if new < old:
        dropped = Piece.select(Piece.id).where((Piece.waybill == waybill.id) & (Piece.index > new))
        if ScanEvent.select().where(ScanEvent.piece.in_(dropped)).exists():
            return ServiceError("error.pieces_scanned", field="pieces", number=waybill.number)
    return None


def _repiece(waybill: Waybill, old: int, new: int) -> None:
    """Labels for the pieces added, or the never-scanned last ones taken off (they never
    existed: the count was typed wrong)."""
    if new > old:
        Piece.insert_many(
            [
                {
                    "waybill": waybill.id,
                    "index": i,
                    "label": labels.piece_label(waybill.number, i),
                    "depot": waybill.origin_depot_id,
                }
                for i in range(old + 1, new + 1)
            ]
        ).execute()
    else:
        Piece.delete().where((Piece.waybill == waybill.id) & (Piece.index > new)).execute()


def _below_note(waybill: Waybill, reason: str) -> str:
    return f"{waybill.number} r{waybill.revision}: {waybill.freight} < {waybill.table_freight}: {reason}"


def _billed(waybill: Waybill, billed: object, reason: str) -> dict[str, list]:
    """A freight billed by hand (None: as the table says). Below the table the correction's
    reason is the reason it is billed below, as at issue (R-5.8)."""
    old = Decimal(str(waybill.freight)).quantize(Decimal("0.01"))
    if billed is None:
        waybill.below_table_reason = ""
        waybill.freight = Decimal(str(waybill.table_freight))
    else:
        waybill.freight = Decimal(str(billed))
        below = waybill.freight < Decimal(str(waybill.table_freight))
        waybill.below_table_reason = reason if below else ""
    new = Decimal(str(waybill.freight)).quantize(Decimal("0.01"))
    return {} if new == old else {"freight": [f"{old:.2f}", f"{new:.2f}"]}


def _repriced(waybill: Waybill) -> dict[str, list]:
    """The waybill's money again, from its origin's price table and the shipper's agreed price
    of the issue day (a correction never bills at a later price); a freight billed by hand (not
    the table's: below it with its reason, or above) stays as billed. Returns the total's change."""
    day = waybill.issued_at.date()
    by_hand = Decimal(str(waybill.freight)) != Decimal(str(waybill.table_freight))
    rates = pricing.rates_for(waybill.origin_depot_id, waybill.dest_place_id, day)
    if rates is None:
        place = Place.get_by_id(waybill.dest_place_id)
        raise FormError([ServiceError("error.no_price", field="destination", place=place.name)])
    discount = customers.agreed_discount(waybill.shipper_id, waybill.origin_depot_id, day)
    if discount is not None:
        rates = dataclasses.replace(rates, discount=discount)
    money = pricing.breakdown(
        rates,
        weight_kg=Decimal(str(waybill.weight_kg)),
        volume_m3=Decimal(str(waybill.volume_m3)),
        declared_value=Decimal(str(waybill.declared_value)),
        delivery_mode=waybill.delivery_mode,
        transfer_fee=Decimal(str(waybill.transfer_fee)),
        freight_billed=Decimal(str(waybill.freight)) if by_hand else None,
    )
    old = Decimal(str(waybill.total)).quantize(Decimal("0.01"))
    waybill.table_freight, waybill.freight = money.table_freight, money.freight
    waybill.insurance_fee, waybill.delivery_fee = money.insurance_fee, money.delivery_fee
    waybill.upstairs_fee, waybill.total = money.upstairs_fee, money.total
    return {} if money.total == old else {"total": [f"{old:.2f}", f"{money.total:.2f}"]}


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


def reprint(actor: Actor, number: str, outbox: Path) -> list[printing.Printed]:
    """Print the slip and labels of an issued waybill again (audited: reprints are counted)."""
    waybill = get(actor, number)
    piece_labels = [p.label for p in waybill.piece_rows.order_by(Piece.index)]
    with database_proxy.atomic():
        audit.record(actor, "waybill.reprint", "waybill", waybill.number)
    return print_waybill(waybill, piece_labels, outbox)
