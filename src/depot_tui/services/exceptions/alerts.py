"""The 5-minute report (SOP 004 ch.3: "发现异常…5分钟内向部门负责人汇报"; out of hours the leader is
told at once and the written report follows by 9:00 of the next working day): a new major or
urgent exception is shown to every supervisor of the depots concerned until one of them opens
it; the time from found to seen is kept; one not seen by its deadline is overdue."""

from __future__ import annotations

import datetime as dt

from peewee import JOIN

from ...codes import Severity
from ...models import ExceptionNote, OperationException, Role, Waybill, database_proxy
from .. import audit, clock, workdays
from ..actor import Actor, requires
from .life import _get

GRAVE = (Severity.MAJOR.value, Severity.URGENT.value)
#: The head of department's hours: an exception found inside them is due in REPORT_WITHIN.
OFFICE_HOURS = (dt.time(8), dt.time(18))
REPORT_WITHIN = dt.timedelta(minutes=5)
NEXT_DAY_BY = dt.time(9)


def deadline(found_at: dt.datetime) -> dt.datetime:
    """When a supervisor must have seen it: 5 minutes after it was found in office hours on a
    working day; else 9:00 of the next working day (of the same day, if found before 8:00 on
    a working day)."""
    day, start, end = found_at.date(), *OFFICE_HOURS
    if workdays.is_working_day(day) and start <= found_at.time() < end:
        return found_at + REPORT_WITHIN
    if workdays.is_working_day(day) and found_at.time() < start:
        return dt.datetime.combine(day, NEXT_DAY_BY)
    return dt.datetime.combine(workdays.add_working_days(day, 1), NEXT_DAY_BY)


def unseen(actor: Actor) -> list[tuple[int, str, str]]:
    """For a supervisor: (id, severity, description) of the open major and urgent exceptions
    of the depots concerned (found here, or on a waybill sent from here) that no supervisor
    has opened yet, oldest first. Nothing for a clerk. One indexed query: polled each second."""
    if not actor.is_supervisor:
        return []
    query = (
        OperationException.select(
            OperationException.id, OperationException.severity, OperationException.description
        )
        .join(Waybill, JOIN.LEFT_OUTER, on=(OperationException.waybill == Waybill.id))
        .where(
            OperationException.seen_at.is_null()
            & OperationException.resolved_at.is_null()
            & OperationException.severity.in_(GRAVE)
            & ((OperationException.depot == actor.depot_id) | (Waybill.origin_depot == actor.depot_id))
        )
        .order_by(OperationException.found_at)
    )
    return [(row.id, row.severity, row.description) for row in query]


@requires(Role.SUPERVISOR, Role.ADMIN)
def seen(actor: Actor, exception_id: int) -> None:
    """A supervisor opened it: the first time is kept (who, when), and the report is done."""
    with database_proxy.atomic():
        row = _get(actor, exception_id)
        if row.seen_at is not None:
            return
        now = clock.now()
        row.seen_by_id, row.seen_at = actor.user_id, now
        row.save()
        minutes = int((now - row.found_at).total_seconds() // 60)
        ExceptionNote.create(exception=row.id, at=now, by=actor.user_id, kind="seen", text=f"{minutes}")
        audit.record(actor, "exception.seen", "exception", row.id, new={"minutes": minutes})
