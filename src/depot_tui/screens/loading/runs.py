"""F3: the truck runs open for loading here, and a new run (plate, driver, stops, departure)."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ...i18n import t
from ...keys import BACK, REPRINT, KeyAction, bindings, dialog_key
from ...services import loading
from ...services.actor import Actor
from ...services.errors import FormError, ServiceError
from ...widgets.fields import Field, FieldMessage
from ..base import DepotDialog
from ..lists import ListScreen
from .common import NEW_RUN, OPEN, STOCK
from .scan import ScanScreen
from .stock import StockScreen


class LoadingScreen(ListScreen):
    """Today's and open truck runs; Enter loads the highlighted one, Ctrl+N makes a new one."""

    screen_id = "loading"
    title_key = "screen.loading"
    help_key = "help.loading"
    list_title_key = "load.runs_title"
    columns_key = "load.run_columns"
    empty_key = "load.no_runs"
    screen_keys: list[KeyAction] = [BACK, OPEN, NEW_RUN, STOCK, REPRINT]

    def load(self, actor: Actor) -> list[loading.Run]:
        return loading.runs(actor)

    def row(self, r: loading.Run) -> tuple[str, ...]:
        return (
            r.number,
            r.plate,
            "→".join(r.stops),
            f"{r.planned_departure:%m-%d %H:%M}",
            t(f"load.status.{r.status}"),
            f"{r.loaded_pieces}/{r.planned_pieces}",
        )

    def action_open_item(self) -> None:
        run = self.highlighted()
        if run is not None and run.status == "open":
            self.app.push_screen(ScanScreen(run))

    def action_stock(self) -> None:
        """The stock, picking into the highlighted run if it is still loading."""
        run = self.highlighted()
        self.app.push_screen(StockScreen(run if run is not None and run.status == "open" else None))

    @work(exclusive=True, group="new-run")
    async def action_new_run(self) -> None:
        run = await self.app.push_screen_wait(RunFormScreen())
        if run is not None:
            self.refresh_items()
            await self.app.push_screen(ScanScreen(run))

    @work(exclusive=True, group="runs")
    async def action_reprint(self) -> None:
        run, app = self.highlighted(), self.depot_app
        if run is None:
            return
        try:
            printed = await app.call(loading.reprint, app.actor, run.id, app.config.outbox)
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            return
        self.say(t("load.reprinted", number=run.number, where=printed.path.name))


class RunFormScreen(DepotDialog[Any]):
    """A new truck run: plate, driver, phone, stops, departure; F10 creates it."""

    BINDINGS = bindings([dialog_key("back", "escape", "cancel"), dialog_key("save", "f10,ctrl+s", "create")])
    FIELDS = ("plate", "driver_name", "driver_phone", "stops", "departure")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="run-form"):
            yield Static(t("load.new_run"), classes="dialog-title")
            for name in self.FIELDS:
                with Horizontal(classes="form-row"):
                    yield Static(t(f"load.{name}"), classes="form-label")
                    yield Field("21:00" if name == "departure" else "", id=name, max_length=40)
            yield FieldMessage(id="run-message")
            yield Static(t("load.new_run_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#plate", Field).focus()

    @work(exclusive=True, group="run-form")
    async def action_create(self) -> None:
        app = self.depot_app
        form = loading.RunForm(**{name: self.query_one(f"#{name}", Field).value for name in self.FIELDS})
        try:
            run = await app.call(loading.create_run, app.actor, form)
        except ServiceError as exc:
            errors = exc.errors if isinstance(exc, FormError) else [exc]
            first = errors[0]
            self.query_one("#run-message", FieldMessage).show(
                t("field.error", label=t(f"load.{first.field}"), message=t(first.key, **first.params))
                if first.field
                else t(first.key, **first.params)
            )
            if first.field:
                self.query_one(f"#{first.field}", Field).focus()
            return
        self.dismiss(run)

    def action_cancel(self) -> None:
        self.dismiss(None)
