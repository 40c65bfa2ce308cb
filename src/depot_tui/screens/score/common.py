"""What the score screens share: their keys, how points, totals, rules and states are shown, the
six-month sparkline, and MonthListScreen (PgUp/PgDn change the month).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ...i18n import language, t
from ...keys import KeyAction
from ...services import clock, scoring
from ..lists import ListScreen

OPEN = KeyAction("open", "enter", "open_item", "key.open")
MONTH_BACK = KeyAction("month_back", "pageup", "month(-1)", "key.month_back", priority=True)
MONTH_ON = KeyAction("month_on", "pagedown", "month(1)", "key.month_on", priority=True)
SORT = KeyAction("sort", "ctrl+o", "sort", "key.sort")
QUEUE = KeyAction("queue", "ctrl+d", "queue", "key.score_queue")
EXPORT = KeyAction("export", "ctrl+e", "export", "key.export")
CLOSE = KeyAction("close", "ctrl+w", "close_month", "key.close_month")
APPEAL = KeyAction("appeal", "a", "appeal", "key.appeal")
ENTER_EVENT = KeyAction("enter_event", "ctrl+n", "enter_event", "key.enter_event")
PRAISE = KeyAction("praise", "ctrl+t", "praise", "key.praise")
RULES = KeyAction("rules", "ctrl+r", "rules", "key.rules")
EDIT_RULE = KeyAction("edit_rule", "enter", "open_item", "key.edit_item")
ROSTER = KeyAction("roster", "ctrl+g", "roster", "key.roster")  # not Ctrl+B: tmux's prefix
LEAVE = KeyAction("leave", "ctrl+l", "leave", "key.leave")
CONFIRM = KeyAction("confirm", "y", "decide(True)", "key.confirm_event")
REJECT = KeyAction("reject", "n", "decide(False)", "key.reject_event")

BARS = "▁▂▃▄▅▆▇█"


def sparkline(totals: Sequence[Decimal | None]) -> str:
    """Six months in six cells: 60 points or less is the lowest bar, 110 the highest; a month
    not worked is a blank."""
    out = []
    for total in totals:
        if total is None:
            out.append(" ")
            continue
        step = (min(max(float(total), 60.0), 110.0) - 60.0) / 50.0
        out.append(BARS[min(len(BARS) - 1, int(step * len(BARS)))])
    return "".join(out)


def _points(value: Decimal) -> str:
    if not value:
        return "0"
    return f"{value:+.0f}" if value == value.to_integral() else f"{value:+.1f}"


def money_text(line: scoring.ClerkMonth) -> str:
    """The month's money: +40, or 不浮动 for a new clerk whose pay does not move yet."""
    return t("score.pay_fixed") if line.probation else f"{line.money:+.0f}"


def _total(value: Decimal) -> str:
    return f"{value:.0f}" if value == value.to_integral() else f"{value:.1f}"


def _shift_month(month: str, step: int) -> str:
    year, number = (int(x) for x in month.split("-"))
    number += step
    while number < 1:
        year, number = year - 1, number + 12
    while number > 12:
        year, number = year + 1, number - 12
    return f"{year:04d}-{number:02d}"


def rule_name(event: scoring.EventLine) -> str:
    return event.rule_zh if language() == "zh" else event.rule_en


def event_state(event: scoring.EventLine) -> str:
    text = t(f"score.state.{event.status}")
    if event.appeal_status:
        text += " " + t(f"score.appeal.{event.appeal_status}")
    return text


class MonthListScreen(ListScreen):
    """A list of one month on F7: PgUp/PgDn change the month."""

    title_key = "screen.score"
    list_title_key = "score.title"

    def __init__(self, month: str | None = None) -> None:
        super().__init__()
        self.month = month or f"{clock.now():%Y-%m}"

    def action_month(self, step: int) -> None:
        self.month = _shift_month(self.month, step)
        self.refresh_items()


def note_of(event: scoring.EventLine) -> str:
    """An event's note in the reader's language where the system wrote it (lateness), else as
    the person wrote it."""
    return t(event.note_key, **event.note_params) if event.note_key else event.note
