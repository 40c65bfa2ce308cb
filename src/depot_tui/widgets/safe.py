"""User-entered text is shown as text: no Rich markup, no terminal control bytes."""

from __future__ import annotations

import unicodedata

from textual.content import Content


def printable(text: str) -> str:
    """`text` with control and format characters made visible (ESC -> ␛), so a name typed with
    escape bytes cannot move the cursor or recolour the terminal of whoever reads it."""
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf"):
            code = ord(ch)
            out.append(chr(0x2400 + code) if code < 0x20 else "␛" if ch == "\x1b" else "�")
        else:
            out.append(ch)
    return "".join(out)


def plain(text: str) -> Content:
    """Content that is never parsed as markup: `[bold]x[/]` shows as typed."""
    return Content(printable(text))


def plain_lines(lines: list[str]) -> Content:
    """Several lines of user text, each made safe as by `plain`, joined by real newlines."""
    return Content("\n".join(printable(line) for line in lines))
