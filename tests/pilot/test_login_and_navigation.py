"""A clerk at the login screen and the F-keys, driven by key presses (App.run_test)."""

from __future__ import annotations

import signal

import pytest
from rich.cells import cell_len
from support import burst, on_duty_clerk, wait_for
from textual import events
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language
from depot_tui.models import Session, Shift, User, database_proxy
from depot_tui.screens.handover import HandoverScreen
from depot_tui.screens.home import HomeScreen
from depot_tui.screens.login import LoginScreen
from depot_tui.screens.score import ClerkScoreScreen
from depot_tui.services import users
from depot_tui.widgets.fields import Field
from depot_tui.widgets.keybar import KeyBar
from depot_tui.widgets.status_line import StatusLine

SIZE = (80, 24)


def screen_text(app: DepotApp) -> str:
    """Everything the screen's Static widgets show, joined: what the clerk reads."""
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def log_in(pilot, username: str = "zhangsan", password: str = "depot123") -> None:
    await pilot.press(*username, "enter", *password, "enter")
    for _ in range(50):
        await pilot.pause(0.05)
        if isinstance(pilot.app.screen, HomeScreen):
            break
    await pilot.pause(0.2)


async def test_login_reaches_home_with_todays_figures(demo_config):
    """The demo clerk types name, Enter, password, Enter and sees home with their shift and
    the depot's figures; if this fails, nobody can start work."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LoginScreen)
        await log_in(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "张三，您好" in text and "早班 08:00–20:00" in text
        assert app.screen.query_one("#fig-to_check", Static).render().plain == "1"
        assert "5 票" in app.screen.query_one("#fig-issued_today", Static).render().plain


async def test_typed_ahead_password_lands_in_the_password_field(demo_config):
    """A fast clerk types 'zhangsan<Enter>depot123<Enter>' in one burst (as tmux or a scanner
    delivers it): the password must not be appended to the user name."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        # Queue every key before any is processed: the burst a terminal delivers in one read.
        for key, char in [(k, k) for k in "zhangsan"] + [("enter", "\r")] + [(k, k) for k in "depot123"]:
            app.post_message(events.Key(key, char))
        await pilot.pause(0.3)
        assert app.screen.query_one("#username", Field).value == "zhangsan"
        assert app.screen.query_one("#password", Field).value == "depot123"


async def test_wrong_password_keeps_the_user_name(demo_config):
    """A refused login says why at the field, keeps the name typed, clears the password."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"zhangsan", "enter", *"wrong-one", "enter")
        await pilot.pause(0.5)
        assert isinstance(app.screen, LoginScreen)
        assert "用户名或密码错误" in screen_text(app)
        assert app.screen.query_one("#username", Field).value == "zhangsan"
        assert app.screen.query_one("#password", Field).value == ""
        assert app.focused is app.screen.query_one("#password", Field)


async def test_lockout_is_not_told_at_the_keyboard(demo_config):
    """After five wrong passwords even the right one is refused, with the same words as a
    wrong one: whoever is at the keyboard cannot tell a locked account (so an existing one)
    from a wrong guess. The supervisor sees the lock (auth.locked_accounts)."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"lisi", "enter")
        for _ in range(5):
            await pilot.press(*"bad-pass", "enter")
            await pilot.pause(0.4)
        await pilot.press(*"depot123", "enter")
        await pilot.pause(0.4)
        text = screen_text(app)
        assert "用户名或密码错误" in text and "锁定" not in text
        assert isinstance(app.screen, LoginScreen) and app.session is None


async def test_fkeys_before_login_do_nothing(demo_config):
    """Nobody reaches a work screen without logging in."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("f2", "f3", "f4", "f5", "f6", "f7", "f8"):
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)


async def test_every_fkey_reaches_its_screen_and_esc_returns(demo_config):
    """F7 opens the clerk's own score, F6 from there goes straight to the handover, and Esc
    goes home: a screen left over on the way would make the clerk press Esc twice."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await pilot.press("f7")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ClerkScoreScreen) and app.screen.who[1] == "张三"
        await pilot.press("f6")  # jump straight to another screen
        await pilot.pause(0.3)
        assert isinstance(app.screen, HandoverScreen) and len(app.screen_stack) == 3
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert isinstance(app.screen, HomeScreen)


async def test_f1_shows_help_for_this_screen(demo_config):
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "帮助：专线物流网点" in screen_text(app) and "连续输错 5 次" in screen_text(app)
        await pilot.press("escape")
        await log_in(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert "F2      开单" in text and "Ctrl+Q  退出" in text
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_logout_asks_then_clocks_out(demo_config):
    """Ctrl+Q asks first (Esc keeps the session); Enter logs out, ends the session and, as
    the shift's only terminal, clocks the clerk out; the next clerk finds the login screen,
    its top line naming nobody (it showed the last clerk's name and shift)."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        session_id = app.session.actor.session_id
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "退出登录？" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+c")  # must never quit or log out
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert isinstance(app.screen, LoginScreen) and app.session is None
        top = str(app.screen.query_one(StatusLine).render())
        assert "张三" not in top and "早班" not in top  # the next clerk is not greeted as the last
        with database_proxy.connection_context():
            session = Session.get_by_id(session_id)
            assert session.end_reason == "logout"
            assert Shift.get_by_id(session.shift_id).clock_out is not None


async def test_hang_up_ends_the_session(demo_config):
    """A dropped SSH link (SIGHUP) must close the session as 'hangup', not leave it open, and
    end the process at once, skipping a shutdown that writes to the dead terminal and hung
    (the process is ended by hard_exit, replaced here by a normal exit)."""
    app = DepotApp(demo_config)
    hard = []
    app.hard_exit = lambda code: (hard.append(code), app.exit(return_code=code))
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        session_id = app.session.actor.session_id
        app._hang_up(signal.SIGHUP)
        await pilot.pause()
    assert hard == [128 + signal.SIGHUP] and app.return_code == 128 + signal.SIGHUP
    with database_proxy.connection_context():
        assert Session.get_by_id(session_id).end_reason == "hangup"


async def test_names_are_shown_as_typed_never_as_markup(demo_config, console):
    """A supervisor named '[bold red]王[/] ' with an escape byte must show literally on home and
    in the status line, and the escape byte must not reach the terminal."""
    with database_proxy.connection_context():
        users.add_user(
            console,
            username="markup",
            name="[bold red]王[/]",
            role="supervisor",
            depot_code="GZ",
            password="counter-2026",
        )
        # Old data may hold an escape byte even though new input refuses it.
        User.update(name="[bold red]王[/]\x1b[2J").where(User.username == "markup").execute()
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "markup", "counter-2026")
        text = screen_text(app)
        assert "[bold red]王[/]␛[2J，您好" in text
        assert "\x1b" not in text


@pytest.mark.parametrize("lang, expected", [("zh", "Ctrl+Q 退出"), ("en", "Ctrl+Q Log out")])
async def test_key_bar_always_shows_logout_at_80_columns(demo_config, lang, expected):
    """At 80 columns the key bar must still show Ctrl+Q on a work screen, in both languages,
    within the 80 cells (the bar's text held Ctrl+Q while the screen cut it off), and the
    other screens' keys folded into F2–F8, or F1 saying there are more."""
    set_language(lang)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await pilot.press("f3")
        await pilot.pause(0.2)
        bar = app.screen.query_one(KeyBar).render().plain
        assert expected in bar and ("Esc 返回" in bar or "Esc Back" in bar)
        assert "F2–F8" in bar or "F1 更多键" in bar or "F1 more keys" in bar
        assert cell_len(bar.rstrip()) <= 80


async def test_a_key_moved_in_the_config_file_works_and_is_shown(demo_target, tmp_path, monkeypatch):
    """A depot whose terminals eat F10 (a PuTTY profile, a KVM) moves save to F11 in the config
    file: F11 must then issue the slip on the waybill form, F10 must do nothing there, and the
    key bar and F1 must say F11, or the clerk is told a key that does not work."""
    from support import type_worked_example

    from depot_tui import config as config_module
    from depot_tui import db
    from depot_tui.screens.waybill import WaybillScreen
    from depot_tui.screens.waybill.slip import SlipScreen

    config_file = tmp_path / "config.toml"
    config_file.write_text('[keys]\nsave = "f11"\n', encoding="utf-8")
    monkeypatch.setenv("DEPOT_CONFIG", str(config_file))
    cfg = config_module.load(db=demo_target, demo=True)
    assert cfg.keys == {"save": "f11"}
    db.open_database(cfg.db)
    app = DepotApp(cfg)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot)
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, WaybillScreen) and app.screen.index is not None)
        bar = app.screen.query_one(KeyBar).render().plain
        assert "F11 保存" in bar and "F10" not in bar
        await type_worked_example(pilot)
        await pilot.press("f10")
        await pilot.pause(0.3)
        assert isinstance(app.screen, WaybillScreen)  # F10 is not save any more
        await pilot.press("f11")
        await wait_for(pilot, lambda: isinstance(app.screen, SlipScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, WaybillScreen))
        await pilot.press("f1")
        await pilot.pause()
        assert "F11" in screen_text(app) and "F10 / Ctrl+S" not in screen_text(app)


async def test_a_login_typed_before_the_app_took_the_terminal_logs_in(demo_config):
    """Keys typed while the SSH session was still starting reach the app through the
    terminal's line discipline, each Enter a line feed (Ctrl+J): the user name and the password
    landed in one field and nothing happened. A line feed is an Enter; a scanner set to end its
    codes with LF is served by the same."""
    app = DepotApp(demo_config)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *on_duty_clerk(), "ctrl+j", *"depot123", "ctrl+j")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
