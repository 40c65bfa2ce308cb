"""A statement's life: drawn up, checked, sent, disputed and settled, confirmed, invoiced, paid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from peewee import fn

from ...codes import PaymentMethod, Role, WaybillStatus
from ...models import Customer, Depot, Payment, Statement, StatementLine, Waybill, database_proxy, locked
from .. import audit, checks, clock
from ..actor import Actor, requires
from ..errors import FormError, NotFound, ServiceError
from ..money import cents, how_paid

#: The steps in order; `disputed` sits beside `sent` until every dispute is settled.
STEPS = ("issued", "checked", "sent", "confirmed", "invoiced", "paid")


def not_billed() -> Any:  # noqa: ANN401 - a Peewee expression
    """The condition of a waybill on no statement yet (one statement per waybill)."""
    waybill_id: Any = Waybill.id  # (the type stubs read a model's id as an int)
    return waybill_id.not_in(StatementLine.select(StatementLine.waybill))


def _customer(phone: str) -> Customer:
    found = Customer.get_or_none((Customer.phone == checks.normal(phone)) & Customer.monthly_account)
    if found is None:
        raise NotFound("error.account_unknown", field="phone", phone=phone.strip())
    return found


def draw_up(actor: Actor, phone: str, start: str, end: str) -> int:
    """The statement of the customer's 月结 waybills issued here in the period and on no
    statement yet (a voided one is left off). Refused when there is none."""
    today = clock.now().date()
    errors: list[ServiceError] = []
    first = last = today
    try:
        first = checks.day(start, "start", today, latest=today)
        last = checks.day(end, "end", today, latest=today)
        if last < first:
            errors.append(ServiceError("error.range_order", field="end"))
    except ServiceError as exc:
        errors.append(exc)
    customer = None
    try:
        customer = _customer(phone)
    except ServiceError as exc:
        errors.append(exc)
    if errors or customer is None:
        raise FormError(errors)
    with database_proxy.atomic():
        waybills = list(
            Waybill.select()
            .where(
                (Waybill.shipper == customer.id)
                & (Waybill.payment_method == PaymentMethod.MONTHLY)
                & (Waybill.origin_depot == actor.depot_id)
                & (Waybill.status != WaybillStatus.VOID)
                & (Waybill.issued_at >= dt.datetime.combine(first, dt.time()))
                & (Waybill.issued_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time()))
                & not_billed()
            )
            .order_by(Waybill.issued_at)
        )
        if not waybills:
            raise ServiceError("error.statement_empty", name=customer.name)
        depot = Depot.get_by_id(actor.depot_id)
        prefix = f"DZ{depot.code}{last:%y%m}"
        seq = Statement.select().where(Statement.number.startswith(prefix)).count() + 1
        statement = Statement.create(
            number=f"{prefix}{seq:03d}",
            customer=customer.id,
            depot=actor.depot_id,
            start=first,
            end=last,
            total=sum((cents(w.total) for w in waybills), Decimal("0.00")),
            status="issued",
            issued_by=actor.user_id,
            issued_at=clock.now(),
        )
        StatementLine.insert_many(
            [{"statement": statement.id, "waybill": w.id, "amount": cents(w.total)} for w in waybills]
        ).execute()
        audit.record(
            actor,
            "statement.draw_up",
            "statement",
            statement.number,
            new={"customer": customer.name, "waybills": len(waybills), "total": f"{statement.total}"},
        )
    return statement.id


def _statement(actor: Actor, statement_id: int) -> Statement:
    row = Statement.get_or_none((Statement.id == statement_id) & (Statement.depot == actor.depot_id))
    if row is None:
        raise NotFound("error.statement_unknown")
    return row


def _step(actor: Actor, row: Statement, old: str, new: str, **values: object) -> None:
    """Move the statement from `old` to `new`. The update names `old`, so of two terminals
    taking the same step at once (paying it twice) one moves it and the other is refused."""
    moved = Statement.update(status=new, **values).where((Statement.id == row.id) & (Statement.status == old))
    if moved.execute() != 1:
        now = Statement.get_by_id(row.id).status
        raise ServiceError("error.statement_step", number=row.number, status_key=f"statement.status.{now}")
    audit.record(actor, f"statement.{new}", "statement", row.number, old={"status": old}, new={"status": new})


@requires(Role.SUPERVISOR, Role.ADMIN)
def check(actor: Actor, statement_id: int) -> None:
    """Finance's check (财务核对): a supervisor's, before it goes to the customer."""
    with database_proxy.atomic():
        row = _statement(actor, statement_id)
        _step(actor, row, "issued", "checked", checked_by=actor.user_id, checked_at=clock.now())


def send(actor: Actor, statement_id: int) -> None:
    with database_proxy.atomic():
        _step(actor, _statement(actor, statement_id), "checked", "sent", sent_at=clock.now())


def dispute(actor: Actor, statement_id: int, number: str, note: str) -> None:
    """The customer disputes one waybill on it: the line is marked with what they say."""
    said = checks.reason(note)
    with database_proxy.atomic():
        row = _statement(actor, statement_id)
        if row.status not in ("sent", "disputed"):
            raise ServiceError(
                "error.statement_step", number=row.number, status_key=f"statement.status.{row.status}"
            )
        line = _line(row, number)
        StatementLine.update(disputed=True, dispute_note=said).where(StatementLine.id == line.id).execute()
        Statement.update(status="disputed").where(Statement.id == row.id).execute()
        audit.record(
            actor, "statement.dispute", "statement", row.number, new={"waybill": number, "note": said}
        )


def settle(actor: Actor, statement_id: int, number: str) -> None:
    """A disputed line put right (the waybill corrected, or the customer agreeing): the line
    takes the waybill's amount as it now stands; the total follows."""
    with database_proxy.atomic():
        row = _statement(actor, statement_id)
        line = _line(row, number)
        if not line.disputed:
            raise ServiceError("error.statement_not_disputed", number=number)
        amount = cents(Waybill.get_by_id(line.waybill_id).total)
        StatementLine.update(disputed=False, amount=amount).where(StatementLine.id == line.id).execute()
        total = cents(
            StatementLine.select(fn.SUM(StatementLine.amount))
            .where(StatementLine.statement == row.id)
            .scalar()
        )
        left = (
            StatementLine.select().where((StatementLine.statement == row.id) & StatementLine.disputed).count()
        )
        Statement.update(total=total, status="disputed" if left else "sent").where(
            Statement.id == row.id
        ).execute()
        audit.record(
            actor,
            "statement.settle",
            "statement",
            row.number,
            old={"amount": f"{line.amount}"},
            new={"amount": f"{amount}"},
        )


def _line(row: Statement, number: str) -> StatementLine:
    line = (
        StatementLine.select()
        .join(Waybill)
        .where((StatementLine.statement == row.id) & (Waybill.number == number.strip().upper()))
        .first()
    )
    if line is None:
        raise ServiceError("error.statement_no_line", field="number", number=number.strip())
    return line


def confirm(actor: Actor, statement_id: int) -> None:
    """The customer confirmed it: only once nothing on it is disputed."""
    with database_proxy.atomic():
        _step(actor, _statement(actor, statement_id), "sent", "confirmed", confirmed_at=clock.now())


def invoice(actor: Actor, statement_id: int, invoice_no: str) -> None:
    number = checks.clean_text(invoice_no, field="invoice_no", max_length=40)
    with database_proxy.atomic():
        row = _statement(actor, statement_id)
        _step(actor, row, "confirmed", "invoiced", invoice_no=number, invoiced_at=clock.now())


def received(statement_id: int) -> dict[int, Decimal]:
    """What was paid so far on each of the statement's waybills (purpose account)."""
    query: Any = (
        Payment.select(Payment.waybill, fn.SUM(Payment.amount))
        .join(StatementLine, on=(StatementLine.waybill == Payment.waybill))
        .where((StatementLine.statement == statement_id) & (Payment.purpose == "account"))
        .group_by(Payment.waybill)
        .tuples()
    )
    return {waybill: cents(amount) for waybill, amount in query}


def pay(actor: Actor, statement_id: int, method: str, reference: str = "", amount: str = "") -> Decimal:
    """Money received on an invoiced statement: all that is left (blank) or a part, spread over
    its waybills oldest first, a payment each (purpose account) in this session's shift. Paid
    once nothing is left. Returns what is still owed on it."""
    ref = how_paid(method, reference)
    with database_proxy.atomic():
        row = locked(Statement.select().where(Statement.id == statement_id)).first()
        if row is None or row.depot_id != actor.depot_id:
            raise NotFound("error.statement_unknown")
        if row.status != "invoiced":
            raise ServiceError(
                "error.statement_step", number=row.number, status_key=f"statement.status.{row.status}"
            )
        so_far = received(row.id)
        lines = list(
            StatementLine.select(StatementLine, Waybill.id, Waybill.issued_at)
            .join(Waybill)
            .where(StatementLine.statement == row.id)
            .order_by(Waybill.issued_at, Waybill.id)
        )
        left_on = [
            (line, cents(line.amount) - so_far.get(line.waybill_id, Decimal("0.00"))) for line in lines
        ]
        owed = sum((left for _, left in left_on), Decimal("0.00"))
        if checks.normal(amount):
            errors: list[ServiceError] = []
            value = checks.money(amount, "amount")
            if value <= 0 or value > owed:
                errors.append(ServiceError("error.pay_amount", field="amount", most=f"{owed:.2f}"))
            if errors:
                raise FormError(errors)
        else:
            value = owed
        now, rest, rows = clock.now(), value, []
        for line, left in left_on:
            part = min(left, rest)
            if part > 0:
                rows.append(
                    {
                        "waybill": line.waybill_id,
                        "purpose": "account",
                        "amount": part,
                        "method": method,
                        "reference": ref,
                        "reason": "",
                        "by": actor.user_id,
                        "shift": actor.shift_id,
                        "at": now,
                    }
                )
                rest -= part
        Payment.insert_many(rows).execute()
        audit.record(
            actor, "statement.pay", "statement", row.number, new={"amount": f"{value:.2f}", "method": method}
        )
        if value == owed:
            _step(actor, row, "invoiced", "paid", paid_at=now)
        return owed - value
