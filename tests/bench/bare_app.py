"""The yardstick: a bare Textual app with one Input, as small as a Textual app gets."""

from textual.app import App, ComposeResult
from textual.widgets import Input


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="bare-ready")


if __name__ == "__main__":
    Bare().run()
