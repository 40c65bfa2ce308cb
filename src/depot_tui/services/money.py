"""Money on a waybill (issue 24, part 1): what its freight is, what has been paid toward it,
what is still owed and by whom; a payment taken at the counter by any method, in part if the
customer pays in part; a refund, only by a supervisor, with its reason.

Every payment toward the freight counts whatever its purpose: taken at issue (freight, 现付),
at the destination (collect, 提付) or at the counter later. So a waybill corrected from 现付 to
提付 after its 197.00 was taken asks the consignee for nothing: the money is paid, and only a
refund to the shipper (a negative payment) would make it owed again. A refund, like every
payment, belongs to the session's shift, so the handover's cash and the day's money agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from peewee import fn

from ..codes import PaymentMethod, Role, WaybillStatus
from ..models import Payment, ReturnReceipt, Shift, Waybill, database_proxy, locked
from . import audit, checks, clock
from .actor import Actor, requires
from .errors import FormError, NotFound, ServiceError

METHODS = ("cash", "wechat", "alipay", "bank")
#: Purposes that pay the waybill's freight (its total): at issue, at the destination, on the
#: monthly statement (services/accounts.py).
FREIGHT = ("freight", "collect", "account")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Owed:
    """A waybill's freight as it stands: its total, what was paid toward it (refunds taken
    off), what is left and who pays it where."""

    number: str
    total: Decimal
    paid: Decimal
    due: Decimal
    # shipper (at the origin), consignee (at the destination), account (月结), receipt (回单付, the
    # signed receipt not back yet)
    payer: str
    depot_id: int | None  # where it is taken
    over: Decimal = ZERO  # paid beyond the total (a correction lowered it): to refund


def cents(value: object) -> Decimal:
    """Money from the database as yuan and fen (a SUM can come back as a float)."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def paid(waybill_id: int) -> Decimal:
    """What was paid toward the waybill's freight so far, net of refunds."""
    return cents(
        Payment.select(fn.COALESCE(fn.SUM(Payment.amount), 0))
        .where((Payment.waybill == waybill_id) & Payment.purpose.in_(FREIGHT))
        .scalar()
    )


def owed(waybill: Waybill) -> Owed:
    """The freight's state: 提付 is the consignee's at the destination, 月结 the account's (the
    monthly statement's), the rest the shipper's at the origin. A voided waybill owes nothing."""
    total = cents(waybill.total)
    taken = paid(waybill.id)
    if waybill.payment_method == PaymentMethod.COLLECT:
        payer, depot = "consignee", waybill.dest_depot_id
    elif waybill.payment_method == PaymentMethod.MONTHLY:
        payer, depot = "account", None
    elif waybill.payment_method == PaymentMethod.ON_RECEIPT and not _receipt_back(waybill.id):
        payer, depot = "receipt", waybill.origin_depot_id  # 回单付: due once the signed receipt is back
    else:
        payer, depot = "shipper", waybill.origin_depot_id
    waiting = waybill.status == WaybillStatus.VOID or payer in ("account", "receipt")
    due = ZERO if waiting else max(ZERO, total - taken)
    return Owed(waybill.number, total, taken, due, payer, depot, max(ZERO, taken - total))


def _receipt_back(waybill_id: int) -> bool:
    """The signed return receipt is back at the origin (returned, or handed to the shipper)."""
    return (
        ReturnReceipt.select()
        .where((ReturnReceipt.waybill == waybill_id) & ReturnReceipt.status.in_(("returned", "handed")))
        .exists()
    )


def _waybill(number: str) -> Waybill:
    """The waybill, locked until the transaction ends: two terminals taking the same money at
    once take it one after the other, the second seeing what the first took."""
    waybill = locked(Waybill.select().where(Waybill.number == number.strip().upper())).first()
    if waybill is None:
        raise NotFound("error.waybill_unknown", field="number", number=number.strip())
    return waybill


def _method(method: str, reference: str, errors: list[ServiceError]) -> str:
    """The method, and for WeChat, Alipay and bank its transaction number (the accountant finds
    the money by it); cash has none."""
    if method not in METHODS:
        errors.append(ServiceError("error.choice", field="method"))
        return ""
    if method == "cash":
        return ""
    try:
        return checks.clean_text(reference, field="reference", max_length=40)
    except ServiceError as exc:
        key = "error.reference_required" if exc.key == "error.required" else exc.key
        errors.append(ServiceError(key, field="reference", **exc.params))
        return ""


def how_paid(method: str, reference: str) -> str:
    """How money paid now was paid, checked before anything is stored: the transaction number
    for WeChat, Alipay and bank ("" for cash). Refusals name `method` or `reference`."""
    errors: list[ServiceError] = []
    ref = _method(method, reference, errors)
    if errors:
        raise FormError(errors)
    return ref


def _amount(text: str, most: Decimal, key: str, errors: list[ServiceError]) -> Decimal:
    try:
        amount = checks.money(text, "amount")
    except ServiceError as exc:
        errors.append(exc)
        return ZERO
    if amount <= 0 or amount > most:
        errors.append(ServiceError(key, field="amount", most=f"{most:.2f}"))
    return amount


def take(actor: Actor, number: str, amount: str, method: str, reference: str = "") -> Payment:
    """Money paid toward the freight at the counter where it is owed: all of what is due or a
    part of it, by any method (a reference for all but cash)."""
    errors: list[ServiceError] = []
    with database_proxy.atomic():
        waybill = _waybill(number)
        state = owed(waybill)
        if state.payer == "account":
            raise ServiceError("error.pay_on_account", number=waybill.number)
        if state.payer == "receipt":
            raise ServiceError("error.pay_on_receipt", number=waybill.number)
        if state.depot_id != actor.depot_id:
            raise ServiceError("error.pay_elsewhere", number=waybill.number)
        if not state.due:
            raise ServiceError("error.nothing_owed", number=waybill.number)
        value = _amount(amount, state.due, "error.pay_amount", errors)
        ref = _method(method, reference, errors)
        if errors:
            raise FormError(errors)
        return _record(actor, waybill, value, method, ref, "", "money.take")


@requires(Role.SUPERVISOR, Role.ADMIN)
def refund(actor: Actor, number: str, amount: str, method: str, reason: str, reference: str = "") -> Payment:
    """Money given back toward the freight (a negative payment): at most what was paid, with
    the reason, by a supervisor. What is refunded is owed again unless the waybill is voided or
    its freight corrected down."""
    errors: list[ServiceError] = []
    why = ""
    try:
        why = checks.reason(reason)
    except ServiceError as exc:
        errors.append(ServiceError(exc.key, field="reason", **exc.params))
    with database_proxy.atomic():
        waybill = _waybill(number)
        state = owed(waybill)
        if not state.paid:
            raise ServiceError("error.nothing_paid", number=waybill.number)
        value = _amount(amount, state.paid, "error.refund_amount", errors)
        ref = _method(method, reference, errors)
        if errors:
            raise FormError(errors)
        return _record(actor, waybill, -value, method, ref, why, "money.refund")


def _drawer_shift(actor: Actor, now: dt.datetime) -> int | None:
    """The shift whose drawer money taken or given back now goes through: the actor's own, else
    (a supervisor off the roster refunding at the counter) the depot's latest shift still open,
    so the handover's cash counts it."""
    if actor.shift_id is not None:
        return actor.shift_id
    open_here = (
        Shift.select(Shift.id)
        .where((Shift.depot == actor.depot_id) & (Shift.clock_in <= now) & Shift.clock_out.is_null())
        .order_by(Shift.clock_in.desc())
        .first()
    )
    return open_here.id if open_here else None


def _record(
    actor: Actor, waybill: Waybill, amount: Decimal, method: str, reference: str, reason: str, action: str
) -> Payment:
    purpose = "collect" if actor.depot_id == waybill.dest_depot_id != waybill.origin_depot_id else "freight"
    now = clock.now()
    payment = Payment.create(
        waybill=waybill.id,
        purpose=purpose,
        amount=amount,
        method=method,
        reference=reference,
        reason=reason,
        by=actor.user_id,
        shift=_drawer_shift(actor, now),
        at=now,
    )
    audit.record(
        actor,
        action,
        "waybill",
        waybill.number,
        new={"amount": f"{amount:.2f}", "method": method, "reference": reference, "purpose": purpose},
        reason=reason,
    )
    return payment
