"""Which shift a moment belongs to (R-6), including the night shift across midnight."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from depot_tui.services.shifts import STANDARD_SHIFTS, occurrence


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute)


def test_night_shift_after_midnight_belongs_to_the_evening_before():
    """A night clerk logging in at 02:00 is on the shift that began at 20:00 yesterday, not
    one that starts 18 hours later (their lateness would otherwise be counted wrong)."""
    shift = occurrence("night", "20:00", "08:00", at(23, 2))
    assert (shift.start, shift.end) == (at(22, 20), at(23, 8))


def test_early_arrival_belongs_to_todays_shift():
    shift = occurrence("early", "08:00", "20:00", at(23, 7, 40))
    assert (shift.start, shift.end) == (at(23, 8), at(23, 20))


def test_middle_shift_ends_at_midnight():
    shift = occurrence("middle", "12:00", "00:00", at(23, 23, 50))
    assert (shift.start, shift.end) == (at(23, 12), at(24, 0))


moments = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 31))


@given(moments, st.sampled_from(sorted(STANDARD_SHIFTS)))
def test_the_chosen_shift_is_the_nearest_one(moment, code):
    """Whatever the moment, the chosen occurrence contains it or no other occurrence is nearer."""
    start, end = STANDARD_SHIFTS[code]
    chosen = occurrence(code, start, end, moment)
    assert chosen.end > chosen.start
    assert chosen.end - chosen.start == dt.timedelta(hours=12)

    def distance(s: dt.datetime, e: dt.datetime) -> dt.timedelta:
        return dt.timedelta(0) if s <= moment <= e else min(abs(moment - s), abs(moment - e))

    best = distance(chosen.start, chosen.end)
    for days in (-2, -1, 1, 2):
        other = distance(chosen.start + dt.timedelta(days=days), chosen.end + dt.timedelta(days=days))
        assert best <= other
