"""The yardstick: a bare Textual app with one Input, as small as a Textual app gets.

With `--scan` it also answers Enter as the smallest scan loop would: "OK <what was typed>" in a
Static above the Input, which is emptied for the next label.

With `--form N` it is the smallest form: N one-row Inputs, Enter moves to the next, F10 says
"done <count> <the values>" and empties the form (the counter-rush bench feeds it a waybill's
keys, batch after batch in one process).

With `--in-order` as well, keys read together go in one at a time, each once the app has caught
up with the one before (depot-tui's `typeahead.TypeAhead`, nothing else of the app): bare
Textual gives a burst's characters to the first Input before the Enters behind them move the
focus, so without it every key of a burst lands in the first field and no focus moves.

With `--table N` it is the smallest list: Textual's DataTable of N rows of a price table's nine
columns, focused (the price-table bench scrolls it with Down and PgDn).
"""

import sys

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input, Static


class Bare(App):
    BINDINGS = [("f10", "done")]

    def __init__(self) -> None:
        super().__init__()
        self.typeahead = None
        if "--in-order" in sys.argv:
            from depot_tui.typeahead import TypeAhead

            self.typeahead = TypeAhead(self)

    async def on_event(self, event: events.Event) -> None:
        typed = isinstance(event, events.Key | events.Paste) and not event.is_forwarded
        if typed and self.typeahead is not None and self.typeahead.take(event):
            return
        await super().on_event(event)

    def compose(self) -> ComposeResult:
        if "--table" in sys.argv:
            yield Static("table-ready")
            yield DataTable(cursor_type="row", zebra_stripes=True)
            return
        if "--form" in sys.argv:
            fields = int(sys.argv[sys.argv.index("--form") + 1])
            yield Static("form-ready", id="answer")
            for n in range(fields):
                yield Input(id=f"f{n}", compact=True)
            return
        if "--scan" in sys.argv:
            yield Static("ready", id="answer")
        yield Input(placeholder="bare-ready")

    def on_mount(self) -> None:
        if "--table" in sys.argv:
            rows = int(sys.argv[sys.argv.index("--table") + 1])
            table = self.query_one(DataTable)
            table.add_columns("代码", "到站", "元/kg", "元/m³", "最低", "送货", "上楼", "重量段", "生效")
            table.add_rows(
                (f"{430000 + n}", "湘潭县", "0.9", "200", "30", "50", "30", "100:1.5 500:1.2", "25-11-26")
                for n in range(rows)
            )
            table.focus()

    done = 0

    def action_done(self) -> None:
        """Says "done N <the values>" (N counts the forms), then empties the form for the next
        burst, as the depot's form is emptied after issuing: one process serves a whole batch."""
        inputs = list(self.query(Input))
        values = "|".join(field.value for field in inputs)
        self.done += 1
        self.query_one("#answer", Static).update(f"done {self.done} {values}")
        if "--form" in sys.argv:
            for field in inputs:
                field.value = ""
            inputs[0].focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if "--form" in sys.argv:
            self.screen.focus_next()
            return
        if "--scan" in sys.argv:
            self.query_one("#answer", Static).update(f"OK {event.value}")
            event.input.value = ""


if __name__ == "__main__":
    Bare().run()
