"""What F7 lists: a clerk's events, the supervisor's queue, six months of history, whether a month
is closed, who was praised.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from decimal import Decimal

from ...models import Appeal, Manifest, Role, ScoreEvent, ScoreMonth, ScoreRule, ScoreStatus, Waybill, ids_in
from .. import clock, depots, settings
from ..actor import Actor, requires
from ..errors import PermissionDenied
from .attendance import note_words, propose_attendance
from .decisions import APPEAL_WORKING_DAYS, appeal_until, tell, working_days_since
from .month import ClerkMonth, month_table


@dataclass(frozen=True)
class EventLine:
    """One event as F7 shows it, with what it refers to (the evidence) and where it stands."""

    id: int
    user_id: int
    user_name: str
    code: str
    rule_zh: str
    rule_en: str
    points: Decimal
    status: str
    source: str
    occurred_at: dt.datetime
    month: str
    note: str
    waybill: str  # its number, or ""
    manifest: str  # the truck run's number, or ""
    handover_id: int | None
    decided_by: str
    decision_reason: str
    appeal_status: str  # "", open, upheld, overturned (the latest appeal)
    appeal_reason: str
    appeal_decision: str
    appealable: bool  # confirmed, not under appeal, within 5 working days of the clerk being told
    #: A note the system wrote (lateness), as a catalogue key and values: shown in the
    #: reader's language; "" for a person's note, shown as written.
    note_key: str = ""
    note_params: dict[str, str] = field(default_factory=dict)
    depot_id: int = 0
    until: dt.date | None = None  # the last day to appeal (None: not told yet, or not appealable)
    liable: Decimal = Decimal("0.00")  # money the clerk is liable for beside the points


def _event_lines(query) -> list[EventLine]:  # noqa: ANN001 - a ScoreEvent select
    rows = list(query.order_by(ScoreEvent.occurred_at, ScoreEvent.id))
    ids = [e.id for e in rows]
    appeals: dict[int, Appeal] = {}
    for row in Appeal.select().where(Appeal.event.in_(ids)).order_by(Appeal.id):
        appeals[row.event_id] = row  # the latest wins
    waybills = {
        w.id: w.number
        for w in Waybill.select(Waybill.id, Waybill.number).where(
            Waybill.id.in_([e.waybill_id for e in rows if e.waybill_id])
        )
    }
    manifests = {
        m.id: m.number
        for m in Manifest.select(Manifest.id, Manifest.number).where(
            Manifest.id.in_([e.manifest_id for e in rows if e.manifest_id])
        )
    }
    names = depots.user_names()
    now = clock.now()
    out = []
    for e in rows:
        latest = appeals.get(e.id)
        appealable = (
            e.status == ScoreStatus.CONFIRMED
            and (latest is None or latest.status != "open")
            and (e.notified_at is None or working_days_since(e.notified_at, now) <= APPEAL_WORKING_DAYS)
        )
        out.append(
            EventLine(
                id=e.id,
                user_id=e.user_id,
                user_name=names.get(e.user_id, ""),
                code=e.rule.code,
                rule_zh=e.rule.name_zh,
                rule_en=e.rule.name_en,
                points=Decimal(str(e.points)),
                status=e.status,
                source=e.source,
                occurred_at=e.occurred_at,
                month=e.month,
                note=e.note,
                note_key=note_words(e.note)[0],
                note_params=note_words(e.note)[1],
                waybill=waybills.get(e.waybill_id, ""),
                manifest=manifests.get(e.manifest_id, ""),
                handover_id=e.handover_id,
                decided_by=names.get(e.decided_by_id, "") if e.decided_by_id else "",
                decision_reason=e.decision_reason,
                appeal_status=latest.status if latest else "",
                appeal_reason=latest.reason if latest else "",
                appeal_decision=latest.decision_reason if latest else "",
                appealable=appealable,
                depot_id=e.depot_id,
                until=appeal_until(e.notified_at) if appealable else None,
                liable=Decimal(str(e.liable)).quantize(Decimal("0.01")),
            )
        )
    return out


def events(actor: Actor, user_id: int, month: str) -> list[EventLine]:
    """A clerk's events of the month with their evidence: a clerk may ask for their own only
    (PermissionDenied otherwise), a supervisor for any clerk of the depot."""
    if actor.role == Role.CLERK and user_id != actor.user_id:
        raise PermissionDenied("error.permission", action="events", role_key=f"role.{actor.role.value}")
    return _event_lines(
        ScoreEvent.select(ScoreEvent, ScoreRule)
        .join(ScoreRule)
        .where(
            (ScoreEvent.user == user_id) & (ScoreEvent.depot == actor.depot_id) & (ScoreEvent.month == month)
        )
    )


@requires(Role.SUPERVISOR, Role.ADMIN)
def queue(actor: Actor) -> list[EventLine]:
    """What waits for the supervisor at this depot, oldest first: proposals to confirm or
    reject (appeals go to HR). Gathering it files the attendance proposals first."""
    propose_attendance(actor)
    return _event_lines(
        ScoreEvent.select(ScoreEvent, ScoreRule)
        .join(ScoreRule)
        .where((ScoreEvent.depot == actor.depot_id) & (ScoreEvent.status == ScoreStatus.PROPOSED))
    )


@requires(Role.HR)
def appeals(actor: Actor) -> list[EventLine]:
    """Every depot's events under appeal, oldest first: what waits for HR."""
    under_appeal = Appeal.select(Appeal.event).where(Appeal.status == "open")
    return _event_lines(
        ScoreEvent.select(ScoreEvent, ScoreRule).join(ScoreRule).where(ScoreEvent.id.in_(under_appeal))
    )


@requires(Role.HR)
def open_appeal(actor: Actor, event_id: int) -> int | None:
    """The id of the event's undecided appeal, if any (the queue decides it)."""
    row = Appeal.get_or_none((Appeal.event == event_id) & (Appeal.status == "open"))
    return row.id if row else None


def months_before(month: str, count: int) -> list[str]:
    """`count` months up to and including `month`, oldest first."""
    year, number = (int(x) for x in month.split("-"))
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{number:02d}")
        year, number = (year, number - 1) if number > 1 else (year - 1, 12)
    return out[::-1]


@requires(Role.SUPERVISOR, Role.ADMIN)
def history(
    actor: Actor, month: str, count: int = 6
) -> tuple[list[ClerkMonth], dict[int, list[Decimal | None]]]:
    """The month's table, and each clerk's total for the `count` months up to it (closed
    months as closed; None for a month not worked) for the table's sparkline: the month is
    computed once for both."""
    months = months_before(month, count)
    out: dict[int, list[Decimal | None]] = {}
    table: list[ClerkMonth] = []
    setting = functools.cache(settings.get)  # the same settings for every month shown
    for n, each in enumerate(months):
        table = month_table(actor, each, _setting=setting)
        for line in table:
            out.setdefault(line.user_id, [None] * len(months))[n] = line.total if line.worked else None
    return table, out


def month_closed(actor: Actor, month: str) -> bool:
    row = ScoreMonth.get_or_none((ScoreMonth.depot == actor.depot_id) & (ScoreMonth.month == month))
    return bool(row and row.closed)


@requires(Role.SUPERVISOR, Role.ADMIN)
def praised(actor: Actor, month: str) -> set[int]:
    row = ScoreMonth.get_or_none((ScoreMonth.depot == actor.depot_id) & (ScoreMonth.month == month))
    return set(json.loads(row.praised)) if row else set()


def told_lines(actor: Actor) -> list[EventLine]:
    """`tell`, as the lines the clerk is shown (each with its last day to appeal)."""
    ids = tell(actor)
    if not ids:
        return []
    return _event_lines(
        ScoreEvent.select(ScoreEvent, ScoreRule).join(ScoreRule).where(ids_in(ScoreEvent, ids))
    )
