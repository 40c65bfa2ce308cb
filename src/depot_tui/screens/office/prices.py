"""The price table (价格表): every destination this depot prices, found by code, name or
initials; a supervisor changes a line from a day on, adds a destination, imports or exports
the whole table. A clerk reads it."""

from __future__ import annotations

import datetime as dt

from textual import work

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import clock, prices, printing
from ...services.actor import Actor
from ...widgets.safe import plain
from ..lists import FindListScreen
from .price_forms import PriceExportScreen, PriceImportScreen, PriceLineScreen

EDIT = KeyAction("edit", "enter", "open_item", "key.edit_item")
ADD = KeyAction("add", "ctrl+n", "add_item", "key.add_item")
IMPORT = KeyAction("import", "ctrl+r", "import_table", "key.import")
# Before the find field's own Ctrl+E (end of line), as F7's export is Ctrl+E.
EXPORT = KeyAction("export", "ctrl+e", "export", "key.export", priority=True)

#: What only a supervisor or admin may do here: hidden from a clerk's key bar.
CHANGES = {"open_item", "add_item", "import_table"}


class PriceTableScreen(FindListScreen):
    screen_id = "prices"
    title_key = "screen.prices"
    help_key = "help.prices"
    list_title_key = "price.title"
    columns_key = "price.columns"
    empty_key = "price.none"
    not_found_key = "price.not_found"
    screen_keys: list[KeyAction] = [BACK, EDIT, ADD, IMPORT, EXPORT]

    def on_mount(self) -> None:
        super().on_mount()
        if not self.depot_app.actor.is_supervisor:
            self.empty_key = "price.none_read"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in CHANGES or self.depot_app.actor.is_supervisor

    def load_all(self, actor: Actor) -> list[prices.PriceLine]:
        return prices.table_on(actor)

    def matches(self, line: prices.PriceLine, text: str) -> bool:
        """The start of its code, a part of its name, the start of its initials (湘潭县: 4303,
        湘潭, xtx)."""
        return line.place_code.startswith(text) or text in line.place_name or line.pinyin.startswith(text)

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
