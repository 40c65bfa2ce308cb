"""Modal dialogs: confirm (Enter yes, Esc no), F1 help, and the base of small forms."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from .. import keys
from ..i18n import t
from ..keys import KeyAction, bindings, dialog_key, help_rows
from ..services.errors import FormError, ServiceError
from ..widgets.fields import Field, FieldMessage
from ..widgets.safe import plain, plain_lines
from .base import DepotDialog


class ConfirmScreen(DepotDialog[bool]):
    """Asks before anything is thrown away. Enter confirms, Esc (or n) keeps things as they are."""

    BINDINGS = bindings(
        [
            dialog_key("confirm.yes", "enter,y", "answer(True)"),
            dialog_key("confirm.no", "escape,n", "answer(False)"),
        ]
    )

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


class HelpScreen(DepotDialog[None]):
    """F1: what this screen is for and the keys that work on it."""

    BINDINGS = bindings([dialog_key("help.close", "escape,f1,enter", "close")])

    def __init__(self, title: str, text: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self._title, self._text, self._keys = title, text, keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Static(t("help.title", screen=self._title), classes="dialog-title")
            # Scrolls (↑↓, PgUp/PgDn, Home/End) where the text and keys are longer than 80x24
            # leaves room for: F2, F3, F5 … did not fit and the last keys could not be read.
            with VerticalScroll(id="help-body"):
                yield Static(self._text)
                yield Static(t("help.keys"), classes="dialog-subtitle")
                yield Static(Content(_key_rows(self._keys)), id="help-keys")
                if keys.shown_for_browser():  # the F-keys a browser may take, and how to press them
                    yield Static(t("help.browser_keys"))
            yield Static(t("help.close"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#help-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


def _key_rows(keys: list[tuple[str, str]]) -> str:
    """One key a line, the labels in a column past the longest key ("F10 / Ctrl+S" ran into
    its label when the column was 8 wide)."""
    width = max((cell_len(key) for key, _ in keys), default=0) + 2
    return "\n".join(key + " " * (width - cell_len(key)) + label for key, label in keys)


def help_for(screen_title: str, text: str, actions: list[KeyAction], keymap: dict[str, str]) -> HelpScreen:
    return HelpScreen(screen_title, text, help_rows(actions, keymap))


def show_refusal(screen: Screen, exc: ServiceError, labels_prefix: str, message: str) -> None:
    """A service's refusal under a form: the first error with its field's label (the
    catalogue's `<labels_prefix>.<field>`) in the FieldMessage `message`, and the cursor on
    that field when the screen has it."""
    errors = exc.errors if isinstance(exc, FormError) else [exc]
    first = errors[0]
    label = t(f"{labels_prefix}.{first.field}") if first.field else ""
    screen.query_one(message, FieldMessage).show(
        t("field.error", label=label, message=t(first.key, **first.params))
        if label
        else t(first.key, **first.params)
    )
    if first.field:
        for widget in screen.query(f"#{first.field}"):
            widget.focus()


class FormDialog(DepotDialog[Any]):
    """A small form over a list: F10 saves, Esc closes; a refusal shows under the fields (in
    #dialog-message) and puts the cursor on the field it names. Labels are the catalogue's
    `<labels_prefix>.<field>`, so a service's field name finds both label and widget."""

    BINDINGS = bindings([dialog_key("back", "escape", "cancel"), dialog_key("save", "f10,ctrl+s", "save")])
    labels_prefix = "pick"

    def refuse(self, exc: ServiceError) -> None:
        show_refusal(self, exc, self.labels_prefix, "#dialog-message")

    def on_field_full(self, event: Field.Full) -> None:
        """A field's limit reached: said under the fields."""
        event.stop()
        for message in self.query("#dialog-message").results(FieldMessage):
            message.show(t("field.full", max=event.field.max_length))

    def row(self, name: str, widget: Any) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Static(t(f"{self.labels_prefix}.{name}"), classes="form-label")
            yield widget

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReasonScreen(DepotDialog[str | None]):
    """Ask for the reason of an action (void): Enter gives it, Esc cancels."""

    BINDINGS = bindings([dialog_key("back", "escape", "cancel")])

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self._title, self._body = title, body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self._title), classes="dialog-title")
            yield Static(self._body)
            with Horizontal(classes="form-row"):
                yield Static(t("wb.reason"), classes="form-label")
                yield Field(id="reason", max_length=200, enter_advances=False)
            yield Static(f"{t('confirm.yes')}    {t('confirm.no')}", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#reason", Field).focus()

    @on(Input.Submitted, "#reason")
    def _given(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextScreen(DepotDialog[None]):
    """A document read on screen, whole (a register viewed instead of printed): its 80 columns
    as the paper has them, scrolled with ↑↓ PgUp PgDn; Esc closes it."""

    BINDINGS = bindings([dialog_key("back", "escape", "dismiss")])

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self._title, self._text = title, text

    def compose(self) -> ComposeResult:
        yield Static(plain(self._title), id="text-title")
        with VerticalScroll(id="text-body"):
            yield Static(plain_lines(self._text.rstrip("\n").split("\n")))
        yield Static(t("text.keys"), id="text-keys")

    def on_mount(self) -> None:
        self.query_one("#text-body", VerticalScroll).focus()
