"""Waybills (运单, R-1, R-2): checking a typed form, pricing, issuing with pieces and labels,
quotes, drafts, signed corrections and voiding.

The form is text as typed (`WaybillForm`); `parse` turns it into values or says, field by field,
what is wrong. `issue` checks everything again inside one transaction, numbers the waybill,
makes one piece and label per piece, records the money and the audit trail, and then prints.
Nothing issued is overwritten in place: `correct` stores each change as a revision (R-2.13).

A package: form.py (the typed form and its checks), issue.py (on duty, issuing), row.py (the
row issued: values, money, tracking), quotes.py, drafts.py, slip.py (the slip's text and
printing), revise.py (reading, correcting and repricing, voiding, reprinting an issued waybill),
reweigh.py (a re-weigh and fault 9), unseen.py (what a crash hid). Callers import from the
package.
"""

from __future__ import annotations

from .drafts import Draft, discard_draft, latest_draft, save_draft
from .form import (
    CHOICES,
    CLASSES,
    REMARK_HOLD,
    REMARK_INSURED,
    REMARK_OWN_RISK,
    UNPACKAGED,
    Destination,
    FormContext,
    Issued,
    Parsed,
    WaybillForm,
    check_field,
    parse,
    suggested_remarks,
    with_remarks,
)
from .issue import check_on_duty, destination, form_context, issue, preview
from .quotes import RECALL_DAYS, QuoteHit, Recheck, form_of_quote, quote, recent, recheck
from .revise import CORRECTABLE, PRICED, correct, form_of, get, reprint, void
from .reweigh import Reweighed, reweigh
from .slip import print_waybill, slip_text
from .unseen import UNSEEN_WINDOW, Unseen, acknowledge, unacknowledged

__all__ = [
    "PRICED",
    "Reweighed",
    "reweigh",
    "CHOICES",
    "CLASSES",
    "CORRECTABLE",
    "Destination",
    "Draft",
    "FormContext",
    "Issued",
    "Parsed",
    "REMARK_HOLD",
    "REMARK_INSURED",
    "REMARK_OWN_RISK",
    "UNPACKAGED",
    "UNSEEN_WINDOW",
    "Unseen",
    "WaybillForm",
    "acknowledge",
    "check_field",
    "check_on_duty",
    "correct",
    "destination",
    "discard_draft",
    "form_context",
    "form_of",
    "get",
    "issue",
    "latest_draft",
    "parse",
    "preview",
    "print_waybill",
    "quote",
    "recent",
    "recheck",
    "form_of_quote",
    "QuoteHit",
    "Recheck",
    "RECALL_DAYS",
    "reprint",
    "save_draft",
    "slip_text",
    "suggested_remarks",
    "with_remarks",
    "unacknowledged",
    "void",
]
