"""Registers (登记簿), from F5 with Ctrl+P: the pickup, transfer or return-receipt register of
this depot, or its business figures (业务统计; a clerk's own), for a date range, printed (the
print command; default the outbox) or written to the outbox as CSV or XLSX. The service builds
it once for every output (services/registers/).
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import t
from ...services import clock, registers
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage
from ...widgets.safe import plain
from ..dialogs import FormDialog, TextScreen


class RegisterScreen(FormDialog):
    """`kind` is the register offered first; the month's summary is offered to supervisors only."""

    labels_prefix = "register"

    def __init__(self, kind: str = "pickup") -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        today = clock.now().date()
        with Vertical(classes="dialog", id="register-form"):
            yield Static(t("register.title"), classes="dialog-title")
            boss = self.depot_app.actor.is_supervisor
            kinds = [
                (k, t(f"register.kind.{k}"))
                for k in registers.KINDS
                if boss or k not in ("summary", "ledger")
            ]
            yield from self.row("kind", Choice(kinds, self.kind, id="kind"))
            yield from self.row("start", Field(f"{today.replace(day=1):%Y-%m-%d}", id="start", max_length=10))
            yield from self.row("end", Field(f"{today:%Y-%m-%d}", id="end", max_length=10))
            yield from self.row(
                "format", Choice([(f, t(f"register.format.{f}")) for f in registers.FORMATS], id="format")
            )
            yield FieldMessage(id="dialog-message")
            yield Static(t("register.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#kind", Choice).focus()

    @work(exclusive=True, group="register-save")
    async def action_save(self) -> None:
        app = self.depot_app
        if self.query_one("#format", Choice).value == "screen":
            await self._view()
            return
        try:
            done = await app.call(
                registers.output,
                app.actor,
                self.query_one("#kind", Choice).value,
                self.query_one("#start", Field).value,
                self.query_one("#end", Field).value,
                self.query_one("#format", Choice).value,
                app.config.outbox,
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        if done.error:
            app.notify(
                plain(t("register.print_failed", path=str(done.path), error=done.error)),
                severity="error",
                timeout=10,
            )
        else:
            app.notify(plain(t("register.written", path=str(done.path))), timeout=8)
        self.dismiss(True)

    async def _view(self) -> None:
        """The register read on screen; the dialog stays for printing or exporting it next."""
        app = self.depot_app
        kind = self.query_one("#kind", Choice).value
        try:
            text = await app.call(
                registers.view,
                app.actor,
                kind,
                self.query_one("#start", Field).value,
                self.query_one("#end", Field).value,
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        await app.push_screen_wait(TextScreen(t("register.viewing", kind=t(f"register.kind.{kind}")), text))
