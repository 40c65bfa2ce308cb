"""Night-shift arrival check (到货清点), R-2.15: scan a whole truck against its manifest.

The manifest says what should come off here: the pieces loaded at origin (and not unloaded
again there) whose waybill goes to this depot. Each piece scanned is counted once in the check
(`CheckedPiece` is unique per check and piece), whoever scans it and from whichever terminal, so
two clerks can check one truck and a check survives a dropped link or a crash: it lives in the
database, not the screen. A piece not expected here is over (多件) and says where it should
have gone; what was expected and not scanned is short (少件) at the finish. The finish turns
over, short and damaged into exception reports (运作异常汇报表), which the supervisor resolves
(services/exceptions); fault F10 against the clerk who issued a waybill is proposed only when a
short or over one is resolved as counted wrong at intake.

A package: incoming.py (trucks on their way here), check.py (starting a check and scanning
pieces off), finish.py (the summary, exceptions for what is over, short or damaged, and the
pieces moved into stock). Callers import from the package.
"""

from __future__ import annotations

from .check import Check, Counts, counts, mark_damaged, scan, start
from .finish import Finished, Line, Summary, finish, summary
from .incoming import Incoming, incoming

__all__ = [
    "Check",
    "Counts",
    "Finished",
    "Incoming",
    "Line",
    "Summary",
    "counts",
    "finish",
    "incoming",
    "mark_damaged",
    "scan",
    "start",
    "summary",
]
