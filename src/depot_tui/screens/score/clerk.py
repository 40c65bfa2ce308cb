"""One clerk's events for the month: the clerk's own F7, where A appeals one (the company's appeal
rule), or a supervisor's drill-down from the table.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import printing, scoring
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.safe import plain
from ..dialogs import ReasonScreen
from .common import (
    APPEAL,
    LEAVE,
    MONTH_BACK,
    MONTH_ON,
    OPEN,
    MonthListScreen,
    _points,
    _total,
    event_state,
    money_text,
    note_of,
    rule_name,
)
from .event import EventScreen
from .leave import OwnLeaveScreen


class ClerkScoreScreen(MonthListScreen):
    """One clerk's events for the month: the clerk's own F7 (where A appeals one), or a
    supervisor's drill-down from the table."""

    screen_id = "score-clerk"
    columns_key = "score.event_columns"
    empty_key = "score.no_events"
    screen_keys: list[KeyAction] = [BACK, OPEN, MONTH_BACK, MONTH_ON, APPEAL, LEAVE]

    def __init__(self, who: tuple[int, str], month: str | None = None) -> None:
        super().__init__(month)
        self.who = who
        self.line: scoring.ClerkMonth | None = None  # the clerk's month line, for the title

    @classmethod
    def own_month(cls, actor: Actor) -> ClerkScoreScreen:
        """A clerk's F7: their own month, nothing else."""
        screen = cls((actor.user_id or 0, actor.name))  # a clerk's actor always has a user
        screen.screen_id = "score"  # F7 again does not open it twice
        return screen

    def compose(self) -> ComposeResult:
        self.help_key = "help.score_own" if self.own else "help.score_clerk"
        yield from super().compose()

    @property
    def own(self) -> bool:
        session = self.depot_app.session
        return session is not None and self.who[0] == session.actor.user_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.own if action in ("appeal", "leave") else True

    def load(self, actor: Actor) -> list[Any]:
        if self.own:  # what was confirmed since the clerk last looked: told now (the appeal window opens)
            scoring.tell(actor)
        table = (
            scoring.month_table(actor, self.month)
            if self.own
            else [x for x in scoring.month_table(actor, self.month) if x.user_id == self.who[0]]
        )
        self.line = next((x for x in table if x.user_id == self.who[0]), None)
        return scoring.events(actor, self.who[0], self.month)

    def list_title(self) -> str:
        line = self.line
        if line is None:
            return t("score.clerk_title_none", month=self.month, name=self.who[1])
        return t(
            "score.clerk_title",
            month=self.month,
            name=self.who[1],
            total=_total(line.total),
            grade=line.grade,
            deductions=_points(line.deductions + line.lateness),
            bonus=_points(line.bonus),
            money=money_text(line),
        )

    def row(self, item: Any) -> tuple[object, ...]:
        event: scoring.EventLine = item
        return (
            f"{event.occurred_at:%m-%d}",
            event.code,
            plain(printing.fit(rule_name(event), 24)[0]),
            _points(event.points),
            event_state(event),
            plain(printing.fit(event.waybill or event.manifest or note_of(event), 16)[0]),
        )

    def action_leave(self) -> None:
        self.app.push_screen(OwnLeaveScreen())

    def action_open_item(self) -> None:
        item = self.highlighted()
        if item is not None:
            self.app.push_screen(EventScreen(item))

    @work(exclusive=True, group="score-appeal")
    async def action_appeal(self) -> None:
        app, event = self.depot_app, self.highlighted()
        if event is None or not self.own:
            return
        if not event.appealable:
            self.say(t("score.not_appealable"))
            app.bell()
            return
        reason = await app.push_screen_wait(
            ReasonScreen(t("score.appeal_title", rule=rule_name(event)), t("score.appeal_body"))
        )
        if reason is None:
            return
        try:
            await app.call(scoring.appeal, app.actor, event.id, reason)
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            app.bell()
            return
        app.notify(t("score.appealed"), timeout=8)
        self.refresh_items()
