"""Intake as the rule sheet asks it (issue 26), typed by keys: a phone quote found by the
caller's number when the customer walks in, and the waybill issued from it with the answers
R-1.2, R-1.4 and R-2.2 ask for, on the record and on the slip."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from support import DEMO_NOW, burst, wait_for
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.models import Quote, Waybill, database_proxy
from depot_tui.screens.home import HomeScreen
from depot_tui.screens.lookup import LookupScreen
from depot_tui.screens.waybill import WaybillScreen
from depot_tui.screens.waybill.slip import SlipScreen
from depot_tui.services import clock

SIZE = (80, 24)
CALLER = "13632481199"


def message(screen) -> str:
    return str(screen.query_one("#form-message", Static).render())


async def _form(pilot) -> WaybillScreen:
    await burst(pilot, *"zhangsan", "enter", *"depot123", "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
    await pilot.press("f2")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, WaybillScreen) and pilot.app.screen.index)
    return pilot.app.screen


async def test_a_quote_by_phone_is_found_two_days_later_and_issued_with_the_intake_answers(
    demo_config, tmp_path
):
    """R-3.2 "正确报价后记录好", R-1.2 "是否危险品…放置朝向", R-1.4 "对有疑问的货物及时开箱检查",
    R-2.2 "联系电话确认", R-2.5/2.8's remarks. A caller is quoted for 4 cartons of perfume; two
    days later he walks in and the clerk types his number where the destination goes. If the
    quote is not found, the clerk quotes again from memory; if the form is not filled from it,
    he types it all again; if the answers are not stored and printed, the waybill carries no
    declaration for the shipper to sign, no orientation for the loaders, and no record that
    the goods were opened."""
    outbox = tmp_path / "outbox"
    app = DepotApp(type(demo_config)(**{**demo_config.__dict__, "outbox": outbox}))
    clock.fix(DEMO_NOW - dt.timedelta(days=2))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _form(pilot)
        # The call: destination, the caller as shipper, what and how much; Ctrl+T records it.
        await burst(pilot, *"xtx", "enter", "enter", "enter", *CALLER, "enter", *"吴国庆", "enter")
        await burst(
            pilot, *"香水", "enter", "4", "enter", *"纸箱", "enter", "enter", "enter", "enter", "enter"
        )
        await burst(pilot, *"20", "enter", *"0.2", "enter", "ctrl+t")
        await wait_for(pilot, lambda: "报价已记录" in message(screen))
        await burst(pilot, "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, WaybillScreen))
        await burst(pilot, "enter")  # throw the form away, as after every call
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))

    clock.fix(DEMO_NOW)
    app = DepotApp(type(demo_config)(**{**demo_config.__dict__, "outbox": outbox}))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _form(pilot)
        await burst(pilot, *CALLER, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LookupScreen))
        await burst(pilot, "enter")
        await wait_for(pilot, lambda: "的报价填好" in message(screen))
        form = screen.current_form()
        assert (form.destination, form.shipper_phone, form.goods_name, form.pieces) == (
            "430321",
            CALLER,
            "香水",
            "4",
        )
        assert "今日价格表同价" in message(screen)
        # The rest of the intake, as the conversation runs, in bursts as a hurried clerk types.
        await burst(pilot, *"19973285431", "ctrl+y", "enter")
        await wait_for(pilot, lambda: screen.current_form().consignee_name == "李卫东")  # a known consignee
        await burst(pilot, "enter", "enter", "enter", "enter", "enter", "enter", "y", "enter")
        await burst(pilot, "y", "enter", "2", "enter", "2", "enter", *"开箱看过，瓶身完好", "enter")
        await burst(pilot, "enter", "enter", *"3000", "enter", "enter")
        await burst(pilot, "enter", "enter", "enter", "enter", "enter", "enter", "enter", "enter")
        await burst(pilot, *"轻放", "f10")  # (class as suggested, no date required)
        await wait_for(pilot, lambda: isinstance(app.screen, SlipScreen), tries=60)
        slip = str(app.screen.query_one("#slip-text", Static).render())
        await pilot.pause(SlipScreen.LOOK_S + 0.1)
        await pilot.press("f10")
        await wait_for(pilot, lambda: "已开单" in message(screen), tries=80)

    with database_proxy.connection_context():
        waybill = Waybill.get(Waybill.shipper_phone == CALLER)
        quote = Quote.get(Quote.customer_phone == CALLER)
        assert quote.waybill_id == waybill.id  # the month's figures count it as taken up
        assert (waybill.orientation, waybill.hazard, waybill.hazard_category) == ("up", "yes", "aerosol")
        assert (waybill.inspection, waybill.inspection_note) == ("opened", "开箱看过，瓶身完好")
        assert waybill.consignee_phone_confirmed and not waybill.shipper_phone_confirmed
        assert waybill.remarks == "货损自负；保丢不保损；轻放"
        assert Decimal(waybill.declared_value) == 3000
    printed = (outbox / f"slip-{waybill.number}.txt").read_text(encoding="utf-8")
    for said in (
        "向上勿倒置",
        "已开箱查验：开箱看过，瓶身完好",
        "危险品申报：香水，属香水及气雾剂",
        "19973285431（已核实）",
        "货损自负；保丢不保损；轻放",
    ):
        assert said in printed and said in slip, said


async def test_f8_finds_a_callers_quotes_and_opens_the_form_filled_from_one(demo_config):
    """R-3.2 from F8: the number 黄丽华 called from two days ago (the demo's quote: 8 cartons of
    lamps to 湘潭县) finds no waybill but her quote; Ctrl+T lists it and Enter opens F2 filled
    from it. If F8 only said "no waybill", the clerk would quote her again."""
    from depot_tui.screens.search import SearchScreen

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, *"zhangsan", "enter", *"depot123", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f8")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await burst(pilot, *"13900000000", "enter", "ctrl+t")  # a caller with no quote
        await wait_for(
            pilot, lambda: "近 30 天没有报价" in str(app.screen.query_one("#search-message").render())
        )
        await burst(pilot, "ctrl+u", *"15018845523", "ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, LookupScreen))
        await burst(pilot, "enter")
        await wait_for(
            pilot, lambda: isinstance(app.screen, WaybillScreen) and "的报价填好" in message(app.screen)
        )
        form = app.screen.current_form()
        assert (form.destination, form.goods_name, form.pieces, form.shipper_name) == (
            "430321",
            "灯具",
            "8",
            "黄丽华",
        )


async def test_a_quote_never_overwrites_what_is_typed(demo_config):
    """Loses nothing already typed: with a waybill half typed, the caller's number typed over
    the destination is refused with what to do, and the half-typed waybill stays as it was."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _form(pilot)
        await burst(pilot, "enter", *"19973285431", "enter")
        await wait_for(pilot, lambda: screen.current_form().consignee_name == "李卫东")
        await burst(pilot, "shift+tab", "shift+tab", *"15018845523", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LookupScreen))
        await burst(pilot, "enter")
        await wait_for(pilot, lambda: "表单里已有内容" in message(screen))
        form = screen.current_form()
        assert (form.consignee_phone, form.consignee_name, form.goods_name) == ("19973285431", "李卫东", "")
