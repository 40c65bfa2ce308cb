"""Before the truck leaves: what was planned and loaded, a note for every waybill not fully loaded
(R-2.14), then departing and printing the manifest.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...i18n import t
from ...keys import bindings, dialog_key
from ...services import loading
from ...services.errors import ServiceError
from ...widgets.safe import plain
from ...widgets.tables import Table
from ..base import DepotDialog
from ..dialogs import ReasonScreen


class DepartScreen(DepotDialog[bool]):
    """Planned against loaded; a line not fully loaded needs its note (Enter) before F10 sends
    the truck and prints the manifest."""

    BINDINGS = bindings(
        [
            dialog_key("back", "escape", "cancel"),
            dialog_key("save", "f10,ctrl+s", "depart"),
            dialog_key("depart.note_all", "ctrl+e", "note_all"),
        ]
    )

    def __init__(self, run: loading.Run) -> None:
        super().__init__()
        self.run = run
        self.summary: loading.Summary | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="depart"):
            yield Static(
                plain(t("load.depart_title", number=self.run.number, plate=self.run.plate)),
                classes="dialog-title",
            )
            yield Table(t("load.plan_columns").split("|"), id="plan", cursor_type="row")
            yield Static("", id="depart-total")
            yield Static("", id="depart-note")
            yield Static("", id="depart-message")
            yield Static(t("load.depart_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self._load()

    @work(exclusive=True, group="depart-load")
    async def _load(self) -> None:
        app = self.depot_app
        self.summary = await app.call(loading.summary, app.actor, self.run.id)
        table = self.query_one("#plan", Table)
        table.show(
            (
                "※" if line.needs_note else ("·" if line.loaded < line.planned else ""),
                line.number,
                line.station,
                line.consignee,
                f"{line.loaded}/{line.planned}",
                line.note,
            )
            for line in self.summary.lines
        )
        r = self.summary.run
        self.query_one("#depart-total", Static).update(
            plain(
                t(
                    "load.depart_total",
                    waybills=len(self.summary.lines),
                    loaded=r.loaded_pieces,
                    planned=r.planned_pieces,
                    kg=self.summary.kg,
                    m3=self.summary.m3,
                )
            )
        )
        self.query_one("#depart-note", Static).update(
            plain(t("load.manifest_note", note=self.summary.note)) if self.summary.note else ""
        )
        table.focus()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:  # Enter on a line
        self.action_note()

    @work(exclusive=True, group="depart-note")
    async def action_note(self) -> None:
        if not self.summary or not self.summary.lines:
            return
        line = self.summary.lines[self.query_one("#plan", Table).cursor_row]
        note = await self.app.push_screen_wait(
            ReasonScreen(
                t("load.note_title", number=line.number), t("load.note_body", left=line.planned - line.loaded)
            )
        )
        if note:
            await self.depot_app.call(loading.set_note, self.depot_app.actor, self.run.id, line.number, note)
            self._load()

    @work(exclusive=True, group="depart-note")
    async def action_note_all(self) -> None:
        """A note for the whole manifest (a seal number, goods loaded by hand, a delay)."""
        note = await self.app.push_screen_wait(
            ReasonScreen(t("load.manifest_note_title"), t("load.manifest_note_body"))
        )
        if note:
            await self.depot_app.call(loading.set_note, self.depot_app.actor, self.run.id, None, note)
            self._load()

    @work(exclusive=True, group="depart-go")
    async def action_depart(self) -> None:
        app = self.depot_app
        message = self.query_one("#depart-message", Static)
        try:
            departed = await app.call(loading.depart, app.actor, self.run.id, app.config.outbox)
        except ServiceError as exc:
            message.set_class(True, "error")
            message.update(plain(t(exc.key, **exc.params)))
            return
        app.notify(t("load.departed", number=departed.number, where=departed.printed.path.name))
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
