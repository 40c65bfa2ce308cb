"""F9 on the goods name: the prohibited-goods list (违禁品, R-1.4).

Every clerk reads it (is 天那水 refused? yes, flammable). A supervisor also adds a keyword
(type it, choose its category, F10) or switches the highlighted one off (Ctrl+R, with a
reason); the services refuse both to anyone else.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import t
from ...keys import bindings, dialog_key
from ...services import goods
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field
from ...widgets.safe import plain
from ..base import DepotDialog
from ..dialogs import ReasonScreen


class KeywordScreen(DepotDialog[None]):
    BINDINGS = bindings(
        [
            dialog_key("back", "escape", "close"),
            dialog_key("list.down", "down", "move(1)"),
            dialog_key("list.up", "up", "move(-1)"),
            dialog_key("save", "f10,ctrl+s", "add"),
            dialog_key("keyword.remove", "ctrl+r", "remove"),
        ]
    )

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._text = text
        self._rows: list[goods.Keyword] = []

    @property
    def _may_edit(self) -> bool:
        return self.depot_app.actor.is_supervisor

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="keywords"):
            yield Static(t("kw.title"), classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Static(t("kw.find"), classes="form-label")
                yield Field(self._text, id="kw-find", max_length=40)  # Enter: on to the new keyword
            yield OptionList(id="kw-list")
            if self._may_edit:
                with Horizontal(classes="form-row"):
                    yield Static(t("kw.word"), classes="form-label")
                    yield Field(id="kw-word", max_length=40)
                    yield Static(t("kw.category"), classes="form-label")
                    yield Choice([(c, _category(c)) for c in goods.CATEGORIES], id="kw-category")
            yield Static("", id="kw-message")
            yield Static(t("kw.keys_supervisor" if self._may_edit else "kw.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#kw-list", OptionList).can_focus = False  # ↑↓ browse it from the fields
        find = self.query_one("#kw-find", Field)
        find.focus()
        find.cursor_position = len(find.value)
        self._search(self._text)

    @on(Input.Changed, "#kw-find")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(exclusive=True, group="keywords")
    async def _search(self, text: str) -> None:
        app = self.depot_app
        self._rows = await app.call(goods.keywords, app.actor, text)
        options = self.query_one("#kw-list", OptionList)
        options.clear_options()
        if self._rows:
            options.add_options(
                [Option(plain(f"{k.word:<12}{_category(k.category):<8}{k.added_by}")) for k in self._rows]
            )
            options.highlighted = 0
        else:
            options.add_option(Option(t("kw.none"), disabled=True))

    def action_move(self, delta: int) -> None:
        options = self.query_one("#kw-list", OptionList)
        if self._rows:
            options.highlighted = max(0, min(len(self._rows) - 1, (options.highlighted or 0) + delta))

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#kw-message", Static)
        message.set_class(error, "error")
        message.update(plain(text))

    @work(exclusive=True, group="keywords-edit")
    async def action_add(self) -> None:
        if not self._may_edit:
            return
        app, word = self.depot_app, self.query_one("#kw-word", Field)
        category = self.query_one("#kw-category", Choice).value
        try:
            added = await app.call(goods.add_keyword, app.actor, word.value, category)
        except ServiceError as exc:
            self._say(t(exc.key, **exc.params), error=True)
            word.focus()
            return
        word.value = ""
        self._say(t("kw.added", word=added.word, category_key=f"category.{added.category}"))
        find = self.query_one("#kw-find", Field)
        find.value = added.word  # show it in the list
        find.focus()

    @work(exclusive=True, group="keywords-edit")
    async def action_remove(self) -> None:
        highlighted = self.query_one("#kw-list", OptionList).highlighted
        if not self._may_edit or not self._rows or highlighted is None:
            return
        keyword = self._rows[highlighted]
        reason = await self.app.push_screen_wait(
            ReasonScreen(t("kw.remove_title", word=keyword.word), t("kw.remove_body"))
        )
        if not reason:
            return
        try:
            await self.depot_app.call(goods.remove_keyword, self.depot_app.actor, keyword.word, reason)
        except ServiceError as exc:
            self._say(t(exc.key, **exc.params), error=True)
            return
        self._say(t("kw.removed", word=keyword.word))
        self._search(self.query_one("#kw-find", Field).value)

    def action_close(self) -> None:
        self.dismiss(None)


def _category(code: str) -> str:
    """A category as the list shows it: taken with a declaration, or refused (R-1.4)."""
    declared = goods.OUTCOMES.get(code) == "declare"
    return t(f"category.{code}") + (t("kw.declared") if declared else "")
