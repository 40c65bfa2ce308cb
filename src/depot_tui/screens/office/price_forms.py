"""The price table's dialogs: one line from a day on, an import, an export."""

from __future__ import annotations

import datetime as dt

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ...i18n import language, t
from ...services import clock, prices
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage, value_of
from ...widgets.safe import plain, plain_lines
from ..dialogs import FormDialog

RATES = ["per_kg", "per_m3", "min_charge", "delivery_fee", "upstairs_fee"]


class PriceLineScreen(FormDialog):
    """A line of the table from a day on: an existing destination's (from tomorrow unless
    changed: today's waybills keep today's price) or a new one's (from today). Returns
    (place, day) once saved."""

    labels_prefix = "price"

    def __init__(self, line: prices.PriceLine | None) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        line = self.line
        today = clock.now().date()
        start = today + dt.timedelta(days=1) if line is not None else today
        with Vertical(classes="dialog", id="price-form"):
            if line is None:
                yield Static(t("price.new_title"), classes="dialog-title")
                yield from self.row("destination", Field(id="destination", max_length=40))
            else:
                title = t("price.line_title", place=f"{line.place_code} {line.place_name}")
                yield Static(plain(title), classes="dialog-title")
            for name in RATES:
                value = f"{getattr(line, name)}" if line is not None else ""
                yield from self.row(name, Field(value, id=name, max_length=10))
            breaks = line.breaks_text if line is not None else ""
            yield from self.row("weight_breaks", Field(breaks, id="weight_breaks", max_length=80))
            yield from self.row("from_day", Field(f"{start:%Y-%m-%d}", id="from_day", max_length=10))
            yield FieldMessage(id="dialog-message")
            yield Static(t("price.line_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#destination" if self.line is None else "#per_kg", Field).focus()

    @work(exclusive=True, group="price-line-save")
    async def action_save(self) -> None:
        app = self.depot_app
        destination = self.line.place_code if self.line is not None else value_of(self, "destination")
        form = prices.LineForm(
            destination=destination,
            **{name: value_of(self, name) for name in [*RATES, "weight_breaks", "from_day"]},
        )
        try:
            done = await app.call(prices.set_line, app.actor, form)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss((done.place, done.from_day))


class PriceImportScreen(FormDialog):
    """A file of the layout export writes, applied whole or refused with each wrong row named
    (the first ones listed, the count of the rest)."""

    labels_prefix = "price"
    SHOWN = 50

    def compose(self) -> ComposeResult:
        heads = ("、" if language() == "zh" else ", ").join(
            zh if language() == "zh" else en for _, zh, en, _ in prices.COLUMNS
        )
        with Vertical(classes="dialog", id="price-import"):
            yield Static(t("price.import_title"), classes="dialog-title")
            yield Static(plain(t("price.import_about", heads=heads)))
            # Above the fields, so the day is the last field (Enter there imports) and the
            # refused rows are one Shift+Tab away to scroll through.
            with VerticalScroll(id="import-refused"):
                yield Static("", id="refused-rows")
            yield from self.row("path", Field(id="path", max_length=200))
            yield from self.row("from_day", Field(f"{clock.now():%Y-%m-%d}", id="from_day", max_length=10))
            yield FieldMessage(id="dialog-message")
            yield Static(t("price.import_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#path", Field).focus()

    @work(exclusive=True, group="price-import-save")
    async def action_save(self) -> None:
        app = self.depot_app
        rows = self.query_one("#refused-rows", Static)
        shown = self.query_one("#import-refused", VerticalScroll)
        try:
            done = await app.call(
                prices.import_table,
                app.actor,
                value_of(self, "path"),
                app.config.outbox,
                value_of(self, "from_day"),
            )
        except prices.ImportRefused as exc:
            self.refuse(exc)
            rows.update(plain_lines(self._refused(exc)))
            shown.display = True
            self.query_one("#path", Field).focus()
            return
        except ServiceError as exc:
            shown.display = False
            self.refuse(exc)
            return
        self.dismiss(done)

    def _refused(self, exc: prices.ImportRefused) -> list[str]:
        lines = []
        for number, error in exc.rows[: self.SHOWN]:
            label = t(f"price.{error.field}") if error.field else ""
            lines.append(
                t("price.refused_row", row=number, label=label, message=t(error.key, **error.params))
            )
        if len(exc.rows) > self.SHOWN:
            lines.append(t("price.refused_more", count=len(exc.rows) - self.SHOWN))
        return lines


class PriceExportScreen(FormDialog):
    """Today's table to the outbox, as XLSX or CSV, in the layout the import reads."""

    labels_prefix = "price"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="price-export"):
            yield Static(t("price.export_title"), classes="dialog-title")
            yield from self.row("format", Choice([("xlsx", "XLSX"), ("csv", "CSV")], id="format"))
            yield FieldMessage(id="dialog-message")
            yield Static(t("price.export_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#format", Choice).focus()

    @work(exclusive=True, group="price-export")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            done = await app.call(
                prices.export_table, app.actor, value_of(self, "format"), app.config.outbox, language()
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        app.notify(plain(t("register.written", path=str(done.path))), timeout=8)
        self.dismiss(True)
