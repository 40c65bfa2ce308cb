"""The one clock every service reads, so tests and snapshots can fix the time."""

from __future__ import annotations

import datetime as dt

_fixed: dt.datetime | None = None


def now() -> dt.datetime:
    """Local wall-clock time to the second (the depot's own time zone, as the clerks read it)."""
    if _fixed is not None:
        return _fixed
    return dt.datetime.now().replace(microsecond=0)


def fix(moment: dt.datetime | None) -> None:
    """Freeze the clock at `moment` (None lets it run again). For tests and demo snapshots."""
    global _fixed
    _fixed = moment
