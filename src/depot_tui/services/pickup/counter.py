"""What is at this depot's counter for a consignee: pieces waiting, collect-freight and delivery
fees due, what was paid and released.
"""

from __future__ import annotations

from decimal import Decimal

from peewee import fn

from ...models import (
    Payment,
    PaymentMethod,
    Pickup,
    Piece,
    PieceStatus,
    Release,
    Waybill,
    WaybillStatus,
    locked,
)
from .. import checks, money
from ..actor import Actor
from ..errors import FormError, ServiceError

NOTICE_METHODS = ("phone", "sms", "other")
NOTICE_ANSWERS = ("will_come", "deliver", "no_answer")
RELEASE_METHODS = ("photo", "phone")
PAY_METHODS = money.METHODS  # one list of how money is paid, wherever it is taken
_AT_COUNTER = (WaybillStatus.ARRIVED, WaybillStatus.NOTIFIED)


def at_counter(actor: Actor, number: str) -> Waybill:
    """A waybill whose goods have arrived at the actor's depot (refused otherwise, by reason),
    locked until the transaction ends: two counters handing over the same goods take turns,
    and the second sees what the first handed over."""
    waybill = locked(Waybill.select().where(Waybill.number == checks.normal(number).upper())).first()
    if waybill is None or waybill.dest_depot_id != actor.depot_id:
        raise ServiceError("error.pickup_unknown", number=number)
    if waybill.status not in _AT_COUNTER:
        raise ServiceError("error.pickup_state", number=waybill.number, status_key=f"status.{waybill.status}")
    return waybill


def waiting_pieces(waybill_id: int, depot_id: int):  # noqa: ANN202 - a Peewee select
    """The waybill's pieces that arrived here and have not been handed over."""
    return Piece.select().where(
        (Piece.waybill == waybill_id) & (Piece.depot == depot_id) & (Piece.status == PieceStatus.ARRIVED)
    )


def collect_due(waybill: Waybill) -> Decimal:
    """Collect-freight (提付) still to take: the waybill's total less what was paid toward it
    already, here or at issue (a waybill corrected from 现付 to 提付 after it was paid owes
    nothing more; services/money.py)."""
    if waybill.payment_method != PaymentMethod.COLLECT:
        return Decimal("0.00")
    return _due(waybill, money.paid(waybill.id))


def paid(waybill_id: int, purpose: str) -> Decimal:
    """What was taken for the waybill so far for `purpose` (collect, delivery), in yuan."""
    return _cents(
        Payment.select(fn.COALESCE(fn.SUM(Payment.amount), 0))
        .where((Payment.waybill == waybill_id) & (Payment.purpose == purpose))
        .scalar()
    )


def _due(waybill: Waybill, paid: object) -> Decimal:
    """Collect-freight left once `paid` (collect payments so far) is taken off the total."""
    if waybill.payment_method != PaymentMethod.COLLECT:
        return Decimal("0.00")
    return max(Decimal("0.00"), _cents(waybill.total) - _cents(paid or 0))


def _cents(value: object) -> Decimal:
    """Money from the database as yuan and fen (a SUM can come back as a float)."""
    return Decimal(str(value)).quantize(Decimal("0.01"))


def released(waybill: Waybill) -> bool:
    return not waybill.hold_for_release or Release.select().where(Release.waybill == waybill.id).exists()


def reference_of(
    taken: Decimal, method: str, reference: str, errors: list[ServiceError], *, field: str = "collect"
) -> str:
    """The transaction number of money taken by WeChat, Alipay or bank ("" for cash, or when
    nothing was taken); its refusal goes on `errors` at `<field>_reference`."""
    if not taken:
        return ""
    try:
        return money.how_paid(method, reference)
    except FormError as exc:
        errors += [
            ServiceError(e.key, field=f"{field}_reference", **e.params)
            for e in exc.errors
            if e.field == "reference"
        ]
        return ""


def take(
    due: Decimal,
    amount: str,
    method: str,
    errors: list[ServiceError],
    *,
    field: str = "collect",
    key: str = "error.collect_amount",
) -> Decimal:
    """Money that must be taken in full before goods go (collect-freight, a delivery fee):
    the amount typed must be exactly `due`, and how it was paid one of PAY_METHODS. Refusals
    go on `errors` (at `<field>_amount` / `<field>_method`); returns what is taken."""
    if not due:
        return Decimal("0.00")
    taken = Decimal("0.00")
    try:
        taken = checks.money(amount, f"{field}_amount") if checks.normal(amount) else None
        if taken != due:  # blank too: the amount due is what the clerk needs to see
            raise ServiceError(key, field=f"{field}_amount", due=f"{due:.2f}")
    except ServiceError as exc:
        errors.append(exc)
    if method not in PAY_METHODS:
        errors.append(ServiceError("error.collect_method", field=f"{field}_method"))
    return taken or Decimal("0.00")


def hand_over(waybill: Waybill, pieces: list[Piece], done: WaybillStatus) -> None:
    """The pieces leave the depot (picked up, delivered, handed to a partner): they are
    released, and the waybill takes state `done` once none of its pieces is anywhere else."""
    Piece.update(status=PieceStatus.RELEASED, depot=None).where(
        Piece.id.in_([p.id for p in pieces])
    ).execute()
    still_elsewhere = (
        Piece.select().where((Piece.waybill == waybill.id) & (Piece.status != PieceStatus.RELEASED)).exists()
    )
    if not still_elsewhere:
        Waybill.update(status=done).where(Waybill.id == waybill.id).execute()


def collected_at_pickup(row: Pickup) -> Decimal:
    """The collect-freight taken with this pickup (written with it, same clerk, same moment)."""
    paid = (
        Payment.select(fn.COALESCE(fn.SUM(Payment.amount), 0))
        .where(
            (Payment.waybill == row.waybill_id)
            & (Payment.purpose == "collect")
            & (Payment.by == row.by_id)
            & (Payment.at == row.at)
        )
        .scalar()
    )
    return Decimal(str(paid)).quantize(Decimal("0.01"))
