"""The slip (红单) shown to the shipper before the waybill is issued (R-2.10)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..i18n import t
from ..widgets.safe import plain


class SlipScreen(ModalScreen[bool]):
    """F10: the shipper checked and signed (True); Esc: back to the form to change it."""

    BINDINGS = [Binding("f10,ctrl+s", "answer(True)", show=False),
                Binding("escape", "answer(False)", show=False)]

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def compose(self) -> ComposeResult:
        yield Static(t("wb.slip_title"), id="slip-title")
        with VerticalScroll(id="slip-body"):
            yield Static(plain(self._text.rstrip("\n")), id="slip-text")
        yield Static(t("wb.slip_confirm"), id="slip-keys")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
