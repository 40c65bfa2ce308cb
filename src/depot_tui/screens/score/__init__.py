"""The monthly score (考核, F7).

A supervisor's F7 is every clerk of the depot for a month: score, grade, deductions, repeated
short lateness, bonuses, the money, what is undecided, and the last six months as a sparkline.
PgUp/PgDn change the month; Ctrl+O sorts by score or by name; Enter opens a clerk's events;
Ctrl+D is the queue to decide (y confirms, n rejects with a reason); appeals go to HR, whose
F7 lists them (y upholds, n overturns); Ctrl+E exports the month (CSV or XLSX to the outbox);
Ctrl+W closes it.
A clerk's F7 is their own month only: each event, its reason and evidence, and `a` to appeal
one. Every rule, and who may read what, is the service's (services/scoring.py).

A package, one screen per module: table.py (the supervisor's ScoreScreen), clerk.py
(ClerkScoreScreen: one clerk's month, own or drilled into), queue.py, event.py, export.py,
enter.py (a record the supervisor saw), rules.py (the rules in force and changing one),
roster.py (排班, Ctrl+G), leave.py (请假, Ctrl+L: a clerk's own or the depot's), and queue.py's
AppealsScreen (HR's F7: every depot's appeals);
common.py holds their keys, what they show, and MonthListScreen.
"""

from __future__ import annotations

from .clerk import ClerkScoreScreen
from .common import (
    APPEAL,
    BARS,
    CLOSE,
    CONFIRM,
    EDIT_RULE,
    ENTER_EVENT,
    EXPORT,
    MONTH_BACK,
    MONTH_ON,
    OPEN,
    PRAISE,
    QUEUE,
    REJECT,
    RULES,
    SORT,
    MonthListScreen,
    event_state,
    rule_name,
    sparkline,
)
from .enter import EnterEventScreen
from .event import EventScreen
from .export import ExportScreen
from .leave import DepotLeaveScreen, LeaveFormScreen, OwnLeaveScreen
from .queue import AppealsScreen, QueueScreen
from .roster import RepeatWeekScreen, RosterScreen
from .rules import RuleFormScreen, RulesScreen
from .table import ScoreScreen

__all__ = [
    "APPEAL",
    "AppealsScreen",
    "DepotLeaveScreen",
    "LeaveFormScreen",
    "OwnLeaveScreen",
    "RepeatWeekScreen",
    "RosterScreen",
    "BARS",
    "CLOSE",
    "CONFIRM",
    "ClerkScoreScreen",
    "EDIT_RULE",
    "ENTER_EVENT",
    "EXPORT",
    "EnterEventScreen",
    "EventScreen",
    "ExportScreen",
    "MONTH_BACK",
    "MONTH_ON",
    "MonthListScreen",
    "OPEN",
    "PRAISE",
    "QUEUE",
    "QueueScreen",
    "REJECT",
    "RULES",
    "RuleFormScreen",
    "RulesScreen",
    "SORT",
    "ScoreScreen",
    "event_state",
    "rule_name",
    "sparkline",
]
