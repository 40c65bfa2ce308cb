"""What a clerk's terminal sends, read whatever it is.

Textual's input thread decodes stdin as strict UTF-8: one byte that is not UTF-8 (line noise on a
serial link, a terminal set to GBK, 0xff from a stray key) raised UnicodeDecodeError in that
thread and ended the app with a traceback at the login screen (issue 25, item 8). The decoder
Textual asks `codecs` for is made lenient instead: such a byte reads as U+FFFD, which the field
shows and the clerk deletes like any wrong key. Textual 8.2's LinuxDriver takes its decoder from
the module-level name `getincrementaldecoder`; tests/unit/test_terminal.py fails if it stops.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable


def _lenient(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def tolerate_bad_bytes() -> None:
    """Before the app runs: the terminal's input decoded with errors replaced, not raised."""
    from textual.drivers import linux_driver

    linux_driver.getincrementaldecoder = _lenient  # type: ignore[assignment]
