"""Real-name uploads (实名上传, R-2.18), from home with Ctrl+U: the clerk types or scans each
waybill he entered in the 云递安 app and presses Enter; the day's uploads are listed below, the
count against the quota on top. Ctrl+R reads the app's daily export instead. Every rule is the
service's (services/uploads.py).
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from ..i18n import t
from ..keys import BACK, KeyAction
from ..services import uploads
from ..services.actor import Actor
from ..services.errors import ServiceError
from ..widgets.fields import Field, FieldMessage
from ..widgets.safe import plain
from .dialogs import FormDialog
from .lists import ListScreen

IMPORT = KeyAction("import_uploads", "ctrl+r", "import_file", "key.import_uploads")


class UploadsScreen(ListScreen):
    """The number field on top keeps the cursor: Enter marks the waybill uploaded; the day's
    uploads below (a clerk's own, or the depot's for a supervisor)."""

    screen_id = "uploads"
    title_key = "screen.uploads"
    help_key = "help.uploads"
    list_title_key = "uploads.title"
    columns_key = "uploads.columns"
    empty_key = "uploads.none"
    focus_list = False
    screen_keys: list[KeyAction] = [BACK, IMPORT]

    def __init__(self) -> None:
        super().__init__()
        self.count: uploads.Today | None = None

    def compose_top(self) -> ComposeResult:
        with Horizontal(classes="form-row find-row"):
            yield Static(t("uploads.number"), classes="form-label")
            yield Field(id="number", max_length=24, enter_advances=False)

    def on_mount(self) -> None:
        self.query_one("#number", Field).focus()

    def load(self, actor: Actor) -> list[Any]:
        self.count = uploads.today(actor)
        return uploads.listing(actor)

    def list_title(self) -> str:
        return t(self.list_title_key, **vars(self.count)) if self.count else ""

    def row(self, line: uploads.UploadLine) -> tuple[object, ...]:
        return (f"{line.at:%H:%M}", line.number, plain(line.by), t(f"uploads.source.{line.source}"))

    @on(Input.Submitted, "#number")
    def _entered(self) -> None:
        self.mark_typed()

    @work(exclusive=True, group="upload-mark")  # keys typed behind the Enter wait for it (typeahead)
    async def mark_typed(self) -> None:
        app, field = self.depot_app, self.query_one("#number", Field)
        try:
            line = await app.call(uploads.mark, app.actor, field.value)
        except ServiceError as exc:
            self.refused(exc)  # what was typed stays, to be put right
            return
        field.value = ""
        self.say(t("uploads.marked", number=line.number))
        self.refresh_items()

    @work(exclusive=True, group="upload-import")
    async def action_import_file(self) -> None:
        done = await self.depot_app.push_screen_wait(UploadImportScreen())
        if done is not None:
            self.say(t("uploads.imported", added=done.added, already=done.already))
            self.refresh_items()


class UploadImportScreen(FormDialog):
    """The app's export file (CSV or XLSX; a name alone is looked for in the outbox); returns
    what was read once it is."""

    labels_prefix = "uploads"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="upload-import"):
            yield Static(t("uploads.import_title"), classes="dialog-title")
            yield Static(t("uploads.import_body"))
            yield from self.row("path", Field(id="path", max_length=200, enter_advances=False))
            yield FieldMessage(id="dialog-message")
            yield Static(t("uploads.import_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#path", Field).focus()

    @on(Input.Submitted, "#path")
    def _entered(self) -> None:
        self.action_save()

    @work(exclusive=True, group="upload-import-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            done = await app.call(
                uploads.import_file, app.actor, self.query_one("#path", Field).value, app.config.outbox
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(done)
