"""Shift handover (交接班, F6).

The outgoing clerk's F6 is the handover of their own shift: the summary the system assembled
(services/handover.summary), the items to hand over (each open exception is a matter whose
cause, course and result they write; Ctrl+N adds an instruction from a superior or something
counted face to face; Delete takes a line off), the cash counted against the system's, and F10
to hand over. The incoming clerk's F6 opens the handover waiting for them first: they read it,
mark the items they dispute (Enter, a note each) and accept the rest with F10, which lets them
issue. Ctrl+L is the log of past handovers by day and clerk, read-only and printable; there a
supervisor lets a handover go past an open major exception (Ctrl+Y, with a reason) and settles
disputed items (Ctrl+O lists the handovers that have any). Every rule is the service's.

A package, one screen per module: handing.py (the outgoing clerk's HandoverScreen and its item
form), taking.py (AcceptScreen for the incoming clerk and for reading one, and ItemScreen),
log.py (HandoverLogScreen); common.py holds what they and the printed sheet say, and their keys.
"""

from __future__ import annotations

from .common import (
    ACCEPT,
    ADD,
    DAY_BACK,
    DAY_ON,
    DISPUTED,
    EDIT,
    HAND_OVER,
    LOG,
    OPEN,
    OVERRIDE,
    PRINT,
    READ,
    REMOVE,
    TAKE,
    ItemTable,
    cash_line,
    header,
    item_detail,
    item_state,
    print_handover,
    sheet,
    summary_lines,
)
from .handing import HandoverScreen, ItemFormScreen
from .log import HandoverLogScreen
from .taking import AcceptScreen, HandoverReadScreen, ItemScreen

__all__ = [
    "ACCEPT",
    "ADD",
    "AcceptScreen",
    "HandoverReadScreen",
    "DAY_BACK",
    "DAY_ON",
    "DISPUTED",
    "EDIT",
    "HAND_OVER",
    "HandoverLogScreen",
    "HandoverScreen",
    "ItemFormScreen",
    "ItemScreen",
    "ItemTable",
    "LOG",
    "OPEN",
    "OVERRIDE",
    "PRINT",
    "READ",
    "REMOVE",
    "TAKE",
    "cash_line",
    "header",
    "item_detail",
    "item_state",
    "print_handover",
    "sheet",
    "summary_lines",
]
