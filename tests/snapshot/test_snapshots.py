"""How the screens look at 80x24, in Chinese and English: fixed clock, seeded demo, steady cursor.

A failing snapshot opens snapshot_report.html; if the change was intended, rerun with
--snapshot-update and commit the new SVGs.
"""

from __future__ import annotations

import pytest
from support import type_worked_example
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language
from depot_tui.screens.home import HomeScreen

SIZE = (80, 24)
LANGS = ["zh", "en"]


async def _log_in(pilot) -> None:
    await pilot.press(*"zhangsan", "enter", *"depot123", "enter")
    for _ in range(60):
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if isinstance(screen, HomeScreen) and \
                screen.query_one("#fig-exceptions", Static).render().plain != "…":
            break
    await pilot.pause(0.1)


def after_login(*keys: str):
    """A run_before that logs the demo clerk in, then presses `keys`."""

    async def run(pilot) -> None:
        await _log_in(pilot)
        if keys:
            await pilot.press(*keys)
            await pilot.pause(0.2)

    return run


@pytest.mark.parametrize("lang", LANGS)
def test_login_screen(snap_compare, demo_config, lang):
    """The first thing every clerk sees: if the box or the demo accounts do not fit 80x24,
    or a label is untranslated, it shows here."""
    set_language(lang)
    assert snap_compare(DepotApp(demo_config), terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_login_refused(snap_compare, demo_config, lang):
    """A wrong password: the reason under the fields, the user name still there."""
    set_language(lang)

    async def wrong(pilot):
        await pilot.press(*"zhangsan", "enter", *"nope-nope", "enter")
        await pilot.pause(0.6)

    assert snap_compare(DepotApp(demo_config), terminal_size=SIZE, run_before=wrong)


@pytest.mark.parametrize("lang", LANGS)
def test_home_screen(snap_compare, demo_config, lang):
    """Home after login: status line, shift, today's figures and the full key bar."""
    set_language(lang)
    assert snap_compare(DepotApp(demo_config), terminal_size=SIZE, run_before=after_login())


@pytest.mark.parametrize("lang", LANGS)
def test_not_built_screen(snap_compare, demo_config, lang):
    """A work screen whose issue has not landed says so plainly, with Esc and Ctrl+Q shown."""
    set_language(lang)
    assert snap_compare(DepotApp(demo_config), terminal_size=SIZE, run_before=after_login("f4"))


@pytest.mark.parametrize("lang", LANGS)
def test_help_on_home(snap_compare, demo_config, lang):
    """F1 lists every key with its label, also the ones the key bar folds at 80 columns."""
    set_language(lang)
    assert snap_compare(DepotApp(demo_config), terminal_size=SIZE, run_before=after_login("f1"))


@pytest.mark.parametrize("lang", LANGS)
def test_logout_confirmation(snap_compare, demo_config, lang):
    """Ctrl+Q asks before ending the session, with both answers' keys shown."""
    set_language(lang)
    assert snap_compare(DepotApp(demo_config), terminal_size=SIZE, run_before=after_login("ctrl+q"))


async def _waybill_form(pilot) -> None:
    await _log_in(pilot)
    await pilot.press("f2")
    for _ in range(60):
        await pilot.pause(0.05)
        if getattr(pilot.app.screen, "index", None) is not None:
            break
    await pilot.pause(0.1)


@pytest.mark.parametrize("lang", LANGS)
def test_waybill_empty(snap_compare, demo_config, lang):
    """F2 as the shipper walks up: every field of the common case on one 80x24 screen, the
    labels translated, the key bar with F10, F9 and Ctrl+T."""
    set_language(lang)
    assert snap_compare(DepotApp(demo_config), terminal_size=SIZE, run_before=_waybill_form)


@pytest.mark.parametrize("lang", LANGS)
def test_waybill_filled(snap_compare, demo_config, lang):
    """The worked example typed in: destination resolved with its station, known customers'
    names, the live price line and total 197.00, the automatic remark 保丢不保损."""
    set_language(lang)

    async def filled(pilot):
        await _waybill_form(pilot)
        await type_worked_example(pilot)
        await pilot.press("up")  # leave the cursor off the wrapped-around destination
        await pilot.pause(0.2)

    assert snap_compare(DepotApp(demo_config), terminal_size=SIZE, run_before=filled)


@pytest.mark.parametrize("lang", LANGS)
def test_waybill_error(snap_compare, demo_config, lang):
    """A bad phone and prohibited goods: the fields marked, the message names the field and
    says why, the count of fields still to fix."""
    set_language(lang)

    async def wrong(pilot):
        await _waybill_form(pilot)
        await pilot.press("enter", *"1380245118", "enter", "enter", "enter", "enter", *"烟花爆竹", "enter")
        await pilot.pause(0.3)

    assert snap_compare(DepotApp(demo_config), terminal_size=SIZE, run_before=wrong)
