"""Shift handover (交接班, R-4, R-5.20): what the outgoing clerk hands over, assembled from what
the system already recorded during the shift.

The summary: the shift's waybills (count, pieces, money by payment
method and the cash to hand over), trucks departed or still loading, trucks checked in, and
the open matters the next clerk inherits: unresolved exceptions (major ones first: no handover
while one is open, R-4), held goods with no release, arrivals not yet notified, return
receipts with a step to take here, waybill drafts left open.

The run: the outgoing clerk starts a handover (a draft, one per shift; each open exception is
a matter on it), writes each matter's cause, course and result, adds superiors' instructions
and what was counted face to face (keys, equipment; the cash counted against the system's),
and submits. A major or urgent exception still open refuses the submit unless a supervisor
overrides it with a reason. The incoming clerk reads it, disputes items (each with a note; the
supervisor sees them) and accepts the rest: that closes the outgoing shift (clock-out, handed
over) and lets the incoming clerk issue waybills, which a pending handover refuses until then.
A shift that ended without an accepted handover becomes a proposed fault 20 (once).

A package: summary.py (what the shift did and what is open), handing.py (the outgoing clerk's
handover: items, cash, submit), taking.py (the incoming clerk's side: disputes, accept, a missed
handover), log.py (past handovers and one read whole). Callers import from the package.
"""

from __future__ import annotations

from .handing import (
    HANDOVER_OVERLAP,
    KINDS,
    MISSED_GRACE,
    ItemForm,
    add_item,
    keep,
    override,
    ready,
    remove_item,
    start,
    submit,
    update_item,
)
from .log import HandoverView, ItemLine, LogLine, detail, log, run
from .summary import OpenException, ShiftSummary, summary
from .taking import accept, blocking_issue, keep_disputes, pending, propose_missed, settle

__all__ = [
    "HANDOVER_OVERLAP",
    "HandoverView",
    "ItemForm",
    "ItemLine",
    "KINDS",
    "LogLine",
    "MISSED_GRACE",
    "OpenException",
    "ShiftSummary",
    "accept",
    "add_item",
    "blocking_issue",
    "detail",
    "keep",
    "keep_disputes",
    "log",
    "override",
    "pending",
    "propose_missed",
    "ready",
    "remove_item",
    "run",
    "settle",
    "start",
    "submit",
    "summary",
    "update_item",
]
