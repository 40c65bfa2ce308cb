"""Monthly accounts (月结对账, SOP 004 ch.7; issue 24, part 3): the statement of a monthly
customer's waybills for a period, drawn up by a clerk, checked by a supervisor (finance), sent,
confirmed by the customer or disputed line by line, invoiced and paid; and what every monthly
customer owes, by age.

A waybill is on one statement at most (a unique line). A disputed line is put right by
correcting the waybill (which reprices it) and settling the line, which takes the waybill's
amount as it now stands; the customer confirms once nothing is disputed. Paying the statement
records one payment per waybill (purpose "account"), so every yuan is traced to a waybill, a
shift and a person, and money.owed sees it paid.

A package: life.py (the steps), reading.py (the list, the printed statement, receivables).
Callers import from the package.
"""

from __future__ import annotations

from .life import STEPS, check, confirm, dispute, draw_up, invoice, pay, received, send, settle
from .reading import (
    AGES,
    STATUS_ZH,
    Receivable,
    StatementView,
    print_statement,
    receivables,
    statement_text,
    statements,
)

__all__ = [
    "AGES",
    "STATUS_ZH",
    "STEPS",
    "Receivable",
    "StatementView",
    "check",
    "confirm",
    "dispute",
    "draw_up",
    "invoice",
    "pay",
    "print_statement",
    "received",
    "receivables",
    "send",
    "settle",
    "statement_text",
    "statements",
]
