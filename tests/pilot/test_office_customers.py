"""Customers by keys (F12, 客户): 陈静 finds 恒达 by its phone, proposes a 9折 agreed price and
approves it, sets its monthly account's limit; the counter then prices 恒达's waybill with it.
An agreement the counter did not apply bills a key customer the table's price."""

from __future__ import annotations

from decimal import Decimal

from support import burst, log_in_as, open_waybill_form, screen_text, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import Agreement, Customer, database_proxy
from depot_tui.screens.office import AgreementScreen, CustomerFormScreen, CustomersScreen, OfficeScreen

SIZE = (80, 24)


async def open_customers(pilot, app, username: str) -> CustomersScreen:  # noqa: ANN001
    await log_in_as(pilot, username)
    await pilot.press("f12")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeScreen) and app.screen.items)
    parts = [part.id for part in app.screen.items]
    await pilot.press(*["down"] * parts.index("customers"), "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, CustomersScreen) and app.screen.items)
    return app.screen


async def test_a_supervisor_agrees_a_price_and_the_counter_bills_it(demo_config):
    """Find 13802451187, Ctrl+T, 9折, F10 (proposed: waiting), Ctrl+Y (approved). Then, in the
    same session, the limit and statement day set by Enter. A clerk's form for 恒达 to 湘潭县,
    120 kg: 97.20 (108.00 at the table, ×0.9), and the form says the agreed price applies."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        listed = await open_customers(pilot, app, "chenjing")
        await burst(pilot, *"13802451187", "enter")
        await wait_for(pilot, lambda: [x.phone for x in listed.items] == ["13802451187"])
        await burst(pilot, "ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen))
        await burst(pilot, *"9折", "f10")
        await wait_for(pilot, lambda: "待主管批准" in screen_text(app))
        await burst(pilot, "ctrl+y")
        await wait_for(pilot, lambda: "已批准" in screen_text(app) and "待批准" not in screen_text(app))
        await burst(pilot, "escape")
        await wait_for(pilot, lambda: app.screen is listed and listed.items[0].agreement == Decimal("0.9"))
        await burst(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CustomerFormScreen))
        await burst(pilot, "enter", "enter", "enter", "enter", *"50000", "enter", *"25", "enter")
        await wait_for(
            pilot, lambda: app.screen is listed and listed.items[0].credit_limit == Decimal("50000")
        )
    with database_proxy.connection_context():
        hengda = Customer.get(Customer.phone == "13802451187")
        assert hengda.statement_day == 25
        assert Agreement.get(Agreement.customer == hengda.id).status == "approved"

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_waybill_form(pilot)
        await burst(pilot, *"xtx", "enter", *"19973285431", "enter", "enter", *"13802451187", "enter")
        await wait_for(pilot, lambda: form.discount == Decimal("0.9"))
        form._w["weight"].focus()
        await burst(pilot, *"120", "enter")
        await wait_for(pilot, lambda: "协议价 ×0.9" in screen_text(app))
        assert "97.20" in screen_text(app)


async def test_a_clerk_reads_the_customers_and_changes_nothing(demo_config):
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        listed = await open_customers(pilot, app, "zhangsan")
        bar = screen_text(app).splitlines()[-1]
        assert "协议价" not in bar and "合并" not in bar
        await burst(pilot, "tab", "enter", "ctrl+t", "ctrl+o")
        assert app.screen is listed and "开单员只能查看客户" in screen_text(app)
