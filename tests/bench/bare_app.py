"""The yardstick: a bare Textual app with one Input, as small as a Textual app gets.

With `--scan` it also answers Enter as the smallest scan loop would: "OK <what was typed>" in a
Static above the Input, which is emptied for the next label.
"""

import sys

from textual.app import App, ComposeResult
from textual.widgets import Input, Static


class Bare(App):
    def compose(self) -> ComposeResult:
        if "--scan" in sys.argv:
            yield Static("ready", id="answer")
        yield Input(placeholder="bare-ready")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if "--scan" in sys.argv:
            self.query_one("#answer", Static).update(f"OK {event.value}")
            event.input.value = ""


if __name__ == "__main__":
    Bare().run()
