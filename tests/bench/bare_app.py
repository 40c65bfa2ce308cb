"""The yardstick: a bare Textual app with one Input, as small as a Textual app gets.

With `--scan` it also answers Enter as the smallest scan loop would: "OK <what was typed>" in a
Static above the Input, which is emptied for the next label.

With `--form N` it is the smallest form: N one-row Inputs, Enter moves to the next, F10 says
"done <the values>" (the counter-rush bench feeds it a waybill's keys).
"""

import sys

from textual.app import App, ComposeResult
from textual.widgets import Input, Static


class Bare(App):
    BINDINGS = [("f10", "done")]

    def compose(self) -> ComposeResult:
        if "--form" in sys.argv:
            fields = int(sys.argv[sys.argv.index("--form") + 1])
            yield Static("form-ready", id="answer")
            for n in range(fields):
                yield Input(id=f"f{n}", compact=True)
            return
        if "--scan" in sys.argv:
            yield Static("ready", id="answer")
        yield Input(placeholder="bare-ready")

    def action_done(self) -> None:
        values = "|".join(field.value for field in self.query(Input))
        self.query_one("#answer", Static).update(f"done {values}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if "--form" in sys.argv:
            self.screen.focus_next()
            return
        if "--scan" in sys.argv:
            self.query_one("#answer", Static).update(f"OK {event.value}")
            event.input.value = ""


if __name__ == "__main__":
    Bare().run()
