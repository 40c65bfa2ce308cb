"""Accounts in the back office by keys (F12, 用户): the admin adds a clerk and disables and
enables an account; 陈静 (supervisor) moves her clerk's shift and cannot do more; the last
admin cannot demote herself. What the keys did must be what the accounts and the audit say."""

from __future__ import annotations

import datetime as dt

from support import burst, log_in_as, screen_text, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import AuditLog, User, database_proxy
from depot_tui.screens.dialogs import ReasonScreen
from depot_tui.screens.office import OfficeScreen, UserFormScreen, UsersScreen

SIZE = (80, 24)


async def open_users(pilot, app, username: str) -> UsersScreen:  # noqa: ANN001
    await log_in_as(pilot, username)
    await pilot.press("f12")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeScreen) and app.screen.items)
    parts = [part.id for part in app.screen.items]
    await pilot.press(*["down"] * parts.index("users"), "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, UsersScreen) and app.screen.items)
    return app.screen


def account(username: str) -> User:
    with database_proxy.connection_context():
        return User.get(User.username == username)


async def test_the_admin_adds_a_clerk_in_one_burst_then_disables_and_enables_him(demo_config):
    """Ctrl+N, user name, name, clerk (as offered), 3 for the night shift, GZ (as offered), a
    temporary password, the day he was hired, Enter: typed in one burst. 周八 is a GZ night
    clerk hired on 11-20 (his first two months move no pay) who must change his password at
    login. Then Ctrl+D with a reason disables him, and again enables him."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        listed = await open_users(pilot, app, "admin")
        await burst(pilot, "ctrl+n", *"zhouba", "enter", *"周八", "enter", "enter", "3", "enter", "enter")
        await burst(pilot, *"temp-pass-1", "enter", *"11-20", "enter")
        await wait_for(pilot, lambda: app.screen is listed and "zhouba" in {x.username for x in listed.items})
        zhou = account("zhouba")
        assert (zhou.name, zhou.role, zhou.depot.code, zhou.shift_code) == ("周八", "clerk", "GZ", "night")
        assert zhou.must_change_password and zhou.hired_on == dt.date(2026, 11, 20)
        await burst(pilot, *"zhouba", "enter", "ctrl+d")
        await wait_for(pilot, lambda: isinstance(app.screen, ReasonScreen))
        await burst(pilot, *"试用期未过", "enter")
        await wait_for(pilot, lambda: "已停用 zhouba" in screen_text(app))
        assert not account("zhouba").active
        await burst(pilot, "ctrl+d")
        await wait_for(pilot, lambda: isinstance(app.screen, ReasonScreen))
        await burst(pilot, *"重新录用", "enter")
        await wait_for(pilot, lambda: "已启用 zhouba" in screen_text(app))
    assert account("zhouba").active
    with database_proxy.connection_context():
        actions = [
            r.action
            for r in AuditLog.select()
            .where((AuditLog.entity == "user") & (AuditLog.entity_id == str(zhou.id)))
            .order_by(AuditLog.id)
        ]
    assert actions == ["user.add", "user.disable", "user.enable"]


async def test_a_supervisor_moves_her_clerks_shift_and_is_refused_the_rest(demo_config):
    """陈静's accounts are GZ's only and her bar has no Ctrl+N or Ctrl+D. She puts 李四 on
    nights (Enter, the shift choice, F10); making him a supervisor is refused under the form,
    with what she chose still there, and nothing changes."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        listed = await open_users(pilot, app, "chenjing")
        assert {x.depot for x in listed.items} == {"GZ"}
        bar = screen_text(app).splitlines()[-1]
        assert "重设密码" in bar and "添加" not in bar and "停用" not in bar
        await burst(pilot, *"lisi", "enter", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, UserFormScreen))
        await burst(pilot, "enter", "enter", "3", "f10")
        await wait_for(pilot, lambda: app.screen is listed and "已保存 lisi" in screen_text(app))
        assert account("lisi").shift_code == "night"
        await burst(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, UserFormScreen))
        await burst(pilot, "enter", "2", "f10")
        await wait_for(pilot, lambda: "不能执行此操作" in screen_text(app))
        assert isinstance(app.screen, UserFormScreen) and app.screen.query_one("#role").value == "supervisor"
    assert account("lisi").role == "clerk"


async def test_the_last_admin_cannot_demote_herself(demo_config):
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_users(pilot, app, "admin")
        await burst(pilot, *"admin", "enter", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, UserFormScreen))
        await burst(pilot, "enter", "2", "f10")
        await wait_for(pilot, lambda: "最后一个管理员不能停用或降级" in screen_text(app))
        assert app.focused.id == "role"
    assert account("admin").role == "admin"
