"""What the loading screens share: their keys, and cutting text to a column."""

from __future__ import annotations

from ...keys import KeyAction
from ...services import printing

NEW_RUN = KeyAction("new_run", "ctrl+n", "new_run", "key.new_run")
OPEN = KeyAction("open_run", "enter", "open_item", "key.open_run")
DEPART = KeyAction("depart", "f10,ctrl+s", "depart", "key.depart")
UNLOAD = KeyAction("unload", "ctrl+r", "unload", "key.unload")
STOCK = KeyAction("stock", "f9", "stock", "key.stock")
PICK = KeyAction("pick", "space", "pick", "key.pick")
PLAN = KeyAction("plan", "f10,ctrl+s", "plan", "key.plan")


def _cut(text: str, width: int) -> str:
    """User text cut to `width` cells (Chinese counts double), never markup."""
    return printing.fit(text, width)[0]
