"""Export a month's scores as XLSX or CSV to the outbox."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import language, t
from ...services import scoring
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import FieldMessage
from ...widgets.safe import plain
from ..dialogs import FormDialog


class ExportScreen(FormDialog):
    """The month to the outbox for payroll: CSV or XLSX."""

    labels_prefix = "score"

    def __init__(self, month: str) -> None:
        super().__init__()
        self.month = month

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-form"):
            yield Static(t("score.export_title", month=self.month), classes="dialog-title")
            yield from self.row("format", Choice([("xlsx", "XLSX"), ("csv", "CSV")], id="format"))
            yield FieldMessage(id="dialog-message")
            yield Static(t("score.export_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#format", Choice).focus()

    @work(exclusive=True, group="score-export")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            done = await app.call(
                scoring.export,
                app.actor,
                self.month,
                self.query_one("#format", Choice).value,
                app.config.outbox,
                language(),
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        app.notify(plain(t("register.written", path=str(done.path))), timeout=8)
        self.dismiss(True)
