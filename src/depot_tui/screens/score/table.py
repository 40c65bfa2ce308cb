"""F7 for a supervisor: the depot's clerks for the month, with the queue, export, praise, records
entered, the rules and closing the month.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from textual import work

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import printing, scoring
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.safe import plain
from ..dialogs import ReasonScreen
from .clerk import ClerkScoreScreen
from .common import (
    CLOSE,
    ENTER_EVENT,
    EXPORT,
    LEAVE,
    MONTH_BACK,
    MONTH_ON,
    OPEN,
    PRAISE,
    QUEUE,
    ROSTER,
    RULES,
    SORT,
    MonthListScreen,
    _points,
    _total,
    money_text,
    sparkline,
)
from .enter import EnterEventScreen
from .export import ExportScreen
from .leave import DepotLeaveScreen
from .queue import QueueScreen
from .roster import RosterScreen
from .rules import RulesScreen


class ScoreScreen(MonthListScreen):
    """F7 for a supervisor: the depot's clerks for the month, the queue, export, closing."""

    screen_id = "score"
    help_key = "help.score"
    columns_key = "score.columns"
    empty_key = "score.none"
    screen_keys: list[KeyAction] = [
        BACK,
        OPEN,
        MONTH_BACK,
        MONTH_ON,
        SORT,
        QUEUE,
        ROSTER,
        LEAVE,
        ENTER_EVENT,
        PRAISE,
        EXPORT,
        CLOSE,
        RULES,
    ]

    def __init__(self, month: str | None = None) -> None:
        super().__init__(month)
        self.by_name = False
        self.history: dict[int, list[Decimal | None]] = {}
        self.praised: set[int] = set()
        self.closed = False

    def load(self, actor: Actor) -> list[Any]:
        table, self.history = scoring.history(actor, self.month)
        self.praised = scoring.praised(actor, self.month)
        self.closed = scoring.month_closed(actor, self.month)
        return sorted(table, key=(lambda x: x.name) if self.by_name else (lambda x: (-x.total, x.name)))

    def list_title(self) -> str:
        pending = sum(x.pending for x in self.items)
        appeals = sum(x.appeals for x in self.items)
        return t(
            "score.title_closed" if self.closed else "score.title",
            month=self.month,
            pending=pending,
            appeals=appeals,
            order=t("score.by_name" if self.by_name else "score.by_total"),
        )

    def row(self, item: Any) -> tuple[object, ...]:
        line: scoring.ClerkMonth = item
        name = line.name + ("★" if line.user_id in self.praised else "")
        return (
            plain(printing.fit(name, 8)[0]),
            _total(line.total),
            line.grade,
            _points(line.deductions),
            _points(line.lateness),
            _points(line.bonus),
            str(line.pending or ""),
            str(line.appeals or ""),
            money_text(line),
            sparkline(self.history.get(line.user_id, [])),
        )

    def action_sort(self) -> None:
        self.by_name = not self.by_name
        self.refresh_items()

    def action_open_item(self) -> None:
        item = self.highlighted()
        if item is not None:
            self.app.push_screen(ClerkScoreScreen((item.user_id, item.name), self.month))

    def action_queue(self) -> None:
        self.app.push_screen(QueueScreen())

    def action_roster(self) -> None:
        self.app.push_screen(RosterScreen())

    def action_leave(self) -> None:
        self.app.push_screen(DepotLeaveScreen())

    def action_export(self) -> None:
        self.app.push_screen(ExportScreen(self.month))

    @work(exclusive=True, group="score-close")
    async def action_close_month(self) -> None:
        """Close the month shown; on a closed month, reopen it (an administrator, with a reason)."""
        app = self.depot_app
        try:
            if self.closed:
                reason = await app.push_screen_wait(
                    ReasonScreen(t("score.reopen_title", month=self.month), t("score.reopen_body"))
                )
                if reason is None:
                    return
                await app.call(scoring.reopen_month, app.actor, self.month, reason)
                done = t("score.reopened", month=self.month)
            else:
                if not await app.confirm("score.close_title", "score.close_body", month=self.month):
                    return
                await app.call(scoring.close_month, app.actor, self.month)
                done = t("score.closed", month=self.month)
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            app.bell()
            return
        app.notify(done, timeout=8)
        self.refresh_items()

    @work(exclusive=True, group="score-praise")
    async def action_praise(self) -> None:
        """The highlighted clerk praised this month (a clean month is then +10, not +6), or not."""
        app, line = self.depot_app, self.highlighted()
        if line is None:
            return
        try:
            await app.call(
                scoring.praise, app.actor, line.user_id, self.month, line.user_id not in self.praised
            )
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            app.bell()
            return
        self.refresh_items()

    @work(exclusive=True, group="score-enter")
    async def action_enter_event(self) -> None:
        line = self.highlighted()
        if await self.depot_app.push_screen_wait(EnterEventScreen(self.items, line)):
            self.refresh_items()

    def action_rules(self) -> None:
        self.app.push_screen(RulesScreen())
