"""A table whose columns are as wide as what they hold before any row is drawn.

Textual's DataTable (8.2.8) sizes an auto-width column when the table is next idle, and caches
each drawn cell under a count that sizing does not change. When the screen paints between
`add_row` and that idle moment (a busy machine, two sessions), the cells stay drawn at the
width of the column's heading: "CS26" for CS261122-01, until something else changes the table.
A clerk then reads a list cut short, and a truck missing from it. So each fill here gives every
column its width up front and nothing is measured later (which also spares the measuring:
1.4 s of it for a 3,000-line price table). This reaches into DataTable's private state
(`_new_rows`, `_require_update_dimensions`), which the pinned Textual version makes safe;
tests/pilot/test_tables.py fails if a new version changes what it means.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

from rich.cells import cell_len
from rich.errors import MarkupError
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.widgets import DataTable


def cell_width(cell: object) -> int:
    """Terminal columns `cell` takes in a DataTable (which reads a str as Rich markup)."""
    if isinstance(cell, Content):
        return cell.cell_length
    if isinstance(cell, Text):
        return cell.cell_len
    if isinstance(cell, str):
        if "[" not in cell:  # no markup to parse (a 3,000-line price table is 27,000 cells)
            return cell_len(cell)
        try:
            return Text.from_markup(cell).cell_len
        except MarkupError:
            return cell_len(cell)
    return cell_len(str(cell))


class Table(DataTable):
    """A DataTable filled whole by `show`: headings and rows, each column sized to fit."""

    def __init__(self, headings: Sequence[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.headings = list(headings)

    def on_mount(self) -> None:
        self.show([])

    def show(self, rows: Iterable[Sequence[object]], keys: Iterable[Hashable] | None = None) -> None:
        """Replace every row (the cursor goes back to the top)."""
        rows = [list(row) for row in rows]
        widths = [
            max([cell_width(h), *(cell_width(row[i]) for row in rows if i < len(row))])
            for i, h in enumerate(self.headings)
        ]
        self.clear(columns=True)
        for heading, width in zip(self.headings, widths, strict=True):
            self.add_column(heading, width=width)
        for row, key in zip(rows, keys if keys is not None else [None] * len(rows), strict=True):
            self.add_row(*row, key=None if key is None else str(key))
        # Every column's width is fixed above and every row is one line high, so the measuring
        # DataTable would do on its next idle (every cell of every new row, again: 1.4 s for
        # the 3,000 lines of a price table, in which the keys typed meanwhile waited) has
        # nothing to find. Its last step, the scrollable size, is done here instead.
        self._new_rows.clear()
        self._require_update_dimensions = False
        header = self.header_height if self.show_header else 0
        width = sum(column.get_render_width(self) for column in self.columns.values())
        self.virtual_size = Size(width, self._total_row_height + header)
