"""A one-row choice for forms (付款 现付/提付/月结/回单付, yes/no): no drop-down to open.

The current option shows in place; a digit picks option n, the first letter of a code (y/n)
picks it, ←/→ or space step through. Enter moves to the next field like a Field.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget

from .safe import plain


class Choice(Widget, can_focus=True):
    """`options` are (code, label) pairs; `value` is the chosen code."""

    DEFAULT_CSS = """
    Choice { width: auto; min-width: 6; height: 1; padding: 0 1; background: $boost; }
    Choice:focus { background: $accent; color: $text; text-style: bold; }
    Choice:disabled { color: $text-disabled; background: transparent; }
    """

    value: reactive[str] = reactive("", layout=True)

    def __init__(
        self,
        options: list[tuple[str, str]],
        value: str | None = None,
        *,
        id: str | None = None,
        disabled: bool = False,
        on_change: Callable[[Choice], None] | None = None,
        placeholder: str = "",
    ) -> None:
        super().__init__(id=id, disabled=disabled)
        self.options = options
        self.placeholder = placeholder  # shown while the value is none of the options (unanswered)
        # Called at once, inside the key press: the field this choice opens (delivery ->
        # address) is enabled before the Enter behind it moves the cursor on.
        self.on_change = on_change
        self.set_reactive(Choice.value, value if value is not None else options[0][0])

    @property
    def label(self) -> str:
        return dict(self.options).get(self.value, self.placeholder or self.value)

    def hint(self) -> str:
        """The options with their keys, for the hint line: 1 现付  2 提付 ..."""
        return "  ".join(f"{n} {label}" for n, (_, label) in enumerate(self.options, 1))

    def render(self) -> RenderResult:
        return plain(self.label)

    def watch_value(self, value: str) -> None:
        if self.on_change is not None:
            self.on_change(self)

    def action_step(self, delta: int) -> None:
        codes = [code for code, _ in self.options]
        index = codes.index(self.value) if self.value in codes else 0
        self.value = codes[(index + delta) % len(codes)]

    async def _on_key(self, event: events.Key) -> None:
        if self._take_key(event):
            event.stop()
            event.prevent_default()
        elif event.key == "enter":
            event.stop()
            self.screen.focus_next()

    def _take_key(self, event: events.Key) -> bool:
        """A choice key (digit, first letter, arrows, space) applied; True if it was one."""
        if self.disabled:
            return False
        key, char = event.key, event.character or ""
        if key in ("left", "right", "space"):
            self.action_step(-1 if key == "left" else 1)
            return True
        if len(char) == 1 and char.isdigit() and 1 <= int(char) <= len(self.options):
            self.value = self.options[int(char) - 1][0]
            return True
        if len(char) == 1 and char.isalpha():
            matching = [code for code, _ in self.options if code.lower().startswith(char.lower())]
            if len(matching) == 1:  # y / n, a / b / c; an ambiguous letter does nothing
                self.value = matching[0]
            return True
        return False
