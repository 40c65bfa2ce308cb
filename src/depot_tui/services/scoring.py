"""The monthly score (考核, R-5): faults the system sees for itself become proposals.

A proposal counts for nothing until a supervisor confirms it (the score issue builds the
deciding, appeals and month close on these rows).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from peewee import fn

from ..models import (
    Appeal,
    LeaveRequest,
    Manifest,
    Role,
    ScoreEvent,
    ScoreMonth,
    ScoreRule,
    ScoreStatus,
    Shift,
    User,
    Waybill,
    database_proxy,
    locked,
)
from . import audit, checks, clock, depots, printing, settings
from .actor import Actor, requires
from .errors import PermissionDenied, ServiceError


def rule_in_force(code: str, day: dt.date) -> ScoreRule:
    """The version of rule `code` that applies on `day` (rules change from a date on)."""
    return (
        ScoreRule.select()
        .where(
            (ScoreRule.code == code)
            & (ScoreRule.valid_from <= day)
            & (ScoreRule.valid_to.is_null() | (ScoreRule.valid_to >= day))
        )
        .order_by(ScoreRule.valid_from.desc())
        .get()
    )


#: Faults a clerk's own work shows to the system, proposed from that clerk's session: a
#: correction after issue (F02-F05, F07), an unpaid quote (F08), a short arrival (F10), a late
#: notice (F15), a missed handover (F20).
SYSTEM_PROPOSED = frozenset({"F02", "F03", "F04", "F05", "F07", "F08", "F10", "F15", "F20"})


def propose(
    actor: Actor,
    code: str,
    *,
    user_id: int,
    depot_id: int,
    note: str,
    waybill_id: int | None = None,
    manifest_id: int | None = None,
    exception_id: int | None = None,
    shift_id: int | None = None,
    handover_id: int | None = None,
    at: dt.datetime | None = None,
) -> ScoreEvent:
    """Propose fault `code` against a clerk. Call inside the transaction that saw the fault.

    The services propose as whoever's work showed the fault, a clerk's session too; so a
    clerk's session may propose only the faults the system itself sees (SYSTEM_PROPOSED),
    never a bonus, nor any other rule: a clerk could otherwise put a +10 for himself in the
    supervisor's queue. Supervisors enter the rest (`enter`)."""
    if not actor.is_supervisor and code not in SYSTEM_PROPOSED:
        raise PermissionDenied("error.permission", action="propose", role=actor.role.value)
    at = at or clock.now()
    rule = rule_in_force(code, at.date())
    event = ScoreEvent.create(
        user=user_id,
        depot=depot_id,
        rule=rule.id,
        month=f"{at:%Y-%m}",
        occurred_at=at,
        points=rule.points,
        status=ScoreStatus.PROPOSED,
        source="auto",
        waybill=waybill_id,
        manifest=manifest_id,
        exception=exception_id,
        shift=shift_id,
        handover=handover_id,
        note=note,
        proposed_by=actor.user_id,
        proposed_at=clock.now(),
    )
    audit.record(
        actor,
        "score.propose",
        "score_event",
        event.id,
        depot_id=depot_id,
        new={"rule": code, "user": user_id, "points": rule.points, "waybill": waybill_id, "note": note},
    )
    return event


# --- deciding, entering, appealing (R-5; the company's appeal rule) ----------------------------

ATTENDANCE = ("A01", "A02", "A03", "A04", "A05", "A06", "A07")
APPEAL_WORKING_DAYS = 5


def _month(day: dt.date | dt.datetime) -> str:
    return f"{day:%Y-%m}"


def _open_month(depot_id: int, month: str) -> None:
    """Refuse a change to a closed month: it was paid as it stands."""
    row = ScoreMonth.get_or_none((ScoreMonth.depot == depot_id) & (ScoreMonth.month == month))
    if row is not None and row.closed:
        raise ServiceError("error.score_month_closed", month=month)


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
) -> ScoreEvent:
    """A fault or bonus the supervisor saw (a customer's complaint, temper, a task not done):
    rule, clerk, day, what it refers to, a note. Entered by the one who decides, so it counts
    at once."""
    today = clock.now().date()
    when = checks.day(day, "day", today, latest=today)
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
            },
            reason=why,
        )
        return event


def working_days_since(start: dt.datetime, now: dt.datetime) -> int:
    """Working days (Monday to Friday) after `start`'s day up to and including `now`'s. Public
    holidays are not known to the system and count as working days."""
    day, count = start.date(), 0
    while day < now.date():
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    return count


def appeal(actor: Actor, event_id: int, reason: str) -> Appeal:
    """A clerk disputes a confirmed event of their own within 5 working days of the decision
    (the company's reward and penalty rules), with the reason; the supervisor decides."""
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
        if working_days_since(event.decided_at, now) > APPEAL_WORKING_DAYS:
            raise ServiceError(
                "error.score_appeal_late", days=APPEAL_WORKING_DAYS, decided=f"{event.decided_at:%m-%d}"
            )
        _open_month(event.depot_id, event.month)
        row = Appeal.create(event=event.id, by=actor.user_id, at=now, reason=why)
        audit.record(actor, "score.appeal", "score_event", event.id, new={"appeal": row.id}, reason=why)
        return row


@requires(Role.SUPERVISOR, Role.ADMIN)
def decide_appeal(actor: Actor, appeal_id: int, overturn: bool, reason: str) -> Appeal:
    """Uphold the event (it still counts) or overturn it (it no longer does), with the reason."""
    why = checks.reason(reason)
    with database_proxy.atomic():
        row = locked(
            Appeal.select(Appeal, ScoreEvent)
            .join(ScoreEvent)
            .where((Appeal.id == appeal_id) & (ScoreEvent.depot == actor.depot_id))
        ).first()
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


# --- the score -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClerkMonth:
    """One clerk's month: 100, less confirmed deductions, less repeated short lateness (A01 by
    its escalation), plus the bonuses earned; the grade and the money are settings. Bonuses
    need a month worked (a shift in it): B01 (+10) clean and praised, else B02 (+6) clean;
    B03 (+5) full attendance: no approved leave and no confirmed attendance event."""

    user_id: int
    name: str
    month: str
    deductions: Decimal  # confirmed events' points (negative), A01 excluded
    lateness: Decimal  # A01's escalation for the count of short lateness confirmed
    late_count: int
    bonuses: list[str]  # B01 / B02 / B03 codes earned
    bonus: Decimal
    total: Decimal
    grade: str
    money: Decimal  # paid above (or below) the base score
    pending: int  # proposals not yet decided
    appeals: int  # appeals not yet decided
    events: int  # confirmed events
    worked: bool = True  # had a shift this month (a month not worked earns no bonus)


def escalation_points(rule: ScoreRule, count: int) -> Decimal:
    """A rule counted per month (A01): nothing up to `more_than` times, then `points`, and
    `add` more for every further `then_every` (R-6.4: >5 times 1 point, >10 times 2 ...)."""
    if not rule.escalation:
        return Decimal(0)
    steps = json.loads(rule.escalation)
    if count <= steps["more_than"]:
        return Decimal(0)
    further = (count - steps["more_than"] - 1) // steps["then_every"]
    return Decimal(str(steps["points"])) + Decimal(str(steps["add"])) * further


def grade_of(total: Decimal, depot_id: int | None, setting: Callable[..., Any] = settings.get) -> str:
    for floor, grade in setting("score.grades", depot_id):
        if total >= Decimal(str(floor)):
            return grade
    return ""


def _last_day(month: str) -> dt.date:
    year, number = (int(x) for x in month.split("-"))
    first_next = dt.date(year + number // 12, number % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _clerk_month(
    user: User,
    month: str,
    events: list[ScoreEvent],
    open_appeals: int,
    praised: bool,
    on_leave: bool,
    worked: bool,
    depot_id: int,
    rules: Callable[[str, dt.date], ScoreRule],
    setting: Callable[..., Any],
) -> ClerkMonth:
    confirmed = [e for e in events if e.status == ScoreStatus.CONFIRMED]
    codes = {e.id: e.rule.code for e in events}
    deductions = sum((Decimal(str(e.points)) for e in confirmed if codes[e.id] != "A01"), Decimal(0))
    late_count = sum(1 for e in confirmed if codes[e.id] == "A01")
    end = _last_day(month)
    lateness = escalation_points(rules("A01", end), late_count)
    clean = not any(Decimal(str(e.points)) < 0 for e in confirmed) and lateness == 0
    earned = []
    if clean and worked:  # a month not worked is not a clean month, only an empty one
        earned.append("B01" if praised else "B02")
    if worked and not on_leave and not any(codes[e.id] in ATTENDANCE for e in confirmed):
        earned.append("B03")
    bonus = sum((Decimal(str(rules(code, end).points)) for code in earned), Decimal(0))
    total = Decimal(100) + deductions + lateness + bonus
    base = Decimal(str(setting("score.money_base", depot_id)))
    per_point = Decimal(str(setting("score.money_per_point", depot_id)))
    return ClerkMonth(
        user_id=user.id,
        name=user.name,
        month=month,
        deductions=deductions,
        lateness=lateness,
        late_count=late_count,
        bonuses=earned,
        bonus=bonus,
        total=total,
        grade=grade_of(total, depot_id, setting),
        money=(total - base) * per_point,
        pending=sum(1 for e in events if e.status == ScoreStatus.PROPOSED),
        appeals=open_appeals,
        events=len(confirmed),
        worked=worked,
    )


def _table(
    depot_id: int, month: str, user_ids: list[int] | None = None, setting: Callable[..., Any] | None = None
) -> list[ClerkMonth]:
    """Every clerk's month at the depot, computed from the events (one query each for the
    events, appeals, leave and shifts of the month, not one per clerk; the settings read once,
    or once for several months when the caller passes `setting`, a cached settings.get)."""
    setting = setting or functools.cache(settings.get)
    clerks = User.select().where((User.depot == depot_id) & (User.role == Role.CLERK))
    if user_ids is not None:
        clerks = clerks.where(User.id.in_(user_ids))
    clerks = list(clerks.order_by(User.username))
    ids = [u.id for u in clerks]
    events: dict[int, list[ScoreEvent]] = {i: [] for i in ids}
    for event in (
        ScoreEvent.select(ScoreEvent, ScoreRule)
        .join(ScoreRule)
        .where((ScoreEvent.month == month) & ScoreEvent.user.in_(ids))
    ):
        events[event.user_id].append(event)
    appeals: dict[int, int] = {}
    waiting = (
        Appeal.select(ScoreEvent.user, fn.COUNT(Appeal.id))
        .join(ScoreEvent)
        .where((ScoreEvent.month == month) & ScoreEvent.user.in_(ids) & (Appeal.status == "open"))
        .group_by(ScoreEvent.user)
    )
    for user_id, n in waiting.tuples():
        appeals[user_id] = n
    first = dt.datetime.strptime(f"{month}-01", "%Y-%m-%d")
    after = dt.datetime.combine(_last_day(month) + dt.timedelta(days=1), dt.time())
    on_leave = {
        u
        for (u,) in LeaveRequest.select(LeaveRequest.user)
        .where(
            LeaveRequest.user.in_(ids)
            & (LeaveRequest.kind == "leave")
            & LeaveRequest.approved_by.is_null(False)
            & (LeaveRequest.starts_at < after)
            & (LeaveRequest.ends_at > first)
        )
        .tuples()
    }
    worked = {
        u
        for (u,) in Shift.select(Shift.user)
        .where(Shift.user.in_(ids) & (Shift.planned_start >= first) & (Shift.planned_start < after))
        .tuples()
    }
    row = ScoreMonth.get_or_none((ScoreMonth.depot == depot_id) & (ScoreMonth.month == month))
    praised = set(json.loads(row.praised)) if row else set()
    rules = functools.cache(rule_in_force)  # the same few rules for every clerk of the month
    return [
        _clerk_month(
            u,
            month,
            events[u.id],
            appeals.get(u.id, 0),
            u.id in praised,
            u.id in on_leave,
            u.id in worked,
            depot_id,
            rules,
            setting,
        )
        for u in clerks
    ]


def _frozen(row: ScoreMonth) -> list[ClerkMonth]:
    out = []
    for item in json.loads(row.result):
        amounts = ("deductions", "lateness", "bonus", "total", "money")
        item = {**item, **{k: Decimal(item[k]) for k in amounts}}
        out.append(ClerkMonth(**item))
    return out


def month_table(actor: Actor, month: str, *, _setting: Callable[..., Any] | None = None) -> list[ClerkMonth]:
    """The depot's clerks for the month, as closed if it is closed. A clerk gets their own line
    only: no call gives a clerk another clerk's score."""
    row = ScoreMonth.get_or_none((ScoreMonth.depot == actor.depot_id) & (ScoreMonth.month == month))
    if row is not None and row.closed and row.result:
        table = _frozen(row)
    else:
        table = _table(actor.depot_id, month, None if actor.role != Role.CLERK else [actor.user_id], _setting)
    if actor.role == Role.CLERK:
        return [line for line in table if line.user_id == actor.user_id]
    return table


@requires(Role.SUPERVISOR, Role.ADMIN)
def close_month(actor: Actor, month: str) -> ScoreMonth:
    """Freeze a month that has ended: refused while a proposal or an appeal is undecided (it
    would be paid as if it did not exist). Every clerk's score is kept as closed."""
    if month >= _month(clock.now()):
        raise ServiceError("error.score_month_not_over", month=month)
    with database_proxy.atomic():
        of_month = (ScoreEvent.depot == actor.depot_id) & (ScoreEvent.month == month)
        undecided = ScoreEvent.select().where(of_month & (ScoreEvent.status == ScoreStatus.PROPOSED)).count()
        appeals = Appeal.select().join(ScoreEvent).where(of_month & (Appeal.status == "open")).count()
        if undecided or appeals:
            raise ServiceError("error.score_month_undecided", proposals=undecided, appeals=appeals)
        row, _ = ScoreMonth.get_or_create(depot=actor.depot_id, month=month)
        if row.closed:
            raise ServiceError("error.score_month_closed", month=month)
        table = _table(actor.depot_id, month)
        result = json.dumps(
            [
                {k: (str(v) if isinstance(v, Decimal) else v) for k, v in asdict(line).items()}
                for line in table
            ],
            ensure_ascii=False,
        )
        ScoreMonth.update(closed=True, closed_by=actor.user_id, closed_at=clock.now(), result=result).where(
            ScoreMonth.id == row.id
        ).execute()
        audit.record(
            actor,
            "score.close_month",
            "score_month",
            row.id,
            new={
                "month": month,
                "clerks": len(table),
                "totals": {line.user_id: f"{line.total}" for line in table},
            },
        )
        return ScoreMonth.get_by_id(row.id)


@requires(Role.ADMIN)
def reopen_month(actor: Actor, month: str, reason: str) -> None:
    """An administrator reopens a closed month, with the reason (audited with what it was)."""
    why = checks.reason(reason)
    with database_proxy.atomic():
        row = ScoreMonth.get_or_none((ScoreMonth.depot == actor.depot_id) & (ScoreMonth.month == month))
        if row is None or not row.closed:
            raise ServiceError("error.score_month_open", month=month)
        ScoreMonth.update(closed=False, result="").where(ScoreMonth.id == row.id).execute()
        audit.record(
            actor,
            "score.reopen_month",
            "score_month",
            row.id,
            old={"result": row.result},
            new={"closed": False},
            reason=why,
        )


def _points(text: str) -> Decimal:
    """Points as typed for a rule: -100 to 100, one decimal at most (-1, -2, 0.5, +10)."""
    raw = checks.normal(text).replace("＋", "+")
    try:
        value = Decimal(raw)
    except ArithmeticError:
        raise ServiceError("error.score_points", field="points") from None
    if not value.is_finite() or abs(value) > 100 or value != value.quantize(Decimal("0.1")):
        raise ServiceError("error.score_points", field="points")
    return value.quantize(Decimal("0.1"))


@requires(Role.SUPERVISOR, Role.ADMIN)
def change_rule(actor: Actor, code: str, points: str, from_day: str) -> ScoreRule:
    """A rule's points from a day on: the version in force ends the day before, events of open
    months from that day take the new points, and a closed month keeps what it was paid.
    Refused from a day inside a closed month."""
    today = clock.now().date()
    when = checks.day(from_day, "from_day", today)
    value = _points(points)
    with database_proxy.atomic():
        try:
            current = rule_in_force(code, when)
        except ScoreRule.DoesNotExist:
            raise ServiceError("error.score_rule_unknown", field="code", code=code) from None
        if ScoreMonth.select().where(ScoreMonth.closed & (ScoreMonth.month >= _month(when))).exists():
            raise ServiceError("error.score_rule_closed_month", field="from_day", month=_month(when))
        if ScoreRule.select().where((ScoreRule.code == code) & (ScoreRule.valid_from > when)).exists():
            raise ServiceError("error.score_rule_later", field="from_day")
        if current.valid_from == when:
            raise ServiceError("error.score_rule_same_day", field="from_day")
        ScoreRule.update(valid_to=when - dt.timedelta(days=1)).where(ScoreRule.id == current.id).execute()
        rule = ScoreRule.create(
            code=code,
            name_zh=current.name_zh,
            name_en=current.name_en,
            points=value,
            unit=current.unit,
            escalation=current.escalation,
            valid_from=when,
            created_by=actor.user_id,
            created_at=clock.now(),
        )
        moved = (
            ScoreEvent.update(points=value, rule=rule.id)
            .where(
                (ScoreEvent.rule == current.id)
                & (ScoreEvent.occurred_at >= dt.datetime.combine(when, dt.time()))
                & ScoreEvent.status.in_([ScoreStatus.PROPOSED, ScoreStatus.CONFIRMED])
            )
            .execute()
        )
        audit.record(
            actor,
            "score.rule_change",
            "score_rule",
            rule.id,
            old={"code": code, "points": f"{current.points}", "valid_from": current.valid_from},
            new={"points": f"{value}", "valid_from": when, "events_moved": moved},
        )
        return rule


def _attendance_code(minutes: int) -> str:
    """R-6: within 10 minutes counted per month (A01); 20 minutes to an hour 2 points, to 3
    hours 4, over 3 hours absence, 8. The sheet says nothing of 10 to 20 minutes: those are
    proposed as A01 too, and the supervisor decides."""
    if minutes < 20:
        return "A01"
    if minutes <= 60:
        return "A02"
    if minutes <= 180:
        return "A03"
    return "A04"


#: Shifts that ended longer ago than this are not looked at again for lateness: a month is
#: decided and closed by then, and a year of shifts would be read at every queue.
ATTENDANCE_WINDOW = dt.timedelta(days=45)


@requires(Role.SUPERVISOR, Role.ADMIN)
def propose_attendance(actor: Actor) -> int:
    """Late arrival and early leave against the shift schedule, for every clerk's shift here
    that has ended, proposed once each: late from the planned start to clock-in, early from
    clock-out to the planned end (a night shift is one shift across midnight, so an arrival at
    00:15 for 20:00 is 4 h 15 min late, in the month the shift began). Leave approved in
    advance that covers the time is not proposed."""
    now = clock.now()
    done = {
        (shift, note[:2])
        for shift, note in ScoreEvent.select(ScoreEvent.shift, ScoreEvent.note)
        .join(ScoreRule)
        .where(
            ScoreRule.code.in_(ATTENDANCE)
            & (ScoreEvent.depot == actor.depot_id)
            & ScoreEvent.shift.is_null(False)
            & (ScoreEvent.occurred_at >= now - ATTENDANCE_WINDOW - dt.timedelta(days=1))
        )
        .tuples()
    }
    closed = {
        m
        for (m,) in ScoreMonth.select(ScoreMonth.month)
        .where((ScoreMonth.depot == actor.depot_id) & ScoreMonth.closed)
        .tuples()
    }
    count = 0
    with database_proxy.atomic():
        for shift in (
            Shift.select(Shift, User)
            .join(User)
            .where(
                (Shift.depot == actor.depot_id)
                & (User.role == Role.CLERK)
                & (Shift.planned_end < now)
                & (Shift.planned_end >= now - ATTENDANCE_WINDOW)
                & Shift.clock_out.is_null(False)
            )
        ):
            late = int((shift.clock_in - shift.planned_start).total_seconds() // 60)
            early = int((shift.planned_end - shift.clock_out).total_seconds() // 60)
            for word, minutes, moment in (("迟到", late, shift.clock_in), ("早退", early, shift.clock_out)):
                if (
                    minutes <= 0
                    or (shift.id, word) in done
                    or _month(shift.planned_start) in closed
                    or _on_leave(shift.user_id, moment)
                ):
                    continue
                code = _attendance_code(minutes)
                if _month(shift.planned_start) != _month(moment):
                    moment = shift.planned_start  # counted in the month the shift began
                propose(
                    actor,
                    code,
                    user_id=shift.user_id,
                    depot_id=actor.depot_id,
                    shift_id=shift.id,
                    note=f"{word} {minutes} 分钟（{shift.planned_start:%m-%d %H:%M} 起的班）",
                    at=moment,
                )
                count += 1
    return count


def _on_leave(user_id: int, moment: dt.datetime) -> bool:
    return (
        LeaveRequest.select()
        .where(
            (LeaveRequest.user == user_id)
            & LeaveRequest.approved_by.is_null(False)
            & (LeaveRequest.starts_at <= moment)
            & (LeaveRequest.ends_at >= moment)
        )
        .exists()
    )


# --- what F7 lists -------------------------------------------------------------------------------


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
    appealable: bool  # confirmed, not under appeal, within the 5 working days


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
    names = {u.id: u.name for u in User.select(User.id, User.name)}
    now = clock.now()
    out = []
    for e in rows:
        latest = appeals.get(e.id)
        appealable = (
            e.status == ScoreStatus.CONFIRMED
            and (latest is None or latest.status != "open")
            and e.decided_at is not None
            and working_days_since(e.decided_at, now) <= APPEAL_WORKING_DAYS
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
                waybill=waybills.get(e.waybill_id, ""),
                manifest=manifests.get(e.manifest_id, ""),
                handover_id=e.handover_id,
                decided_by=names.get(e.decided_by_id, "") if e.decided_by_id else "",
                decision_reason=e.decision_reason,
                appeal_status=latest.status if latest else "",
                appeal_reason=latest.reason if latest else "",
                appeal_decision=latest.decision_reason if latest else "",
                appealable=appealable,
            )
        )
    return out


def events(actor: Actor, user_id: int, month: str) -> list[EventLine]:
    """A clerk's events of the month with their evidence: a clerk may ask for their own only
    (PermissionDenied otherwise), a supervisor for any clerk of the depot."""
    if actor.role == Role.CLERK and user_id != actor.user_id:
        raise PermissionDenied("error.permission", action="events", role=actor.role.value)
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
    reject, and events under appeal. Gathering it files the attendance proposals first."""
    propose_attendance(actor)
    under_appeal = Appeal.select(Appeal.event).where(Appeal.status == "open")
    return _event_lines(
        ScoreEvent.select(ScoreEvent, ScoreRule)
        .join(ScoreRule)
        .where(
            (ScoreEvent.depot == actor.depot_id)
            & ((ScoreEvent.status == ScoreStatus.PROPOSED) | ScoreEvent.id.in_(under_appeal))
        )
    )


@requires(Role.SUPERVISOR, Role.ADMIN)
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


@requires(Role.SUPERVISOR, Role.ADMIN)
def export(actor: Actor, month: str, fmt: str, outbox: Path, language: str = "zh") -> printing.Printed:
    """The month as a file in the outbox, for payroll: one row per clerk (score, grade,
    deductions, lateness, bonuses, money), then one row per event with its rule, points,
    status and reason. CSV (UTF-8 with BOM, for Excel) or XLSX (XlsxWriter)."""
    if fmt not in ("csv", "xlsx"):
        raise ServiceError("error.register_format", field="format")
    table = month_table(actor, month)
    name_of = "rule_zh" if language == "zh" else "rule_en"
    heads = (
        [
            "工号",
            "姓名",
            "总分",
            "等级",
            "扣分",
            "迟到累计",
            "迟到扣分",
            "加分",
            "加分项",
            "金额",
            "待定",
            "申诉",
        ]
        if language == "zh"
        else [
            "user",
            "name",
            "total",
            "grade",
            "deductions",
            "late times",
            "lateness",
            "bonus",
            "bonuses",
            "money",
            "pending",
            "appeals",
        ]
    )
    users = {u.id: u.username for u in User.select(User.id, User.username)}
    rows: list[list[object]] = [heads]
    for line in table:
        rows.append(
            [
                users.get(line.user_id, ""),
                line.name,
                line.total,
                line.grade,
                line.deductions,
                line.late_count,
                line.lateness,
                line.bonus,
                " ".join(line.bonuses),
                line.money,
                line.pending,
                line.appeals,
            ]
        )
    rows.append([])
    rows.append(
        ["姓名", "日期", "细则", "内容", "分", "状态", "运单", "车次", "说明", "处理", "申诉"]
        if language == "zh"
        else [
            "name",
            "day",
            "rule",
            "what",
            "points",
            "status",
            "waybill",
            "run",
            "note",
            "decision",
            "appeal",
        ]
    )
    for line in table:
        for e in events(actor, line.user_id, month):
            rows.append(
                [
                    e.user_name,
                    e.occurred_at,
                    e.code,
                    getattr(e, name_of),
                    e.points,
                    e.status,
                    e.waybill,
                    e.manifest,
                    e.note,
                    e.decision_reason,
                    e.appeal_status,
                ]
            )
    depot = depots.codes().get(actor.depot_id, "")
    name = f"score-{depot}-{month}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for row in rows:
            writer.writerow(
                ["" if c is None else f"{c:%Y-%m-%d %H:%M}" if isinstance(c, dt.datetime) else c for c in row]
            )
        return printing.store(outbox, name, out.getvalue().encode("utf-8-sig"))
    import xlsxwriter  # only where a spreadsheet is asked for

    data = io.BytesIO()
    book = xlsxwriter.Workbook(data, {"in_memory": True})
    sheet = book.add_worksheet(month)
    when = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    bold = book.add_format({"bold": True})
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if isinstance(cell, dt.datetime):
                sheet.write_datetime(r, c, cell, when)
            elif isinstance(cell, Decimal):
                sheet.write_number(r, c, float(cell))
            elif isinstance(cell, int):
                sheet.write_number(r, c, cell)
            else:
                sheet.write(r, c, "" if cell is None else str(cell), bold if r == 0 else None)
    book.close()
    return printing.store(outbox, name, data.getvalue())


def rules_on(day: dt.date) -> list[ScoreRule]:
    """Every rule as it stands on `day`, by code (F7's rule list)."""
    rows = (
        ScoreRule.select()
        .where((ScoreRule.valid_from <= day) & (ScoreRule.valid_to.is_null() | (ScoreRule.valid_to >= day)))
        .order_by(ScoreRule.code, ScoreRule.valid_from.desc())
    )
    latest: dict[str, ScoreRule] = {}
    for rule in rows:
        latest.setdefault(rule.code, rule)
    return list(latest.values())


def month_closed(actor: Actor, month: str) -> bool:
    row = ScoreMonth.get_or_none((ScoreMonth.depot == actor.depot_id) & (ScoreMonth.month == month))
    return bool(row and row.closed)


@requires(Role.SUPERVISOR, Role.ADMIN)
def praised(actor: Actor, month: str) -> set[int]:
    row = ScoreMonth.get_or_none((ScoreMonth.depot == actor.depot_id) & (ScoreMonth.month == month))
    return set(json.loads(row.praised)) if row else set()
