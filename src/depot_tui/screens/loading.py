"""Loading check (装车, F3): truck runs, the stock, the scan loop, departure with its manifest.

The scan loop itself (a scanner's labels back to back, none lost, doubled or reordered) is
screens/scanning.py's, shared with the arrival check.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Digits, Static

from ..faults import Keep
from ..i18n import t
from ..keys import BACK, KeyAction
from ..services import loading, printing
from ..services.actor import Actor
from ..services.errors import FormError, ServiceError
from ..services.scans import ScanResult
from ..widgets.fields import Field, FieldMessage
from ..widgets.safe import plain, plain_lines
from ..widgets.tables import Table
from .base import DepotDialog, WorkScreen
from .dialogs import ReasonScreen
from .lists import ListScreen
from .scanning import ScanField, ScanLoopScreen
from .search import REPRINT

NEW_RUN = KeyAction("new_run", "ctrl+n", "new_run", "key.new_run")
OPEN = KeyAction("open_run", "enter", "open_item", "key.open_run")
DEPART = KeyAction("depart", "f10,ctrl+s", "depart", "key.depart")
UNLOAD = KeyAction("unload", "ctrl+r", "unload", "key.unload")
STOCK = KeyAction("stock", "f9", "stock", "key.stock")
PICK = KeyAction("pick", "space", "pick", "key.pick")
PLAN = KeyAction("plan", "f10,ctrl+s", "plan", "key.plan")


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

    def __init__(self, run: loading.Run | None) -> None:
        self.screen_keys = [BACK, PICK, PLAN] if run is not None else [BACK]
        super().__init__()
        self.run = run
        self.groups: list[loading.StockGroup] = []
        self.picked: set[str] = set()
        self._rows: dict[str, tuple[loading.StockGroup, loading.StockLine | None]] = {}

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


def _cut(text: str, width: int) -> str:
    """User text cut to `width` cells (Chinese counts double), never markup."""
    return printing.fit(text, width)[0]


class RunFormScreen(DepotDialog[Any]):
    """A new truck run: plate, driver, phone, stops, departure; F10 creates it."""

    BINDINGS = [Binding("escape", "cancel", show=False), Binding("f10,ctrl+s", "create", show=False)]
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


class ScanScreen(ScanLoopScreen):
    """The scan loop for one open truck run."""

    screen_id = "loading-scan"
    title_key = "screen.loading"
    help_key = "help.loading_scan"
    screen_keys: list[KeyAction] = [BACK, DEPART, UNLOAD, STOCK]

    def __init__(self, run: loading.Run) -> None:
        super().__init__()
        self.run = run
        self.unload_reason = ""

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Vertical(id="scan-box"):
            yield Static(self._run_line(), id="run-line")
            yield Static(t("load.ready"), id="scan-result", classes="ready")
            with Horizontal(id="scan-counts"):
                yield Digits(f"{self.run.loaded_pieces}/{self.run.planned_pieces}", id="truck-count")
                yield Static("", id="count-detail")
            with Horizontal(classes="form-row"):
                yield Static(t("load.scan"), classes="form-label")
                yield ScanField(id="scan", max_length=64, enter_advances=False)
            yield Static("", id="scan-mode")
            yield Static("", id="scan-log")
        yield from self.compose_footer()

    def _run_line(self) -> Content:
        r = self.run
        return plain(
            f"{r.number}  {r.plate}  {r.driver_name}  → {' → '.join(r.stops)}  "
            f"{t('load.departure')} {r.planned_departure:%H:%M}"
        )

    def take_mode(self) -> str:
        reason, self.unload_reason = self.unload_reason, ""
        return reason

    def keep_scans(self, scans: list[list[Any]]) -> Keep:
        return Keep("loading_scans", {"run_id": self.run.id, "scans": scans})

    def scan_one(self, raw: str, mode: str) -> ScanResult:
        return loading.take(self.depot_app.actor, self.run.id, raw, mode)  # mode: Ctrl+R's reason

    def show_counts(self, counts: loading.Counts) -> None:
        self.query_one("#truck-count", Digits).update(f"{counts.truck_loaded}/{counts.truck_planned}")
        detail = [t("load.count_detail", kg=counts.kg, m3=counts.m3)]
        if counts.waybill and counts.waybill_planned:  # not for a piece this truck never had
            detail.append(
                t(
                    "load.count_waybill",
                    number=counts.waybill,
                    loaded=counts.waybill_loaded,
                    planned=counts.waybill_planned,
                )
            )
        self.put_line("count-detail", plain_lines(detail))

    @work(exclusive=True, group="unload")
    async def action_unload(self) -> None:
        reason = await self.app.push_screen_wait(ReasonScreen(t("load.unload_title"), t("load.unload_body")))
        if reason:
            self.unload_reason = reason
            self.put_line("scan-mode", plain(t("load.unload_mode", reason=reason)))
        self.query_one("#scan", ScanField).focus()

    @work(exclusive=True, group="stock")
    async def action_stock(self) -> None:
        """Pick waybills from the stock into this truck's plan; the counters follow."""
        app = self.depot_app
        added = await app.push_screen_wait(StockScreen(self.run))
        if added:
            counts = await app.call(loading.counts, app.actor, self.run.id)
            self.query_one("#truck-count", Digits).update(f"{counts.truck_loaded}/{counts.truck_planned}")
        self.query_one("#scan", ScanField).focus()

    @work(exclusive=True, group="depart")
    async def action_depart(self) -> None:
        departed = await self.app.push_screen_wait(DepartScreen(self.run))
        if departed:
            self.dismiss()


class DepartScreen(DepotDialog[bool]):
    """Planned against loaded; a line not fully loaded needs its note (Enter) before F10 sends
    the truck and prints the manifest."""

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("f10,ctrl+s", "depart", show=False),
        Binding("ctrl+e", "note_all", show=False),
    ]

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
