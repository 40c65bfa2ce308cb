"""Deliveries on their way and what came of each: delivered, signed for and paid, or failed with
the reason; every attempt kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ...models import Delivery, Payment, Piece, User, Waybill, WaybillStatus, database_proxy, locked
from .. import audit, checks, clock
from ..actor import Actor
from ..errors import FormError, ServiceError
from ..pickup import collect_due, hand_over, reference_of, released, take, waiting_pieces

_FIELDS = (
    "day",
    "agreed_time",
    "address",
    "mode",
    "fee_amount",
    "fee_method",
    "fee_reference",
    "collect_amount",
    "collect_method",
    "collect_reference",
    "signer",
)


@dataclass(frozen=True)
class DeliveryLine:
    """One delivery on a day's list."""

    id: int
    number: str
    consignee_name: str
    consignee_phone: str
    address: str
    mode: str
    agreed_time: str
    status: str  # planned, delivered, failed
    signer: str
    failure_reason: str
    pieces: int  # delivered, or (planned) here to deliver
    collect_due: Decimal  # to take at the door
    planned_by: str
    done_by: str
    done_at: dt.datetime | None


def _line(d: Delivery, depot_id: int) -> DeliveryLine:
    w = d.waybill
    return DeliveryLine(
        id=d.id,
        number=w.number,
        consignee_name=w.consignee_name,
        consignee_phone=w.consignee_phone,
        address=d.address,
        mode=d.mode,
        agreed_time=d.agreed_time,
        status=d.status,
        signer=d.signer,
        failure_reason=d.failure_reason,
        pieces=d.pieces if d.status != "planned" else waiting_pieces(w.id, depot_id).count(),
        collect_due=collect_due(w) if d.status == "planned" else Decimal("0.00"),
        planned_by=User.get_by_id(d.recorded_by_id).name,
        done_by=User.get_by_id(d.done_by_id).name if d.done_by_id else "",
        done_at=d.done_at,
    )


def deliveries(actor: Actor, day: dt.date) -> list[DeliveryLine]:
    """The deliveries planned here for `day` (whatever became of them), planned ones first,
    then by agreed time."""
    rows = (
        Delivery.select(Delivery, Waybill)
        .join(Waybill)
        .where((Waybill.dest_depot == actor.depot_id) & (Delivery.day == day))
    )
    order = {"planned": 0, "failed": 1, "delivered": 2}
    lines = [_line(d, actor.depot_id) for d in rows]
    return sorted(lines, key=lambda line: (order.get(line.status, 3), line.agreed_time, line.number))


def _planned(actor: Actor, delivery_id: int) -> Delivery:
    row = locked(
        Delivery.select(Delivery, Waybill)
        .join(Waybill)  # the delivery and its waybill
        .where((Delivery.id == delivery_id) & (Waybill.dest_depot == actor.depot_id))
    ).first()
    if row is None:
        raise ServiceError("error.delivery_unknown")
    if row.status != "planned":
        raise ServiceError(
            "error.delivery_done", number=row.waybill.number, status_key=f"delivery.state.{row.status}"
        )
    return row


def delivered(
    actor: Actor,
    delivery_id: int,
    signer: str,
    collect_amount: str = "",
    collect_method: str = "",
    collect_reference: str = "",
) -> DeliveryLine:
    """The goods were handed over at the address: who signed, and collect-freight taken at the
    door (in full, with how it was paid). Every piece here goes; the waybill is DELIVERED when
    none is anywhere else."""

    errors: list[ServiceError] = []
    try:
        name = checks.person_name(signer, "signer")
    except ServiceError as exc:
        errors.append(exc)
    with database_proxy.atomic():
        row = _planned(actor, delivery_id)
        waybill = Waybill.get_by_id(row.waybill_id)
        if not released(waybill):
            raise ServiceError("error.pickup_held", number=waybill.number)
        waiting = list(waiting_pieces(waybill.id, actor.depot_id).order_by(Piece.index))
        if not waiting:
            raise ServiceError("error.pickup_nothing_here", number=waybill.number)
        collected = take(collect_due(waybill), collect_amount, collect_method, errors)
        reference = reference_of(collected, collect_method, collect_reference, errors)
        if errors:
            raise FormError(errors)
        now = clock.now()
        if collected:
            Payment.create(
                waybill=waybill.id,
                purpose="collect",
                amount=collected,
                method=collect_method,
                reference=reference,
                by=actor.user_id,
                shift=actor.shift_id,
                at=now,
            )
        hand_over(waybill, waiting, WaybillStatus.DELIVERED)
        Delivery.update(
            status="delivered", signer=name, pieces=len(waiting), done_by=actor.user_id, done_at=now
        ).where(Delivery.id == row.id).execute()
        audit.record(
            actor,
            "delivery.delivered",
            "waybill",
            waybill.number,
            new={
                "delivery": row.id,
                "signer": name,
                "pieces": len(waiting),
                "collected": f"{collected:.2f}",
                "method": collect_method if collected else "",
            },
        )
        return _line(Delivery.get_by_id(row.id), actor.depot_id)


def failed(actor: Actor, delivery_id: int, reason: str) -> DeliveryLine:
    """The delivery did not happen (nobody there, refused, wrong address...): why. The goods
    stay here and the waybill is to plan again."""
    why = checks.reason(reason)
    with database_proxy.atomic():
        row = _planned(actor, delivery_id)
        now = clock.now()
        Delivery.update(status="failed", failure_reason=why, done_by=actor.user_id, done_at=now).where(
            Delivery.id == row.id
        ).execute()
        audit.record(
            actor, "delivery.failed", "waybill", row.waybill.number, new={"delivery": row.id, "reason": why}
        )
        return _line(Delivery.get_by_id(row.id), actor.depot_id)
