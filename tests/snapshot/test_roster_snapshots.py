"""The roster, leave and HR's appeals at 80x24, in Chinese and English (issue 22). On SQLite only,
as the other snapshots; a failing one opens snapshot_report.html (see test_snapshots.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from support import DEMO_NOW

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language
from depot_tui.screens.home import HomeScreen

SIZE = (80, 24)
LANGS = ["zh", "en"]
MONDAY = DEMO_NOW.date()  # the demo's Monday


def _week_planned() -> None:
    """This week at GZ: 李四 middle with the weekend off, 张三 covering Wednesday's night, and
    王五's approved leave on Thursday night; 张三 has asked for Saturday off (waiting) and
    been refused an outing."""
    from depot_tui.models import Role, User, database_proxy
    from depot_tui.services import auth, leave, roster
    from depot_tui.services.actor import Actor

    with database_proxy.connection_context():
        chen = auth.login("chenjing", "depot123", terminal="setup", pid=1).actor
        people = {u.username: u for u in User.select()}
        for n in range(7):
            roster.set_day(chen, people["lisi"].id, MONDAY + dt.timedelta(n), "middle" if n < 5 else None)
        roster.set_day(chen, people["zhangsan"].id, MONDAY + dt.timedelta(2), "night")

        def clerk(name: str) -> Actor:
            u = people[name]
            return Actor(u.id, u.username, u.name, Role.CLERK, u.depot_id)

        night = dt.datetime.combine(MONDAY + dt.timedelta(3), dt.time(20))
        asked = leave.ask(clerk("wangwu"), "leave", night, night + dt.timedelta(hours=12), "家里有事")
        leave.decide(chen, asked.id, True)
        saturday = dt.datetime.combine(MONDAY + dt.timedelta(5), dt.time(8))
        leave.ask(clerk("zhangsan"), "leave", saturday, saturday + dt.timedelta(hours=12), "孩子开家长会")
        outing = leave.ask(
            clerk("zhangsan"),
            "out",
            DEMO_NOW + dt.timedelta(hours=4),
            DEMO_NOW + dt.timedelta(hours=5),
            "去银行",
        )
        leave.decide(chen, outing.id, False, "下午到车多，人手不够")
        auth.logout(chen)


async def _until(pilot, test) -> None:  # noqa: ANN001
    for _ in range(80):
        await pilot.pause(0.05)
        if test():
            break
    await pilot.pause(0.2)


async def _log_in(pilot, username: str, password: str = "depot123") -> None:  # noqa: ANN001
    await pilot.press(*username, "enter", *password, "enter")
    await _until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))


def _run(username: str, *keys: str, ready):  # noqa: ANN001, ANN202
    async def run(pilot) -> None:  # noqa: ANN001
        await _log_in(pilot, username)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.1)
        await _until(pilot, lambda: ready(pilot.app.screen))

    return run


@pytest.mark.parametrize("lang", LANGS)
def test_roster_week(snap_compare, sqlite_config, lang):
    """陈静's roster (F7, Ctrl+G): the week's three clerks, the cursor on today; 李四 planned,
    the others on their usual shift (·), 张三's cover night, 王五's leave (假 / L)."""
    set_language(lang)
    _week_planned()
    run = _run("chenjing", "f7", "ctrl+g", ready=lambda s: getattr(s, "lines", None))
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_roster_swap_begun(snap_compare, sqlite_config, lang):
    """S on 张三's Friday: the line below says what S on another clerk's Friday will do."""
    set_language(lang)
    _week_planned()
    keys = ("f7", "ctrl+g", "down", "down", "right", "right", "right", "right", "s")
    run = _run("chenjing", *keys, ready=lambda s: getattr(s, "swap_from", None) is not None)
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_leave_waiting_for_the_supervisor(snap_compare, sqlite_config, lang):
    """陈静's leave list (F7, Ctrl+L): 张三's Saturday waiting first, then the decided ones."""
    set_language(lang)
    _week_planned()
    run = _run("chenjing", "f7", "ctrl+l", ready=lambda s: getattr(s, "items", None))
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_leave_form_refuses_a_start_already_past(snap_compare, sqlite_config, lang):
    """张三 (F7, Ctrl+L, Ctrl+N) asks for leave from 08:00 this morning: refused at 从 / From
    (leave is asked in advance), with what he typed still there."""
    set_language(lang)
    _week_planned()

    async def run(pilot) -> None:  # noqa: ANN001
        from depot_tui.screens.score import LeaveFormScreen

        await _log_in(pilot, "zhangsan")
        for key in ("f7", "ctrl+l", "ctrl+n"):
            await pilot.press(key)
            await pilot.pause(0.1)
        await _until(pilot, lambda: isinstance(pilot.app.screen, LeaveFormScreen))
        await pilot.press("1", "enter", *"11-23 08:00", "enter", *"11-23 20:00", "enter", *"看病", "enter")
        await pilot.pause(0.5)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_appeals_for_hr(snap_compare, sqlite_config, lang):
    """刘芳 of HR (a demo account): her F7 is every depot's appeals (张三's, on the F15 陈静 confirmed)."""
    from depot_tui.models import Role, User, database_proxy
    from depot_tui.services import auth, scoring
    from depot_tui.services.actor import Actor

    set_language(lang)
    _week_planned()
    with database_proxy.connection_context():
        chen = auth.login("chenjing", "depot123", terminal="setup", pid=1).actor
        zhang = User.get(User.username == "zhangsan")
        event = scoring.propose(
            chen,
            "F15",
            user_id=zhang.id,
            depot_id=chen.depot_id,
            note="F15：演示依据",
            at=DEMO_NOW.replace(day=20),
        )
        scoring.decide(chen, event.id, True, "电话记录超过 24 小时")
        clerk = Actor(zhang.id, zhang.username, zhang.name, Role.CLERK, zhang.depot_id)
        scoring.appeal(clerk, event.id, "客户电话停机，有通话记录")
        auth.logout(chen)

    async def run(pilot) -> None:  # noqa: ANN001
        await pilot.press(*"liufang", "enter", *"depot123", "enter")
        await _until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        await pilot.press("f7")
        await _until(pilot, lambda: getattr(pilot.app.screen, "items", None))

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)
