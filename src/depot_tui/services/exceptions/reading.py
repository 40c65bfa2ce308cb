"""Exceptions read: this depot's list (open first, the gravest and oldest first), and one read
whole with every step of its history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN

from ...codes import SEVERITY_ORDER
from ...models import Depot, ExceptionNote, OperationException, User, Waybill
from .. import clock, depots
from ..actor import Actor
from .alerts import GRAVE, deadline
from .life import _get


@dataclass(frozen=True)
class Line:
    id: int
    kind: str
    severity: str
    waybill: str
    pieces: int
    description: str
    found_at: dt.datetime
    found_by: str
    owner: str
    resolved_at: dt.datetime | None
    cause: str
    seen_at: dt.datetime | None = None  # first opened by a supervisor (the 5-minute report)
    overdue: bool = False  # grave, not seen by its deadline (alerts.deadline)


@dataclass(frozen=True)
class Step:
    at: dt.datetime
    who: str
    kind: str  # report, note, owner, resolve, reopen
    text: str


@dataclass(frozen=True)
class Whole:
    line: Line
    depot: str
    resolution: str
    responsible: str
    responsible_user: str
    compensation: Decimal
    charges: Decimal
    steps: list[Step]


def _line(row: OperationException, names: dict[int, str]) -> Line:
    return Line(
        id=row.id,
        kind=row.kind,
        severity=row.severity,
        waybill=row.waybill.number if row.waybill is not None else "",
        pieces=row.pieces,
        description=row.description,
        found_at=row.found_at,
        found_by=names.get(row.found_by_id, ""),
        owner=names.get(row.owner_id or 0, ""),
        resolved_at=row.resolved_at,
        cause=row.cause,
        seen_at=row.seen_at,
        overdue=(
            row.seen_at is None
            and row.resolved_at is None
            and row.severity in GRAVE
            and clock.now() > deadline(row.found_at)
        ),
    )


def listing(actor: Actor, *, open_only: bool = True, limit: int = 200) -> list[Line]:
    """The exceptions this depot found, or found elsewhere on waybills it sent: open ones
    first, gravest then oldest; resolved ones after, newest first."""
    query = (
        OperationException.select(OperationException, Waybill)
        .join(Waybill, JOIN.LEFT_OUTER, on=(OperationException.waybill == Waybill.id))
        .where((OperationException.depot == actor.depot_id) | (Waybill.origin_depot == actor.depot_id))
        .order_by(OperationException.resolved_at.is_null(False), OperationException.found_at.desc())
        .limit(limit)
    )
    if open_only:
        query = query.where(OperationException.resolved_at.is_null())
    names = depots.user_names()
    lines = [_line(row, names) for row in query]
    open_lines = sorted(
        (x for x in lines if x.resolved_at is None),
        key=lambda x: (SEVERITY_ORDER.get(x.severity, 3), x.found_at),
    )
    return open_lines + [x for x in lines if x.resolved_at is not None]


def read(actor: Actor, exception_id: int) -> Whole:
    """One exception whole: what was found, what was decided, and every step with its author."""
    row = _get(actor, exception_id)
    names = depots.user_names()
    steps = [
        Step(n.at, names.get(n.by_id, ""), n.kind, n.text)
        for n in ExceptionNote.select()
        .where(ExceptionNote.exception == row.id)
        .order_by(ExceptionNote.at, ExceptionNote.id)
    ]
    responsible_user = (
        User.select(User.name).where(User.id == row.responsible_user_id).scalar()
        if row.responsible_user_id
        else ""
    )
    return Whole(
        line=_line(row, names),
        depot=Depot.get_by_id(row.depot_id).code,
        resolution=row.resolution,
        responsible=row.responsible,
        responsible_user=responsible_user or "",
        compensation=Decimal(row.compensation),
        charges=Decimal(row.charges),
        steps=steps,
    )
