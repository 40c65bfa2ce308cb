"""Reading monthly accounts: the depot's statements, one printed, and what customers owe."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from peewee import fn

from ...codes import PaymentMethod, WaybillStatus
from ...models import Customer, Depot, Payment, Statement, StatementLine, Waybill, ids_in
from .. import clock, depots, printing
from ..actor import Actor
from ..money import cents
from .life import _statement, not_billed, received

#: Ages of what is owed, in days since the statement was drawn up.
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
            & not_billed()
        )
        .group_by(Waybill.shipper)
        .tuples()
    )
    for shipper, total in owing:
        unbilled[shipper] = cents(total)
    billed: dict[int, list[Decimal]] = {}
    unpaid = Statement.select().where((Statement.depot == actor.depot_id) & (Statement.status != "paid"))
    part_paid: Any = (  # received so far on the unpaid statements (a part payment)
        Payment.select(StatementLine.statement, fn.SUM(Payment.amount))
        .join(StatementLine, on=(StatementLine.waybill == Payment.waybill))
        .where((Payment.purpose == "account") & StatementLine.statement.in_(unpaid.select(Statement.id)))
        .group_by(StatementLine.statement)
        .tuples()
    )
    received = {statement: cents(amount) for statement, amount in part_paid}
    for row in unpaid:
        ages = billed.setdefault(row.customer_id, [Decimal("0.00")] * (len(AGES) + 1))
        left = cents(row.total) - received.get(row.id, Decimal("0.00"))
        ages[_age((today - row.issued_at.date()).days)] += left
    ids = set(unbilled) | set(billed)
    out = []
    for c in Customer.select().where(ids_in(Customer, [i for i in ids if i is not None])):
        ages = billed.get(c.id, [Decimal("0.00")] * (len(AGES) + 1))
        total = unbilled.get(c.id, Decimal("0.00")) + sum(ages, Decimal("0.00"))
        if total:
            limit = cents(c.credit_limit) if c.credit_limit is not None else None
            four = (ages[0], ages[1], ages[2], ages[3])
            out.append(Receivable(c.name, c.phone, unbilled.get(c.id, Decimal("0.00")), four, total, limit))
    return sorted(out, key=lambda r: (-r.total, r.customer))


STATUS_ZH = {  # as the printed statement and the accountant's book say it
    "issued": "已出单",
    "checked": "已核对",
    "sent": "已寄出",
    "disputed": "有异议",
    "confirmed": "客户已确认",
    "invoiced": "已开票",
    "paid": "已付款",
}


def statement_text(actor: Actor, statement_id: int) -> str:
    """The statement as printed for the customer (80 columns, Chinese like every document the
    customer keeps): each waybill with its amount and any dispute, the total, where it stands."""
    row = _statement(actor, statement_id)
    customer = Customer.get_by_id(row.customer_id)
    depot = Depot.get_by_id(row.depot_id)
    names = depots.user_names()
    lines = [
        printing.center(f"{depot.name}  月结对账单 {row.number}"),
        printing.center(f"{customer.name}  {customer.phone}  {row.start:%Y-%m-%d} 至 {row.end:%Y-%m-%d}"),
        "=" * printing.WIDTH,
        printing.column("开单日期", 12)
        + printing.column("运单号", 15)
        + printing.column("到站", 12)
        + printing.column("件数", 6)
        + printing.column("重量kg", 9)
        + "金额",
        "-" * printing.WIDTH,
    ]
    query = (
        StatementLine.select(StatementLine, Waybill)
        .join(Waybill)
        .where(StatementLine.statement == row.id)
        .order_by(Waybill.issued_at, Waybill.id)
    )
    places = {d.id: d.code for d in Depot.select(Depot.id, Depot.code)}
    for line in query:
        w = line.waybill
        # Dates, numbers and station codes are ASCII: padded as text, not measured cell by cell
        # (a 2,000-line statement printed in half the time).
        lines.append(
            f"{w.issued_at:%Y-%m-%d}  {w.number:<15}{places.get(w.dest_depot_id or 0, '-'):<12}"
            f"{w.pieces:<6}{w.weight_kg!s:<9}{cents(line.amount):>10.2f}"
        )
        if line.disputed:
            lines += printing.fit(f"    【异议】{line.dispute_note}", printing.WIDTH)
    lines += [
        "-" * printing.WIDTH,
        f"合计 {cents(row.total):.2f} 元　状态：{STATUS_ZH.get(row.status, row.status)}"
        + _received_line(row)
        + (f"　发票 {row.invoice_no}" if row.invoice_no else ""),
        f"制单 {names.get(row.issued_by_id, '')} {row.issued_at:%Y-%m-%d %H:%M}"
        + (f"　核对 {names.get(row.checked_by_id or 0, '')}" if row.checked_by_id else ""),
        "",
        printing.pad("客户确认签章：____________", 40) + "日期：__________",
    ]
    return "\n".join(lines) + "\n"


def _received_line(row: Statement) -> str:
    """What was received on a statement paid in part (nothing said before or once paid)."""
    got = sum(received(row.id).values(), Decimal("0.00"))
    if not got or row.status == "paid":
        return ""
    return f"　已收 {got:.2f} 元，余 {cents(row.total) - got:.2f} 元"


def print_statement(actor: Actor, statement_id: int, outbox: Path) -> printing.Printed:
    """The statement printed (the print command; default the outbox) for the customer."""
    row = _statement(actor, statement_id)
    return printing.deliver(
        outbox, f"statement-{row.number}.txt", statement_text(actor, statement_id), row.depot_id
    )
