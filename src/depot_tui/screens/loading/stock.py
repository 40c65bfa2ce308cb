"""What is in stock here by destination, and picking waybills into a run's plan (R-2.14)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...i18n import t
from ...keys import BACK
from ...services import loading
from ...services.errors import ServiceError
from ...widgets.safe import plain
from ..base import WorkScreen
from .common import PICK, PLAN, _cut


class StockScreen(WorkScreen):
    """The stock (库存): goods here and not on a truck, by destination, oldest first, with each
    destination's waybills, pieces, kg and m³ on its own line. Given an open run, Space marks
    a waybill (on a destination's line, all of it) and F10 puts the marked ones on its plan;
    destinations on the run's route come first, in route order."""

    screen_id = "loading-stock"
    title_key = "screen.loading"
    help_key = "help.loading_stock"
    #: Column widths in cells (number with its ✓ mark, consignee, goods, pieces left, kg, m³,
    #: issued, note): with the table's cell padding, 80 columns hold them all.
    WIDTHS = (15, 8, 8, 5, 6, 5, 5, 10)

    screen_keys = [BACK, PICK, PLAN]

    def __init__(self, run: loading.Run | None) -> None:
        super().__init__()
        self.run = run
        self.groups: list[loading.StockGroup] = []
        self.picked: set[str] = set()
        self._rows: dict[str, tuple[loading.StockGroup, loading.StockLine | None]] = {}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space and F10 pick into a run's plan: without a run (stock read from F3) they do
        nothing and are not shown."""
        return self.run is not None or action not in ("pick", "plan")

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Vertical(id="stock-box"):
            if self.run is None:
                title = t("load.stock_title")
            else:
                title = t("load.stock_for", number=self.run.number, route=" → ".join(self.run.stops))
            yield Static(plain(title), id="stock-title", classes="section-title")
            yield DataTable(id="stock", cursor_type="row")
            yield Static("", id="stock-message")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.query_one("#stock", DataTable)
        labels = t("load.stock_columns").split("|")
        for label, width in zip(labels, self.WIDTHS, strict=True):
            table.add_column(label, width=width)
        self.refresh_stock()

    def has_unsaved_input(self) -> bool:
        return bool(self.picked)

    async def discard_input(self) -> None:
        self.picked.clear()

    def _ordered(self, groups: list[loading.StockGroup]) -> list[loading.StockGroup]:
        if self.run is None:
            return groups
        route = self.run.stops
        return sorted(
            groups, key=lambda g: route.index(g.depot_code) if g.depot_code in route else len(route)
        )

    @work(exclusive=True, group="stock")
    async def refresh_stock(self) -> None:
        app = self.depot_app
        self.groups = self._ordered(await app.call(loading.stock, app.actor))
        self._fill()
        table = self.query_one("#stock", DataTable)
        if not self.groups:
            self.query_one("#stock-message", Static).update(t("load.stock_empty"))
        table.focus()

    def _fill(self) -> None:
        table = self.query_one("#stock", DataTable)
        row = table.cursor_row
        table.clear()
        self._rows.clear()
        cut = _cut
        for group in self.groups:
            key = f"group:{group.depot_code}"
            self._rows[key] = (group, None)
            bold = "bold"
            table.add_row(
                Text(cut(f"{group.depot_code} {group.depot_name}", 15), style=bold),
                Text(t("load.stock_waybills", count=group.waybills), style=bold),
                "",
                Text(str(group.pieces), style=bold, justify="right"),
                Text(f"{group.kg:.1f}", style=bold, justify="right"),
                Text(f"{group.m3:.2f}", style=bold, justify="right"),
                "",
                "",
                key=key,
            )
            for line in group.lines:
                self._rows[line.number] = (group, line)
                left = (
                    str(line.in_stock) if line.in_stock == line.pieces else f"{line.in_stock}/{line.pieces}"
                )
                style = "strike dim" if line.void else ""
                table.add_row(
                    Text(self._mark(line.number), style=style),
                    Text(cut(line.consignee, 8), style=style),
                    Text(cut(line.goods, 8), style=style),
                    Text(left, justify="right"),
                    Text(f"{line.kg:.1f}", justify="right"),
                    Text(f"{line.m3:.2f}", justify="right"),
                    f"{line.issued_at:%m-%d}",
                    Text(cut(self._note(line), 10), style="bold" if line.void or line.hold else ""),
                    key=line.number,
                )
        if row:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _note(self, line: loading.StockLine) -> str:
        notes = []
        if line.void:
            notes.append(t("load.stock_void"))
        if line.hold:
            notes.append(t("load.stock_hold"))
        if line.planned_on:  # the run's number after its date: GZ261123-01 is →01
            notes.append(f"→{line.planned_on.rsplit('-', 1)[-1]}")
        return " ".join(notes)

    def _mark(self, number: str) -> str:
        return f"✓ {number}" if number in self.picked else f"  {number}"

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#stock-message", Static)
        message.set_class(error, "error")
        message.update(plain(text))

    def _pickable(self, group: loading.StockGroup, line: loading.StockLine) -> str | None:
        """Why this line cannot go on the run's plan, or None."""
        assert self.run is not None
        if line.void:
            return t("scan.void", number=line.number)
        if group.depot_code not in self.run.stops:
            return t("scan.off_route", station=group.depot_code, route=" ".join(self.run.stops))
        if line.planned_on == self.run.number:
            return t("load.stock_already", number=self.run.number)
        return None

    def action_pick(self) -> None:
        if self.run is None or not self.groups:
            return
        table = self.query_one("#stock", DataTable)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        group, line = self._rows[str(key)]
        lines = [line] if line is not None else group.lines
        pickable = [x for x in lines if self._pickable(group, x) is None]
        if not pickable:
            self._say(self._pickable(group, lines[0]) or "", error=True)
            self.app.bell()
            return
        mark = any(x.number not in self.picked for x in pickable)
        for x in pickable:
            (self.picked.add if mark else self.picked.discard)(x.number)
        for x in pickable:
            table.update_cell(x.number, table.ordered_columns[0].key, Text(self._mark(x.number)))
        self._say(t("load.stock_picked", count=len(self.picked)))
        if line is not None and table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)  # mark down the list, one Space each

    @work(exclusive=True, group="stock-plan")
    async def action_plan(self) -> None:
        app = self.depot_app
        if self.run is None:
            return
        if not self.picked:
            self._say(t("load.stock_none_picked"), error=True)
            return
        numbers = [line.number for group in self.groups for line in group.lines if line.number in self.picked]
        try:
            added = await app.call(loading.plan, app.actor, self.run.id, numbers)
        except ServiceError as exc:
            self._say(t(exc.key, **exc.params), error=True)
            return
        self.picked.clear()
        app.notify(t("load.stock_planned_now", count=added, number=self.run.number))
        self.dismiss(added)
