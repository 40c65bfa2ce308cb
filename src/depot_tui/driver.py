"""The terminal driver of the app: Textual's, taught the terminals a depot owns (terminal.py).

Textual 8.2's LinuxDriver takes its decoder from the module-level name `getincrementaldecoder`
and its keys from `_ansi_sequences.ANSI_SEQUENCES_KEYS`; tests/unit/test_terminal.py fails if
either stops being where it is used.
"""

from __future__ import annotations

import functools
import os
import signal
import threading
from collections.abc import Callable

from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

from .cells import SameCells
from .keys import BROWSER_KEYS, TOP_ROW
from .terminal import SCO, UTF8, VT100_PLUS, LessColour, Link, Narrow, TerminalInput

FOCUS_REPORTS_ON = "\x1b[?1004h"


def _hang_up() -> None:
    os.kill(os.getpid(), signal.SIGHUP)


def prepare(
    charset: str = UTF8,
    function_keys: str = "xterm",
    link_check: int = 0,
    on_end: Callable[[], None] = _hang_up,
) -> type[LinuxDriver]:
    """Before the app runs: the input decoder, the function keys, and the driver class that
    writes in `charset` and checks the link every `link_check` seconds of silence (0: never).
    Returns the driver class for the app."""
    from textual import _ansi_sequences, _xterm_parser, constants
    from textual.drivers import linux_driver

    link = Link(link_check, on_end)

    def decoder(_encoding: str) -> Callable[[], TerminalInput]:
        return functools.partial(TerminalInput, charset, on_end, link)

    linux_driver.getincrementaldecoder = decoder  # type: ignore[assignment]
    known = _ansi_sequences.ANSI_SEQUENCES_KEYS
    taught = {**VT100_PLUS, **(SCO if function_keys == "sco" else {})}
    for sequence, key in taught.items():
        known[sequence] = (_key(key),)  # type: ignore[index]  # a Mapping that is a dict
    if function_keys == "sco":  # ESC [P is F4, not the kitty protocol's F1; ESC [O is F3
        constants.DISABLE_KITTY_KEY = True  # type: ignore[misc]  # read where it is used
        _xterm_parser.SPECIAL_SEQUENCES.discard(_xterm_parser.FOCUSOUT)
        _xterm_parser.SPECIAL_SEQUENCES.discard(_xterm_parser.FOCUSIN)
    # The terminal's stream (Textual writes to stderr) is already in `charset`: cli.main.
    base: type[DepotDriver] = LegacyDriver if charset != UTF8 else DepotDriver
    return type(base.__name__, (base,), {"link": link})


def browser(on_end: Callable[[], None] = _hang_up) -> type[Driver]:
    """The driver of a browser tab (`depot-tui serve`): Textual's web driver, with the keys a
    browser keeps for itself pressed as Alt with another (keys.BROWSER_KEYS: Alt+N arrives as
    Ctrl+N, Alt+5 as F5), and the tab closed taken as a hang-up: the work is kept and the
    session ended, as when an SSH link drops."""
    from textual import _ansi_sequences
    from textual.drivers.web_driver import WebDriver

    known = _ansi_sequences.ANSI_SEQUENCES_KEYS
    stands_for = {alternative: key for key, alternative in BROWSER_KEYS.items()}
    stands_for |= {f"alt+{top}": f"f{number}" for number, top in enumerate(TOP_ROW, start=1)}
    for alternative, key in stands_for.items():
        known["\x1b" + alternative.removeprefix("alt+")] = (_key(key),)  # type: ignore[index]

    class BrowserDriver(WebDriver):
        def on_meta(self, packet_type: str, payload: dict[str, object]) -> None:
            if packet_type == "quit":  # textual-serve: the tab closed, or the server is stopping
                on_end()
                return
            super().on_meta(packet_type, payload)

    return BrowserDriver


def _key(name: str) -> object:
    from textual.keys import Keys

    return Keys(name)


class DepotDriver(LinuxDriver):
    """Textual's driver, less the focus reports (terminal.py says why) and the colour codes that
    say again what the terminal has (terminal.LessColour), checking the link."""

    link: Link | None = None
    _less: LessColour | None = None
    _cells: SameCells | None = None

    def start_application_mode(self) -> None:
        self._less = LessColour()
        self._less.reset()  # whatever the shell left: the first colour is written whole
        self._cells = SameCells()  # nothing on the screen known: the first frame goes whole
        super().start_application_mode()
        if self.link is not None and self.link.every > 0:
            threading.Thread(
                target=self._check_link, args=(self.link,), name="depot-link", daemon=True
            ).start()

    def _check_link(self, link: Link) -> None:
        while not self.exit_event.wait(1.0):
            link.tick(self._ask)

    def _ask(self, question: str) -> None:
        # Not from this thread: over a link gone silent the output queue can be full, and a
        # write blocked there would keep the link from ever being found dropped.
        # Past the colour filter, whose state belongs to the app's thread (the question does
        # not depend on the colours).
        threading.Thread(
            target=LinuxDriver.write, args=(self, question), name="depot-link-ask", daemon=True
        ).start()

    def write(self, data: str) -> None:
        if data == FOCUS_REPORTS_ON:
            return
        if self._cells is not None:
            if self._sized(self._cells):
                data = self._cells(data)
            else:  # it goes as written: what it draws is not known
                self._cells.passed()
        super().write(self._less(data) if self._less is not None else data)

    def _sized(self, cells: SameCells) -> bool:
        """The screen model at the terminal's size, asked of the terminal at each write (a
        resize may come by signal or in band, and a frame drawn for the old size may follow):
        a new size forgets the screen. False when the terminal cannot say."""
        if self._file is None:
            return False
        try:
            columns, rows = os.get_terminal_size(self._file.fileno())
        except (OSError, ValueError):  # not a terminal, or closed
            return False
        if (columns, rows) != (cells.columns, cells.rows):
            cells.resize(columns, rows)
        return True


class LegacyDriver(DepotDriver):
    """For a GB18030 terminal: each cell the app counts one wide is written one wide there."""

    _narrow = Narrow()

    def write(self, data: str) -> None:
        if not data.isascii():
            data = data.translate(self._narrow)
        super().write(data)
