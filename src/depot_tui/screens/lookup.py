"""F9 lookup (查找): a search box over a list; ↑↓ choose, Enter picks, Esc cancels."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..i18n import t
from ..keys import bindings, dialog_key
from ..services import lookup
from ..widgets.fields import Field
from ..widgets.safe import plain
from .base import DepotDialog

#: Given the typed text, the rows to offer: (what the clerk reads, what picking it returns).
Finder = Callable[[str], Awaitable[list[tuple[str, Any]]]]


class LookupScreen(DepotDialog[Any]):
    """Returns the picked row's value, or None on Esc."""

    BINDINGS = bindings(
        [
            dialog_key("back", "escape", "cancel"),
            dialog_key("list.down", "down", "move(1)"),
            dialog_key("list.up", "up", "move(-1)"),
        ]
    )

    def __init__(
        self, title: str, finder: Finder, text: str = "", initial: list[tuple[str, Any]] | None = None
    ) -> None:
        super().__init__()
        self._title, self._finder, self._text = title, finder, text
        self._initial = initial  # rows already found: Enter right away picks the first
        self._values: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="lookup"):
            yield Static(t("wb.lookup_title", field=self._title), classes="dialog-title")
            yield Field(self._text, id="lookup-text", enter_advances=False, max_length=40)
            yield OptionList(id="lookup-list")
            yield Static(t("wb.lookup_hint"), classes="dialog-keys")

    def on_mount(self) -> None:
        field = self.query_one("#lookup-text", Field)
        field.focus()
        field.cursor_position = len(field.value)
        if self._initial is not None:
            self._show(self._initial)
        else:
            self._search(self._text)

    @on(Input.Changed, "#lookup-text")
    def _changed(self, event: Input.Changed) -> None:
        if event.value != self._text:
            self._text = event.value
            self._search(event.value)

    @work(exclusive=True, group="lookup")
    async def _search(self, text: str) -> None:
        self._show(await self._finder(text))

    def _show(self, rows: list[tuple[str, Any]]) -> None:
        self._values = [value for _, value in rows]
        options = self.query_one("#lookup-list", OptionList)
        options.clear_options()
        if rows:
            options.add_options([Option(plain(label)) for label, _ in rows])
            options.highlighted = 0
        else:
            options.add_option(Option(t("wb.lookup_empty"), disabled=True))

    def action_move(self, delta: int) -> None:
        options = self.query_one("#lookup-list", OptionList)
        if self._values:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self._values) - 1, current + delta))

    @on(Input.Submitted, "#lookup-text")
    def _pick(self) -> None:
        highlighted = self.query_one("#lookup-list", OptionList).highlighted
        if self._values and highlighted is not None and highlighted < len(self._values):
            self.dismiss(self._values[highlighted])

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self._values):
            self.dismiss(self._values[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


def place_rows(hits: list[lookup.PlaceHit]) -> list[tuple[str, Any]]:
    """Destinations as the list shows them: name, full name, the station, unpriced marked."""
    return [
        (
            f"{h.name:<6} {h.full_name}"
            + (f"  [{h.depot_code}]" if h.depot_code else "")
            + ("" if h.priced else f"  ({t('wb.unpriced')})"),
            h,
        )
        for h in hits
    ]
