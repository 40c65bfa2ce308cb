"""The day's money (日结, issue 24 part 2): every payment taken or refunded at the depot in the
range, by whom and how, with the totals per method the handover's cash is counted against. A
clerk's is his own. The same payments as the handover's summary, so the two agree."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from peewee import JOIN, Case, fn

from ...codes import PaymentMethod, WaybillStatus
from ...models import Customer, Depot, Payment, Shift, Statement, User, Waybill
from .. import depots
from ..accounts import STATUS_ZH
from ..money import FREIGHT, METHODS, cents
from .parts import Cell, Column, between

_PURPOSE_ZH = {"freight": "运费", "collect": "提付", "delivery": "送货费", "account": "月结"}
_METHOD_ZH = {"cash": "现金", "wechat": "微信", "alipay": "支付宝", "bank": "转账"}


def day_money(
    depot: Depot, start: dt.date, end: dt.date, clerk: int | None
) -> tuple[list[Column], list[list[Cell]], str]:
    """Payments through the depot's drawers in the range, oldest first; a clerk's are those of
    his shifts (a supervisor's refund at his counter included) and his own outside any shift:
    what his handovers counted."""
    names = depots.user_names()
    query = (
        Payment.select(Payment, Waybill.number)
        .join(Waybill)
        .switch(Payment)
        .join(User, on=(Payment.by == User.id))
        .where((User.depot == depot.id) & between(Payment.at, start, end))
        .order_by(Payment.at, Payment.id)
    )
    if clerk is not None:
        his_shifts = Shift.select(Shift.id).where(Shift.user == clerk)
        query = query.where(Payment.shift.in_(his_shifts) | (Payment.shift.is_null() & (Payment.by == clerk)))
    rows: list[list[Cell]] = []
    by_method = dict.fromkeys(METHODS, Decimal("0.00"))
    refunded = Decimal("0.00")
    for p in query:
        amount = cents(p.amount)
        by_method[p.method] = by_method.get(p.method, Decimal("0.00")) + amount
        if amount < 0:
            refunded += amount
        rows.append(
            [
                p.at,
                p.waybill.number,
                _PURPOSE_ZH.get(p.purpose, p.purpose) + ("退款" if amount < 0 else ""),
                _METHOD_ZH.get(p.method, p.method),
                amount,
                p.reference,
                names.get(p.by_id, ""),
                p.reason,
            ]
        )
    columns = [
        Column("时间", 12),
        Column("运单号", 14),
        Column("用途", 9),
        Column("方式", 7),
        Column("金额", 10),
        Column("交易单号", 12),
        Column("经办", 5),
        Column("退款原因", 11),
    ]
    each = "　".join(f"{_METHOD_ZH[m]} {by_method[m]:.2f}" for m in METHODS)
    total = f"{each}；其中退款 {refunded:.2f}；合计 {sum(by_method.values(), Decimal('0.00')):.2f} 元"
    count, short = _unpaid_now(depot, start, end, clerk)
    if count:  # 现付 waybills of the range whose freight is not all in the drawer
        total += f"；现付未收足 {count} 票 {short:.2f} 元"
    return columns, rows, total


def _unpaid_now(depot: Depot, start: dt.date, end: dt.date, clerk: int | None) -> tuple[int, Decimal]:
    """The waybills paid now (现付) issued here in the range (by `clerk`) whose freight was not
    all taken (a part paid, a correction upward, a refund): how many, and what is owed."""
    paid = fn.COALESCE(fn.SUM(Payment.amount), 0)
    query = (
        Waybill.select(Waybill.total, paid.alias("paid"))
        .join(Payment, JOIN.LEFT_OUTER, on=((Payment.waybill == Waybill.id) & Payment.purpose.in_(FREIGHT)))
        .where(
            (Waybill.origin_depot == depot.id)
            & (Waybill.payment_method == PaymentMethod.CASH)
            & (Waybill.status != WaybillStatus.VOID)
            & between(Waybill.issued_at, start, end)
        )
        .group_by(Waybill.id, Waybill.total)
        .having(Waybill.total > paid)
    )
    if clerk is not None:
        query = query.where(Waybill.issued_by == clerk)
    owed: Any = query.tuples()
    short = [cents(total) - cents(taken) for total, taken in owed]
    return len(short), sum(short, Decimal("0.00"))


def ledger(depot: Depot | None, start: dt.date, end: dt.date) -> tuple[list[Column], list[list[Cell]], str]:
    """The accountant's month (issue 24, part 7): the money of the range by depot, purpose and
    method: how many payments, what they came to, of which refunded. Payments are recorded when
    taken, so a past month's figures never change (a correction or refund after it is money of
    the day it is made). `depot` None: every depot (an admin's)."""
    codes = depots.codes()
    refunds = fn.SUM(Case(None, [(Payment.amount < 0, Payment.amount)], 0))  # in the same pass
    query = (
        Payment.select(
            User.depot, Payment.purpose, Payment.method, fn.COUNT(Payment.id), fn.SUM(Payment.amount), refunds
        )
        .join(User, on=(Payment.by == User.id))
        .where(between(Payment.at, start, end))
        .group_by(User.depot, Payment.purpose, Payment.method)
    )
    if depot is not None:
        query = query.where(User.depot == depot.id)
    rows: list[list[Cell]] = []
    total = refunded = Decimal("0.00")
    payments = 0
    grouped: Any = list(query.tuples())  # (depot, purpose, method, count, sum, refunds) rows
    for d, purpose, method, count, amount, given_back in sorted(
        grouped, key=lambda r: (codes.get(r[0], ""), r[1], r[2])
    ):
        back = cents(given_back)
        total, refunded, payments = total + cents(amount), refunded + back, payments + int(count)
        rows.append(
            [
                codes.get(d, "?"),
                _PURPOSE_ZH.get(purpose, purpose),
                _METHOD_ZH.get(method, method),
                int(count),
                cents(amount),
                back,
            ]
        )
    columns = [
        Column("站点", 6),
        Column("用途", 10),
        Column("方式", 8),
        Column("笔数", 8),
        Column("金额", 14),
        Column("其中退款", 14),
    ]
    return columns, rows, f"合计 {total:.2f} 元，其中退款 {refunded:.2f} 元，{payments} 笔"


def statement_book(depot: Depot, start: dt.date, end: dt.date) -> tuple[list[Column], list[list[Cell]], str]:
    """Every statement drawn up here in the range (for the accountant's XLSX): customer, period,
    amount, where it stands, invoice, paid."""
    rows: list[list[Cell]] = []
    for s in (
        Statement.select(Statement, Customer)
        .join(Customer)
        .where((Statement.depot == depot.id) & between(Statement.issued_at, start, end))
        .order_by(Statement.issued_at, Statement.id)
    ):
        rows.append(
            [
                s.number,
                s.customer.name,
                f"{s.start:%m-%d}~{s.end:%m-%d}",
                cents(s.total),
                STATUS_ZH.get(s.status, s.status),
                s.invoice_no,
                s.paid_at,
            ]
        )
    columns = [
        Column("单号", 13),
        Column("客户", 14),
        Column("期间", 12),
        Column("金额", 11),
        Column("状态", 11),
        Column("发票", 9),
        Column("付款", 10),
    ]
    billed = sum((r[3] for r in rows if isinstance(r[3], Decimal)), Decimal("0.00"))
    paid = sum((r[3] for r in rows if r[6] is not None and isinstance(r[3], Decimal)), Decimal("0.00"))
    return columns, rows, f"共 {len(rows)} 张，金额 {billed:.2f} 元，已付 {paid:.2f} 元"
