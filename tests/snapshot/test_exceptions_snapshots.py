"""Exceptions at 80x24, in Chinese and English (issue 23): as test_snapshots.py, whose helpers
these use (a failing snapshot opens snapshot_report.html; rerun with --snapshot-update if the
change was intended)."""

from __future__ import annotations

import datetime as dt

import pytest
from support import DEMO_NOW, wait_for
from test_snapshots import LANGS, SIZE, _until

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language


def _three_exceptions() -> int:
    """A complaint resolved with compensation, a major short found last night, a minor damage:
    returns the short's id. Through the services, as the clerks and 陈静 made them."""
    from depot_tui.models import database_proxy
    from depot_tui.services import auth, clock, exceptions
    from depot_tui.services.exceptions import Report, Resolution

    with database_proxy.connection_context():
        clerk = auth.login("zhangsan", "depot123", terminal="setup", pid=1).actor
        chen = auth.login("chenjing", "depot123", terminal="setup", pid=2).actor
        with clock.at(DEMO_NOW - dt.timedelta(days=1, hours=2)):
            complaint = exceptions.report(clerk, Report(kind="complaint", seen="客户电话投诉：送货晚了两天"))
            exceptions.resolve(
                chen,
                complaint,
                Resolution(
                    cause="transit", result="已致歉，减免运费", responsible="depot", compensation="30"
                ),
            )
        with clock.at(DEMO_NOW - dt.timedelta(hours=7)):
            short = exceptions.report(
                clerk,
                Report(
                    kind="short", severity="major", waybill="", pieces="1", seen="CS 来车少 1 件，已查车厢"
                ),
            )
            exceptions.note(clerk, short, "已电话长沙站，说开单时多写了 1 件")
        exceptions.report(clerk, Report(kind="damaged", pieces="1", seen="纸箱一角压瘪，内件完好"))
        auth.logout(clerk)
        auth.logout(chen)
    return short


async def _open_list(pilot) -> None:
    from depot_tui.screens.exceptions import ExceptionsScreen
    from depot_tui.screens.home import HomeScreen

    await pilot.press(*"chenjing", "enter", *"depot123", "enter")
    await _until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
    await pilot.press("ctrl+e")
    await _until(pilot, lambda: isinstance(pilot.app.screen, ExceptionsScreen) and pilot.app.screen.items)
    # The 5-minute report's poll (each second) has seen the short: its alert is on the status
    # line and its toast up, whatever the load. The toast is cleared before each picture.
    await wait_for(pilot, lambda: pilot.app.alert, tries=200)


@pytest.mark.parametrize("lang", LANGS)
def test_the_exception_list(snap_compare, sqlite_config, lang):
    """Home's Ctrl+E with the resolved ones too (Ctrl+A): the open major short first, then the
    minor damage, then the resolved complaint; each line whole in 80 columns, its keys below."""
    set_language(lang)
    _three_exceptions()

    async def listing(pilot):
        await _open_list(pilot)
        await pilot.press("ctrl+a")
        await wait_for(pilot, lambda: not pilot.app.screen.open_only and len(pilot.app.screen.items) == 3)
        pilot.app.clear_notifications()
        await pilot.pause(0.3)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=listing)


@pytest.mark.parametrize("lang", LANGS)
def test_an_exception_read_whole(snap_compare, sqlite_config, lang):
    """The short read whole: what was found, by whom and when, its owner, and its history (the
    report, the call to the origin, and 陈静's opening of it, the 5-minute report done); the
    supervisor's keys on the bar."""
    set_language(lang)
    _three_exceptions()

    async def whole(pilot):
        from depot_tui.screens.exceptions import ExceptionScreen

        await _open_list(pilot)
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, ExceptionScreen)
                and pilot.app.screen.whole
                and pilot.app.screen.whole.steps[-1].kind == "seen"
            ),
            tries=200,
        )
        await wait_for(pilot, lambda: not pilot.app.alert, tries=200)  # seen: the status line no longer asks
        pilot.app.clear_notifications()
        await pilot.pause(0.3)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=whole)


async def _clerk_opens(pilot, key: str, screen: str) -> None:  # noqa: ANN001
    """张三 (a clerk: no alerts on his status line) opens the exception list, then `key`."""
    from depot_tui.screens.home import HomeScreen

    await pilot.press(*"zhangsan", "enter", *"depot123", "enter")
    await _until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
    await pilot.press("ctrl+e")
    await _until(pilot, lambda: pilot.app.screen.__class__.__name__ == "ExceptionsScreen")
    await pilot.press(key)
    await wait_for(pilot, lambda: pilot.app.screen.__class__.__name__ == screen and pilot.app.screen.items)
    await pilot.pause(0.3)


@pytest.mark.parametrize("lang", LANGS)
def test_the_late_list(snap_compare, sqlite_config, lang):
    """Ctrl+L: the demo's goods that waited for the delayed truck, class A first, the longest
    late first; the first one's shipper told (发), its consignee not yet; each line in 80 columns."""
    from depot_tui.models import database_proxy
    from depot_tui.services import auth, tracking

    set_language(lang)
    with database_proxy.connection_context():
        clerk = auth.login("zhangsan", "depot123", terminal="setup", pid=1).actor
        first = tracking.late(clerk)[0]
        tracking.tell(clerk, first.number, "shipper", "told", "车辆延误，明天到")
        auth.logout(clerk)

    async def late(pilot):
        await _clerk_opens(pilot, "ctrl+l", "LateScreen")

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=late)


@pytest.mark.parametrize("lang", LANGS)
def test_the_service_log(snap_compare, sqlite_config, lang):
    """Ctrl+K with the answered ones (Ctrl+A): the enquiry past its promised hour first and
    marked overdue, then the complaint still in time, then the one answered."""
    from depot_tui.models import database_proxy
    from depot_tui.services import auth, clock, exceptions
    from depot_tui.services.exceptions import Entry

    set_language(lang)
    with database_proxy.connection_context():
        clerk = auth.login("zhangsan", "depot123", terminal="setup", pid=1).actor
        with clock.at(DEMO_NOW - dt.timedelta(hours=3)):
            exceptions.take(
                clerk, Entry(caller_name="李女士", waybill="", question="货到湘潭了吗", within="1")
            )
            done = exceptions.take(clerk, Entry(channel="counter", question="月结怎么办理", within="2"))
            exceptions.answer(clerk, done, "已给申请表")
        exceptions.take(
            clerk,
            Entry(
                kind="complaint",
                caller_name="王先生",
                caller_phone="13900001111",
                question="包装破了",
                within="4",
            ),
        )
        auth.logout(clerk)

    async def log(pilot):
        await _clerk_opens(pilot, "ctrl+k", "LogScreen")
        await pilot.press("ctrl+a")
        await wait_for(pilot, lambda: len(pilot.app.screen.items) == 3)
        await pilot.pause(0.3)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=log)
