"""Pickup and notify (F5) at the counter, by keys: the truck from CS has been checked in at GZ."""

from __future__ import annotations

from decimal import Decimal

from support import DEMO_NOW, checked_in_cs_truck, wait_for
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.models import ConsigneeNotice, Payment, Pickup, Release, Waybill, WaybillStatus, database_proxy
from depot_tui.screens.home import HomeScreen
from depot_tui.screens.pickup import NotifyScreen, PickupFormScreen, PickupScreen, ReleaseScreen

SIZE = (80, 24)
GOOD_ID = "440106199003071231"  # tests/unit/test_pickup.py works its check character out
MISREAD_ID = "440106199003071232"


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_notify_release_and_pick_up_by_keys(demo_config):
    """The day clerk calls the first consignee (Enter on the list, F10); a consignee comes for
    held goods and is refused until the shipper's release is recorded (Ctrl+R, by a call to
    the shipper's number); the collector's ID is misread by one digit and refused with a clear
    message at the field; then the goods go. A collect-freight waybill is handed over only
    with the money. The database holds each step: a clerk who could skip one would hand goods
    to the wrong person, or without the freight."""
    first, held, collect = checked_in_cs_truck()
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"zhangsan", "enter", *"depot123", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, PickupScreen) and app.screen.items)
        counter = app.screen
        assert first.number in [line.number for line in counter.items]
        await pilot.press("tab")  # from the find field to the list
        row = [line.number for line in counter.items].index(first.number)
        await pilot.press(*["down"] * row, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NotifyScreen))
        await pilot.press("enter", "1", "enter", *"明早来提", "f10")  # phone, will come
        await wait_for(
            pilot,
            lambda: app.screen is counter and first.number not in [line.number for line in counter.items],
        )

        await pilot.press("shift+tab", *held.number, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PickupFormScreen))
        assert "须先登记发货人放货" in text(app.screen, "#held-warning")
        await pilot.press(*"刘建国", "enter", *GOOD_ID, "enter", *"刘建国", "f10")
        await wait_for(pilot, lambda: "须先登记发货人放货" in text(app.screen, "#dialog-message"))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is counter)

        await pilot.press("tab")
        row = [line.number for line in counter.items].index(held.number)
        await pilot.press(*["down"] * row, "ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReleaseScreen))
        await pilot.press("2", "enter", "enter", *"13800000000", "f10")  # a call, to the wrong number
        await wait_for(pilot, lambda: held.shipper_phone in text(app.screen, "#dialog-message"))
        evidence = app.screen.query_one("#evidence")
        assert app.focused is evidence and evidence.value == "13800000000"  # kept, to correct
        evidence.value = ""
        await pilot.press(*held.shipper_phone, "f10")
        await wait_for(pilot, lambda: app.screen is counter)

        await pilot.press("shift+tab", *held.number, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PickupFormScreen))
        await pilot.press(*"刘建国", "enter", *MISREAD_ID, "enter", *"刘建国", "f10")
        await wait_for(pilot, lambda: "校验位不对" in text(app.screen, "#dialog-message"))
        id_field = app.screen.query_one("#id_number")
        assert app.focused is id_field and id_field.value == MISREAD_ID
        id_field.value = ""
        await pilot.press(*GOOD_ID, "f10")
        await wait_for(pilot, lambda: app.screen is counter)

        await pilot.press(*collect.number, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PickupFormScreen))
        due = f"{Decimal(str(collect.total)):.2f}"
        assert f"提付 {due} 元" in text(app.screen, "#bring")
        await pilot.press(
            *"刘建国", "enter", *GOOD_ID, "enter", *"刘建国", "enter", "1", "enter", "2", "f10"
        )  # 1 yuan is not what is due; 2: WeChat
        await wait_for(pilot, lambda: f"提付应收 {due} 元" in text(app.screen, "#dialog-message"))
        app.screen.query_one("#collect_amount").value = ""
        app.screen.query_one("#collect_amount").focus()
        await pilot.press(*due, "f10")  # WeChat without its number: refused at it
        await wait_for(pilot, lambda: "交易单号" in text(app.screen, "#dialog-message"))
        app.screen.query_one("#collect_reference").focus()
        await pilot.press(*"4200003333", "f10")
        await wait_for(pilot, lambda: app.screen is counter)

    with database_proxy.connection_context():
        notice = ConsigneeNotice.get(ConsigneeNotice.waybill == first.id)
        assert (notice.waybill_id, notice.method, notice.answer, notice.note) == (
            first.id,
            "phone",
            "will_come",
            "明早来提",
        )
        assert Waybill.get_by_id(first.id).status == WaybillStatus.NOTIFIED
        release = Release.get()
        assert (release.waybill_id, release.method) == (held.id, "phone")
        assert release.evidence == held.shipper_phone
        pickups = {p.waybill_id: p for p in Pickup.select().where(Pickup.at >= DEMO_NOW)}
        assert set(pickups) == {held.id, collect.id}
        assert pickups[held.id].collector_id_number == GOOD_ID and pickups[held.id].signature_name == "刘建国"
        assert Waybill.get_by_id(held.id).status == WaybillStatus.PICKED_UP
        paid = Payment.get(Payment.purpose == "collect")
        assert (paid.waybill_id, paid.amount, paid.method, paid.reference) == (
            collect.id,
            Decimal(due),
            "wechat",
            "4200003333",
        )
        assert Waybill.get_by_id(collect.id).status == WaybillStatus.PICKED_UP
