"""The slip (红单) shown to the shipper before the waybill is issued (R-2.10)."""

from __future__ import annotations

import time

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...i18n import t
from ...keys import bindings, dialog_key
from ...services import money
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field
from ...widgets.safe import plain_lines
from ..base import DepotDialog
from ..money import method_choice


class SlipScreen(DepotDialog[bool]):
    """F10: the shipper checked and signed (True); Esc: back to the form to change it.

    A confirming key typed before the slip had been up for `LOOK_S` seconds (a double-tapped
    F10, or one typed ahead at the end of a burst) is not a shipper's check: it is refused with
    a word on the key line and the slip stays up.

    One slip serves a form's waybills one after another (`WaybillScreen.slip`): `show` gives
    it the next waybill's text. Making and laying out a new screen for each was a fifth of
    the time from a burst's F10 to the slip on the clerk's terminal.
    """

    LOOK_S = 0.5

    BINDINGS = bindings(
        [dialog_key("save", "f10,ctrl+s", "answer(True)"), dialog_key("back", "escape", "answer(False)")]
    )

    def __init__(self, text: str, *, paying: bool = False) -> None:
        super().__init__()
        self._text = text
        self._shown_at = float("inf")
        self.paying = paying  # 现付: the shipper pays now, and says how

    def show(self, text: str, *, paying: bool = False) -> SlipScreen:
        """This slip, to be pushed again with another waybill's text, read from its top, its
        payment row as new (cash, no reference) and its key line as at first."""
        self._text, self.paying = text, paying
        if self.is_mounted:
            self.query_one("#slip-text", Static).update(_lines(text))
            self.query_one("#slip-paid").display = paying
            self.query_one("#paid-by", Choice).value = "cash"
            self.query_one("#paid-ref", Field).value = ""
            self.query_one("#slip-keys", Static).update(t("wb.slip_confirm"))
            self.query_one("#slip-body").scroll_home(animate=False, immediate=True)
        return self

    @property
    def method(self) -> str:
        """How the freight paid now is paid (cash unless the clerk chose another)."""
        return self.query_one("#paid-by", Choice).value if self.paying else "cash"

    @property
    def reference(self) -> str:
        return self.query_one("#paid-ref", Field).value if self.paying else ""

    def compose(self) -> ComposeResult:
        yield Static(t("wb.slip_title"), id="slip-title")
        with VerticalScroll(id="slip-body"):
            yield Static(_lines(self._text), id="slip-text")
        # Tab to it: the slip keeps ↑↓ for reading. Shown when the freight is paid now.
        with Horizontal(classes="form-row", id="slip-paid") as paid:
            paid.display = self.paying
            yield Static(t("wb.paid_by"), classes="form-label")
            yield method_choice("paid-by", "cash")
            yield Static(t("money.reference"), classes="form-label")
            yield Field(id="paid-ref", max_length=40, enter_advances=False)
        yield Static(t("wb.slip_confirm"), id="slip-keys")

    def on_screen_resume(self) -> None:
        self._shown_at = time.monotonic()  # the clock of events.Key.time on POSIX
        body = self.query_one("#slip-body")
        if self.focused is not body:  # read from the top, the payment row a Tab away
            body.focus()

    def on_key(self, event: events.Key) -> None:
        if event.key in ("f10", "ctrl+s") and event.time < self._shown_at + self.LOOK_S:
            event.stop()  # never reaches the binding
            self.query_one("#slip-keys", Static).update(t("wb.slip_look_first"))

    def action_answer(self, value: bool) -> None:
        if value and self.paying:  # WeChat, Alipay, bank: the number first, the slip stays up
            try:
                money.how_paid(self.method, self.reference)
            except ServiceError:
                self.query_one("#slip-keys", Static).update(t("error.reference_required"))
                self.query_one("#paid-ref", Field).focus()
                return
        self.dismiss(value)


def _lines(text: str) -> Content:
    return plain_lines(text.rstrip("\n").split("\n"))
