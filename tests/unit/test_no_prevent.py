"""No screen or widget uses Textual's `prevent()` context manager."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "depot_tui"


def test_no_code_uses_message_prevent():
    """In Textual 8.2 all message pumps share one prevent stack: while a message posted inside
    `with self.prevent(Input.Changed)` is handled by a widget that awaits, the Changed of keys
    a clerk types into *other* fields is dropped as well (shown with a two-Input app: every
    Changed of the second field was lost). On the waybill form the clerk would see the price
    stop following the weight and declared value, and miss a field's error message. Screens
    note the values they set instead (WaybillScreen._set_quietly)."""
    offenders = [
        f"{path.relative_to(SRC)}:{number}"
        for path in sorted(SRC.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.prevent\(", line) and not line.lstrip().startswith(("#", "Not `"))
    ]
    assert offenders == []
