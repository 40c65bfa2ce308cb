"""How the screens look at 80x24, in Chinese and English: fixed clock, seeded demo, steady cursor.

A failing snapshot opens snapshot_report.html; if the change was intended, rerun with
--snapshot-update and commit the new SVGs. On SQLite only (`sqlite_config`): a screen's
picture does not depend on the database under it, and the pilot tests drive the same screens
on PostgreSQL.
"""

from __future__ import annotations

import pytest
from support import labels_where, type_worked_example
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
        if (
            isinstance(screen, HomeScreen)
            and screen.query_one("#fig-exceptions", Static).render().plain != "…"
        ):
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
def test_login_screen(snap_compare, sqlite_config, lang):
    """The first thing every clerk sees: if the box or the demo accounts do not fit 80x24,
    or a label is untranslated, it shows here."""
    set_language(lang)
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_login_refused(snap_compare, sqlite_config, lang):
    """A wrong password: the reason under the fields, the user name still there."""
    set_language(lang)

    async def wrong(pilot):
        await pilot.press(*"zhangsan", "enter", *"nope-nope", "enter")
        await pilot.pause(0.6)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=wrong)


@pytest.mark.parametrize("lang", LANGS)
def test_home_screen(snap_compare, sqlite_config, lang):
    """Home after login: status line, shift, today's figures and the full key bar."""
    set_language(lang)
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=after_login())


@pytest.mark.parametrize("lang", LANGS)
def test_help_on_home(snap_compare, sqlite_config, lang):
    """F1 lists every key with its label, also the ones the key bar folds at 80 columns."""
    set_language(lang)
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=after_login("f1"))


@pytest.mark.parametrize("lang", LANGS)
def test_logout_confirmation(snap_compare, sqlite_config, lang):
    """Ctrl+Q asks before ending the session, with both answers' keys shown."""
    set_language(lang)
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=after_login("ctrl+q"))


async def _waybill_form(pilot) -> None:
    await _log_in(pilot)
    await pilot.press("f2")
    for _ in range(60):
        await pilot.pause(0.05)
        if getattr(pilot.app.screen, "index", None) is not None:
            break
    await pilot.pause(0.1)


@pytest.mark.parametrize("lang", LANGS)
def test_waybill_empty(snap_compare, sqlite_config, lang):
    """F2 as the shipper walks up: every field of the common case on one 80x24 screen, the
    labels translated, the key bar with F10, F9 and Ctrl+T."""
    set_language(lang)
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=_waybill_form)


@pytest.mark.parametrize("lang", LANGS)
def test_waybill_filled(snap_compare, sqlite_config, lang):
    """The worked example typed in: destination resolved with its station, known customers'
    names, the live price line and total 197.00, the automatic remark 保丢不保损."""
    set_language(lang)

    async def filled(pilot):
        await _waybill_form(pilot)
        await type_worked_example(pilot)
        await pilot.press("up")  # leave the cursor off the wrapped-around destination
        await pilot.pause(0.2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=filled)


@pytest.mark.parametrize("lang", LANGS)
def test_waybill_error(snap_compare, sqlite_config, lang):
    """A bad phone and prohibited goods: the fields marked, the message names the field and
    says why, the count of fields still to fix."""
    set_language(lang)

    async def wrong(pilot):
        await _waybill_form(pilot)
        await pilot.press("enter", *"1380245118", "enter", "enter", "enter", "enter", *"烟花爆竹", "enter")
        await pilot.pause(0.3)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=wrong)


def _label(condition: str) -> str:
    """The first in-stock label of the waybill `condition` picks (demo data), oldest first."""
    return labels_where(f"p.status = 'in_stock' AND {condition}", order='w.issued_at, p."index"')[0]


async def _until(pilot, test) -> None:
    for _ in range(60):
        await pilot.pause(0.05)
        if test():
            break
    await pilot.pause(0.2)


async def _open_first(pilot, key: str, screen_class: type) -> None:
    """Log in, press `key` (F3, F4), then Enter on the first item of its list: wait for
    `screen_class`."""
    await _log_in(pilot)
    await pilot.press(key)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await _until(pilot, lambda: isinstance(pilot.app.screen, screen_class))


async def _scan_loop(pilot) -> None:
    """F3, then Enter on the demo's truck being loaded tonight (GZ → XT): the scan loop."""
    from depot_tui.screens.loading import ScanScreen

    await _open_first(pilot, "f3", ScanScreen)


#: Today's waybill to XT that is planned on the demo truck and partly loaded.
XT_PLANNED = (
    "w.id IN (SELECT m.waybill_id FROM manifest_waybill m JOIN manifest t ON t.id = m.manifest_id "
    "WHERE t.status = 'open')"
)
#: A waybill for Changsha: not on the XT truck's route.
TO_CS = "w.dest_depot_id = (SELECT id FROM depot WHERE code = 'CS') AND w.status = 'issued'"


@pytest.mark.parametrize("lang", LANGS)
def test_loading_stock(snap_compare, sqlite_config, lang):
    """F9 from the truck runs: the stock by destination with each group's totals on its own
    line, a partly loaded waybill's pieces left, the voided and held ones marked, one waybill
    on tonight's truck (→01), and one marked for the plan; nothing cut at 80 columns."""
    set_language(lang)

    async def stock(pilot):
        await _log_in(pilot)
        await pilot.press("f3")
        await pilot.pause(0.3)
        await pilot.press("f9")
        await _until(pilot, lambda: bool(getattr(pilot.app.screen, "groups", None)))
        await pilot.press("down", "down", "down", "space")
        await pilot.pause(0.2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=stock)


@pytest.mark.parametrize("lang", LANGS)
def test_loading_scan_ok(snap_compare, sqlite_config, lang):
    """A good scan: the big green OK line with waybill and piece n of N, the truck's count
    in large digits, kg and m³ on board, this waybill's count, and the scan in the log."""
    set_language(lang)

    async def ok(pilot):
        await _scan_loop(pilot)
        label = _label(XT_PLANNED)
        await pilot.press(*label, "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 1)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=ok)


@pytest.mark.parametrize("lang", LANGS)
def test_loading_scan_error(snap_compare, sqlite_config, lang):
    """After a good scan, a piece for Changsha on the Xiangtan truck: the red ERROR line says
    where it goes and where this truck runs; the counts stay as they were; the log shows both."""
    set_language(lang)

    async def error(pilot):
        await _scan_loop(pilot)
        await pilot.press(*_label(XT_PLANNED), "enter")
        await pilot.press(*_label(TO_CS), "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=error)


#: Pieces on the demo truck from CS waiting at GZ (not the one checked two nights ago).
ON_CS_TRUCK = (
    "p.id IN (SELECT l.piece_id FROM loaded_piece l JOIN manifest m ON m.id = l.manifest_id "
    "WHERE m.plate LIKE '湘A%' AND m.status != 'checked')"
)


def _truck_label(n: int) -> str:
    """The n-th label on the demo truck from CS, by waybill number and piece."""
    return labels_where(ON_CS_TRUCK, order='w.number, p."index"', offset=n)[0]


async def _check_loop(pilot) -> None:
    """F4, then Enter on the demo truck from CS: the night check loop."""
    from depot_tui.screens.arrival import CheckScreen

    await _open_first(pilot, "f4", CheckScreen)


@pytest.mark.parametrize("lang", LANGS)
def test_arrival_check_ok(snap_compare, sqlite_config, lang):
    """The night view after a good scan: a five-row green OK band with waybill and piece, the
    count in large digits, over and damaged so far, this waybill's count, the log."""
    set_language(lang)

    async def ok(pilot):
        await _check_loop(pilot)
        await pilot.press(*_truck_label(0), "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 1)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=ok)


@pytest.mark.parametrize("lang", LANGS)
def test_arrival_check_error(snap_compare, sqlite_config, lang):
    """A piece from GZ's own stock coming off the CS truck: the red band says OVER and where it
    belongs; the over count is 1."""
    set_language(lang)

    async def over(pilot):
        await _check_loop(pilot)
        await pilot.press(*_truck_label(0), "enter")
        await pilot.press(*_label(TO_CS), "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=over)


@pytest.mark.parametrize("lang", LANGS)
def test_arrival_check_damaged(snap_compare, sqlite_config, lang):
    """Ctrl+R after a scan: the piece marked damaged with its note, the damaged count 1."""
    set_language(lang)

    async def damaged(pilot):
        await _check_loop(pilot)
        await pilot.press(*_truck_label(0), "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 1)
        await pilot.press("ctrl+r")
        await pilot.pause(0.3)
        await pilot.press(*"box crushed", "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=damaged)


@pytest.mark.parametrize("lang", LANGS)
def test_arrival_finish_summary(snap_compare, sqlite_config, lang):
    """F10 after scanning two pieces of the truck: each waybill's due and counted pieces, the
    short ones by number, the totals and the keys that say a shortage needs confirming."""
    set_language(lang)

    async def finish(pilot):
        from depot_tui.screens.arrival import FinishScreen

        await _check_loop(pilot)
        await pilot.press(*_truck_label(0), "enter", *_truck_label(1), "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 2)
        await pilot.press("f10")
        await _until(
            pilot, lambda: isinstance(pilot.app.screen, FinishScreen) and pilot.app.screen.summary is not None
        )

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=finish)


def _hide_waybills_by_a_crash(count: int) -> None:
    """張三's newest `count` waybills committed but never shown on his screen (a crash hid them)."""
    from depot_tui.models import User, Waybill, database_proxy

    with database_proxy.connection_context():
        zhang = User.get(User.username == "zhangsan")
        newest = (
            Waybill.select(Waybill.id)
            .where(Waybill.issued_by == zhang.id)
            .order_by(Waybill.issued_at.desc())
            .limit(count)
        )
        Waybill.update(unseen=True).where(Waybill.id.in_(newest)).execute()


@pytest.mark.parametrize("lang", LANGS)
def test_waybills_a_crash_hid(snap_compare, sqlite_config, lang):
    """At login after a crash, twelve waybills whose numbers never reached the screen: ten
    listed, the rest counted, each line whole at 80 columns, the keys below in view."""
    set_language(lang)
    _hide_waybills_by_a_crash(12)

    async def run(pilot) -> None:
        await pilot.press(*"zhangsan", "enter", *"depot123", "enter")
        await pilot.pause(1.5)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)
