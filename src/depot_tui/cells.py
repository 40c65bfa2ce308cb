"""Only the cells that change go to the terminal (issue 25, item 6: a waybill in ≤ 40 KB).

Textual writes a frame as whole lines of the regions it updates: opening a screen paints it
twice (as composed, then as every widget takes its size), a dialog closing repaints the form
under it, and the form emptied after F10 is written again, labels and all. `SameCells` keeps
what the terminal shows, cell by cell, and turns each frame into the runs of cells that
differ: a cursor move, the colours and the text of each run; what is already there is not sent
again. The terminal ends up showing, cell for cell, what the frame as written would have shown.

It understands what Textual's frames are made of: cursor positions (CSI row;col H), colours
(SGR), text and line feeds between lines. Private modes (CSI ? ... h/l: the cursor shown or
hidden, synchronized output, mouse reports) and terminal queries pass in their place without
changing the cells. Anything else (an erase, a scroll, a hyperlink, the alternate screen) passes
as written, with the rest of that write, and from then on nothing is known about the screen: the
next frame is written whole. So is the first, and the first after a resize or a suspend.

No Textual here: the driver (driver.py) runs each write through this, then terminal.LessColour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import get_character_cell_size

from . import faults
from .terminal import LessColour, State

_CSI_OR_ESCAPE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)
_CUP = re.compile(r"\x1b\[(\d*)(?:;(\d*))?[Hf]")
_SGR = re.compile(r"\x1b\[([0-9;]*)m")
#: What neither draws nor moves the cursor: the private modes Textual sets (the cursor shown or
#: blinking, mouse reports, bracketed paste, focus reports, synchronized output, in-band resize)
#: and queries (device status and attributes), which the terminal answers on its input.
_HARMLESS = re.compile(
    r"\x1b\[\?(?:(?:12|25|100[0-6]|101[56]|2004|2026|2048)(?:;|(?=[hl])))+[hl]|\x1b\[[0-9;?>=]*[nc]"
)
#: Unchanged cells between two changed runs are written again when fewer than this: about
#: the bytes of the cursor move that would skip them.
GAP = 7


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # one character; "" for the right half of a wide one
    style: State


Row = list[Cell | None]  # None: not known what the terminal shows there


class SameCells:
    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0
        self.shown: list[Row] = []
        # Where the stream has left the cursor and its colours, from one write to the next
        # (None: not known, after something this does not follow).
        self.cursor: tuple[int, int] | None = None
        self.style: State | None = LessColour.RESET

    def resize(self, columns: int, rows: int) -> None:
        """The terminal's size: nothing on it is known any more (a terminal may reflow, clear
        or keep what it had)."""
        self.columns, self.rows = columns, rows
        self.forget()

    def forget(self) -> None:
        """Nothing on the screen is known (a suspend, another program, an erase)."""
        self.shown = [[None] * self.columns for _ in range(self.rows)]

    def passed(self) -> None:
        """A write went to the terminal without passing here: nothing on the screen, nor where
        the cursor is, nor the colours, is known."""
        self.forget()
        self.cursor, self.style = None, None

    def __call__(self, data: str) -> str:
        if not self.rows:
            return data
        cursor, style = self.cursor, self.style
        try:
            return self._only_changes(data)
        except Exception:  # a fault here costs bytes, never a wrong screen or the session
            faults.log.exception("cells: a write passed as written")
            self.passed()
            before = "" if style is None else LessColour._change(None, style)
            where = "" if cursor is None else f"\x1b[{cursor[0] + 1};{cursor[1] + 1}H"
            return before + where + data

    def _only_changes(self, data: str) -> str:
        frame = _Frame(self)
        out: list[str] = []
        at = 0
        for match in _CSI_OR_ESCAPE.finditer(data):
            if match.start() > at and (failed := self._text(frame, data, at, match.start(), out)) >= 0:
                return self._lost(frame, data[failed:], out)
            at = match.end()
            sequence = match.group()
            if (cup := _CUP.fullmatch(sequence)) is not None:
                ok = frame.move(int(cup.group(1) or 1) - 1, int(cup.group(2) or 1) - 1)
            elif (sgr := _SGR.fullmatch(sequence)) is not None:
                frame.style, ok = _colour(frame.style, sgr.group(1)), True  # unknown ones too
            elif ok := _HARMLESS.fullmatch(sequence) is not None:
                out += [frame.flush(), sequence]
            if not ok:
                return self._lost(frame, data[match.start() :], out)
        if at < len(data) and (failed := self._text(frame, data, at, len(data), out)) >= 0:
            return self._lost(frame, data[failed:], out)
        out.append(frame.flush())
        # Past the edge is not a place the next write's text can start from, as known here.
        self.cursor = (frame.y, frame.x) if frame.placed and frame.x < self.columns else None
        self.style = frame.style
        return "".join(out)

    @staticmethod
    def _text(frame: _Frame, data: str, start: int, end: int, out: list[str]) -> int:
        """data[start:end], text: put in the frame, a bell rung in its place. Where a piece
        the frame cannot follow begins, or -1."""
        while start < end:
            bell = data.find("\x07", start, end)
            stop = end if bell < 0 else bell
            if stop > start and not frame.text(data[start:stop]):
                return start
            if bell < 0:
                break
            out += [frame.flush(), "\x07"]
            start = bell + 1
        return -1

    def _lost(self, frame: _Frame, rest: str, out: list[str]) -> str:
        """Something this does not follow: what is pending, then the rest as written, in the
        colours it was written in; from now on nothing on the screen is known."""
        out.append(frame.flush())
        if frame.style is not None:
            out.append(LessColour._change(None, frame.style))
        out.append(rest)
        self.forget()
        self.cursor = None
        self.style = frame.style
        for sgr in _SGR.finditer(rest):  # the colours the rest leaves, if it says them all
            self.style = _colour(self.style, sgr.group(1))
        return "".join(out)


class _Frame:
    """One write: the cells it puts, kept until a sequence that must keep its place (or the end)
    and then written as the runs that differ from what the terminal shows."""

    def __init__(self, cells: SameCells) -> None:
        self.cells = cells
        self.y, self.x = cells.cursor or (0, 0)
        self.placed = cells.cursor is not None  # else text lands who knows where
        self.style: State | None = cells.style  # None: not known
        self.pending: dict[int, dict[int, Cell]] = {}
        self.cursor_moved = False
        # Past the edge: the row whose last cell text just filled (the terminal waits to wrap
        # there), and the line feeds since, which kept the cursor past the edge.
        self.edge: tuple[int, int] | None = None

    def move(self, y: int, x: int) -> bool:
        if not (0 <= y < self.cells.rows and 0 <= x < self.cells.columns):
            return False
        self.y, self.x, self.placed, self.cursor_moved, self.edge = y, x, True, True, None
        return True

    def text(self, text: str) -> bool:
        """Put `text` at the cursor, all of it, or none if any of it is beyond what this
        follows: before any cursor position, a control character, past the edge, a scroll, half
        of a wide character this write put."""
        y, x, edge = self.y, self.x, self.edge
        puts: list[tuple[int, int, str, int]] = []
        for ch in text:
            if ch == "\n":  # between lines, each of which starts with a cursor position
                y += 1
                if y >= self.cells.rows or not self.placed:
                    return False  # it would scroll, or it moves a cursor not known
                if edge is not None:
                    edge = (edge[0], edge[1] + 1)
                continue
            width = 1 if " " <= ch < "\x7f" else get_character_cell_size(ch)
            if (
                not self.placed
                or self.style is None
                or ch < " "
                or width not in (1, 2)
                or x + width > self.cells.columns
            ):
                return False
            puts.append((y, x, ch, width))
            x += width
            edge = (y, 0) if x == self.cells.columns else None
        for y_, x_, _ch, width in puts:
            row = self.pending.setdefault(y_, {})
            if (before := row.get(x_)) is not None and (
                before.text == "" or get_character_cell_size(before.text) != width
            ):
                return False  # half of a wide character this write put: not followed
        style = self.style
        assert style is not None
        for y_, x_, ch, width in puts:
            row = self.pending[y_]
            row[x_] = Cell(ch, style)
            if width == 2:
                row[x_ + 1] = Cell("", style)
        self.cursor_moved = self.cursor_moved or (y, x) != (self.y, self.x)
        self.y, self.x, self.edge = y, x, edge
        return True

    def flush(self) -> str:
        """The runs of cells that differ, then the cursor where the frame left it."""
        out: list[str] = []
        style: State | None = None
        cursor: tuple[int, int] | None = None
        for y in sorted(self.pending):
            shown = self.cells.shown[y]
            wanted = self.pending[y]
            for start, end in _runs(shown, wanted, self.cells.columns):
                if cursor != (y, start):
                    out.append(f"\x1b[{y + 1};{start + 1}H")
                cut_left = start > 0 and _is_right_half(shown[start])
                cut_right = end < self.cells.columns and _is_right_half(shown[end])
                for x in range(start, end):
                    cell = wanted.get(x, shown[x])
                    assert cell is not None  # _runs spans only cells it knows
                    if cell.text:
                        if cell.style != style:
                            out.append(LessColour._change(None, cell.style))
                            style = cell.style
                        out.append(cell.text)
                    shown[x] = cell
                # A wide character the run began in its right half, or ended in its left
                # half: the terminal blanks its other half.
                if cut_left:
                    shown[start - 1] = None
                if cut_right:
                    shown[end] = None
                cursor = (y, end)
        self.pending.clear()
        if self.cursor_moved and cursor != (self.y, self.x):
            if self.x < self.cells.columns:
                out.append(f"\x1b[{self.y + 1};{self.x + 1}H")
            else:  # past the edge, where the terminal waits to wrap: no cursor position says
                # that, so the last character of the row text filled is written again, and
                # the line feeds after it
                assert self.edge is not None
                y, feeds = self.edge
                row = self.cells.shown[y]
                last = self.x - 2 if _is_right_half(row[-1]) else self.x - 1
                cell = row[last]
                assert cell is not None  # this write put it
                out.append(f"\x1b[{y + 1};{last + 1}H{LessColour._change(None, cell.style)}{cell.text}")
                out.append("\n" * feeds)
        self.cursor_moved = False
        return "".join(out)


def _colour(style: State | None, params: str) -> State | None:
    """The colours after an SGR; None while not known (until one that starts with a reset)."""
    if style is None:
        if params.split(";")[0] not in ("", "0"):
            return None
        style = LessColour.RESET
    return LessColour._apply(style, params)


def _is_right_half(cell: Cell | None) -> bool:
    return cell is not None and cell.text == ""


def _runs(shown: Row, wanted: dict[int, Cell], columns: int) -> list[tuple[int, int]]:
    """[start, end) spans covering every cell of `wanted` that differs from `shown`, with short
    gaps between them of cells it knows; each begins and ends on a whole character."""

    def at(x: int) -> Cell | None:
        return wanted.get(x, shown[x])

    def whole(x: int) -> bool:  # known, and not the right half of a character cut off
        cell, left = at(x), at(x - 1)
        if cell is None or left is None:
            return False
        return cell.text != "" or get_character_cell_size(left.text or " ") == 2

    runs: list[list[int]] = []
    for x in sorted(x for x, cell in wanted.items() if shown[x] != cell):
        if runs and x <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], x + 1)
        elif runs and x - runs[-1][1] <= GAP and all(whole(g) for g in range(runs[-1][1], x)):
            runs[-1][1] = x + 1
        else:
            runs.append([x, x + 1])
    for run in runs:
        if run[0] > 0 and wanted[run[0]].text == "":  # a wide character's right half
            run[0] -= 1  # from its left half, which this frame wrote with it
        if run[1] < columns and run[1] in wanted and wanted[run[1]].text == "":
            run[1] += 1
    return [(start, end) for start, end in runs]
