"""The real-name uploads screen at 80x24, in Chinese and English (issue 26, item 6); as
test_snapshots.py, whose login and wait helpers it uses."""

from __future__ import annotations

import pytest
from test_snapshots import LANGS, SIZE, _log_in, _until

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language


@pytest.mark.parametrize("lang", LANGS)
def test_uploads_with_one_refused(snap_compare, sqlite_config, lang):
    """张三 (home, Ctrl+U) has marked two waybills; the third he types was marked already: the
    count on top, the two listed newest first, the refusal under the field with his number
    still in it."""
    from depot_tui.models import Waybill, database_proxy

    set_language(lang)
    with database_proxy.connection_context():
        first, second = [
            w.number for w in Waybill.select().where(Waybill.origin_depot == 1).order_by(Waybill.id).limit(2)
        ]

    async def run(pilot) -> None:  # noqa: ANN001
        from depot_tui.screens.uploads import UploadsScreen

        await _log_in(pilot)
        await pilot.press("ctrl+u")
        await _until(pilot, lambda: isinstance(pilot.app.screen, UploadsScreen))
        for number in (first, second, first):
            await pilot.press(*number, "enter")
            await pilot.pause(0.3)
        await _until(pilot, lambda: len(pilot.app.screen.items) == 2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)
