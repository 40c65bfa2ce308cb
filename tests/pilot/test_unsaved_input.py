"""The shell's promise to every form screen: nothing typed is thrown away without asking."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.faults import Keep
from depot_tui.models import database_proxy
from depot_tui.screens.base import WorkScreen
from depot_tui.screens.home import HomeScreen
from depot_tui.screens.login import LoginScreen
from depot_tui.services import auth, users
from depot_tui.services.waybills import WaybillForm
from depot_tui.widgets.fields import Field

SIZE = (80, 24)


class FormScreen(WorkScreen):
    """A stand-in form, registered the way the waybill screen will be."""

    title_key = "screen.waybill"
    screen_id = "waybill"
    saved: list[str] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        yield Field(id="consignee")
        yield Field(id="phone")
        yield from self.compose_footer()

    def has_unsaved_input(self) -> bool:
        return any(field.value for field in self.query(Field))

    def kept(self) -> list[Keep]:
        typed = self.query_one("#consignee", Field).value
        FormScreen.saved.append(typed)
        return [Keep("waybill", {"form": WaybillForm(consignee_name=typed).to_json(), "draft_id": None})]


async def start(pilot, app: DepotApp) -> None:
    app.work_screens["waybill"] = FormScreen
    await pilot.press(*"zhangsan", "enter", *"depot123", "enter")
    for _ in range(50):
        await pilot.pause(0.05)
        if isinstance(app.screen, HomeScreen):
            return


async def test_esc_on_a_form_with_input_asks_first(demo_config):
    """A clerk halfway through a waybill presses Esc by mistake: the form asks, Esc on the
    question keeps everything typed; only a confirmed Esc goes home."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        await pilot.press("f2", *"刘建国", "enter", *"13925067732")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # "no": keep the form
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#consignee", Field).value == "刘建国"
        assert app.screen.query_one("#phone", Field).value == "13925067732"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # "yes": throw it away
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_fkey_jump_from_a_form_with_input_asks_first(demo_config):
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        await pilot.press("f2", *"刘建国")
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#consignee", Field).value == "刘建国"


async def test_logout_with_a_form_open_warns_and_keeps_a_draft(demo_config):
    """Ctrl+Q with a half-typed form says the input would be lost; confirming saves the draft
    (what the screen's kept() returns) before the session ends."""
    FormScreen.saved.clear()
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        await pilot.press("f2", *"刘建国")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "未保存的内容" in "\n".join(str(w.render()) for w in app.screen.query(Static))
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert isinstance(app.screen, LoginScreen)
        assert FormScreen.saved == ["刘建国"]
    with database_proxy.connection_context():
        from depot_tui.models import WaybillDraft

        assert [WaybillForm.from_json(d.data).consignee_name for d in WaybillDraft.select()] == ["刘建国"]


async def test_reset_password_must_be_changed_at_login(demo_config, console):
    """After an admin's reset the clerk must choose a new password before reaching home;
    mismatched repeats are refused at the field, nothing else typed is lost."""
    with database_proxy.connection_context():
        users.reset_password(console, "lisi", "temporary-22")
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"lisi", "enter", *"temporary-22", "enter")
        await pilot.pause(0.6)
        assert app.screen.query_one("#old", Field)
        await pilot.press(*"temporary-22", "enter", *"my-new-pass-1", "enter", *"my-new-pass-2", "enter")
        await pilot.pause(0.3)
        assert app.screen.query_one("#new", Field).value == "my-new-pass-1"
        assert "两次输入的新密码不一致" in str(app.screen.query_one("#password-message").render())
        again = app.screen.query_one("#again", Field)
        again.value = ""
        await pilot.press(*"my-new-pass-1", "enter")
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, HomeScreen):
                break
        assert isinstance(app.screen, HomeScreen)
    with database_proxy.connection_context():
        assert not auth.login("lisi", "my-new-pass-1", terminal="t", pid=1).must_change_password
