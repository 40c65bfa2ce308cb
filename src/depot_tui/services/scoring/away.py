"""Leaving the post (离岗, R-6.8, R-6.9 and R-6.10) seen from the sessions: a gap inside a
shift between a clerk's sessions (logged out, or the link dropped, and back later) longer than
the `attendance.away_minutes` setting is proposed for the supervisor to decide, by its length:
"不足一小时扣2分" (A05), "不足三小时扣4分" (A06), "超过三小时旷工处理,扣8分" (A07). Exactly three
hours is neither under nor over three: proposed as A06, the supervisor decides. Approved going
out or leave covering the gap excuses it (R-6.11). Sessions on two terminals at once count as
one presence: a gap is when none was open.
"""

from __future__ import annotations

import datetime as dt
import re

from ...models import LeaveRequest, Role, ScoreEvent, ScoreRule, Session, Shift, User
from .. import settings
from ..actor import Actor, requires
from .rules import _month, propose

AWAY = ("A05", "A06", "A07")

#: The note an away proposal is written with, read back as a catalogue key (see note_words).
NOTE = re.compile(r"^离岗 (\d+) 分钟（(\d\d-\d\d \d\d:\d\d) 至 (\d\d:\d\d)）$")


def away_code(minutes: int) -> str:
    if minutes < 60:
        return "A05"
    if minutes <= 180:
        return "A06"
    return "A07"


def gaps(
    start: dt.datetime, end: dt.datetime, sessions: list[tuple[dt.datetime, dt.datetime]]
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The stretches inside `start`..`end` between the first session and the last in which no
    session was open (before the first and after the last are lateness and early leaving,
    proposed as those)."""
    spans = sorted((max(a, start), min(b, end)) for a, b in sessions if b > start and a < end)
    out = []
    covered_to: dt.datetime | None = None
    for a, b in spans:
        if covered_to is not None and a > covered_to:
            out.append((covered_to, a))
        covered_to = b if covered_to is None else max(covered_to, b)
    return out


def _excused(user_id: int, a: dt.datetime, b: dt.datetime) -> bool:
    return (
        LeaveRequest.select()
        .where(
            (LeaveRequest.user == user_id)
            & (LeaveRequest.status == "approved")
            & LeaveRequest.kind.in_(["leave", "out"])
            & (LeaveRequest.starts_at <= a + dt.timedelta(minutes=1))
            & (LeaveRequest.ends_at >= b - dt.timedelta(minutes=1))
        )
        .exists()
    )


@requires(Role.SUPERVISOR, Role.ADMIN)
def propose_away(actor: Actor, now: dt.datetime, window: dt.timedelta, closed: set[str]) -> int:
    """Each gap of each clerk's shift here that ended within `window`, proposed once. Caller
    holds the transaction."""
    least = int(settings.get("attendance.away_minutes", actor.depot_id))
    shifts = list(
        Shift.select(Shift, User)
        .join(User)
        .where(
            (Shift.depot == actor.depot_id)
            & (User.role == Role.CLERK)
            & (Shift.planned_end < now)
            & (Shift.planned_end >= now - window)
            & Shift.clock_out.is_null(False)
        )
    )
    ids = [s.id for s in shifts]
    sessions: dict[int | None, list[tuple[dt.datetime, dt.datetime]]] = {}
    for row in Session.select().where(Session.shift.in_(ids)):
        sessions.setdefault(row.shift_id, []).append((row.started_at, row.ended_at or now))
    done = {
        (e.shift_id, e.note)
        for e in ScoreEvent.select(ScoreEvent.shift, ScoreEvent.note)
        .join(ScoreRule)
        .where(ScoreRule.code.in_(AWAY) & ScoreEvent.shift.in_(ids))
    }
    count = 0
    for shift in shifts:
        if _month(shift.planned_start) in closed:
            continue
        for a, b in gaps(shift.planned_start, shift.planned_end, sessions.get(shift.id, [])):
            minutes = int((b - a).total_seconds() // 60)
            note = f"离岗 {minutes} 分钟（{a:%m-%d %H:%M} 至 {b:%H:%M}）"
            if minutes < least or (shift.id, note) in done or _excused(shift.user_id, a, b):
                continue
            propose(
                actor,
                away_code(minutes),
                user_id=shift.user_id,
                depot_id=shift.depot_id,
                shift_id=shift.id,
                note=note,
                at=a if _month(a) == _month(shift.planned_start) else shift.planned_start,
            )
            count += 1
    return count
