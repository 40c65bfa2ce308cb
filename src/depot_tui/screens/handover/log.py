"""The depot's handovers, day by day, each opened to read."""

from __future__ import annotations

import datetime as dt

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import checks, clock, handover, printing
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.fields import Field, FieldMessage
from ...widgets.safe import plain
from ...widgets.status_line import shift_label
from ...widgets.tables import Table
from ..dialogs import ReasonScreen, show_refusal
from ..lists import ListScreen
from .common import DAY_BACK, DAY_ON, DISPUTED, OPEN, OVERRIDE, PRINT, _when, print_handover
from .taking import HandoverReadScreen


class HandoverLogScreen(ListScreen):
    """Past handovers of this depot, a day at a time (the outgoing shift's day), by clerk if
    one is typed; Ctrl+O: every handover with a dispute still to settle."""

    screen_id = "handover-log"
    title_key = "screen.handover_log"
    help_key = "help.handover_log"
    list_title_key = "hand.log_title"
    columns_key = "hand.log_columns"
    empty_key = "hand.log_none"
    focus_list = False
    screen_keys: list[KeyAction] = [BACK, OPEN, DAY_BACK, DAY_ON, DISPUTED, PRINT, OVERRIDE]

    def __init__(self) -> None:
        super().__init__()
        self.day = clock.now().date()
        self.disputed_only = False

    def compose_top(self) -> ComposeResult:
        with Horizontal(classes="form-row", id="log-filter"):
            yield Static(t("hand.day"), classes="form-label")
            yield Field(f"{self.day:%Y-%m-%d}", id="day", max_length=10, enter_advances=False)
            yield Static(t("hand.clerk"), classes="form-label")
            yield Field(id="clerk", max_length=40, enter_advances=False)
        yield FieldMessage(id="filter-message")

    def on_mount(self) -> None:
        self.query_one("#list", Table).focus()

    def load(self, actor: Actor) -> list[handover.LogLine]:
        return handover.log(actor, f"{self.day:%Y-%m-%d}", self.clerk, self.disputed_only)

    def list_title(self) -> str:
        if self.disputed_only:
            return t("hand.log_title_disputed", count=len(self.items))
        return t(self.list_title_key, day=f"{self.day:%Y-%m-%d}", count=len(self.items))

    def row(self, line: handover.LogLine) -> tuple[object, ...]:
        difference = line.cash_difference
        return (
            f"{line.day:%m-%d}",
            shift_label(line.code),
            plain(printing.fit(line.from_name, 8)[0]),
            _when(line.submitted_at),
            plain(printing.fit(line.to_name, 8)[0]),
            _when(line.accepted_at),
            t(f"handover.state.{line.status}"),
            "" if difference is None else f"{difference:+.2f}",
            str(line.items),
            str(line.disputed or "") + (t("hand.log_override") if line.override else ""),
        )

    @property
    def clerk(self) -> str:
        return self.query_one("#clerk", Field).value

    @on(Input.Submitted, "#day, #clerk")
    def _filter(self) -> None:
        message = self.query_one("#filter-message", FieldMessage)
        try:
            self.day = checks.day(self.query_one("#day", Field).value, "day", clock.now().date())
        except ServiceError as exc:
            show_refusal(self, exc, "hand", "#filter-message")
            return
        message.clear()
        self.query_one("#day", Field).value = f"{self.day:%Y-%m-%d}"
        self.disputed_only = False
        self.refresh_items()
        self.query_one("#list", Table).focus()

    def action_day(self, step: int) -> None:
        self.day += dt.timedelta(days=step)
        self.query_one("#day", Field).value = f"{self.day:%Y-%m-%d}"
        self.disputed_only = False
        self.refresh_items()

    def action_disputed(self) -> None:
        self.disputed_only = not self.disputed_only
        self.refresh_items()

    def action_open_item(self) -> None:
        line = self.highlighted()
        if line is not None:
            self.app.push_screen(HandoverReadScreen(line.id))

    @work(exclusive=True, group="log-print")
    async def action_print(self) -> None:
        line = self.highlighted()
        if line is not None:
            await print_handover(self, line.id)

    @work(exclusive=True, group="log-override")
    async def action_override(self) -> None:
        """A supervisor lets the highlighted draft be handed over past an open major exception."""
        app, line = self.depot_app, self.highlighted()
        if line is None:
            return
        if line.status != "draft":
            self.say(t("hand.override_not_draft", status_key=f"handover.state.{line.status}"))
            return
        reason = await app.push_screen_wait(
            ReasonScreen(t("hand.override_title", name=line.from_name), t("hand.override_body"))
        )
        if reason is None:
            return
        try:
            await app.call(handover.override, app.actor, line.id, reason)
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            app.bell()
            return
        app.notify(plain(t("hand.overridden", name=line.from_name)), timeout=8)
        self.refresh_items()
