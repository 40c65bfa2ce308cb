"""The roster (排班): which shift each clerk works on each day at their depot.

A day a supervisor planned is a RosterDay row: a shift code, or none (a day off). A day nobody
planned follows the clerk's usual shift (User.shift_code), which is how a depot without a roster
works. Login clocks the clerk into the rostered shift nearest the moment (a cover night is a
night shift, so it is neither lateness nor refused issuing); lateness is measured against it;
a rostered shift with no login by its end is proposed as absence (R-6.6, R-6.7: absence costs 8
points; scoring.attendance).

A supervisor plans a week at a time: a cell per clerk and day, a week repeated over the
following weeks (the pattern), two clerks' days swapped. The past is not replanned: what was
worked was measured against it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..models import LeaveRequest, Role, RosterDay, ShiftDefinition, User, database_proxy
from . import audit, clock
from .actor import Actor, requires
from .errors import ServiceError
from .shifts import PlannedShift, occurrence

#: A cell's value: a shift code, OFF (a day off), or DEFAULT (not planned: the usual shift).
OFF = ""
DEFAULT = None

#: How many weeks a week may be repeated over at once (a quarter).
MAX_REPEAT = 13


@dataclass(frozen=True)
class Cell:
    """One clerk's day as the roster shows it."""

    code: str | None  # the shift worked that day, None for a day off
    planned: bool  # a supervisor planned it (False: the usual shift, by default)
    leave: str = ""  # "leave", "out" or "" : approved leave touching the day's shift


@dataclass(frozen=True)
class RosterLine:
    user_id: int
    username: str
    name: str
    usual: str | None
    days: list[Cell]


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def shift_times() -> dict[str, tuple[str, str]]:
    """Each shift code's start and end, as ShiftDefinition holds them (R-6)."""
    return {d.code: (d.start, d.end) for d in ShiftDefinition.select()}


def _depot(actor: Actor) -> int:
    if actor.depot_id is None:  # a console actor has no depot: nothing to roster
        raise ServiceError("error.roster_not_clerk")
    return actor.depot_id


def _clerks(depot_id: int) -> list[User]:
    return list(
        User.select()
        .where((User.depot == depot_id) & (User.role == Role.CLERK) & User.active)
        .order_by(User.username)
    )


def _planned(user_ids: Iterable[int], first: dt.date, last: dt.date) -> dict[tuple[int, dt.date], str | None]:
    return {
        (row.user_id, row.day): row.shift_code
        for row in RosterDay.select().where(
            RosterDay.user.in_(list(user_ids)) & (RosterDay.day >= first) & (RosterDay.day <= last)
        )
    }


def planned_shift(code: str, day: dt.date, times: dict[str, tuple[str, str]]) -> PlannedShift:
    """The occurrence of shift `code` that starts on `day`."""
    start, end = times[code]
    return occurrence(code, start, end, dt.datetime.combine(day, dt.time.fromisoformat(start)))


@requires(Role.SUPERVISOR, Role.ADMIN)
def weeks(actor: Actor, monday: dt.date, count: int = 1) -> list[RosterLine]:
    """The depot's active clerks, each with `count` weeks of days from `monday`: what they work
    (planned or by default) and approved leave touching it. Three queries whatever the size."""
    first = monday_of(monday)
    last = first + dt.timedelta(days=7 * count - 1)
    clerks = _clerks(_depot(actor))
    ids = [u.id for u in clerks]
    planned = _planned(ids, first, last)
    times = shift_times()
    leave: dict[int, list[LeaveRequest]] = {}
    for row in LeaveRequest.select().where(
        LeaveRequest.user.in_(ids)
        & (LeaveRequest.status == "approved")
        & (LeaveRequest.kind != "overtime")
        & (LeaveRequest.starts_at < dt.datetime.combine(last + dt.timedelta(days=2), dt.time()))
        & (LeaveRequest.ends_at > dt.datetime.combine(first, dt.time()))
    ):
        leave.setdefault(row.user_id, []).append(row)
    lines = []
    for user in clerks:
        days = []
        for n in range(7 * count):
            day = first + dt.timedelta(days=n)
            key = (user.id, day)
            code = planned.get(key, user.shift_code)
            days.append(
                Cell(code or None, key in planned, _leave_on(leave.get(user.id, []), code, day, times))
            )
        lines.append(RosterLine(user.id, user.username, user.name, user.shift_code, days))
    return lines


def _leave_on(
    rows: list[LeaveRequest], code: str | None, day: dt.date, times: dict[str, tuple[str, str]]
) -> str:
    if not rows:
        return ""
    if code and code in times:
        shift = planned_shift(code, day, times)
        start, end = shift.start, shift.end
    else:
        start = dt.datetime.combine(day, dt.time())
        end = start + dt.timedelta(days=1)
    for row in rows:
        if row.starts_at < end and row.ends_at > start:
            return str(row.kind)
    return ""


def _clerk_here(actor: Actor, user_id: int) -> User:
    user = User.get_or_none((User.id == user_id) & (User.depot == actor.depot_id) & (User.role == Role.CLERK))
    if user is None:
        raise ServiceError("error.roster_not_clerk")
    return user


def _not_past(day: dt.date) -> None:
    today = clock.now().date()
    if day < today:
        raise ServiceError("error.roster_past", day=f"{day:%m-%d}", today=f"{today:%m-%d}")


def _code(code: str | None) -> str | None:
    """A shift code as stored (None: a day off); unknown codes are refused."""
    if not code:
        return None
    if not ShiftDefinition.get_or_none(ShiftDefinition.code == code):
        raise ServiceError("error.shift_unknown", code=code)
    return code


def _write(
    actor: Actor, user: User, day: dt.date, code: str | None, now: dt.datetime
) -> tuple[object, object] | None:
    """Plan one day (caller holds the transaction); (old, new) for the audit, None if unchanged."""
    row = RosterDay.get_or_none((RosterDay.user == user.id) & (RosterDay.day == day))
    old = row.shift_code if row else user.shift_code
    if row is not None and row.shift_code == code:
        return None
    if row is None:
        RosterDay.create(
            user=user.id, depot=actor.depot_id, day=day, shift_code=code, set_by=actor.user_id, set_at=now
        )
    else:
        RosterDay.update(shift_code=code, set_by=actor.user_id, set_at=now).where(
            RosterDay.id == row.id
        ).execute()
    return (
        {"user": user.username, "day": day, "shift": old},
        {"user": user.username, "day": day, "shift": code},
    )


@requires(Role.SUPERVISOR, Role.ADMIN)
def set_day(actor: Actor, user_id: int, day: dt.date, code: str | None) -> None:
    """Plan a clerk's day: a shift code, or None / "" for a day off. Today and later only."""
    _not_past(day)
    value = _code(code)
    with database_proxy.atomic():
        user = _clerk_here(actor, user_id)
        change = _write(actor, user, day, value, clock.now())
        if change is not None:
            audit.record(actor, "roster.set", "user", user.id, old=change[0], new=change[1])


@requires(Role.SUPERVISOR, Role.ADMIN)
def swap(actor: Actor, day: dt.date, user_a: int, user_b: int) -> None:
    """Two clerks exchange what they work on `day` (调班): one write, both days audited."""
    _not_past(day)
    if user_a == user_b:
        raise ServiceError("error.roster_swap_same")
    with database_proxy.atomic():
        a, b = _clerk_here(actor, user_a), _clerk_here(actor, user_b)
        planned = _planned([a.id, b.id], day, day)
        code_a = planned.get((a.id, day), a.shift_code)
        code_b = planned.get((b.id, day), b.shift_code)
        now = clock.now()
        changes = [c for c in (_write(actor, a, day, code_b, now), _write(actor, b, day, code_a, now)) if c]
        audit.record(
            actor,
            "roster.swap",
            "depot",
            actor.depot_id,
            old=[c[0] for c in changes],
            new=[c[1] for c in changes],
        )


@requires(Role.SUPERVISOR, Role.ADMIN)
def repeat_week(actor: Actor, monday: dt.date, weeks_on: int) -> int:
    """The week from `monday`, as it stands for every clerk (planned or by default), planned
    again over the next `weeks_on` weeks, replacing what they held: the week is the pattern.
    Returns how many days changed."""
    if not 1 <= weeks_on <= MAX_REPEAT:
        raise ServiceError("error.roster_repeat", field="weeks", most=MAX_REPEAT)
    first = monday_of(monday)
    _not_past(first + dt.timedelta(days=7))
    today = clock.now().date()
    with database_proxy.atomic():
        lines = weeks(actor, first)
        clerks = {u.id: u for u in _clerks(_depot(actor))}
        now = clock.now()
        changes: list[tuple[object, Any, Any]] = []
        for line in lines:
            for n, cell in enumerate(line.days):
                for week in range(1, weeks_on + 1):
                    day = first + dt.timedelta(days=7 * week + n)
                    if day >= today:
                        change = _write(actor, clerks[line.user_id], day, cell.code, now)
                        if change is not None:
                            changes.append((line.user_id, *change))
        audit.record_many(actor, "roster.repeat", "user", changes)
        return len(changes)


def shift_at_login(user: User, now: dt.datetime) -> PlannedShift | None:
    """The shift a login at `now` clocks into: of the shifts the clerk works on the day before,
    the day and the day after (planned, or the usual shift on days nobody planned), the one
    containing `now`, else the nearest. None when all three are days off or there is no
    shift at all (a supervisor with no usual shift)."""
    times = shift_times()
    days = [now.date() + dt.timedelta(days=d) for d in (-1, 0, 1)]
    planned = _planned([user.id], days[0], days[-1])
    candidates = []
    for day in days:
        code = planned.get((user.id, day), user.shift_code)
        if code and code in times:
            candidates.append(planned_shift(code, day, times))
    if not candidates:
        return None

    def distance(p: PlannedShift) -> dt.timedelta:
        if p.start <= now <= p.end:
            return dt.timedelta(0)
        return min(abs(now - p.start), abs(now - p.end))

    return min(candidates, key=distance)
