"""The day's money (日结, issue 24 part 2): every payment taken or refunded at the depot in the
range, by whom and how, with the totals per method the handover's cash is counted against. A
clerk's is his own. The same payments as the handover's summary, so the two agree."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ...models import Depot, Payment, User, Waybill
from .. import depots
from ..money import METHODS, cents
from .parts import Cell, Column, between

_PURPOSE_ZH = {"freight": "运费", "collect": "提付", "delivery": "送货费"}
_METHOD_ZH = {"cash": "现金", "wechat": "微信", "alipay": "支付宝", "bank": "转账"}


def day_money(
    depot: Depot, start: dt.date, end: dt.date, clerk: int | None
) -> tuple[list[Column], list[list[Cell]], str]:
    """Payments by the depot's people (or `clerk`'s alone) in the range, oldest first."""
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
        query = query.where(Payment.by == clerk)
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
    return columns, rows, total
