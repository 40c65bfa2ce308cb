"""Only the cells that change go to the terminal (cells.SameCells): a clerk's terminal must show,
cell for cell and colour for colour, what it would have shown from Textual's frames as written.

The judge is pyte, a terminal emulator written apart from this code: each test feeds the frames
as written to one screen and what SameCells makes of them to another, and compares them."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import termios

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.drivers import linux_driver

from depot_tui import driver
from depot_tui.cells import SameCells
from depot_tui.terminal import LessColour

COLUMNS, ROWS = 12, 5


class Terminal:
    def __init__(self) -> None:
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.screen.write_process_input = lambda _answer: None  # a query's answer: not shown
        self.stream = pyte.Stream(self.screen)

    def feed(self, data: str) -> None:
        self.stream.feed(data)

    def cells(self) -> list[list[tuple]]:
        return [[tuple(self.screen.buffer[y][x]) for x in range(COLUMNS)] for y in range(ROWS)]


def through(writes: list[str]) -> tuple[Terminal, Terminal, int, int]:
    """Both terminals after `writes`, compared after every write; the bytes of each stream."""
    as_written, same_cells = Terminal(), Terminal()
    cells = SameCells()
    cells.resize(COLUMNS, ROWS)
    less = LessColour()
    raw = sent = 0
    for number, data in enumerate(writes):
        out = less(cells(data))
        as_written.feed(data)
        same_cells.feed(out)
        raw += len(data.encode())
        sent += len(out.encode())
        assert same_cells.cells() == as_written.cells(), (number, data, out)
    return as_written, same_cells, raw, sent


SGRS = ["0", "1", "3", "4", "7", "9", "22", "23", "24", "27", "39", "49", "31", "42", "94",
        "38;5;253", "48;5;233", "38;2;255;0;0", "48;2;0;0;255", "1;38;5;12;48;5;0"]  # fmt: skip
TEXT = st.text(alphabet="ab ─█中文✓", min_size=1, max_size=8)
SEQUENCE = st.one_of(
    st.tuples(st.integers(1, ROWS), st.integers(1, COLUMNS)).map(lambda at: f"\x1b[{at[0]};{at[1]}H"),
    st.sampled_from(SGRS).map(lambda codes: f"\x1b[{codes}m"),
    TEXT,
    st.just("\n"),
    st.sampled_from(["\x1b[?25l", "\x1b[?2026h", "\x1b[?2026l", "\x1b[6n", "\x07"]),
    st.sampled_from(
        ["\x1b[K", "\x1b[2J", "\x1b[1J", "\x1b]8;;http://x\x1b\\", "\x1b[?1049h", "\r", "\x1b[?7l"]
    ),
)
#: A frame as Textual writes one: lines each starting with a cursor position.
LINE = st.tuples(
    st.integers(1, ROWS),
    st.integers(1, COLUMNS),
    st.lists(st.tuples(st.sampled_from(SGRS), TEXT), max_size=4),
).map(lambda line: f"\x1b[{line[0]};{line[1]}H" + "".join(f"\x1b[{s}m{t}" for s, t in line[2]))
FRAME = st.lists(LINE, min_size=1, max_size=6).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAME, min_size=1, max_size=8))
def test_frames_as_textual_writes_them_show_the_same(writes):
    """Frames of whole lines (cursor position, colours, text, wide characters among them): a
    cell the terminal would show differently, or in another colour, fails."""
    through(writes)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(SEQUENCE, max_size=12).map("".join), min_size=1, max_size=8))
def test_anything_else_written_shows_the_same(writes):
    """Whatever is written (erases, a hyperlink, the alternate screen, a carriage return, a bell,
    text past the edge, text before any cursor position): the same screen, the bytes passed as
    written from what it does not follow on."""
    through(writes)


def test_a_frame_written_again_sends_only_the_cursor():
    """Opening a screen paints it twice; the second paint of the same cells costs a cursor
    move (and the last character again, which puts the cursor past the edge as the frame
    does), not the frame's bytes again."""
    frame = "\n".join(f"\x1b[{y};1H\x1b[38;5;253;48;5;233m收货人 ab xx" for y in range(1, ROWS + 1))
    cells = SameCells()
    cells.resize(COLUMNS, ROWS)
    first = cells(frame)
    assert len(first) > 5 * len("收货人 ab xx")
    assert len(cells(frame)) <= len("\x1b[5;12H\x1b[0;38;5;253;48;5;233mx")
    through([frame, frame])  # and the screen is the same


def test_one_changed_cell_sends_one_cell():
    """A field's digit typed in a row of 12: its cell, its colour and a cursor move."""
    row = "\x1b[1;1H\x1b[0mphone 13800"
    cells = SameCells()
    cells.resize(COLUMNS, ROWS)
    cells(row)
    assert cells("\x1b[1;1H\x1b[0mphone 13801") == "\x1b[1;11H\x1b[0m1"


def test_nothing_is_known_after_a_resize():
    """After a resize the terminal may have reflowed or cleared: the next frame goes whole."""
    cells = SameCells()
    cells.resize(COLUMNS, ROWS)
    cells("\x1b[1;1Habc")
    cells.resize(COLUMNS, ROWS)
    assert "abc" in cells("\x1b[1;1Habc")


def test_the_driver_sends_only_changed_cells_at_the_terminals_size(monkeypatch):
    """The app's driver runs each write through SameCells at the size the terminal reports: a
    frame written again costs a cursor move; after the terminal is resized, the next frame
    goes whole (a model of the old size would skip cells the terminal no longer shows); and
    after a write that went as written (the terminal could not say its size), so does the next:
    the 收 that write covered would have been skipped as already shown."""
    written: list[str] = []
    monkeypatch.setattr(linux_driver.LinuxDriver, "write", lambda _self, data: written.append(data))
    main, side = pty.openpty()
    terminal = os.fdopen(side, "w")
    try:
        fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        depot = object.__new__(driver.DepotDriver)  # as start_application_mode leaves it
        depot._file, depot._cells, depot._less = terminal, SameCells(), LessColour()
        frame = "\x1b[3;1H\x1b[38;5;253m收货人 李卫东\x1b[0m"
        depot.write(frame)
        depot.write(frame)
        fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        depot.write(frame)
        with open(os.devnull, "w") as nowhere:  # a write the terminal cannot say the size of
            depot._file = nowhere
            depot.write("\x1b[3;1Hx")
        depot._file = terminal
        depot.write(frame)
    finally:
        terminal.close()
        os.close(main)
    first, again, resized, unsized, after = written
    assert "李卫东" in first and "李卫东" not in again and "李卫东" in resized
    assert again == "\x1b[3;14H"
    assert unsized == "\x1b[3;1Hx" and "收" in after  # the x went unseen: the row is written again


def test_a_fault_in_the_model_passes_the_write_as_written(monkeypatch):
    """Should the screen model fail on some write, that write goes to the terminal as Textual
    wrote it, placed where the stream had the cursor, and the next frame whole: bytes lost,
    never a wrong screen or the clerk's session (an exception here would reach the app's
    drawing)."""
    cells = SameCells()
    cells.resize(COLUMNS, ROWS)
    cells("\x1b[1;1Habc")

    def broken(_self):  # noqa: ANN001
        raise RuntimeError("planted")

    monkeypatch.setattr("depot_tui.cells._Frame.flush", broken)
    assert cells("def") == "\x1b[0m\x1b[1;4Hdef"
    monkeypatch.undo()
    assert "abc" in cells("\x1b[1;1Habc")  # nothing known: written whole
