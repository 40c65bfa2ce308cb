"""Release on notice (等通知放货, R-3.3): held goods go only on the shipper's 可放货 photo or a confirming
call; and the pickup itself, with the consignee's ID and signature for the register (R-2.17).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ...models import Payment, Pickup, Piece, Release, WaybillStatus, database_proxy
from .. import audit, checks, clock
from ..actor import Actor
from ..errors import FormError, ServiceError
from .counter import (
    RELEASE_METHODS,
    at_counter,
    collect_due,
    hand_over,
    reference_of,
    released,
    take,
    waiting_pieces,
)

# --- release on notice (等通知放货, R-3.3) ----------------------------------------------------------


def release(actor: Actor, number: str, authorised_by: str, method: str, evidence: str) -> None:
    """Record the shipper's word that held goods may go: the red slip marked 可放货 (a photo:
    `evidence` says where it is kept) or a call to the shipper's number on file (`evidence` is
    the number called, and must be that number)."""
    if method not in RELEASE_METHODS:
        raise ServiceError("error.release_method", field="method")
    name = checks.person_name(authorised_by, "authorised_by")
    with database_proxy.atomic():
        waybill = at_counter(actor, number)
        if not waybill.hold_for_release:
            raise ServiceError("error.release_not_held", number=waybill.number)
        if method == "phone":
            called = checks.phone(evidence, "evidence")
            if called != waybill.shipper_phone:
                raise ServiceError("error.release_wrong_phone", field="evidence", phone=waybill.shipper_phone)
            evidence = called
        else:
            evidence = checks.optional_text(evidence, "evidence", max_length=200)
            if not evidence:
                raise ServiceError("error.release_photo", field="evidence")
        Release.create(
            waybill=waybill.id,
            authorised_by=name,
            method=method,
            evidence=evidence,
            recorded_by=actor.user_id,
            recorded_at=clock.now(),
        )
        audit.record(
            actor,
            "waybill.release",
            "waybill",
            waybill.number,
            new={"authorised_by": name, "method": method, "evidence": evidence},
        )


# --- pickup (提货) --------------------------------------------------------------------------------


@dataclass
class PickupForm:
    """The pickup as typed at the counter."""

    pieces: str = ""  # how many are taken now (blank: all that are here)
    collector_name: str = ""
    id_number: str = ""
    signature_name: str = ""  # the name signed on the register
    collect_amount: str = ""  # 提付 taken now
    collect_method: str = ""  # cash, wechat, alipay, bank
    collect_reference: str = ""  # the transaction number of wechat, alipay, bank


@dataclass(frozen=True)
class PickedUp:
    number: str
    pieces: int
    left: int  # still here for a later pickup
    collected: Decimal
    warnings: list[str] = field(default_factory=list)  # catalogue keys: the ID's unknown place


def pickup(actor: Actor, number: str, form: PickupForm) -> PickedUp:
    """Hand goods to the consignee. Refused while held for release, without a valid ID number
    and a signature, or before the collect-freight due is taken in full. Fewer pieces than
    are here is allowed and recorded; the waybill is picked up when none are left."""

    now = clock.now()
    errors: list[ServiceError] = []
    values: dict[str, object] = {}
    for name, check in (
        ("collector_name", lambda: checks.person_name(form.collector_name, "collector_name")),
        ("id_number", lambda: checks.id_number(form.id_number, now.date())),
        ("signature_name", lambda: checks.person_name(form.signature_name, "signature_name")),
    ):
        try:
            values[name] = check()
        except ServiceError as exc:
            errors.append(exc)
    with database_proxy.atomic():
        waybill = at_counter(actor, number)
        if not released(waybill):
            raise ServiceError("error.pickup_held", number=waybill.number)
        waiting = list(waiting_pieces(waybill.id, actor.depot_id).order_by(Piece.index))
        if not waiting:
            raise ServiceError("error.pickup_nothing_here", number=waybill.number)
        taking = len(waiting)
        if form.pieces.strip():
            try:
                taking = checks.whole_number(form.pieces, "pieces", minimum=1, maximum=len(waiting))
            except ServiceError as exc:
                errors.append(exc)
        collected = take(collect_due(waybill), form.collect_amount, form.collect_method, errors)
        reference = reference_of(collected, form.collect_method, form.collect_reference, errors)
        if errors:
            raise FormError(errors)
        ident: checks.IdNumber = values["id_number"]  # type: ignore[assignment]
        if collected:
            Payment.create(
                waybill=waybill.id,
                purpose="collect",
                amount=collected,
                method=form.collect_method,
                reference=reference,
                by=actor.user_id,
                shift=actor.shift_id,
                at=now,
            )
        Pickup.create(
            waybill=waybill.id,
            pieces=taking,
            collector_name=values["collector_name"],
            collector_id_number=ident.number,
            signature_name=values["signature_name"],
            by=actor.user_id,
            at=now,
        )
        hand_over(waybill, waiting[:taking], WaybillStatus.PICKED_UP)
        left = len(waiting) - taking
        audit.record(
            actor,
            "waybill.pickup",
            "waybill",
            waybill.number,
            new={
                "pieces": taking,
                "left": left,
                "collector": values["collector_name"],
                "id_number": ident.number,
                "signature": values["signature_name"],
                "collected": f"{collected:.2f}",
                "method": form.collect_method if collected else "",
            },
        )
    warnings = [] if ident.place_known else ["warn.id_place_unknown"]
    return PickedUp(waybill.number, taking, left, collected, warnings)
