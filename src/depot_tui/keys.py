"""The key map (docs/architecture.md, "Keys"), defined once: it feeds the bindings, the key bar
and F1 help.

Every key is a `KeyAction`: an id, its default keys, the action, and the catalogue key of its
label. Screens list theirs in `screen_keys` and dialogs in `BINDINGS = bindings(...)`; both become
Textual `Binding`s carrying the id, so the config file's `[keys]` table (a Textual keymap,
`App.set_keymap`) can move any of them: `save = "f11"`. A binding's description is the catalogue
key of its label, translated where it is shown (the key bar, F1), since the language is chosen at
run time.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

from . import i18n
from .i18n import t


@dataclass(frozen=True)
class KeyAction:
    id: str
    key: str
    action: str
    label: str  # catalogue key of the short footer label
    show: bool = True
    priority: bool = False  # before the focused widget's own binding of the key (a list's PgUp)

    def binding(self) -> Binding:
        """This key as a Textual binding: its id is what a keymap moves; its description the
        catalogue key of its label."""
        return Binding(self.key, self.action, self.label, show=self.show, priority=self.priority, id=self.id)


def bindings(actions: list[KeyAction]) -> list[BindingType]:
    return [item.binding() for item in actions]


def dialog_key(id: str, key: str, action: str) -> KeyAction:
    """A dialog's key: not on the key bar (the dialog says its keys in its own last line). Ids
    are shared by meaning, so one keymap entry moves it everywhere: `back` (Esc), `save`
    (F10 / Ctrl+S)."""
    return KeyAction(id, key, action, "", show=False)


#: Work screens on F2-F8: (screen id, key, catalogue key of its title).
WORK_SCREENS: list[tuple[str, str, str]] = [
    ("waybill", "f2", "screen.waybill"),
    ("loading", "f3", "screen.loading"),
    ("arrival", "f4", "screen.arrival"),
    ("pickup", "f5", "screen.pickup"),
    ("handover", "f6", "screen.handover"),
    ("score", "f7", "screen.score"),
    ("search", "f8", "screen.search"),
    ("office", "f12", "screen.office"),  # the back office: F12 reaches the app from PuTTY and tmux
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
REPRINT = KeyAction("reprint", "ctrl+p", "reprint", "key.reprint")
#: Report an exception (SOP 004 ch.3) from where the goods are: the dock's scan loops (F3, F4) and
#: the counter (F5), the waybill at hand filled in. Ctrl+R is taken there (unload, damaged, release);
#: before the scan field's own Ctrl+X (cut), which a scan field has no use for. Not on the key
#: bar (a priority binding would lead it, and those bars are full): F1 lists it.
REPORT_HERE = KeyAction("report_here", "ctrl+x", "report_here", "key.report_here", show=False, priority=True)


#: Keys a browser keeps for itself (`depot-tui serve`): Ctrl+N, Ctrl+T and Ctrl+W open a window,
#: open a tab and close the tab, and never reach the page; F5 reloads it, which ends the session.
#: There each is pressed as Alt with a key browsers leave alone, and shown so on the key bar and
#: in F1. Alt with the top row (1 ... 0, -, =) is F1 ... F12 there too, for any F-key a browser
#: or its add-ons take. driver.browser() makes the keys arrive as the ones they stand for.
BROWSER_KEYS = {"ctrl+n": "alt+n", "ctrl+t": "alt+t", "ctrl+w": "alt+w", "f5": "alt+5"}
TOP_ROW = "1234567890-="
_shown_for_browser = False


def show_browser_keys() -> None:
    """Key bars, F1 and the catalogue's prose show BROWSER_KEYS' alternatives: this process draws
    in a browser tab."""
    global _shown_for_browser
    i18n.say_keys_as({key_label(key): key_label(alternative) for key, alternative in BROWSER_KEYS.items()})
    _shown_for_browser = True


def shown_for_browser() -> bool:
    return _shown_for_browser


def key_label(key: str) -> str:
    """How a key is written for a clerk: F1, Esc, Enter, Ctrl+Q (first of a comma list); in a
    browser tab, the key to press there (BROWSER_KEYS)."""
    first = key.split(",")[0].strip()
    if _shown_for_browser:
        first = BROWSER_KEYS.get(first, first)
    named = {"escape": "Esc", "enter": "Enter", "tab": "Tab", "pageup": "PgUp", "pagedown": "PgDn"}
    if first in named:
        return named[first]
    return "+".join(part.capitalize() if len(part) > 1 else part.upper() for part in first.split("+"))


def help_rows(actions: list[KeyAction], keymap: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(keys as shown, label) rows for the F1 help panel: every key of an action (F10 / Ctrl+S),
    where the key bar shows only the first; the keymap's keys where it moves one."""
    rows = []
    for item in actions:
        keys = (keymap or {}).get(item.id, item.key)
        rows.append((" / ".join(key_label(k.strip()) for k in keys.split(",")), t(item.label)))
    return rows
