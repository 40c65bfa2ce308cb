"""The one clock every service reads, so tests and snapshots can fix the time."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

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


@contextlib.contextmanager
def at(moment: dt.datetime) -> Iterator[None]:
    """The clock reads `moment` inside the block, then what it read before (the demo replays
    past work through the services this way, so its records are what they would have made)."""
    global _fixed
    before = _fixed
    _fixed = moment
    try:
        yield
    finally:
        _fixed = before
