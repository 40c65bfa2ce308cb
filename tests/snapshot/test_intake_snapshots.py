"""Intake and the month's figures at 80x24, in Chinese and English (issue 26): as
test_snapshots.py, whose helpers these use (a failing snapshot opens snapshot_report.html;
rerun with --snapshot-update if the change was intended)."""

from __future__ import annotations

import pytest
from test_snapshots import LANGS, SIZE, _until, _waybill_form

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language


@pytest.mark.parametrize("lang", LANGS)
def test_waybill_with_the_intake_answers(snap_compare, sqlite_config, lang):
    """The intake row answered for declared goods: 手机锂电池 declared, this way up, opened with
    what was seen, damage at intake; the consignee's number confirmed (✓ by its label); the
    remark 货损自负 beside the field. A field pushed off the row or a label untranslated shows
    here."""
    set_language(lang)

    async def declared(pilot):
        await _waybill_form(pilot)
        await pilot.press(*"xtx", "enter")
        await pilot.pause(0.2)
        await pilot.press(*"19973285431", "ctrl+y", "enter")
        await pilot.pause(0.3)
        await pilot.press("enter", *"15018845523", "enter")
        await pilot.pause(0.3)
        await pilot.press("enter", *"手机锂电池", "enter", "2", "enter", *"纸箱", "enter", "y", "enter")
        await pilot.press("y", "enter", "2", "enter", "2", "enter", *"外箱开过内件完好", "enter")
        await pilot.press(*"12", "enter", *"0.1", "enter", "enter", *"一角压瘪", "enter")
        await pilot.pause(0.3)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=declared)


@pytest.mark.parametrize("lang", LANGS)
def test_the_months_figures_read_on_screen(snap_compare, sqlite_config, lang):
    """F5 Ctrl+P, 业务统计, on screen: the supervisor reads the month by destination, by clerk and
    by payment, with the quotes and how many were taken up, in 80 columns (the paper's own
    text, in Chinese in either language; the title and keys in the screen's)."""
    set_language(lang)

    async def figures(pilot):
        from depot_tui.screens.dialogs import TextScreen
        from depot_tui.screens.home import HomeScreen
        from depot_tui.screens.pickup import PickupScreen

        await pilot.press(*"chenjing", "enter", *"depot123", "enter")
        await _until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        await pilot.press("f5")
        await _until(pilot, lambda: isinstance(pilot.app.screen, PickupScreen))
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press("4", "enter", "enter", "enter", "4", "f10")
        await _until(pilot, lambda: isinstance(pilot.app.screen, TextScreen))
        await pilot.pause(0.2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=figures)
