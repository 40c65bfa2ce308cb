"""The counter's registers (R-2.17): pickup (提货登记), transfer (中转登记) and return receipt
(回单登记), each built from the database for a depot and a date range."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ...models import Depot, Partner, Pickup, ReturnReceipt, Transfer, User, Waybill
from .. import depots
from ..pickup import collected_at_pickup
from .parts import Cell, Column, between

_STATES = {"unsigned": "未签收", "signed": "已签收", "returned": "已返回", "handed": "已交付"}


def pickups(depot: Depot, start: dt.date, end: dt.date) -> tuple[list[Column], list[list[Cell]], str]:
    """Who took what: the ID number and signature of each pickup here (fault 17 is their
    absence), pieces, and collect-freight taken with it."""
    names = depots.user_names()
    rows: list[list[Cell]] = []
    for p in (
        Pickup.select(Pickup, Waybill)
        .join(Waybill)
        .where((Waybill.dest_depot == depot.id) & between(Pickup.at, start, end))
        .order_by(Pickup.at, Pickup.id)
    ):
        rows.append(
            [
                p.at,
                p.waybill.number,
                p.pieces,
                p.collector_name,
                p.collector_id_number,
                p.signature_name,
                collected_at_pickup(p),
                names[p.by_id],
            ]
        )
    columns = [
        Column("时间", 12),
        Column("运单号", 14),
        Column("件数", 5),
        Column("提货人", 9),
        Column("身份证号", 19),
        Column("签名", 8),
        Column("提付", 8),
        Column("经办", 5),
    ]
    money = sum((r[6] for r in rows), Decimal("0.00"))
    total = f"共 {len(rows)} 次提货，{sum(r[2] for r in rows)} 件，提付合计 {money:.2f} 元"
    return columns, rows, total


def transfers(depot: Depot, start: dt.date, end: dt.date) -> tuple[list[Column], list[list[Cell]], str]:
    """Goods handed to partner lines from here: partner, their number, fee, rebate."""
    names = depots.user_names()
    partners = {p.id: p.name for p in Partner.select(Partner.id, Partner.name)}
    rows: list[list[Cell]] = []
    for t in (
        Transfer.select(Transfer, Waybill)
        .join(Waybill)
        .switch(Transfer)
        .join(User)
        .where((User.depot == depot.id) & between(Transfer.at, start, end))
        .order_by(Transfer.at, Transfer.id)
    ):
        rows.append(
            [
                t.at,
                t.waybill.number,
                t.pieces,
                partners[t.partner_id],
                t.partner_waybill_number,
                Decimal(str(t.fee)),
                Decimal(str(t.rebate)),
                names[t.by_id],
            ]
        )
    columns = [
        Column("时间", 12),
        Column("运单号", 14),
        Column("件数", 5),
        Column("中转公司", 13),
        Column("对方单号", 14),
        Column("中转费", 8),
        Column("回扣", 8),
        Column("经办", 6),
    ]
    fees = sum((r[5] for r in rows), Decimal("0.00"))
    rebates = sum((r[6] for r in rows), Decimal("0.00"))
    total = f"共 {len(rows)} 票，中转费合计 {fees:.2f} 元，回扣合计 {rebates:.2f} 元"
    return columns, rows, total


def receipts(depot: Depot, start: dt.date, end: dt.date) -> tuple[list[Column], list[list[Cell]], str]:
    """Receipts of waybills issued here or bound here, issued in the range or with a step taken
    in it: their state and who took each step when."""
    names = depots.user_names()
    codes = depots.codes()
    touched = (
        between(Waybill.issued_at, start, end)
        | between(ReturnReceipt.signed_at, start, end)
        | between(ReturnReceipt.returned_at, start, end)
        | between(ReturnReceipt.handed_at, start, end)
    )
    rows: list[list[Cell]] = []
    for r in (
        ReturnReceipt.select(ReturnReceipt, Waybill)
        .join(Waybill)
        .where(((Waybill.origin_depot == depot.id) | (Waybill.dest_depot == depot.id)) & touched)
        .order_by(Waybill.issued_at, Waybill.number)
    ):
        w = r.waybill
        route = f"{codes[w.origin_depot_id]}→{codes.get(w.dest_depot_id, '')}"
        rows.append(
            [
                w.number,
                route,
                r.copies,
                _STATES[r.status],
                r.signed_at,
                names.get(r.signed_by_id, ""),
                r.returned_at,
                names.get(r.returned_by_id, ""),
                r.handed_at,
                names.get(r.handed_by_id, ""),
                r.handed_to,
            ]
        )
    columns = [
        Column("运单号", 14),
        Column("线路", 6),
        Column("份", 3),
        Column("状态", 7),
        Column("签收", 6, "签收时间"),
        Column("", 7, "签收经办"),
        Column("返回", 6, "返回时间"),
        Column("", 7, "返回经办"),
        Column("交付", 6, "交付时间"),
        Column("", 7, "交付经办"),
        Column("交给", 9),
    ]
    counts = {state: sum(1 for r in rows if r[3] == name) for state, name in _STATES.items()}
    total = f"共 {len(rows)} 票：" + "，".join(f"{_STATES[s]} {n}" for s, n in counts.items())
    return columns, rows, total
