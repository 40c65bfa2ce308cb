"""The roster and leave by keys (issue 22), on the demo's week of Monday 2026-11-23 at GZ: 陈静
plans three clerks' week in one burst of keys, swaps two of them on Friday and repeats the week;
张三 asks for a day off and she approves it; the month's table then shows what the roster and
the leave made of it. What the grid showed must be what the roster stores."""

from __future__ import annotations

import datetime as dt

from support import burst, log_in_as, screen_text, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import LeaveRequest, RosterDay, User, database_proxy
from depot_tui.screens.score import (
    ClerkScoreScreen,
    DepotLeaveScreen,
    LeaveFormScreen,
    OwnLeaveScreen,
    QueueScreen,
    RepeatWeekScreen,
    RosterScreen,
    ScoreScreen,
)
from depot_tui.services import clock, roster

SIZE = (80, 24)
MONDAY = dt.date(2026, 11, 23)


def planned(name: str, first: dt.date, days: int = 7) -> list[str | None]:
    """The stored week of a clerk: a shift code, None for a day off, "-" for a day not planned."""
    with database_proxy.connection_context():
        user = User.get(User.username == name)
        rows = {
            r.day: r.shift_code
            for r in RosterDay.select().where(
                (RosterDay.user == user.id)
                & (RosterDay.day >= first)
                & (RosterDay.day < first + dt.timedelta(days))
            )
        }
    return [rows.get(first + dt.timedelta(n), "-") for n in range(days)]


def week_keys(codes: str) -> list[str]:
    """A row of the week typed from Monday: a digit per day, → between, and ← back to Monday."""
    keys: list[str] = []
    for n, code in enumerate(codes):
        keys += [code] + (["right"] if n < 6 else [])
    return keys + ["left"] * 6


async def test_a_supervisor_rosters_a_week_by_keys_swaps_a_day_and_approves_leave(demo_config):
    """F7, Ctrl+G: the grid opens on this week with the cursor on today. Typed in one burst:
    李四 middle Monday to Friday and off at the weekend (22222 00), 王五 nights with Tuesday off
    (3033333), 张三 early with Wednesday's night covered (1131100). Then on Friday, S on 张三
    and S on 王五 swaps them (张三 nights, 王五 early), and Ctrl+R with the 4 offered repeats the
    week over the next four. 张三 asks (F7, Ctrl+L, Ctrl+N) for Thursday off; 陈静 approves it
    (F7, Ctrl+L, Y). On Tuesday morning her F7 holds 李四's absence for Monday's middle shift
    he never came to (the demo has no login of his that day), and 张三's line has no
    full-attendance bonus (his leave)."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "chenjing")
        await burst(pilot, "f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreScreen))
        await burst(pilot, "ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, RosterScreen) and app.screen.lines)
        grid = app.screen
        assert [line.username for line in grid.lines] == ["lisi", "wangwu", "zhangsan"]
        assert "排班 11-23 至 11-29" in screen_text(app)
        keys = week_keys("2222200") + ["down"] + week_keys("3033333") + ["down"] + week_keys("1131100")
        await burst(pilot, *keys)
        await burst(pilot, *["right"] * 4, "s", "up", "s")
        await wait_for(pilot, lambda: "已对调" in screen_text(app))
        assert planned("lisi", MONDAY) == ["middle"] * 5 + [None, None]
        assert planned("wangwu", MONDAY) == ["night", None, "night", "night", "early", "night", "night"]
        assert planned("zhangsan", MONDAY) == ["early", "early", "night", "early", "night", None, None]
        assert "晚" in screen_text(app) and "休" in screen_text(app)
        await burst(pilot, "ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, RepeatWeekScreen))
        await burst(pilot, "enter")
        await wait_for(pilot, lambda: "已排入以后 4 周" in screen_text(app))
        assert planned("zhangsan", MONDAY + dt.timedelta(days=28)) == planned("zhangsan", MONDAY)
        await burst(pilot, "escape", "escape", "ctrl+q", "enter")
        await wait_for(pilot, lambda: "用户名" in screen_text(app))

        await log_in_as(pilot, "zhangsan")
        await burst(pilot, "f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ClerkScoreScreen))
        await burst(pilot, "ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, OwnLeaveScreen))
        await burst(pilot, "ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, LeaveFormScreen))
        await burst(
            pilot, "1", "enter", *"11-26 08:00", "enter", *"11-26 20:00", "enter", *"孩子生病", "enter"
        )
        await wait_for(pilot, lambda: "已提交" in screen_text(app))
        await wait_for(pilot, lambda: [x.status for x in app.screen.items] == ["asked"])
        await burst(pilot, "escape", "escape", "ctrl+q", "enter")
        await wait_for(pilot, lambda: "用户名" in screen_text(app))

        await log_in_as(pilot, "chenjing")
        await burst(pilot, "f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreScreen))
        await burst(pilot, "ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, DepotLeaveScreen) and app.screen.items)
        assert [(x.name, x.reason) for x in app.screen.items] == [("张三", "孩子生病")]
        await burst(pilot, "y")
        await wait_for(pilot, lambda: "已批准" in screen_text(app))
        with database_proxy.connection_context():
            assert [r.status for r in LeaveRequest.select()] == ["approved"]
            cells = {x.username: x for x in roster.weeks(app.actor, MONDAY)}
        assert cells["zhangsan"].days[3].leave == "leave"
        await burst(pilot, "escape", "escape", "escape", "ctrl+q", "enter")
        await wait_for(pilot, lambda: "用户名" in screen_text(app))

        clock.fix(dt.datetime(2026, 11, 24, 9, 0))
        await log_in_as(pilot, "chenjing")
        await burst(pilot, "f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreScreen))
        await burst(pilot, "ctrl+d")
        await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen) and app.screen.items)
        absent = [(x.user_name, x.code) for x in app.screen.items if x.note_key == "score.note.absent"]
        assert ("李四", "A04") in absent
        await burst(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreScreen) and app.screen.items)
        lines = {x.name: x for x in app.screen.items}
    assert lines["李四"].pending >= 1
    assert "B03" not in lines["张三"].bonuses


async def test_a_clerk_is_told_his_new_deductions_at_login_with_the_last_day_to_appeal(demo_config):
    """陈静 confirmed an F18 against 张三 (−1) on Monday morning. When 张三 logs in, a notice
    says one new deduction of −1 and that he may appeal until Monday 11-30 (5 working days
    from Monday 11-23: 24, 25, 26, 27 and 30); logging in again says nothing more: he has
    been told, and the window runs from then."""
    with database_proxy.connection_context():
        from depot_tui.services import auth, scoring

        chen = auth.login("chenjing", "depot123", terminal="setup", pid=1).actor
        zhang = User.get(User.username == "zhangsan")
        scoring.enter(chen, "F18", zhang.id, "2026-11-22", "交代的盘点没做")
        auth.logout(chen)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await wait_for(pilot, lambda: any("新确认的扣分" in str(n.message) for n in app._notifications))
        [told] = [str(n.message) for n in app._notifications if "新确认的扣分" in str(n.message)]
        assert "1 条（-1 分）" in told and "申诉截止 11-30" in told
        app.clear_notifications()
        await burst(pilot, "ctrl+q", "enter")
        await wait_for(pilot, lambda: "用户名" in screen_text(app))
        await log_in_as(pilot, "zhangsan")
        await pilot.pause(0.5)
        assert not any("新确认的扣分" in str(n.message) for n in app._notifications)


async def test_days_typed_just_before_esc_are_all_stored_when_the_roster_closes(demo_config):
    """陈静 types 王五's Monday to Thursday as 1 0 2 3 and Esc in one burst: by the time F7 is
    back, every one of the four days is stored as typed (the screen waits for its writes
    before it goes), none lost behind the Esc."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "chenjing")
        await burst(pilot, "f7", "ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, RosterScreen) and app.screen.lines)
        await burst(pilot, "down", "1", "right", "0", "right", "2", "right", "3", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreScreen))
        assert planned("wangwu", MONDAY, 4) == ["early", None, "middle", "night"]
