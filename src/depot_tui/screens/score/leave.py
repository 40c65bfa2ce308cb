"""Leave, going out and overtime (R-6.11), on F7 (Ctrl+L): a clerk's own requests (Ctrl+N asks,
W withdraws one waiting), or the depot's for a supervisor (Y approves, N refuses with the reason).
Every rule is the service's (services/leave.py).
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import leave, printing
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage, value_of
from ...widgets.safe import plain
from ..dialogs import FormDialog, ReasonScreen
from ..lists import ListScreen

ASK = KeyAction("ask_leave", "ctrl+n", "ask", "key.ask_leave")
WITHDRAW = KeyAction("withdraw", "w", "withdraw", "key.withdraw")
APPROVE = KeyAction("approve", "y", "decide(True)", "key.approve")
REFUSE = KeyAction("refuse", "n", "decide(False)", "key.refuse")


class LeaveScreen(ListScreen):
    """Requests as a list: what the two kinds of reader share."""

    screen_id = "leave"
    title_key = "screen.leave"
    columns_key = "leave.columns"
    empty_key = "leave.none"

    def row(self, line: leave.LeaveLine) -> tuple[object, ...]:
        return (
            plain(printing.fit(line.name, 6)[0]),
            t(f"leave.kind.{line.kind}"),
            f"{line.starts_at:%m-%d %H:%M}",
            f"{line.ends_at:%m-%d %H:%M}",
            t(f"leave.state.{line.status}"),
            plain(printing.fit(line.decision_reason or line.reason, 18)[0]),
        )


class OwnLeaveScreen(LeaveScreen):
    """A clerk's own requests, newest first: Ctrl+N asks, W withdraws one waiting."""

    help_key = "help.leave_own"
    list_title_key = "leave.title_own"
    screen_keys: list[KeyAction] = [BACK, ASK, WITHDRAW]

    def load(self, actor: Actor) -> list[Any]:
        return leave.mine(actor)

    @work(exclusive=True, group="leave-ask")
    async def action_ask(self) -> None:
        if await self.depot_app.push_screen_wait(LeaveFormScreen()):
            self.refresh_items()
            self.say(t("leave.asked"))

    @work(exclusive=True, group="leave-decide")
    async def action_withdraw(self) -> None:
        app, line = self.depot_app, self.highlighted()
        if line is None:
            return
        try:
            await app.call(leave.withdraw, app.actor, line.id)
        except ServiceError as exc:
            self.refused(exc)
            return
        self.refresh_items()
        self.say(t("leave.withdrawn"))


class DepotLeaveScreen(LeaveScreen):
    """The depot's requests for a supervisor, waiting ones first: Y approves, N refuses."""

    help_key = "help.leave"
    list_title_key = "leave.title"
    screen_keys: list[KeyAction] = [BACK, APPROVE, REFUSE]

    def load(self, actor: Actor) -> list[Any]:
        return leave.listing(actor)

    def list_title(self) -> str:
        return t(self.list_title_key, waiting=sum(1 for x in self.items if x.status == "asked"))

    @work(exclusive=True, group="leave-decide")
    async def action_decide(self, approve: bool) -> None:
        """Y approves the highlighted request; N asks the reason, then refuses it."""
        app, line = self.depot_app, self.highlighted()
        if line is None:
            return
        if line.status != "asked":
            self.say(t("leave.not_waiting"))
            app.bell()
            return
        kind = t(f"leave.kind.{line.kind}")
        reason = ""
        if not approve:
            given = await app.push_screen_wait(
                ReasonScreen(t("leave.refuse_title", name=line.name, kind=kind), t("leave.refuse_body"))
            )
            if given is None:
                return
            reason = given
        try:
            row = await app.call(leave.decide, app.actor, line.id, approve, reason)
        except ServiceError as exc:
            self.refused(exc)
            return
        self.refresh_items()
        self.say(t("leave.decided", name=line.name, kind=kind, state=t(f"leave.state.{row.status}")))


class LeaveFormScreen(FormDialog):
    """A request: kind, from, to, why. Returns True once sent."""

    labels_prefix = "leave"

    def compose(self) -> ComposeResult:
        kinds = [(kind, t(f"leave.kind.{kind}")) for kind in leave.KINDS]
        with Vertical(classes="dialog", id="leave-form"):
            yield Static(t("leave.form_title"), classes="dialog-title")
            yield from self.row("kind", Choice(kinds, "leave", id="kind"))
            yield Static(t("leave.kind_choices"))
            yield from self.row(
                "starts_at", Field(id="starts_at", max_length=16, placeholder=t("leave.time_hint"))
            )
            yield from self.row(
                "ends_at", Field(id="ends_at", max_length=16, placeholder=t("leave.time_hint"))
            )
            yield from self.row("reason", Field(id="reason", max_length=200, enter_advances=False))
            yield FieldMessage(id="dialog-message")
            yield Static(t("leave.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#kind", Choice).focus()

    @on(Input.Submitted, "#reason")
    def _last_field(self) -> None:
        self.action_save()

    @work(exclusive=True, group="leave-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(
                leave.ask_typed,
                app.actor,
                value_of(self, "kind"),
                value_of(self, "starts_at"),
                value_of(self, "ends_at"),
                value_of(self, "reason"),
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)
