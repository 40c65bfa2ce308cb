"""The key map (docs/architecture.md, "Keys"), defined once: it feeds the bindings, the footer and F1 help.

Descriptions follow the interface language, which is chosen at run time, so bindings are added
to each app or screen instance (bind_keys) rather than written into class-level BINDINGS.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.dom import DOMNode

from .i18n import t


@dataclass(frozen=True)
class KeyAction:
    id: str
    key: str
    action: str
    label: str  # catalogue key of the short footer label
    show: bool = True
    priority: bool = False  # before the focused widget's own binding of the key (a list's PgUp)


#: Work screens on F2-F8: (screen id, key, catalogue key of its title).
WORK_SCREENS: list[tuple[str, str, str]] = [
    ("waybill", "f2", "screen.waybill"),
    ("loading", "f3", "screen.loading"),
    ("arrival", "f4", "screen.arrival"),
    ("pickup", "f5", "screen.pickup"),
    ("handover", "f6", "screen.handover"),
    ("score", "f7", "screen.score"),
    ("search", "f8", "screen.search"),
]

#: Keys that work on every screen once logged in.
GLOBAL_KEYS: list[KeyAction] = [
    KeyAction("help", "f1", "app.help", "key.help"),
    # Each screen's short key-bar label is key.<screen id> in the catalogue.
    *[KeyAction(f"open.{sid}", key, f"app.open('{sid}')", f"key.{sid}") for sid, key, _ in WORK_SCREENS],
    KeyAction("logout", "ctrl+q", "app.logout", "key.logout"),
]

BACK = KeyAction("back", "escape", "back", "key.back")
SAVE = KeyAction("save", "f10,ctrl+s", "save", "key.save")


def bind_keys(node: DOMNode, actions: list[KeyAction]) -> None:
    """Add `actions` to this app or screen instance with descriptions in the current language.

    Textual keeps a node's bindings in `_bindings` (what App.bind uses); tests/pilot check the
    footer shows these labels, so a Textual upgrade that changes this fails a test, not a clerk.
    """
    for item in actions:
        node._bindings.bind(item.key, item.action, t(item.label), show=item.show, priority=item.priority)


def key_label(key: str) -> str:
    """How a key is written for a clerk: F1, Esc, Enter, Ctrl+Q (first of a comma list)."""
    first = key.split(",")[0]
    named = {"escape": "Esc", "enter": "Enter", "tab": "Tab", "pageup": "PgUp", "pagedown": "PgDn"}
    if first in named:
        return named[first]
    return "+".join(part.capitalize() if len(part) > 1 else part.upper() for part in first.split("+"))


def help_rows(actions: list[KeyAction]) -> list[tuple[str, str]]:
    """(keys as shown, label) rows for the F1 help panel: every key of an action (F10 / Ctrl+S),
    where the key bar shows only the first."""
    return [(" / ".join(key_label(k) for k in item.key.split(",")), t(item.label)) for item in actions]
