"""widgets/tables.Table: a list's columns fit what they hold from the first frame."""

from __future__ import annotations

from textual.app import App, ComposeResult

from depot_tui.widgets.safe import plain
from depot_tui.widgets.tables import Table, cell_width


class _TableApp(App):
    def compose(self) -> ComposeResult:
        yield Table(["车次", "车牌", "状态"], id="t")


async def test_columns_fit_their_cells_before_the_table_is_ever_idle():
    """Textual sizes an auto-width column only when the table is next idle, and a frame drawn
    before that stays cut to the heading ("CS26" for CS261122-01) on a busy machine. A truck
    list must be whole in its first frame: each column is as wide as its widest cell the
    moment the rows are shown, with no idle in between."""
    app = _TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(Table)
        rows = [("CS261122-01", plain("湘A·7Q215"), "待清点"), ("GZ261123-01", "粤A·8M360", "[b]x[/b]")]
        table.show(rows, keys=["a", "b"])  # no await: nothing has run since
        widths = [column.get_render_width(table) - 2 * table.cell_padding for column in table.ordered_columns]
        assert widths == [11, 9, 6]
        assert table.get_row("b")[0] == "GZ261123-01"
        await pilot.pause()
        table.show([])
        assert [c.width for c in table.ordered_columns] == [4, 4, 4]  # the headings


def test_cell_width_counts_what_the_table_shows():
    """Markup in a str is not shown, so it takes no width; user text (Content) counts whole;
    Chinese characters take two columns each."""
    assert cell_width("[b]ab[/b]") == 2
    assert cell_width(plain("[b]ab[/b]")) == 9
    assert cell_width("待清点") == 6
    assert cell_width(12) == 2


async def test_a_long_list_scrolls_to_its_last_line_without_being_measured_again():
    """Table.show fixes every column's width and tells DataTable there is nothing left to
    measure (3,000 price lines took 1.4 s of measuring, during which the keys typed waited).
    The table must still know its full height: Ctrl+End reaches the last line, on screen,
    and PgDn from the top moves a page."""
    app = _TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(Table)
        table.show([(f"XT{n:06d}", "粤A·8M360", "待清点") for n in range(3000)])
        table.focus()
        await pilot.pause()
        assert table.virtual_size.height == 3001  # the heading and 3,000 one-line rows
        assert not table._require_update_dimensions
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.cursor_row == 2999 and table.scroll_offset.y == table.max_scroll_y > 0
        assert table.get_row_at(2999)[0] == "XT002999"
        await pilot.press("ctrl+home", "pagedown")
        await pilot.pause()
        assert 0 < table.cursor_row < 30
