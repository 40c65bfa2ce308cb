"""Shifts (R-6): which planned shift a moment belongs to, clock-in at login, clock-out at logout.

Shift times are rows of ShiftDefinition; a shift whose end is not after its start crosses
midnight (night 20:00-08:00, middle 12:00-24:00 written as 12:00-00:00).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import Session, Shift, ShiftDefinition
from . import audit, clock
from .actor import Actor

#: R-6 as seeded; changing them is a data change, not a code change.
STANDARD_SHIFTS = {"early": ("08:00", "20:00"), "middle": ("12:00", "00:00"), "night": ("20:00", "08:00")}


@dataclass(frozen=True)
class PlannedShift:
    code: str
    start: dt.datetime
    end: dt.datetime


def _time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def occurrence(code: str, start: str, end: str, moment: dt.datetime) -> PlannedShift:
    """The occurrence of shift `code` that `moment` belongs to: the one containing it, or else
    the one whose start or end is nearest (a clerk 20 minutes early or 3 hours late)."""
    begin, finish = _time(start), _time(end)

    def around(day: dt.date) -> PlannedShift:
        s = dt.datetime.combine(day, begin)
        e = dt.datetime.combine(day if finish > begin else day + dt.timedelta(days=1), finish)
        return PlannedShift(code, s, e)

    def distance(p: PlannedShift) -> dt.timedelta:
        if p.start <= moment <= p.end:
            return dt.timedelta(0)
        return min(abs(moment - p.start), abs(moment - p.end))

    days = (moment.date() + dt.timedelta(days=d) for d in (-1, 0, 1))
    return min((around(day) for day in days), key=distance)


def planned_for(code: str, moment: dt.datetime) -> PlannedShift:
    definition = ShiftDefinition.get(ShiftDefinition.code == code)
    return occurrence(code, definition.start, definition.end, moment)


def clock_in(actor: Actor, user_id: int, depot_id: int, planned: PlannedShift) -> Shift:
    """Open (or reopen, after a logout mid-shift) the user's `planned` shift (the roster's, at
    login). Caller holds the transaction; the change is audited."""
    now = clock.now()
    code = planned.code
    shift = Shift.get_or_none((Shift.user == user_id) & (Shift.planned_start == planned.start))
    if shift is None:
        shift = Shift.create(
            user=user_id,
            depot=depot_id,
            code=code,
            planned_start=planned.start,
            planned_end=planned.end,
            clock_in=now,
        )
        audit.record(
            actor,
            "shift.clock_in",
            "shift",
            shift.id,
            new={"code": code, "planned_start": planned.start, "clock_in": now},
        )
    elif shift.clock_out is not None:
        old = shift.clock_out
        shift.clock_out = None
        shift.save()
        audit.record(
            actor,
            "shift.resume",
            "shift",
            shift.id,
            old={"clock_out": old},
            new={"clock_out": None},
            reason="logged in again during the same shift",
        )
    return shift


def clock_out(actor: Actor, shift_id: int, at: dt.datetime | None = None) -> None:
    """Clock out (now, or `at`) when the last open session of the shift ends. Caller holds
    the transaction."""
    still_open = Session.select().where((Session.shift == shift_id) & Session.ended_at.is_null()).exists()
    if still_open:
        return
    shift = Shift.get_by_id(shift_id)
    if shift.clock_out is None:
        shift.clock_out = at or clock.now()
        shift.save()
        audit.record(actor, "shift.clock_out", "shift", shift.id, new={"clock_out": shift.clock_out})
