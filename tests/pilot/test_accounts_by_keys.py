"""Monthly accounts by keys (issue 24, part 3): a monthly customer's waybills of the month on a
statement drawn up by the clerk, checked by the supervisor, disputed on one waybill and put
right after its correction, confirmed, invoiced and paid; then what customers owe."""

from __future__ import annotations

from decimal import Decimal

from support import burst, log_in_as, screen_text, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import Customer, Payment, Statement, Waybill, database_proxy
from depot_tui.screens.dialogs import TextScreen
from depot_tui.screens.pickup.statements import (
    DisputeScreen,
    DrawUpScreen,
    ReceivablesScreen,
    StatementsScreen,
    StepScreen,
)

SIZE = (80, 24)
PHONE = "18922356610"  # 佛山顺德美佳家具厂, the demo's monthly customer


async def _statements(pilot, username: str) -> StatementsScreen:  # noqa: ANN001
    await log_in_as(pilot, username)
    await burst(pilot, "f5", "ctrl+y")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, StatementsScreen))
    return pilot.app.screen


async def test_a_statement_from_drawn_up_to_paid_by_keys(demo_config, tmp_path):
    """The customer's five monthly waybills of the month (the demo's four and one issued now),
    one corrected before the statement. 张三 draws it up (his Ctrl+G cannot check it); 陈静
    checks and sends it, records the customer's dispute of another waybill, puts it right once
    that one is corrected (repriced), and takes it through confirmed, invoiced and paid by
    transfer. Every monthly waybill is then paid, and the customer owes nothing billed."""
    from support import xt_form

    from depot_tui.services import auth, waybills

    with database_proxy.connection_context():
        customer = Customer.get(Customer.phone == PHONE)
        clerk = auth.login("zhangsan", "depot123", terminal="setup", pid=3).actor
        form = xt_form(2)
        form.shipper_phone, form.shipper_name, form.payment = PHONE, customer.name, "monthly"
        waybills.issue(clerk, form, shipper_confirmed=True, outbox=tmp_path)
        bills = list(
            Waybill.select().where((Waybill.shipper == customer.id) & (Waybill.payment_method == "monthly"))
        )
        assert len(bills) == 5
        heavier = f"{Decimal(str(bills[1].weight_kg)) + 30}"
        waybills.correct(clerk, bills[1].number, {"weight": heavier}, "复磅更正", outbox=tmp_path)
        auth.logout(clerk)
        disputed = bills[0]
    app = DepotApp(type(demo_config)(**{**demo_config.__dict__, "outbox": tmp_path}))
    async with app.run_test(size=SIZE) as pilot:
        listing = await _statements(pilot, "zhangsan")
        await burst(pilot, "ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, DrawUpScreen))
        await burst(pilot, *PHONE, "f10")
        await wait_for(pilot, lambda: app.screen is listing and listing.items)
        await burst(pilot, "ctrl+g")  # a clerk cannot check it
        await wait_for(pilot, lambda: "不能执行此操作" in screen_text(app))
        await burst(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TextScreen))
        assert disputed.number in screen_text(app)
    with database_proxy.connection_context():
        [statement] = list(Statement.select())
        assert statement.status == "issued" and len(list(statement.lines)) == len(bills)

    app = DepotApp(type(demo_config)(**{**demo_config.__dict__, "outbox": tmp_path}))
    async with app.run_test(size=SIZE) as pilot:
        listing = await _statements(pilot, "chenjing")
        await wait_for(pilot, lambda: listing.items)
        await burst(pilot, "ctrl+g")
        await wait_for(pilot, lambda: listing.items and listing.items[0].status == "checked")
        await burst(pilot, "ctrl+g")
        await wait_for(pilot, lambda: listing.items and listing.items[0].status == "sent")
        await burst(pilot, "ctrl+d")
        await wait_for(pilot, lambda: isinstance(app.screen, DisputeScreen))
        await burst(pilot, *disputed.number, "enter", *"客户说只有 100 kg", "f10")
        await wait_for(pilot, lambda: listing.items and listing.items[0].status == "disputed")
        with database_proxy.connection_context():
            boss = auth.login("chenjing", "depot123", terminal="pytest-office", pid=9).actor
            waybills.correct(
                boss, disputed.number, {"weight": "100"}, "对账异议：复磅 100 kg", outbox=tmp_path
            )
            corrected = Decimal(str(Waybill.get_by_id(disputed.id).total))
        await burst(pilot, "ctrl+d")
        await wait_for(pilot, lambda: isinstance(app.screen, DisputeScreen))
        await burst(pilot, *disputed.number, "f10")  # nothing said: put right
        await wait_for(pilot, lambda: listing.items and listing.items[0].status == "sent")
        await burst(pilot, "ctrl+g")
        await wait_for(pilot, lambda: listing.items and listing.items[0].status == "confirmed")
        await burst(pilot, "ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, StepScreen))
        await burst(pilot, *"No.04417722", "f10")
        await wait_for(pilot, lambda: listing.items and listing.items[0].status == "invoiced")
        await burst(pilot, "ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, StepScreen))
        await burst(pilot, "enter", *"HX20261123001", "f10")  # by transfer, as offered
        await wait_for(pilot, lambda: app.screen is listing and not listing.items)  # paid: off the open list
        await burst(pilot, "ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReceivablesScreen))
        owed = app.screen.items
    with database_proxy.connection_context():
        statement = Statement.get_by_id(statement.id)
        assert (statement.status, statement.invoice_no) == ("paid", "No.04417722")
        lines = {line.waybill_id: Decimal(str(line.amount)) for line in statement.lines}
        assert lines[disputed.id] == corrected and Decimal(str(statement.total)) == sum(lines.values())
        paid = {
            p.waybill_id: Decimal(str(p.amount)) for p in Payment.select().where(Payment.purpose == "account")
        }
        assert paid == lines
    assert all(r.phone != PHONE or r.total == r.unbilled for r in owed)
