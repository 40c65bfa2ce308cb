"""A work screen that is a list to pick from (the truck runs on F3, the trucks bound here on
F4): a title, a table, a message line; loaded each time it is shown, the highlighted item
opened with Enter. FindListScreen adds a find field over the list (the back office's lists)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from ..i18n import t
from ..services.errors import ServiceError
from ..widgets.fields import Field
from ..widgets.safe import plain
from ..widgets.tables import Table
from .base import WorkScreen


class ListScreen(WorkScreen):
    """Subclasses name their catalogue keys, `load` the items (in a worker thread) and say the
    `row` of one; Enter or a row's selection calls `action_open_item`."""

    list_title_key: str = ""
    columns_key: str = ""  # "col|col|…"
    empty_key: str = ""
    focus_list: ClassVar[bool] = True  # False: a field above the list keeps the focus

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Any] = []
        self._told = False  # a message said since the last key: a reload does not wipe it

    def on_key(self, _event: events.Key) -> None:
        """A key read: what was said before it has been seen."""
        self._told = False

    def load(self, actor: Any) -> list[Any]:
        raise NotImplementedError

    def row(self, item: Any) -> Sequence[object]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Vertical(classes="list-box"):
            yield from self.compose_top()
            yield Static(t(self.list_title_key), classes="section-title")
            yield Table(t(self.columns_key).split("|"), id="list", cursor_type="row", zebra_stripes=True)
            yield Static("", id="list-message")
        yield from self.compose_footer()

    def compose_top(self) -> ComposeResult:
        """Widgets above the list's title (a search field). Default: none."""
        yield from ()

    def on_screen_resume(self) -> None:  # also when first shown: one load, not two racing
        self.refresh_items()

    @work(exclusive=True, group="list")
    async def refresh_items(self) -> None:
        app = self.depot_app
        if app.session is None:  # resumed on the way out of a logout
            return
        try:
            items = await app.call(self.load, app.actor)
        except ServiceError as exc:  # what the list was asked for is refused (a day mistyped)
            self.refused(exc)
            return
        try:
            title, table = self.query_one(".section-title", Static), self.query_one("#list", Table)
        except NoMatches:  # left meanwhile: popped by an F-key as it resumed, or by a logout
            return  # (still attached for a moment, its widgets already gone)
        if not self.is_attached:
            return
        self.items = items
        title.update(plain(self.list_title()))
        table.show(self.row(item) for item in items)
        if not self._told:  # a refusal said as the list reloads (after a dialog) stays
            self.query_one("#list-message", Static).update("" if items else t(self.empty_key))
        if self.focus_list:
            table.focus()

    def list_title(self) -> str:
        """The line over the list, redrawn with each load (a day, a count). Default: fixed."""
        return t(self.list_title_key)

    def refused(self, exc: ServiceError) -> None:
        """The load was refused: say why (the list keeps what it showed)."""
        self.say(t(exc.key, **exc.params))
        self.app.bell()

    def say(self, text: str) -> None:
        """Say `text` on the message line, until the next key."""
        self.query_one("#list-message", Static).update(plain(text))
        self._told = True

    def highlighted(self) -> Any | None:
        row = self.query_one("#list", Table).cursor_row
        return self.items[row] if self.items and row is not None and row < len(self.items) else None

    @on(DataTable.RowSelected, "#list")
    def _selected(self) -> None:
        self.action_open_item()

    def action_open_item(self) -> None:
        """Open the highlighted item. Default: nothing."""


class FindListScreen(ListScreen):
    """A list narrowed by the find field above it (the back office's lists): Enter there shows
    the items `matches` finds for the text, all of them when it is empty, without a query; the
    cursor then goes to the list. Subclasses `load_all` the items and say what `matches`."""

    focus_list = False  # the find field keeps the cursor; Enter there narrows the list
    not_found_key = "list.not_found"  # says {text}
    #: False: the find text goes to the database (`load_all` reads `found`): a list too long to
    #: hold whole (the customers).
    narrow_in_memory: ClassVar[bool] = True
    #: Said when Enter is pressed on an item this account may only read.
    read_only_key: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__()
        self.every: list[Any] = []
        self.found = ""  # the text the list is narrowed to

    def compose_top(self) -> ComposeResult:
        with Horizontal(classes="form-row find-row"):
            yield Static(t("list.find"), classes="form-label")
            yield Field(id="find", max_length=40, enter_advances=False)

    def on_mount(self) -> None:
        self.query_one("#find", Field).focus()

    def load_all(self, actor: Any) -> list[Any]:
        raise NotImplementedError

    async def change_item(self, dialog: Callable[[Any], Screen[Any]], saved: Callable[[Any], str]) -> None:
        """Enter on an item: its dialog, where this account may change it (check_action's
        `open_item`; else `read_only_key` is said); once the dialog returns something, `saved`
        of the item is said and the list reloads."""
        item = self.highlighted()
        if item is None:
            return
        if not self.check_action("open_item", ()):
            self.say(t(self.read_only_key))
            return
        if await self.depot_app.push_screen_wait(dialog(item)):
            self.say(saved(item))
            self.refresh_items()

    def matches(self, item: Any, text: str) -> bool:
        raise NotImplementedError

    def load(self, actor: Any) -> list[Any]:
        self.every = self.load_all(actor)
        return self._narrowed()

    def _narrowed(self) -> list[Any]:
        text = self.found.strip().lower()
        return [item for item in self.every if self.matches(item, text)] if text else self.every

    @on(Input.Submitted, "#find")
    def _find(self, event: Input.Submitted) -> None:
        self.found = event.value.strip()
        if not self.narrow_in_memory:
            self.refresh_items()
            self.query_one("#list", Table).focus()  # refilled where the cursor already is
            return
        self.items = self._narrowed()
        table = self.query_one("#list", Table)
        table.show(self.row(item) for item in self.items)
        self.query_one(".section-title", Static).update(plain(self.list_title()))
        if self.items:
            self.query_one("#list-message", Static).update("")
            table.focus()
        else:
            self.say(t(self.not_found_key, text=self.found))
            self.app.bell()
