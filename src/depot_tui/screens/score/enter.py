"""A record the supervisor saw (a complaint, temper, a task not done), entered for a clerk."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ...i18n import t
from ...services import clock, scoring
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage, value_of
from ..dialogs import FormDialog


class EnterEventScreen(FormDialog):
    """A fault or bonus the supervisor saw herself: the clerk, the rule, the day, what it
    refers to (a waybill or a truck run), and the note. It counts at once."""

    labels_prefix = "score"

    def __init__(self, clerks: list[scoring.ClerkMonth], chosen: scoring.ClerkMonth | None) -> None:
        super().__init__()
        self.clerks, self.chosen = clerks, chosen

    def compose(self) -> ComposeResult:
        options = [(str(c.user_id), c.name) for c in self.clerks]
        with Vertical(classes="dialog", id="enter-form"):
            yield Static(t("score.enter_title"), classes="dialog-title")
            chosen = str(self.chosen.user_id) if self.chosen else None
            yield from self.row("user", Choice(options, chosen, id="user"))
            yield from self.row("code", Field(id="code", max_length=8))
            yield from self.row("day", Field(f"{clock.now():%Y-%m-%d}", id="day", max_length=10))
            yield from self.row("waybill", Field(id="waybill", max_length=20))
            yield from self.row("manifest", Field(id="manifest", max_length=20))
            yield from self.row("liable", Field(id="liable", max_length=10))  # money beside the points
            yield from self.row("note", Field(id="note", max_length=200, enter_advances=False))
            yield FieldMessage(id="dialog-message")
            yield Static(t("score.enter_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#code", Field).focus()

    def value(self, name: str) -> str:
        return value_of(self, name)

    @on(Input.Submitted, "#note")
    def _last_field(self) -> None:
        self.action_save()

    @work(exclusive=True, group="score-enter-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(
                scoring.enter,
                app.actor,
                self.value("code"),
                int(self.value("user")),
                self.value("day"),
                self.value("note"),
                waybill=self.value("waybill"),
                manifest=self.value("manifest"),
                liable=self.value("liable"),
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)
