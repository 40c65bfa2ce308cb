"""The key bar at the bottom of every screen: the keys that work here, always within one line.

Textual's Footer cuts off whatever does not fit, and at 80 columns (double-width Chinese, or
English labels) that was Ctrl+Q. Here the screen's own keys come first, then F1 and Ctrl+Q;
the jump keys F2-F8 fold into one "F2–F8" item when the line would overflow, and if it still
would, they go and the screen's last keys with them, F1 then reading "more" (F1 lists every
key of the screen).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from ..i18n import t

JUMP_KEYS = {"f2", "f3", "f4", "f5", "f6", "f7", "f8", "f12"}
TAIL_KEYS = ("f1", "ctrl+q")


def layout(items: list[tuple[str, str, str]], width: int) -> list[tuple[str, str]]:
    """Choose what to show: `items` are (key, shown key, label) in binding order.

    Own keys first, F1 and Ctrl+Q last; the F2-F8 jumps in full if everything fits in `width`
    cells, else folded into one item. Pure, so it is tested without a screen.
    """
    by_key = {item[0]: item for item in items}
    own = [item for item in items if item[0] not in JUMP_KEYS and item[0] not in TAIL_KEYS]
    jumps = [item for item in items if item[0] in JUMP_KEYS]
    help_item = [by_key["f1"]] if "f1" in by_key else []
    logout = [by_key["ctrl+q"]] if "ctrl+q" in by_key else []
    shown = own + help_item + jumps + logout
    if jumps and _width(shown) > width:
        shown = own + help_item + [("f2-f8", "F2–F8", t("key.jumps"))] + logout
    if _width(shown) > width:  # the jumps go (F1 lists them), then own keys from the last
        more = [(key, key_shown, t("key.more")) for key, key_shown, _label in help_item]
        while own and _width(own + more + logout) > width:
            own = own[:-1]
        shown = own + more + logout
    return [(key_shown, label) for _key, key_shown, label in shown]


def _width(items: list[tuple[str, str, str]]) -> int:
    return sum(cell_len(shown) + 1 + cell_len(label) + 1 for _k, shown, label in items)


class KeyBar(Static):
    """The screen's keys, worked out when the bar is painted: the screen's bindings change at
    every focus move (login, a dialog, moving between a form's fields), and a waybill typed in
    one burst moves the focus some 40 times before its one frame is painted. Working the bar
    out at each move was a tenth of the burst's time, then (kept when the keys shown stayed
    the same) 3-5 ms of it."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    """

    _shown: list[tuple[str, str]] | None = None  # what the bar last showed
    _bar = Content("")
    _due = True  # the bindings changed since the bar was last worked out

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._changed(None)

    def _changed(self, _screen: object) -> None:
        self._due = True
        self.refresh()

    def render(self) -> Content:
        if self._due:
            self._due = False
            self._work_out()
        return self._bar

    def _work_out(self) -> None:
        app: App = self.app
        items: list[tuple[str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        for key, active in self.screen.active_bindings.items():  # one binding per key
            binding: Binding = active.binding
            # "f10,ctrl+s" is two bindings of one action: the bar shows the first key only.
            if binding.show and binding.description and (binding.action, binding.description) not in seen:
                seen.add((binding.action, binding.description))
                items.append((key, app.get_key_display(binding), t(binding.description)))
        # Before its first layout the bar has no width yet: it is docked across the terminal.
        width = self.size.width or self.app.size.width or 80
        chosen = layout(items, width)
        if chosen == self._shown:  # focus moved between fields of a form: the same keys
            return
        self._shown = chosen
        parts = []
        for shown, label in chosen:
            parts.append(
                Content.from_markup("[b $footer-key-foreground]$key[/] $label ", key=shown, label=label)
            )
        self._bar = Content("").join(parts)
