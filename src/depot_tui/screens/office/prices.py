"""The price table (价格表): every destination this depot prices, found by code, name or
initials; a supervisor changes a line from a day on, adds a destination, imports or exports
the whole table. A clerk reads it."""

from __future__ import annotations

import datetime as dt

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import clock, prices, printing
from ...services.actor import Actor
from ...widgets.fields import Field
from ...widgets.safe import plain
from ...widgets.tables import Table
from ..lists import ListScreen
from .price_forms import PriceExportScreen, PriceImportScreen, PriceLineScreen

EDIT = KeyAction("edit", "enter", "open_item", "key.edit_item")
ADD = KeyAction("add", "ctrl+n", "add_item", "key.add_item")
IMPORT = KeyAction("import", "ctrl+r", "import_table", "key.import")
# Before the find field's own Ctrl+E (end of line), as F7's export is Ctrl+E.
EXPORT = KeyAction("export", "ctrl+e", "export", "key.export", priority=True)

#: What only a supervisor or admin may do here: hidden from a clerk's key bar.
CHANGES = {"open_item", "add_item", "import_table"}


def matches(line: prices.PriceLine, text: str) -> bool:
    """The find field's text names this line: the start of its code, a part of its name, the
    start of its initials (湘潭县: 4303, 湘潭, xtx)."""
    text = text.strip().lower()
    return line.place_code.startswith(text) or text in line.place_name or line.pinyin.startswith(text)


class PriceTableScreen(ListScreen):
    screen_id = "prices"
    title_key = "screen.prices"
    help_key = "help.prices"
    list_title_key = "price.title"
    columns_key = "price.columns"
    empty_key = "price.none"
    focus_list = False  # the find field keeps the cursor; Enter there narrows the list
    screen_keys: list[KeyAction] = [BACK, EDIT, ADD, IMPORT, EXPORT]

    def __init__(self) -> None:
        super().__init__()
        self.every: list[prices.PriceLine] = []
        self.found = ""  # the text the list is narrowed to

    def compose_top(self) -> ComposeResult:
        with Horizontal(classes="form-row", id="price-find"):
            yield Static(t("price.find"), classes="form-label")
            yield Field(id="find", max_length=40, enter_advances=False)

    def on_mount(self) -> None:
        self.query_one("#find", Field).focus()
        if not self.depot_app.actor.is_supervisor:
            self.empty_key = "price.none_read"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in CHANGES or self.depot_app.actor.is_supervisor

    def load(self, actor: Actor) -> list[prices.PriceLine]:
        self.every = prices.table_on(actor)
        return [line for line in self.every if matches(line, self.found)] if self.found else self.every

    def list_title(self) -> str:
        depot = self.depot_app.session.depot_name if self.depot_app.session else ""
        if self.found:
            return t("price.title_found", depot=depot, text=self.found, count=len(self.items))
        return t("price.title", depot=depot, count=len(self.items), day=f"{clock.now():%Y-%m-%d}")

    def row(self, line: prices.PriceLine) -> tuple[object, ...]:
        since = f"{line.valid_from:%y-%m-%d}"
        if line.next_from is not None:
            since += " " + t("price.next", day=f"{line.next_from:%m-%d}")
        return (
            line.place_code,
            plain(printing.fit(line.place_name, 10)[0]),
            f"{line.per_kg}",
            f"{line.per_m3}",
            f"{line.min_charge}",
            f"{line.delivery_fee}",
            f"{line.upstairs_fee}",
            plain(printing.fit(line.breaks_text, 18)[0]),
            since,
        )

    @on(Input.Submitted, "#find")
    def _find(self, event: Input.Submitted) -> None:
        """Narrow the list to what the field names (all of it when empty), without a query."""
        self.found = event.value.strip()
        self.items = [line for line in self.every if matches(line, self.found)] if self.found else self.every
        table = self.query_one("#list", Table)
        table.show(self.row(line) for line in self.items)
        self.query_one(".section-title", Static).update(plain(self.list_title()))
        if self.items:
            self.query_one("#list-message", Static).update("")
            table.focus()
        else:
            self.say(t("price.not_found", text=self.found))
            self.app.bell()

    @work(exclusive=True, group="price-line")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        line = self.highlighted()
        if line is None:
            return
        if not self.check_action("open_item", ()):  # a clerk's Enter on a line (the table's own)
            self.say(t("price.read_only"))
            return
        await self._changed(await self.depot_app.push_screen_wait(PriceLineScreen(line)))

    @work(exclusive=True, group="price-line")
    async def action_add_item(self) -> None:
        await self._changed(await self.depot_app.push_screen_wait(PriceLineScreen(None)))

    async def _changed(self, saved: tuple[str, dt.date] | None) -> None:
        if saved is not None:
            place, day = saved
            self.say(t("price.saved", place=place, day=f"{day:%Y-%m-%d}"))
            self.refresh_items()

    @work(exclusive=True, group="price-import")
    async def action_import_table(self) -> None:
        done = await self.depot_app.push_screen_wait(PriceImportScreen())
        if done is not None:
            applied = done.applied
            self.say(
                t("price.imported", count=applied.started, ended=applied.ended, replaced=applied.replaced)
            )
            self.refresh_items()

    def action_export(self) -> None:
        self.app.push_screen(PriceExportScreen())
