"""The monthly score (考核, R-5): faults the system sees for itself become proposals.

A proposal counts for nothing until a supervisor confirms it (the score issue builds the
deciding, appeals and month close on these rows).

A package: rules.py (the rules in force, proposals, changing a rule), decisions.py (deciding,
entering, appealing, praise), month.py (a clerk's month, the table, closing), attendance.py
(lateness seen from the shifts), lists.py (what F7 lists), export.py. Callers import from the
package.
"""

from __future__ import annotations

from .attendance import ATTENDANCE_WINDOW, propose_attendance
from .decisions import (
    APPEAL_WORKING_DAYS,
    ATTENDANCE,
    appeal,
    appeal_until,
    decide,
    decide_appeal,
    enter,
    praise,
    tell,
    working_days_since,
)
from .export import export
from .lists import (
    EventLine,
    appeals,
    events,
    history,
    month_closed,
    months_before,
    open_appeal,
    praised,
    queue,
    told_lines,
)
from .month import ClerkMonth, close_month, escalation_points, grade_of, month_table, reopen_month
from .rules import SYSTEM_PROPOSED, change_rule, propose, rule_in_force, rules_on

__all__ = [
    "APPEAL_WORKING_DAYS",
    "ATTENDANCE",
    "ATTENDANCE_WINDOW",
    "ClerkMonth",
    "EventLine",
    "SYSTEM_PROPOSED",
    "appeal",
    "appeal_until",
    "appeals",
    "change_rule",
    "close_month",
    "decide",
    "decide_appeal",
    "enter",
    "escalation_points",
    "events",
    "export",
    "grade_of",
    "history",
    "month_closed",
    "month_table",
    "months_before",
    "open_appeal",
    "praise",
    "praised",
    "propose",
    "propose_attendance",
    "queue",
    "reopen_month",
    "rule_in_force",
    "rules_on",
    "tell",
    "told_lines",
    "working_days_since",
]
