"""Exceptions (异常, SOP 004 ch.3, issue 23) from report to close: reported by the clerk who
finds them (or opened by the arrival check), followed up in notes, owned, resolved by a
supervisor with the cause, who is responsible and the money, reopened with a reason. Nothing
is deleted or changed in place: every step is an `ExceptionNote` beside the exception, and an
audit record.

Fault 10 ("收货件数与开单件数不符", the pieces counted wrong at intake) is proposed when a short or
over exception is resolved with that cause, against the clerk who issued the waybill; no longer
for every piece the arrival check finds short or over (a piece scanned by mistake is not the
issuing clerk's fault).

A package: life.py (report, note, assign, resolve, reopen), reading.py (the list, one whole),
alerts.py (the 5-minute report: what no supervisor has seen yet, its deadline),
enquiries.py (the customer-service log; a complaint opens an exception). Goods tracked to their
promised day are services/tracking.py; the month's summary is a register (registers/summary.py).
Callers import from the package.
"""

from __future__ import annotations

from .alerts import deadline, seen, unseen
from .enquiries import CHANNELS, CITED, KINDS, Entry, LogLine, answer, cite, log, take
from .life import CAUSES, RESPONSIBLE, Report, Resolution, assign, note, reopen, report, resolve
from .reading import Line, Step, Whole, listing, read

__all__ = [
    "CAUSES",
    "CHANNELS",
    "CITED",
    "KINDS",
    "Entry",
    "LogLine",
    "answer",
    "cite",
    "log",
    "take",
    "deadline",
    "seen",
    "unseen",
    "RESPONSIBLE",
    "Line",
    "Report",
    "Resolution",
    "Step",
    "Whole",
    "assign",
    "listing",
    "note",
    "read",
    "reopen",
    "report",
    "resolve",
]
