"""Settings in the back office by keys (F12, 设置): the admin changes the insurance rate from
tomorrow as the rule sheet writes it (千分之四), a wrong rate is refused at its field with what
was typed kept, and a clerk reads the settings without changing them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from support import DEMO_NOW, burst, log_in_as, screen_text, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import database_proxy
from depot_tui.screens.office import OfficeScreen, SettingFormScreen, SettingsScreen
from depot_tui.services import settings

SIZE = (80, 24)
TOMORROW = DEMO_NOW.date() + dt.timedelta(days=1)


async def open_settings(pilot, app, username: str) -> SettingsScreen:  # noqa: ANN001
    await log_in_as(pilot, username)
    await pilot.press("f12")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeScreen) and app.screen.items)
    parts = [part.id for part in app.screen.items]
    await pilot.press(*["down"] * parts.index("settings"), "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen) and app.screen.items)
    return app.screen


async def test_the_admin_changes_the_insurance_rate_from_tomorrow_in_one_burst(demo_config):
    """Find 保价, Enter on it, -3‰ (refused at the field, the text kept), then 千分之四 from
    tomorrow (as offered) with the reason: today's rate stays 3‰, tomorrow's is 4‰, and the
    list shows the change to come."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        listed = await open_settings(pilot, app, "admin")
        await burst(pilot, *"保价费率", "enter", "enter", "ctrl+u", *"-3‰", "f10")
        await wait_for(pilot, lambda: "新值：" in screen_text(app))
        assert isinstance(app.screen, SettingFormScreen) and app.focused.id == "value"
        assert app.focused.value == "-3‰"
        await burst(pilot, "ctrl+u", *"千分之四", "enter", "enter", *"保险公司调价", "enter")
        await wait_for(pilot, lambda: app.screen is listed and listed.items[0].next_from == TOMORROW)
        assert "已保存：保价费率" in screen_text(app)
    with database_proxy.connection_context():
        assert settings.get("insurance.rate") == "0.003"
        assert Decimal(settings.get("insurance.rate", None, TOMORROW)) == Decimal("0.004")


async def test_a_clerk_reads_the_settings_and_cannot_change_them(demo_config):
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        listed = await open_settings(pilot, app, "zhangsan")
        assert len(listed.items) == len(settings.SPECS)
        await burst(pilot, "tab", "enter")
        assert app.screen is listed and "只有管理员可以修改设置" in screen_text(app)
