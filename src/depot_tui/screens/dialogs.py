"""Modal dialogs: confirm (Enter yes, Esc no) and F1 help."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..i18n import t
from ..keys import help_rows


class ConfirmScreen(ModalScreen[bool]):
    """Asks before anything is thrown away. Enter confirms, Esc (or n) keeps things as they are."""

    BINDINGS = [Binding("enter,y", "answer(True)", show=False),
                Binding("escape,n", "answer(False)", show=False)]

    def __init__(self, title_key: str, body_key: str, **params: object) -> None:
        super().__init__()
        self._title, self._body = t(title_key, **params), t(body_key, **params)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title")
            yield Static(self._body)
            yield Static(f"{t('confirm.yes')}    {t('confirm.no')}", classes="dialog-keys")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class HelpScreen(ModalScreen[None]):
    """F1: what this screen is for and the keys that work on it."""

    BINDINGS = [Binding("escape,f1,enter", "close", show=False)]

    def __init__(self, title: str, text: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self._title, self._text, self._keys = title, text, keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Static(t("help.title", screen=self._title), classes="dialog-title")
            yield Static(self._text)
            yield Static(t("help.keys"), classes="dialog-subtitle")
            yield Static(Content("\n".join(f"{key:<8}{label}" for key, label in self._keys)))
            yield Static(t("help.close"), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)


def help_for(screen_title: str, text: str, bindings) -> HelpScreen:  # noqa: ANN001
    return HelpScreen(screen_title, text, help_rows(bindings))
