"""Money on a waybill by keys (issue 24): F8's waybill, Ctrl+F, a part of the collect freight
by WeChat with its transaction number, typed in one burst; a clerk is not offered a refund."""

from __future__ import annotations

from decimal import Decimal

from support import as_collect, burst, log_in_as, slip_up, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import Depot, Payment, Waybill, database_proxy
from depot_tui.screens.money import MoneyFormScreen
from depot_tui.screens.search import SearchScreen, WaybillDetailScreen

SIZE = (80, 24)


def _collect_here() -> Waybill:
    """A waybill from CS to GZ made 提付: its consignee pays at GZ."""
    with database_proxy.connection_context():
        gz = Depot.get(Depot.code == "GZ")
        waybill = Waybill.select().where(Waybill.dest_depot == gz.id).order_by(Waybill.id).first()
        as_collect(waybill.id)
        return Waybill.get_by_id(waybill.id)


async def test_part_of_the_collect_freight_is_taken_by_wechat_in_one_burst(demo_config):
    """张三 finds the waybill, Ctrl+F, leaves 收款, clears the amount offered (all that is owed)
    and types 30, WeChat, its number, F10: the payment is stored with its number and the
    detail says what is left. A clerk's dialog offers no refund."""
    waybill = _collect_here()
    total = Decimal(str(waybill.total))
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await burst(pilot, "f8")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await burst(pilot, *waybill.number, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WaybillDetailScreen) and app.screen.owed)
        detail = app.screen
        await burst(pilot, "ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, MoneyFormScreen))
        dialog = app.screen
        assert dialog.query_one("#amount").value == f"{total:.2f}"
        assert [code for code, _ in dialog.query_one("#kind").options] == ["take"]
        await burst(pilot, "enter", "ctrl+u", *"30", "enter", "2", "enter", *"4200001234", "f10")
        await wait_for(pilot, lambda: app.screen is detail and detail.owed.paid == Decimal("30.00"))
        shown = str(detail.query_one("#detail-money").render())
        assert f"待收 {total - 30:.2f}" in shown
    with database_proxy.connection_context():
        [paid] = list(Payment.select().where(Payment.waybill == waybill.id))
        assert (paid.amount, paid.method, paid.reference, paid.purpose) == (
            Decimal("30.00"),
            "wechat",
            "4200001234",
            "collect",
        )


async def test_a_reweigh_twelve_percent_heavy_proposes_fault_9_by_keys(demo_config):
    """李四 re-weighs a waybill 张三 issued (F8, Ctrl+W) and types 12 % more in one burst: the
    detail says it is beyond the tolerance and to correct it; F09 waits for the supervisor
    against 张三, not 李四."""
    from depot_tui.models import ScoreEvent, User

    with database_proxy.connection_context():
        zhang = User.get(User.username == "zhangsan")
        waybill = Waybill.select().where(Waybill.issued_by == zhang.id).order_by(Waybill.id).first()
        heavier = (Decimal(str(waybill.weight_kg)) * Decimal("1.12")).quantize(Decimal("0.01"))
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "lisi")
        await burst(pilot, "f8")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await burst(pilot, *waybill.number, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WaybillDetailScreen) and app.screen.weight)
        detail = app.screen
        await burst(pilot, "ctrl+w", *f"{heavier}", "f10")
        await wait_for(
            pilot,
            lambda: app.screen is detail and "第 9 条" in str(detail.query_one("#detail-message").render()),
        )
    with database_proxy.connection_context():
        [event] = list(ScoreEvent.select().where(ScoreEvent.waybill == waybill.id))
        assert (event.rule.code, event.user_id, event.status) == ("F09", zhang.id, "proposed")


async def test_freight_paid_now_by_alipay_is_chosen_on_the_slip(demo_config):
    """The worked example (现付 197.00): on the slip the clerk tabs to how it is paid and picks
    Alipay; F10 without its number keeps the slip up with the cursor there; the number, F10:
    the payment stored says Alipay with the number."""
    from support import open_waybill_form, type_worked_example

    from depot_tui.screens.waybill.slip import SlipScreen

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_waybill_form(pilot)
        await type_worked_example(pilot)
        await burst(pilot, "f10")
        await slip_up(pilot)
        await burst(pilot, "tab", "3", "f10")  # Alipay without its number: the slip stays up
        assert isinstance(app.screen, SlipScreen) and app.focused.id == "paid-ref"
        await burst(pilot, *"2026112322009", "f10")
        await wait_for(
            pilot,
            lambda: app.screen is screen and "已开单" in str(screen.query_one("#form-message").render()),
        )
    with database_proxy.connection_context():
        paid = Payment.select().order_by(Payment.id.desc()).first()
        assert (paid.method, paid.reference, paid.amount) == ("alipay", "2026112322009", Decimal("197.00"))


async def test_each_waybill_of_a_form_gets_its_own_slip_as_new(demo_config):
    """The slip is one screen kept for the form's waybills one after another: the second
    shows the second waybill from its top, with the cursor on the text and paid in cash until
    the clerk says otherwise (the first was Alipay, read to its end); a collect waybill's slip
    has no payment row. Leaving F2 takes the slip with it."""
    from support import open_waybill_form, type_worked_example
    from textual.widgets import Static

    from depot_tui.screens.waybill.slip import SlipScreen

    def said(slip: SlipScreen) -> str:
        return str(slip.query_one("#slip-text", Static).render())

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_waybill_form(pilot)
        await type_worked_example(pilot)
        await burst(pilot, "f10")
        slip = await slip_up(pilot)
        await burst(pilot, "end", "tab", "3", "f10", *"2026112322009", "f10")
        await wait_for(
            pilot,
            lambda: app.screen is screen and "已开单" in str(screen.query_one("#form-message").render()),
        )
        for payment, paying in (("cash", True), ("collect", False)):
            await type_worked_example(pilot)
            screen._w["pieces"].value = "2"
            screen._w["payment"].value = payment
            await burst(pilot, "f10")
            await wait_for(pilot, lambda: app.screen is slip)
            body = slip.query_one("#slip-body")
            assert "件数 2" in said(slip) and slip.focused is body and body.scroll_y == 0
            assert slip.query_one("#slip-paid").display is paying
            if paying:
                assert (slip.method, slip.query_one("#paid-ref").value) == ("cash", "")
                await pilot.pause(SlipScreen.LOOK_S + 0.05)
                await burst(pilot, "f10")
                await wait_for(pilot, lambda: app.screen is screen and screen.current_form().is_blank())
        await burst(pilot, "escape")  # back to the form, then home (the form asks first)
        await wait_for(pilot, lambda: app.screen is screen)
        await burst(pilot, "escape", "enter")
        await wait_for(pilot, lambda: screen not in app.screen_stack)
        await pilot.pause(0.2)
        assert not app.is_screen_installed(slip) and not slip.is_attached


async def test_a_weight_corrected_in_f8_reprices_and_the_detail_says_what_is_owed(demo_config, tmp_path):
    """F8's correction (Ctrl+E): weight and volume share a row, as do declared value and freight.
    The worked example's 120 kg made 150 with a reason, F10: the detail shows 224.00 with 27.00
    owed by the shipper (paid 197.00 at issue), not a second 224.00."""
    from support import xt_form

    from depot_tui.services import auth, waybills

    with database_proxy.connection_context():
        clerk = auth.login("zhangsan", "depot123", terminal="setup", pid=3).actor
        number = waybills.issue(clerk, xt_form(3), shipper_confirmed=True, outbox=tmp_path).number
        auth.logout(clerk)
    app = DepotApp(type(demo_config)(**{**demo_config.__dict__, "outbox": tmp_path}))
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await burst(pilot, "f8")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await burst(pilot, *number, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WaybillDetailScreen) and app.screen.owed)
        detail = app.screen
        await burst(pilot, "ctrl+e")
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "c-destination")
        for _ in range(20):
            if app.focused.id == "c-weight":
                break
            await burst(pilot, "tab")
        await burst(pilot, "ctrl+u", *"150")
        for _ in range(20):
            if app.focused.id == "c-reason":
                break
            await burst(pilot, "tab")
        await burst(pilot, *"复磅 150 kg", "f10")
        await wait_for(
            pilot, lambda: app.screen is detail and detail.owed and detail.owed.total == Decimal("224.00")
        )
        assert detail.owed.due == Decimal("27.00")
        assert "待收 27.00" in str(detail.query_one("#detail-money").render())
