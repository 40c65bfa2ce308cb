"""Past handovers: the depot's log, and one handover read whole with its items and disputes."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN, fn

from ...models import Handover, HandoverItem, OperationException, Shift, User
from .. import checks, clock, depots
from ..actor import Actor
from ..errors import ServiceError
from .handing import start
from .summary import OpenException, ShiftSummary, summary


@dataclass(frozen=True)
class LogLine:
    """One handover as the log lists it. `day` is the outgoing shift's planned start (a night
    shift handed over at 08:00 belongs to the evening it began)."""

    id: int
    day: dt.date
    code: str
    from_name: str
    to_name: str
    status: str
    started_at: dt.datetime
    submitted_at: dt.datetime | None
    accepted_at: dt.datetime | None
    cash_system: Decimal
    cash_counted: Decimal | None
    items: int
    disputed: int  # disputed and not yet settled by a supervisor
    override: bool

    @property
    def cash_difference(self) -> Decimal | None:
        return None if self.cash_counted is None else self.cash_counted - self.cash_system


def log(actor: Actor, day: str = "", clerk: str = "", disputed_only: bool = False) -> list[LogLine]:
    """This depot's handovers of the day typed (blank: today; `checks.day`), by either clerk
    when `clerk` is given (part of a name or user name); or, disputed_only, every handover
    with a dispute still to settle, whatever its day."""
    today = clock.now().date()
    outgoing, incoming = Shift.alias(), Shift.alias()
    query = (
        Handover.select(Handover, outgoing, incoming)
        .join(outgoing, on=(Handover.from_shift == outgoing.id))
        .switch(Handover)
        .join(incoming, JOIN.LEFT_OUTER, on=(Handover.to_shift == incoming.id))
        .where(Handover.depot == actor.depot_id)
    )
    disputed = HandoverItem.select(HandoverItem.handover).where(HandoverItem.status == "disputed")
    if disputed_only:
        query = query.where(Handover.id.in_(disputed))
    else:
        first = checks.day(day, "day", today)
        begin = dt.datetime.combine(first, dt.time())
        query = query.where(
            (outgoing.planned_start >= begin) & (outgoing.planned_start < begin + dt.timedelta(days=1))
        )
    wanted = checks.optional_text(clerk, "clerk", max_length=40).lower()
    if wanted:
        users = [
            u.id
            for u in User.select(User.id).where(
                fn.LOWER(User.name).contains(wanted) | fn.LOWER(User.username).contains(wanted)
            )
        ]
        query = query.where(outgoing.user.in_(users) | incoming.user.in_(users))
    return _lines(list(query.order_by(outgoing.planned_start, Handover.id)))


def _lines(rows: list[Handover]) -> list[LogLine]:
    """Log lines of handovers read with their shifts: the item counts in one query."""
    counts: dict[int, list[int]] = {}
    counted = (
        HandoverItem.select(HandoverItem.handover, HandoverItem.status, fn.COUNT(1))
        .where(HandoverItem.handover.in_([r.id for r in rows]))
        .group_by(HandoverItem.handover, HandoverItem.status)
    )
    for handover_id, status, n in counted.tuples():
        total = counts.setdefault(handover_id, [0, 0])
        total[0] += n
        if status == "disputed":
            total[1] += n
    names = depots.user_names()
    lines = []
    for row in rows:
        going = row.from_shift
        coming = row.to_shift if row.to_shift_id is not None else None
        items, open_disputes = counts.get(row.id, [0, 0])
        lines.append(
            LogLine(
                id=row.id,
                day=going.planned_start.date(),
                code=going.code,
                from_name=names.get(going.user_id, ""),
                to_name=names.get(coming.user_id, "") if coming else "",
                status=row.status,
                started_at=row.started_at,
                submitted_at=row.submitted_at,
                accepted_at=row.accepted_at,
                cash_system=Decimal(str(row.cash_system)),
                cash_counted=None if row.cash_counted is None else Decimal(str(row.cash_counted)),
                items=items,
                disputed=open_disputes,
                override=row.override_by_id is not None,
            )
        )
    return lines


@dataclass(frozen=True)
class ItemLine:
    id: int
    kind: str
    subject: str
    cause: str
    course: str
    result: str
    expected: str
    counted: str
    status: str
    dispute_note: str
    settled_by: str
    settled_note: str
    exception_open: bool  # a matter for an exception not yet resolved


@dataclass(frozen=True)
class HandoverView:
    """A handover whole: its log line, the summary as submitted (or as it stands, a draft's),
    the cash note, the override, every item."""

    line: LogLine
    summary: ShiftSummary
    cash_note: str
    override_by: str
    override_reason: str
    items: list[ItemLine]


def _summary_from(text: str) -> ShiftSummary:
    """The JSON snapshot back as a ShiftSummary (Decimal and datetime restored)."""
    raw = json.loads(text)
    when = dt.datetime.fromisoformat
    raw["clock_in"], raw["at"] = when(raw["clock_in"]), when(raw["at"])
    for name in ("money", "by_purpose"):
        raw[name] = {k: Decimal(v) for k, v in raw[name].items()}
    raw["cash"] = Decimal(raw["cash"])
    raw["exceptions"] = [OpenException(**{**e, "found_at": when(e["found_at"])}) for e in raw["exceptions"]]
    return ShiftSummary(**raw)


def detail(actor: Actor, handover_id: int, got: ShiftSummary | None = None) -> HandoverView:
    """One handover of the actor's depot, read-only. A draft shows its summary as it stands
    now to its own clerk (`got`, when the caller has just taken it), as last snapshotted to
    anyone else."""
    row = Handover.get_or_none((Handover.id == handover_id) & (Handover.depot == actor.depot_id))
    if row is None:
        raise ServiceError("error.handover_not_yours")
    line = _lines([row])[0]
    own_draft = row.status == "draft" and row.from_shift_id == actor.shift_id
    got = (got or summary(actor)) if own_draft else _summary_from(row.summary)
    names = depots.user_names()
    open_ids = {
        e.id
        for e in OperationException.select(OperationException.id).where(
            OperationException.resolved_at.is_null() & (OperationException.depot == actor.depot_id)
        )
    }
    items = [
        ItemLine(
            i.id,
            i.kind,
            i.subject,
            i.cause,
            i.course,
            i.result,
            i.expected,
            i.counted,
            i.status,
            i.dispute_note,
            names.get(i.settled_by_id, "") if i.settled_by_id else "",
            i.settled_note,
            i.exception_id in open_ids,
        )
        for i in row.items.order_by(HandoverItem.id)
    ]
    return HandoverView(
        line,
        got,
        row.cash_note,
        names.get(row.override_by_id, "") if row.override_by_id else "",
        row.override_reason,
        items,
    )


def run(actor: Actor) -> HandoverView:
    """F6 for the outgoing clerk: the draft of their shift (started now if need be, with a
    matter for each exception opened since) and everything on it. The summary is taken once
    for both."""
    got = summary(actor)
    return detail(actor, start(actor, got).id, got)
