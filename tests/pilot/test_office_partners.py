"""Partner lines by keys: 陈静 adds one in the back office in one burst; at the counter, F9 on
the waybill's partner offers first the lines that reach the destination, and the one chosen
brings its usual transfer fee and rebate (R-5.6: the rebate marked), which the clerk may
change. A line offered that does not go there sends the goods the wrong way."""

from __future__ import annotations

from decimal import Decimal

from support import burst, log_in_as, open_waybill_form, screen_text, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import Partner, PartnerArea, database_proxy
from depot_tui.screens.lookup import LookupScreen
from depot_tui.screens.office import OfficeScreen, PartnersScreen

SIZE = (80, 24)


async def test_a_supervisor_adds_a_partner_line_in_one_burst(demo_config):
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "chenjing")
        await pilot.press("f12")
        await wait_for(pilot, lambda: isinstance(app.screen, OfficeScreen) and app.screen.items)
        parts = [part.id for part in app.screen.items]
        await pilot.press(*["down"] * parts.index("partners"), "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PartnersScreen) and app.screen.items)
        listed = app.screen
        await burst(pilot, "ctrl+n", *"粤西专线", "enter", *"黄生", "enter", *"0758 2233445", "enter")
        await burst(pilot, *"25", "enter", *"4", "enter", *"肇庆市，445302", "enter")
        await wait_for(pilot, lambda: app.screen is listed and "已保存：粤西专线" in screen_text(app))
    with database_proxy.connection_context():
        line = Partner.get(Partner.name == "粤西专线")
        assert (line.contact, line.phone, line.default_transfer_fee, line.default_rebate) == (
            "黄生",
            "0758-2233445",
            Decimal("25"),
            Decimal("4"),
        )
        assert PartnerArea.select().where(PartnerArea.partner == line.id).count() == 2


async def test_f9_on_the_partner_offers_the_lines_going_there_first_with_their_terms(demo_config):
    """To 湘潭县: 湘中快运 reaches 湖南省 and is offered first, marked ✓; 顺通中转物流 (广西)
    after it. Enter takes it: the transfer fee 20 and rebate 3 come with it."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_waybill_form(pilot)
        await burst(pilot, *"xtx", "enter")
        await wait_for(pilot, lambda: form.dest is not None and form.dest.code == "430321")
        form._w["transfer"].focus()
        await burst(pilot, "y", "enter", "f9")
        await wait_for(pilot, lambda: isinstance(app.screen, LookupScreen) and app.screen._values)
        assert app.screen._values[:2] == ["湘中快运", "顺通中转物流"]
        assert str(app.screen.query_one("#lookup-list").get_option_at_index(0).prompt) == "湘中快运 ✓"
        await burst(pilot, "enter")
        await wait_for(pilot, lambda: app.screen is form and form._w["partner"].value == "湘中快运")
        assert (form._w["transfer_fee"].value, form._w["rebate"].value) == ("20", "3")
