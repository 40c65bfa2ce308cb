"""Input fields for the counter: a steady cursor, and the message shown under a field."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.dom import DOMNode
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input, Static

from .choice import Choice
from .safe import plain


class Field(Input):
    """A one-row Input for forms.

    - steady cursor: a blinking one writes to every idle SSH session (~1.7 KB/s each);
    - entering a prefilled field does not select its text, so one keystroke cannot wipe it;
    - Enter submits the field and moves to the next one (`enter_advances`), and on the last
      field does the screen's main action (its F10); keys typed ahead
      behind the Enter land in the next field because the app lets each key in only once the
      one before it has been handled (typeahead.TypeAhead);
    - a keystroke repaints the field only. Input sets its virtual size (text width + cursor)
      on every change, and Widget's virtual_size asks for a layout of the whole screen: on
      the waybill form's ~70 widgets that layout was most of a keystroke's time. A Field is
      one row of fixed width, so its size never depends on its text; the virtual size still
      drives horizontal scrolling (tests/pilot/test_waybill_entry.py, long address).
    """

    virtual_size = Reactive(Size(0, 0), layout=False)
    #: Set per field (see __init__); None here, for the value Input sets while it is made.
    on_change: Callable[[Field], None] | None = None

    class Full(Message):
        """Text was typed or pasted past the field's limit: what fit went in, the rest did
        not. The screen says so where the clerk looks (DepotScreen, FormDialog)."""

        def __init__(self, field: Field) -> None:
            super().__init__()
            self.field = field

    def __init__(
        self, *args, enter_advances: bool = True, on_change: Callable[[Field], None] | None = None, **kwargs
    ) -> None:
        kwargs.setdefault("compact", True)  # one row per field: the form must fit 80x24
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self.cursor_blink = False
        self.enter_advances = enter_advances
        # Called at once as the value changes, inside the key press (as Choice's): what depends
        # on the field (the waybill's total) is drawn in the same frame as the character.
        # Input.Changed reaches the screen a message later, and on a loaded core the total
        # reached the terminal 20 ms after the digit.
        self.on_change = on_change
        self._full = False  # said already: a burst past the limit rings once, not once a key

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        if self.on_change is not None:
            self.on_change(self)

    def replace(self, text: str, start: int, end: int) -> None:
        """As Input's, except at the limit: what fits of a paste goes in (Input refused all of
        it), and the field says it is full once, not with a bell per key (240 bells for a
        300-character name typed into a 60-character field)."""
        if self.max_length:
            kept = len(self.value) - (max(0, min(end, len(self.value))) - max(0, start))
            room = max(0, self.max_length - kept)
            if len(text) > room:
                if room:
                    super().replace(text[:room], start, end)
                self.restricted()
                return
        self._full = False
        super().replace(text, start, end)

    def restricted(self) -> None:
        if self._full:
            return
        self._full = True
        self.app.bell()
        self.post_message(self.Full(self))

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self.enter_advances:
            event.stop()
            event.prevent_default()
            await self.action_submit()  # Submitted is answered after the cursor has moved on
            screen = self.screen
            chain = screen.focus_chain
            if chain and chain[-1] is self and await self._main_action():
                return
            if self in chain and screen.maximized is None:  # focus_next, without a 2nd chain
                screen.set_focus(chain[(chain.index(self) + 1) % len(chain)])
            else:
                screen.focus_next()
            return
        await super()._on_key(event)

    async def _main_action(self) -> bool:
        """Enter on the last field: the screen's main action (its `save` key, F10), as the
        README's key table says, instead of wrapping round to the first field, where the next
        thing typed would overwrite what is not yet saved. False if the screen has none."""
        for active in self.screen.active_bindings.values():
            if active.binding.id == "save" and active.enabled:
                await self.app.run_action(active.binding.action, active.node)
                return True
        return False


class FieldMessage(Static):
    """The message under a field: empty, or why the value was refused."""

    DEFAULT_CSS = """
    FieldMessage { color: $text-error; height: auto; min-height: 1; }
    """

    def show(self, message: str) -> None:
        self.update(plain(message))

    def clear(self) -> None:
        self.update("")


def form_inputs(node: DOMNode, selector: str = "Field, Choice") -> list[Field | Choice]:
    """The fields and choices under `node` that match `selector`, in screen order: what a form
    reads its answers from (each has an `id` and a text `value`)."""
    return [widget for widget in node.query(selector) if isinstance(widget, Field | Choice)]


def value_of(node: DOMNode, name: str) -> str:
    """The text of the field or choice `#name` under `node`."""
    widget = node.query_one(f"#{name}")
    if not isinstance(widget, Field | Choice):
        raise TypeError(f"#{name} is a {type(widget).__name__}, not a field")
    return widget.value
