"""Deciding proposals, entering what a supervisor saw, appeals within five working days (the
company's appeal rule), praise (R-5 rewards).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from ...models import (
    Appeal,
    Manifest,
    Role,
    ScoreEvent,
    ScoreMonth,
    ScoreRule,
    ScoreStatus,
    User,
    Waybill,
    database_proxy,
    locked,
)
from .. import audit, checks, clock, workdays
from ..actor import Actor, requires
from ..errors import ServiceError
from .rules import _month, _open_month, rule_in_force

ATTENDANCE = ("A01", "A02", "A03", "A04", "A05", "A06", "A07")
APPEAL_WORKING_DAYS = 5


def _event_here(actor: Actor, event_id: int) -> ScoreEvent:
    """The depot's event, locked until the transaction ends: two supervisors deciding it at
    once take turns, and the second finds it decided."""
    event = locked(
        ScoreEvent.select().where((ScoreEvent.id == event_id) & (ScoreEvent.depot == actor.depot_id))
    ).first()
    if event is None:
        raise ServiceError("error.score_not_found")
    return event


@requires(Role.SUPERVISOR, Role.ADMIN)
def decide(actor: Actor, event_id: int, confirm: bool, reason: str) -> ScoreEvent:
    """Confirm or reject a proposal, with the reason; only then does it count (or not)."""
    why = checks.reason(reason)
    with database_proxy.atomic():
        event = _event_here(actor, event_id)
        if event.status != ScoreStatus.PROPOSED:
            raise ServiceError("error.score_decided", status_key=f"score.state.{event.status}")
        _open_month(event.depot_id, event.month)
        status = ScoreStatus.CONFIRMED if confirm else ScoreStatus.REJECTED
        ScoreEvent.update(
            status=status, decided_by=actor.user_id, decided_at=clock.now(), decision_reason=why
        ).where(ScoreEvent.id == event.id).execute()
        audit.record(
            actor,
            "score.confirm" if confirm else "score.reject",
            "score_event",
            event.id,
            old={"status": event.status},
            new={"status": status.value},
            reason=why,
        )
        return ScoreEvent.get_by_id(event.id)


@requires(Role.SUPERVISOR, Role.ADMIN)
def enter(
    actor: Actor,
    code: str,
    user_id: int,
    day: str,
    note: str,
    *,
    waybill: str = "",
    manifest: str = "",
    handover_id: int | None = None,
    enquiry_id: int | None = None,
    liable: str = "",
) -> ScoreEvent:
    """A fault or bonus the supervisor saw (a customer's complaint, temper, a task not done):
    rule, clerk, day, what it refers to, a note. Entered by the one who decides, so it counts
    at once."""
    today = clock.now().date()
    when = checks.day(day, "day", today, latest=today)
    owed = checks.money(liable, "liable") if checks.normal(liable) else Decimal("0.00")
    why = checks.reason(note)
    code = code.strip().upper()
    try:
        rule = rule_in_force(code, when)
    except ScoreRule.DoesNotExist:
        raise ServiceError("error.score_rule_unknown", field="code", code=code) from None
    clerk = User.get_or_none((User.id == user_id) & (User.depot == actor.depot_id))
    if clerk is None:
        raise ServiceError("error.score_not_found", field="user")
    waybill_id = manifest_id = None
    if waybill.strip():
        found = Waybill.get_or_none(Waybill.number == waybill.strip().upper())
        if found is None:
            raise ServiceError("error.waybill_unknown", field="waybill", number=waybill.strip())
        waybill_id = found.id
    if manifest.strip():
        run = Manifest.get_or_none(Manifest.number == manifest.strip().upper())
        if run is None:
            raise ServiceError("error.score_not_found", field="manifest")
        manifest_id = run.id
    at = dt.datetime.combine(when, dt.time(12))
    with database_proxy.atomic():
        _open_month(actor.depot_id, _month(when))
        now = clock.now()
        event = ScoreEvent.create(
            user=clerk.id,
            depot=actor.depot_id,
            rule=rule.id,
            month=_month(when),
            occurred_at=at,
            points=rule.points,
            status=ScoreStatus.CONFIRMED,
            source="manual",
            waybill=waybill_id,
            manifest=manifest_id,
            handover=handover_id,
            enquiry=enquiry_id,
            liable=owed,
            note=why,
            proposed_by=actor.user_id,
            proposed_at=now,
            decided_by=actor.user_id,
            decided_at=now,
            decision_reason=why,
        )
        audit.record(
            actor,
            "score.enter",
            "score_event",
            event.id,
            new={
                "rule": code,
                "user": clerk.id,
                "points": f"{rule.points}",
                "day": when,
                "waybill": waybill_id,
                "manifest": manifest_id,
                "enquiry": enquiry_id,
                "liable": f"{owed:.2f}",
            },
            reason=why,
        )
        return event


def working_days_since(start: dt.datetime, now: dt.datetime) -> int:
    """China's working days after `start`'s day up to and including `now`'s: public holidays
    off, the weekend days made working days on (services/workdays.py)."""
    return workdays.working_days_between(start.date(), now.date())


def appeal_until(notified_at: dt.datetime | None) -> dt.date | None:
    """The last day to appeal an event the clerk was told of at `notified_at` ("可在接到通知后5个
    工作日内"); None while the clerk has not been told (the window has not begun)."""
    if notified_at is None:
        return None
    return workdays.add_working_days(notified_at.date(), APPEAL_WORKING_DAYS)


def tell(actor: Actor) -> list[int]:
    """The actor's own confirmed deductions not yet shown to them, marked shown now: the next
    login after a confirmation, or their F7, tells the clerk, and the appeal window opens at
    that moment. Returns the events' ids (the caller lists them)."""
    with database_proxy.atomic():
        ids = [
            e.id
            for e in ScoreEvent.select(ScoreEvent.id).where(
                (ScoreEvent.user == actor.user_id)
                & (ScoreEvent.status == ScoreStatus.CONFIRMED)
                & ScoreEvent.notified_at.is_null()
                & (ScoreEvent.points < 0)
            )
        ]
        if ids:
            now = clock.now()
            ScoreEvent.update(notified_at=now).where(ScoreEvent.id.in_(ids)).execute()
            audit.record_many(
                actor, "score.told", "score_event", [(i, None, {"notified_at": now}) for i in ids]
            )
        return ids


def appeal(actor: Actor, event_id: int, reason: str) -> Appeal:
    """A clerk disputes a confirmed event of their own within 5 working days of being told of
    it (the company's appeal rule: "可在接到通知后5个工作日内向人力资源部门提出申诉"), with the
    reason; HR decides. An event appealed before it was shown (the clerk heard of it) is told now."""
    why = checks.reason(reason)
    with database_proxy.atomic():
        event = ScoreEvent.get_or_none(ScoreEvent.id == event_id)
        if event is None or event.user_id != actor.user_id:
            raise ServiceError("error.score_not_found")
        if event.status != ScoreStatus.CONFIRMED:
            raise ServiceError("error.score_not_appealable", status_key=f"score.state.{event.status}")
        if Appeal.select().where((Appeal.event == event.id) & (Appeal.status == "open")).exists():
            raise ServiceError("error.score_appeal_open")
        now = clock.now()
        if event.notified_at is None:
            ScoreEvent.update(notified_at=now).where(ScoreEvent.id == event.id).execute()
        elif working_days_since(event.notified_at, now) > APPEAL_WORKING_DAYS:
            raise ServiceError(
                "error.score_appeal_late",
                days=APPEAL_WORKING_DAYS,
                told=f"{event.notified_at:%m-%d}",
                until=f"{appeal_until(event.notified_at):%m-%d}",
            )
        _open_month(event.depot_id, event.month)
        row = Appeal.create(event=event.id, by=actor.user_id, at=now, reason=why)
        audit.record(actor, "score.appeal", "score_event", event.id, new={"appeal": row.id}, reason=why)
        return row


@requires(Role.HR)
def decide_appeal(actor: Actor, appeal_id: int, overturn: bool, reason: str) -> Appeal:
    """HR (人力资源部, not the supervisor who confirmed the deduction) upholds the event (it still
    counts) or overturns it (it no longer does), with the reason; any depot's appeal."""
    why = checks.reason(reason)
    with database_proxy.atomic():
        row = locked(Appeal.select(Appeal, ScoreEvent).join(ScoreEvent).where(Appeal.id == appeal_id)).first()
        if row is None:
            raise ServiceError("error.score_not_found")
        if row.status != "open":
            raise ServiceError("error.score_appeal_decided")
        event = row.event
        _open_month(event.depot_id, event.month)
        now = clock.now()
        status = "overturned" if overturn else "upheld"
        Appeal.update(status=status, decided_by=actor.user_id, decided_at=now, decision_reason=why).where(
            Appeal.id == row.id
        ).execute()
        if overturn:
            ScoreEvent.update(status=ScoreStatus.OVERTURNED).where(ScoreEvent.id == event.id).execute()
        after = ScoreStatus.OVERTURNED.value if overturn else event.status
        audit.record(
            actor,
            f"score.appeal_{status}",
            "score_event",
            event.id,
            old={"status": event.status},
            new={"appeal": row.id, "status": after},
            reason=why,
        )
        return Appeal.get_by_id(row.id)


@requires(Role.SUPERVISOR, Role.ADMIN)
def praise(actor: Actor, user_id: int, month: str, praised: bool = True) -> None:
    """Mark a clerk praised by colleagues or superiors this month: a clean month is then worth
    +10 instead of +6 (B01 for B02)."""
    with database_proxy.atomic():
        _open_month(actor.depot_id, month)
        row, _ = ScoreMonth.get_or_create(depot=actor.depot_id, month=month)
        ids = set(json.loads(row.praised))
        old = sorted(ids)
        ids = ids | {user_id} if praised else ids - {user_id}
        ScoreMonth.update(praised=json.dumps(sorted(ids))).where(ScoreMonth.id == row.id).execute()
        audit.record(
            actor, "score.praise", "score_month", row.id, old={"praised": old}, new={"praised": sorted(ids)}
        )
