"""Lateness and early leaving seen from the shifts (R-6.4 to R-6.7), proposed for the supervisor;
leave applied for in advance (R-6.11) excuses it.
"""

from __future__ import annotations

import datetime as dt
import re

from ...models import (
    LeaveRequest,
    Role,
    RosterDay,
    ScoreEvent,
    ScoreMonth,
    ScoreRule,
    Shift,
    User,
    database_proxy,
)
from .. import clock
from ..actor import Actor, requires
from ..roster import planned_shift, shift_times
from .away import NOTE as AWAY_NOTE
from .away import propose_away
from .decisions import ATTENDANCE
from .quota import propose_shortfall
from .rules import _month, propose


def _attendance_code(minutes: int) -> str:
    """R-6.4 to R-6.7: within 10 minutes counted per month (A01); 20 minutes to an hour 2
    points (R-6.5), to 3 hours 4 (R-6.6); "3小时以上按旷工处理" (R-6.7): in Chinese rules 以上
    includes the number, so 3 h 00 min is absence, 8. The sheet says nothing of 10 to 20
    minutes: those are proposed as A01 too, and the supervisor decides."""
    if minutes < 20:
        return "A01"
    if minutes <= 60:
        return "A02"
    if minutes < 180:
        return "A03"
    return "A04"


#: Shifts that ended longer ago than this are not looked at again for lateness: a month is
#: decided and closed by then, and a year of shifts would be read at every queue.
ATTENDANCE_WINDOW = dt.timedelta(days=45)


#: The note a lateness proposal is written with (stored in Chinese, as the supervisor's reasons
#: are), read back as a catalogue key and its values for a screen in another language.
_NOTE = re.compile(r"^(迟到|早退) (\d+) 分钟（(\d\d-\d\d \d\d:\d\d) 起的班）$")
_ABSENT = re.compile(r"^旷工：(\d\d-\d\d \d\d:\d\d) 起的排班未上班$")


def note_words(note: str) -> tuple[str, dict[str, str]]:
    """("score.note.late", "score.note.early", "score.note.absent" or "score.note.away", its
    values) for a note this module (or away.py) wrote;
    ("", {}) for any other (a person's words, shown as written)."""
    absent = _ABSENT.match(note)
    if absent is not None:
        return "score.note.absent", {"start": absent.group(1)}
    away = AWAY_NOTE.match(note)
    if away is not None:
        return "score.note.away", {"minutes": away.group(1), "start": away.group(2), "end": away.group(3)}
    match = _NOTE.match(note)
    if match is None:
        return "", {}
    word, minutes, start = match.groups()
    return ("score.note.late" if word == "迟到" else "score.note.early"), {"minutes": minutes, "start": start}


@requires(Role.SUPERVISOR, Role.ADMIN)
def propose_attendance(actor: Actor) -> int:
    """Late arrival and early leave against the shift schedule, absence from the roster,
    leaving the post between sessions (away.py) and a day short of real-name uploads (quota.py,
    fault 21), for every clerk's shift here that has ended, proposed once each: late from the
    planned start to clock-in, early from clock-out to the planned end (a night shift is one
    shift across midnight, so an arrival at 00:15 for 20:00 is 4 h 15 min late, in the month
    the shift began). Leave approved in advance that covers the time is not proposed."""
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
        count += _propose_absence(actor, now, closed)
        count += propose_away(actor, now, ATTENDANCE_WINDOW, closed)
        count += propose_shortfall(actor, ATTENDANCE_WINDOW, closed)
    return count


def _propose_absence(actor: Actor, now: dt.datetime, closed: set[str]) -> int:
    """A04 once for each day a supervisor rostered a clerk here to a shift that has ended with
    no clock-in to it (the roster's days only: a day nobody planned proves nothing), unless
    approved leave covers the shift. Caller holds the transaction."""
    times = shift_times()
    since = (now - ATTENDANCE_WINDOW).date()
    filed = ScoreEvent.select(ScoreEvent.roster_day).where(
        ScoreEvent.roster_day.is_null(False)
        & (ScoreEvent.occurred_at >= dt.datetime.combine(since, dt.time()))
    )
    rows = list(
        RosterDay.select()
        .join(User, on=(RosterDay.user == User.id))
        .where(
            (RosterDay.depot == actor.depot_id)
            & (User.role == Role.CLERK)
            & RosterDay.shift_code.is_null(False)
            & (RosterDay.day >= since)
            & (RosterDay.day <= now.date())
        )
    )
    done = {e.roster_day_id for e in filed}
    rows = [r for r in rows if r.id not in done]
    worked = {
        (s.user_id, s.planned_start)
        for s in Shift.select(Shift.user, Shift.planned_start).where(
            Shift.user.in_([r.user_id for r in rows])
            & (Shift.planned_start >= dt.datetime.combine(since - dt.timedelta(days=1), dt.time()))
        )
    }
    count = 0
    for row in rows:
        if row.shift_code not in times:
            continue
        shift = planned_shift(row.shift_code, row.day, times)
        if (
            shift.end >= now
            or (row.user_id, shift.start) in worked
            or _month(shift.start) in closed
            or _on_leave(row.user_id, shift.start, shift.end)
        ):
            continue
        propose(
            actor,
            "A04",
            user_id=row.user_id,
            depot_id=row.depot_id,
            roster_day_id=row.id,
            note=f"旷工：{shift.start:%m-%d %H:%M} 起的排班未上班",
            at=shift.start,
        )
        count += 1
    return count


def _on_leave(user_id: int, moment: dt.datetime, until: dt.datetime | None = None) -> bool:
    """Whether approved leave or going out covers `moment` (or touches `moment`..`until`)."""
    return (
        LeaveRequest.select()
        .where(
            (LeaveRequest.user == user_id)
            & (LeaveRequest.status == "approved")
            & (LeaveRequest.kind != "overtime")
            & (LeaveRequest.starts_at <= (until or moment))
            & (LeaveRequest.ends_at >= moment)
        )
        .exists()
    )
