"""Monthly accounts (月结对账, SOP 004 ch.7; issue 24, part 3): the statement of a monthly
customer's waybills for a period, drawn up by a clerk, checked by a supervisor (finance), sent,
confirmed by the customer or disputed line by line, invoiced and paid; and what every monthly
customer owes, by age.

A waybill is on one statement at most (a unique line). A disputed line is put right by
correcting the waybill (which reprices it) and settling the line, which takes the waybill's
amount as it now stands; the customer confirms once nothing is disputed. Paying the statement
records one payment per waybill (purpose "account"), so every yuan is traced to a waybill, a
shift and a person, and money.owed sees it paid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import fn

from ..codes import PaymentMethod, Role, WaybillStatus
from ..models import Customer, Depot, Payment, Statement, StatementLine, Waybill, database_proxy
from . import audit, checks, clock
from .actor import Actor, requires
from .errors import FormError, NotFound, ServiceError
from .money import METHODS, cents

#: Primary keys as query fields (the type stubs read a model's id as an int).
_WAYBILL_ID: Any = Waybill.id
_CUSTOMER_ID: Any = Customer.id
#: The steps in order; `disputed` sits beside `sent` until every dispute is settled.
STEPS = ("issued", "checked", "sent", "confirmed", "invoiced", "paid")
#: Ages of what is owed, in days since the statement was drawn up (unbilled waybills: since issue).
AGES = (30, 60, 90)


@dataclass(frozen=True)
class StatementView:
    id: int
    number: str
    customer: str
    phone: str
    start: dt.date
    end: dt.date
    total: Decimal
    status: str
    lines: int
    disputed: int


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
        billed = StatementLine.select(StatementLine.waybill)
        waybills = list(
            Waybill.select()
            .where(
                (Waybill.shipper == customer.id)
                & (Waybill.payment_method == PaymentMethod.MONTHLY)
                & (Waybill.origin_depot == actor.depot_id)
                & (Waybill.status != WaybillStatus.VOID)
                & (Waybill.issued_at >= dt.datetime.combine(first, dt.time()))
                & (Waybill.issued_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time()))
                & _WAYBILL_ID.not_in(billed)
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
    if row.status != old:
        raise ServiceError(
            "error.statement_step", number=row.number, status_key=f"statement.status.{row.status}"
        )
    Statement.update(status=new, **values).where(Statement.id == row.id).execute()
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


def pay(actor: Actor, statement_id: int, method: str, reference: str = "") -> None:
    """The statement paid in full: a payment per waybill at its line's amount (purpose
    account), in this session's shift."""
    if method not in METHODS:
        raise FormError([ServiceError("error.choice", field="method")])
    ref = "" if method == "cash" else checks.clean_text(reference, field="reference", max_length=40)
    with database_proxy.atomic():
        row = _statement(actor, statement_id)
        now = clock.now()
        _step(actor, row, "invoiced", "paid", paid_at=now)
        Payment.insert_many(
            [
                {
                    "waybill": line.waybill_id,
                    "purpose": "account",
                    "amount": cents(line.amount),
                    "method": method,
                    "reference": ref,
                    "reason": "",
                    "by": actor.user_id,
                    "shift": actor.shift_id,
                    "at": now,
                }
                for line in StatementLine.select().where(StatementLine.statement == row.id)
            ]
        ).execute()


def statements(actor: Actor, *, open_only: bool = True) -> list[StatementView]:
    """The depot's statements, newest first; `open_only`: not yet paid."""
    query = Statement.select(Statement, Customer).join(Customer).where(Statement.depot == actor.depot_id)
    if open_only:
        query = query.where(Statement.status != "paid")
    rows = list(query.order_by(Statement.issued_at.desc()).limit(500))
    per_statement: Any = (
        StatementLine.select(
            StatementLine.statement, fn.COUNT(StatementLine.id), fn.SUM(StatementLine.disputed.cast("int"))
        )
        .where(StatementLine.statement.in_([r.id for r in rows]))
        .group_by(StatementLine.statement)
        .tuples()
    )
    counts: dict[int, tuple[int, int]] = {s: (n, d or 0) for s, n, d in per_statement}
    return [
        StatementView(
            r.id,
            r.number,
            r.customer.name,
            r.customer.phone,
            r.start,
            r.end,
            cents(r.total),
            r.status,
            *counts.get(r.id, (0, 0)),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class Receivable:
    """What one monthly customer owes here: not yet on a statement, and billed but unpaid by
    age in days (≤30, 31–60, 61–90, over 90), against its credit limit."""

    customer: str
    phone: str
    unbilled: Decimal
    billed: tuple[Decimal, Decimal, Decimal, Decimal]
    total: Decimal
    limit: Decimal | None

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.total > self.limit


def _age(days: int) -> int:
    return next((n for n, upto in enumerate(AGES) if days <= upto), len(AGES))


def receivables(actor: Actor) -> list[Receivable]:
    """Every monthly customer owing this depot anything, the most owed first."""
    today = clock.now().date()
    unbilled: dict[int, Decimal] = {}
    owing: Any = (
        Waybill.select(Waybill.shipper, fn.SUM(Waybill.total))
        .where(
            (Waybill.origin_depot == actor.depot_id)
            & (Waybill.payment_method == PaymentMethod.MONTHLY)
            & (Waybill.status != WaybillStatus.VOID)
            & _WAYBILL_ID.not_in(StatementLine.select(StatementLine.waybill))
        )
        .group_by(Waybill.shipper)
        .tuples()
    )
    for shipper, total in owing:
        unbilled[shipper] = cents(total)
    billed: dict[int, list[Decimal]] = {}
    for row in Statement.select().where((Statement.depot == actor.depot_id) & (Statement.status != "paid")):
        ages = billed.setdefault(row.customer_id, [Decimal("0.00")] * (len(AGES) + 1))
        ages[_age((today - row.issued_at.date()).days)] += cents(row.total)
    ids = set(unbilled) | set(billed)
    out = []
    for c in Customer.select().where(_CUSTOMER_ID.in_([i for i in ids if i is not None])):
        ages = billed.get(c.id, [Decimal("0.00")] * (len(AGES) + 1))
        total = unbilled.get(c.id, Decimal("0.00")) + sum(ages, Decimal("0.00"))
        if total:
            limit = cents(c.credit_limit) if c.credit_limit is not None else None
            four = (ages[0], ages[1], ages[2], ages[3])
            out.append(Receivable(c.name, c.phone, unbilled.get(c.id, Decimal("0.00")), four, total, limit))
    return sorted(out, key=lambda r: (-r.total, r.customer))
