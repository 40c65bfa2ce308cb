"""What a shift hands over, assembled from what happened in it: waybills, money, trucks, open
exceptions by severity (a major one stops the handover, R-4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import fn

from ...codes import SEVERITY_ORDER
from ...models import (
    ArrivalCheck,
    Manifest,
    ManifestStatus,
    OperationException,
    Payment,
    Severity,
    Shift,
    Waybill,
    WaybillDraft,
    WaybillStatus,
)
from .. import clock, depots, pickup, receipts
from ..actor import Actor
from ..errors import ServiceError


@dataclass(frozen=True)
class OpenException:
    id: int
    kind: str
    severity: str
    waybill: str
    description: str
    found_at: dt.datetime
    owner: str = ""  # who follows it up, once a supervisor named one (issue 23)


@dataclass(frozen=True)
class ShiftSummary:
    """The outgoing clerk's shift as the system saw it, from clock-in to `at`."""

    shift_id: int
    code: str
    clock_in: dt.datetime
    at: dt.datetime
    waybills: int
    pieces: int
    money: dict[str, Decimal]  # taken this shift by how it was paid: cash, wechat, alipay, bank
    by_purpose: dict[str, Decimal]  # freight at issue, collect at pickup, delivery fees
    cash: Decimal  # the cash to hand over
    departed: list[str]  # truck runs departed this shift
    loading: list[str]  # runs still open here
    checked: list[str]  # trucks checked in here this shift
    exceptions: list[OpenException] = field(default_factory=list)  # open at the depot, worst first
    held: list[str] = field(default_factory=list)  # held goods here with no release
    to_notify: int = 0
    receipts_pending: int = 0
    receipts_overdue: int = 0
    drafts: int = 0  # waybill drafts this clerk left open

    @property
    def blocking(self) -> list[OpenException]:
        """The exceptions that stop a handover (R-4: a major or urgent incident unresolved)."""
        return [e for e in self.exceptions if e.severity in (Severity.MAJOR, Severity.URGENT)]


def summary(actor: Actor) -> ShiftSummary:
    """The summary of the actor's own shift (the one their session clocked in to)."""
    if actor.shift_id is None:
        raise ServiceError("error.handover_no_shift")
    shift = Shift.get_by_id(actor.shift_id)
    now = clock.now()
    depot = shift.depot_id
    issued = (
        Waybill.select(fn.COUNT(Waybill.id), fn.COALESCE(fn.SUM(Waybill.pieces), 0))
        .where((Waybill.shift == shift.id) & (Waybill.status != WaybillStatus.VOID))
        .tuples()
        .get()
    )
    money: dict[str, Decimal] = {}
    by_purpose: dict[str, Decimal] = {}
    for purpose, method, amount in (
        Payment.select(Payment.purpose, Payment.method, fn.SUM(Payment.amount))
        .where(Payment.shift == shift.id)
        .group_by(Payment.purpose, Payment.method)
        .tuples()
    ):
        cents = Decimal(str(amount)).quantize(Decimal("0.01"))
        money[method] = money.get(method, Decimal("0.00")) + cents
        by_purpose[purpose] = by_purpose.get(purpose, Decimal("0.00")) + cents
    departed = [
        m.number
        for m in Manifest.select(Manifest.number)
        .where(
            (Manifest.origin_depot == depot)
            & (Manifest.departed_at >= shift.clock_in)
            & (Manifest.departed_at <= now)
        )
        .order_by(Manifest.departed_at)
    ]
    loading = [
        m.number
        for m in Manifest.select(Manifest.number)
        .where(
            (Manifest.origin_depot == depot)
            & (Manifest.status == ManifestStatus.OPEN)
            & (Manifest.created_at <= now)
        )
        .order_by(Manifest.number)
    ]
    checked = [
        c.manifest.number
        for c in ArrivalCheck.select(ArrivalCheck, Manifest)
        .join(Manifest)
        .where(
            (ArrivalCheck.depot == depot)
            & (ArrivalCheck.finished_at >= shift.clock_in)
            & (ArrivalCheck.finished_at <= now)
        )
        .order_by(ArrivalCheck.finished_at)
    ]
    names = depots.user_names()
    exceptions = sorted(
        (
            OpenException(
                e.id,
                e.kind,
                e.severity,
                e.waybill.number if e.waybill_id else "",
                e.description,
                e.found_at,
                names.get(e.owner_id or 0, ""),
            )
            for e in OperationException.select().where(
                (OperationException.depot == depot) & OperationException.resolved_at.is_null()
            )
        ),
        key=lambda e: (SEVERITY_ORDER.get(e.severity, 3), e.found_at),
    )
    held = [w.number for w in pickup.held_here(depot).order_by(Waybill.number)]
    pending = receipts.receipts(actor)
    return ShiftSummary(
        shift_id=shift.id,
        code=shift.code,
        clock_in=shift.clock_in,
        at=now,
        waybills=issued[0],
        pieces=int(issued[1]),
        money=money,
        by_purpose=by_purpose,
        cash=money.get("cash", Decimal("0.00")),
        departed=departed,
        loading=loading,
        checked=checked,
        exceptions=exceptions,
        held=held,
        to_notify=pickup.unnotified(depot).count(),
        receipts_pending=len(pending),
        receipts_overdue=sum(1 for r in pending if r.overdue),
        drafts=WaybillDraft.select().where(WaybillDraft.user == actor.user_id).count(),
    )
