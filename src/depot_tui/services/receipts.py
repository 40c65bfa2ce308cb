"""Return receipts (回单登记, R-2.7, R-2.17): the signed copies the shipper asked for, on their
way back.

A waybill issued with a return receipt has a row from the start, "not yet signed". Then:
signed (the consignee signed the copies when the goods were handed over: recorded at the
destination depot), returned (the signed copies reached the origin depot: recorded there),
handed (given to the shipper, and to whom: recorded at the origin depot). Each step records
who and when, in order; none can be skipped or recorded at the wrong depot.

A step not taken in time is overdue (settings receipt.sign_days after the goods were handed
over, receipt.return_days after signing, receipt.hand_days after return), and the lists say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from ..models import Delivery, Depot, Pickup, ReturnReceipt, Waybill, database_proxy, locked
from . import audit, checks, clock, depots, settings
from .actor import Actor
from .errors import ServiceError

STATES = ("unsigned", "signed", "returned", "handed")
_NEXT = {"unsigned": "signed", "signed": "returned", "returned": "handed"}
_DAYS = {"unsigned": "receipt.sign_days", "signed": "receipt.return_days", "returned": "receipt.hand_days"}


def _handed_over_at(waybill_id: int) -> dt.datetime | None:
    """When goods of the waybill were first handed to the consignee (picked up or delivered)."""
    picked = Pickup.select(fn.MIN(Pickup.at)).where(Pickup.waybill == waybill_id).scalar()
    delivered = (
        Delivery.select(fn.MIN(Delivery.done_at))
        .where((Delivery.waybill == waybill_id) & (Delivery.status == "delivered"))
        .scalar()
    )
    times = [t for t in (picked, delivered) if t is not None]
    return min(times) if times else None


@dataclass(frozen=True)
class ReceiptLine:
    number: str
    copies: int
    status: str  # unsigned, signed, returned, handed
    origin: str  # depot codes
    destination: str
    consignee_name: str
    shipper_name: str
    shipper_phone: str
    since: dt.datetime | None  # when the current state began (goods handed over, for unsigned)
    due: dt.datetime | None  # when the next step is overdue (None: not yet due at all)
    overdue: bool
    next_here: str  # the next step if this depot records it ("signed", "returned", "handed"), else ""
    signed_by: str
    signed_at: dt.datetime | None
    returned_by: str
    returned_at: dt.datetime | None
    handed_by: str
    handed_at: dt.datetime | None
    handed_to: str


class _Names:
    """User names and depot codes, read once per list rather than once per line."""

    def __init__(self) -> None:
        self.users = depots.user_names()
        self.codes = depots.codes()

    def user(self, user_id: int | None) -> str:
        return self.users.get(user_id, "") if user_id else ""


def _line(
    row: ReturnReceipt, waybill: Waybill, depot_id: int | None, now: dt.datetime, names: _Names | None = None
) -> ReceiptLine:
    names = names or _Names()
    since = {
        "unsigned": _handed_over_at(waybill.id) if row.status == "unsigned" else None,
        "signed": row.signed_at,
        "returned": row.returned_at,
    }.get(row.status)
    due = None
    if since is not None and row.status in _DAYS:
        depot = waybill.dest_depot_id if row.status == "unsigned" else waybill.origin_depot_id
        due = since + dt.timedelta(days=float(settings.get(_DAYS[row.status], depot)))
    step = _NEXT.get(row.status, "")
    where = waybill.dest_depot_id if step == "signed" else waybill.origin_depot_id
    return ReceiptLine(
        number=waybill.number,
        copies=row.copies,
        status=row.status,
        origin=names.codes[waybill.origin_depot_id],
        destination=names.codes.get(waybill.dest_depot_id, ""),
        consignee_name=waybill.consignee_name,
        shipper_name=waybill.shipper_name,
        shipper_phone=waybill.shipper_phone,
        since=since,
        due=due,
        overdue=due is not None and now > due,
        next_here=step if step and where == depot_id else "",
        signed_by=names.user(row.signed_by_id),
        signed_at=row.signed_at,
        returned_by=names.user(row.returned_by_id),
        returned_at=row.returned_at,
        handed_by=names.user(row.handed_by_id),
        handed_at=row.handed_at,
        handed_to=row.handed_to,
    )


def receipts(actor: Actor, *, overdue_only: bool = False) -> list[ReceiptLine]:
    """The receipts this depot has a step to take for: bound here and not yet signed once the
    goods were handed over, issued here and signed (on the way back) or returned (to hand over).
    Overdue ones first, then oldest state first."""
    here, now = actor.depot_id, clock.now()
    # The open receipts first (few, by the status index), then their waybills by id: joined in
    # one query, SQLite chose to scan the million waybills for the OR below (90 ms).
    open_rows = {r.waybill_id: r for r in ReturnReceipt.select().where(ReturnReceipt.status.in_(list(_NEXT)))}
    waybills = Waybill.select().where(
        Waybill.id.in_(list(open_rows))
        & (
            (
                (Waybill.dest_depot == here)
                & Waybill.status.in_(["arrived", "notified", "picked_up", "delivered"])
            )
            | (Waybill.origin_depot == here)
        )
    )
    rows = []
    for w in waybills:
        row = open_rows[w.id]
        if (row.status == "unsigned") == (w.dest_depot_id == here):
            row.waybill = w
            rows.append(row)
    # Not yet signed before the goods are handed over is not a step to take yet.
    names = _Names()
    lines = [
        line
        for line in (_line(r, r.waybill, here, now, names) for r in rows)
        if line.status != "unsigned" or line.since is not None
    ]
    if overdue_only:
        lines = [line for line in lines if line.overdue]
    return sorted(lines, key=lambda line: (not line.overdue, line.since or dt.datetime.max, line.number))


def _receipt(number: str) -> tuple[ReturnReceipt, Waybill]:
    waybill = Waybill.get_or_none(Waybill.number == checks.normal(number).upper())
    # Locked: two terminals recording the same step take turns; the second finds it done.
    row = (
        locked(ReturnReceipt.select().where(ReturnReceipt.waybill == waybill.id)).first() if waybill else None
    )
    if row is None:
        raise ServiceError("error.receipt_unknown", number=number)
    return row, waybill


def step(actor: Actor, number: str, to: str, handed_to: str = "") -> ReceiptLine:
    """Record the receipt's next step `to` (signed, returned, handed), at the depot whose step
    it is: signed at the destination once goods were handed over; returned and handed at the
    origin; handed names who took it for the shipper."""
    if to not in _NEXT.values():
        raise ServiceError("error.receipt_step", field="step")
    taker = checks.person_name(handed_to, "handed_to") if to == "handed" else ""
    with database_proxy.atomic():
        row, waybill = _receipt(number)
        if _NEXT.get(row.status) != to:
            raise ServiceError(
                "error.receipt_order",
                number=waybill.number,
                status_key=f"receipt.state.{row.status}",
                to_key=f"receipt.state.{to}",
            )
        depot = waybill.dest_depot_id if to == "signed" else waybill.origin_depot_id
        if depot != actor.depot_id:
            raise ServiceError(
                "error.receipt_depot",
                number=waybill.number,
                depot=Depot.get_by_id(depot).code if depot else "",
            )
        if to == "signed" and _handed_over_at(waybill.id) is None:
            raise ServiceError("error.receipt_not_handed", number=waybill.number)
        now = clock.now()
        changes = {"status": to, f"{to}_by": actor.user_id, f"{to}_at": now}
        if to == "handed":
            changes["handed_to"] = taker
        ReturnReceipt.update(**changes).where(ReturnReceipt.id == row.id).execute()
        audit.record(
            actor,
            f"receipt.{to}",
            "waybill",
            waybill.number,
            old={"status": row.status},
            new={"status": to, "handed_to": taker} if taker else {"status": to},
        )
        return _line(ReturnReceipt.get_by_id(row.id), waybill, actor.depot_id, now)
