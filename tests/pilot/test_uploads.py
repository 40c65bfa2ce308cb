"""Real-name uploads by keys (issue 26, item 6): a clerk marks the waybills he entered in the
云递安 app from home, typed and scanned back to back. What the screen said must be what is stored,
in the order typed."""

from __future__ import annotations

from support import burst, log_in_as, on_duty_clerk, screen_text, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import Piece, RealNameUpload, Waybill, database_proxy
from depot_tui.screens.home import HomeScreen
from depot_tui.screens.uploads import UploadsScreen

SIZE = (80, 24)


async def test_a_clerk_marks_uploads_typed_and_scanned_in_one_burst(demo_config):
    """Home, Ctrl+U: a waybill number typed, Enter, a piece's label scanned, Enter, and the same
    number again, Enter, all in one burst: two are marked in that order, the third is refused
    at the field (marked already) with the number still there to see; home then counts 2."""
    with database_proxy.connection_context():
        clerk = on_duty_clerk()
        first, second = [w.number for w in Waybill.select().where(Waybill.origin_depot == 1).limit(2)]
        label = Piece.select().join(Waybill).where(Waybill.number == second).first().label
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, clerk)
        await burst(pilot, "ctrl+u")
        await wait_for(pilot, lambda: isinstance(app.screen, UploadsScreen))
        await burst(pilot, *first, "enter", *label, "enter", *first, "enter")
        await wait_for(pilot, lambda: "已登记" in screen_text(app) or "登记" in screen_text(app))
        await wait_for(pilot, lambda: len(app.screen.items) == 2)
        assert [x.number for x in app.screen.items] == [second, first]  # newest first
        assert "已于" in screen_text(app) and app.screen.query_one("#number").value == first
        await burst(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await wait_for(pilot, lambda: "本人 2 / 5" in screen_text(app))
    with database_proxy.connection_context():
        assert RealNameUpload.select().count() == 2
