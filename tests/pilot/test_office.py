"""The back office by keys (F12): 陈静 changes a price from tomorrow, adds a destination and
imports a table; 张三 reads the table and cannot change it. What the keys did must be what the
price table and the audit trail say, and keys typed in one burst must land as typed slowly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from support import DEMO_NOW, burst, log_in_as, screen_text, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import AuditLog, PriceRule, database_proxy
from depot_tui.screens.office import OfficeScreen, PriceImportScreen, PriceLineScreen, PriceTableScreen
from depot_tui.services import auth, prices

SIZE = (80, 24)
TOMORROW = DEMO_NOW.date() + dt.timedelta(days=1)
HEADS = "代码,到站,元/公斤,元/立方,最低收费,送货费,上楼费,重量段,生效日期"


def table_on(day: dt.date) -> dict[str, prices.PriceLine]:
    with database_proxy.connection_context():
        chen = auth.login("chenjing", "depot123", terminal="check", pid=2).actor
        return {line.place_code: line for line in prices.table_on(chen, day)}


async def open_prices(pilot, app, username: str) -> PriceTableScreen:  # noqa: ANN001
    await log_in_as(pilot, username)
    await pilot.press("f12")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeScreen) and app.screen.items)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, PriceTableScreen) and app.screen.items)
    return app.screen


async def test_a_supervisor_changes_a_price_from_tomorrow_in_one_burst(demo_config):
    """F12, Enter, find xtx, Enter on 湘潭县, per kg 1.10 and a 100 kg band at 1.30, Enter
    through to the day (tomorrow, as offered) and save: all typed in one burst, as a laggy
    link delivers it. Today's line is untouched; tomorrow's is what was typed; the list says
    the new price starts tomorrow."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_prices(pilot, app, "chenjing")
        await burst(pilot, *"xtx", "enter", "enter", "ctrl+u", *"1.10", "enter", "enter", "enter", "enter")
        await burst(pilot, "enter", *"100:1.30", "enter", "enter")
        await wait_for(pilot, lambda: app.screen is table and table.items[0].next_from == TOMORROW)
        assert [line.place_code for line in table.items] == ["430321"]  # still the one found
        assert f"已保存：湘潭县 从 {TOMORROW:%Y-%m-%d} 起" in screen_text(app)
    today, tomorrow = table_on(DEMO_NOW.date()), table_on(TOMORROW)
    assert today["430321"].per_kg == Decimal("0.9") and today["430321"].next_from == TOMORROW
    assert tomorrow["430321"].per_kg == Decimal("1.1") and tomorrow["430321"].breaks_text == "100:1.30"


async def test_a_wrong_rate_is_refused_at_its_field_and_nothing_typed_is_lost(demo_config):
    """Ctrl+N, a new destination (江岸区) with a minus sign in the per-kg rate: the message
    names the field, the cursor is put there, and the other fields keep what was typed. Put
    right, F10 saves it, from today (a new destination)."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_prices(pilot, app, "chenjing")
        await burst(pilot, "ctrl+n", *"420102", "enter", *"-1", "enter", *"260", "enter", *"35", "f10")
        await wait_for(pilot, lambda: "元/公斤：" in screen_text(app))
        form = app.screen
        assert isinstance(form, PriceLineScreen) and app.focused.id == "per_kg"
        assert [form.query_one(f"#{n}").value for n in ("destination", "per_m3", "min_charge")] == [
            "420102",
            "260",
            "35",
        ]
        await burst(pilot, "ctrl+u", *"1.4", "f10")
        await wait_for(pilot, lambda: app.screen is table and "420102" in {x.place_code for x in table.items})
    assert table_on(DEMO_NOW.date())["420102"].per_kg == Decimal("1.4")


async def test_an_import_with_a_bad_row_is_refused_whole_then_the_fixed_file_goes_in(demo_config, tmp_path):
    """Ctrl+R, the file's name (it is in the outbox), Enter, Enter: row 3's county does not
    exist, so nothing goes in and row 3 is named. The file put right, F10 imports both lines."""
    demo_config.outbox.mkdir(parents=True, exist_ok=True)
    path = demo_config.outbox / "hubei.csv"
    path.write_text(f"{HEADS}\n420000,湖北省,1.5,300,40,60,30,100:2,\n,湖北无此县,1,200,30,,,,\n", "utf-8")
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_prices(pilot, app, "chenjing")
        await burst(pilot, "ctrl+r", *"hubei.csv", "enter", "enter")
        await wait_for(pilot, lambda: "一行都没导入" in screen_text(app))
        assert "第 3 行 到站：找不到地点 湖北无此县" in screen_text(app)
        assert isinstance(app.screen, PriceImportScreen) and app.focused.id == "path"
        assert "420000" not in table_on(DEMO_NOW.date())
        path.write_text(
            f"{HEADS}\n420000,湖北省,1.5,300,40,60,30,100:2,\n420106,武昌区,1.2,300,40,60,30,,\n", "utf-8"
        )
        await burst(pilot, "f10")
        await wait_for(pilot, lambda: app.screen is table and "已导入 2 行" in screen_text(app))
    assert {"420000", "420106"} <= set(table_on(DEMO_NOW.date()))
    with database_proxy.connection_context():
        assert AuditLog.select().where(AuditLog.action == "price.import").count() == 2


async def test_a_clerk_reads_the_table_and_cannot_change_it(demo_config):
    """张三's F12 is the price table, read only: no change keys on the bar, Enter on a line says
    so, Ctrl+N and Ctrl+R open nothing; the table is the same afterwards."""
    with database_proxy.connection_context():
        before = PriceRule.select().count()
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_prices(pilot, app, "zhangsan")
        bar = screen_text(app).splitlines()[-1]
        assert "导出" in bar and "添加" not in bar and "导入" not in bar
        await burst(pilot, "tab", "enter", "ctrl+n", "ctrl+r")
        assert app.screen is table and "开单员只能查看价格表" in screen_text(app)
    with database_proxy.connection_context():
        assert PriceRule.select().count() == before


async def test_f9_on_an_empty_destination_is_the_price_table_and_esc_goes_back(demo_config):
    """A clerk quoting by phone reads the table from the waybill form: F9 on the destination
    before anything is typed; Esc returns to the form with the cursor where it was."""
    from support import open_waybill_form

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_waybill_form(pilot)
        await burst(pilot, "f9")
        await wait_for(pilot, lambda: isinstance(app.screen, PriceTableScreen) and app.screen.items)
        assert "Ctrl+N" not in screen_text(app).splitlines()[-1]  # read only
        await burst(pilot, "escape")
        await wait_for(pilot, lambda: app.screen is form and app.focused.id == "destination")
