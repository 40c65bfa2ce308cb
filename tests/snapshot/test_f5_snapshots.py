"""How F5 (after arrival: pickup, return receipts, deliveries) looks at 80x24, in Chinese and
English: as test_snapshots.py, whose login and wait helpers these use (a failing snapshot opens
snapshot_report.html; rerun with --snapshot-update if the change was intended)."""

from __future__ import annotations

import datetime as dt

import pytest
from support import DEMO_NOW
from test_snapshots import LANGS, SIZE, _log_in, _until

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language


def _checked_in_cs_truck() -> None:
    """The demo's CS truck checked in at GZ: six waybills to notify, one held for release,
    one collect-freight (support.checked_in_cs_truck)."""
    from support import checked_in_cs_truck

    checked_in_cs_truck()


async def _pickup_list(pilot) -> None:
    """Log in, F5, until the list to notify has loaded."""
    from depot_tui.screens.pickup import PickupScreen

    await _log_in(pilot)
    await pilot.press("f5")
    await _until(pilot, lambda: isinstance(pilot.app.screen, PickupScreen) and pilot.app.screen.items)


@pytest.mark.parametrize("lang", LANGS)
def test_pickup_notify_list(snap_compare, sqlite_config, lang):
    """F5 after the night check: the find field, then the arrivals to notify, oldest first,
    with phone, pieces here, collect-freight, receipt copies and the held one marked; all of
    it inside 80 columns."""
    set_language(lang)
    _checked_in_cs_truck()

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=_pickup_list)


@pytest.mark.parametrize("lang", LANGS)
def test_pickup_form_with_an_error(snap_compare, sqlite_config, lang):
    """The pickup form for the collect-freight waybill with a misread ID number: what to
    bring and the amount due on top, the refusal under the fields, the cursor back on the ID."""
    set_language(lang)
    _checked_in_cs_truck()

    async def misread(pilot):
        from depot_tui.screens.pickup import PickupFormScreen

        await _pickup_list(pilot)
        collect = next(line for line in pilot.app.screen.items if line.collect_due)
        await pilot.press(*collect.number, "enter")
        await _until(pilot, lambda: isinstance(pilot.app.screen, PickupFormScreen))
        await pilot.press(*"刘建国", "enter", *"440106199003071232", "enter", *"刘建国", "f10")
        await _until(pilot, lambda: str(pilot.app.screen.query_one("#dialog-message").render()).strip())

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=misread)


def _receipts_on_their_way() -> None:
    """Two receipts of waybills issued at GZ, as if their goods had reached XT and been picked
    up: one signed there yesterday (on its way back), one already back here (to hand to the
    shipper). Beside the demo's receipt picked up here two days ago and never signed."""
    from depot_tui.models import ReturnReceipt, User, Waybill, database_proxy

    with database_proxy.connection_context():
        xt, gz = User.get(User.username == "sunqi"), User.get(User.username == "lisi")
        rows = list(
            ReturnReceipt.select()
            .join(Waybill)
            .where(Waybill.origin_depot == gz.depot_id)
            .order_by(Waybill.number)
            .limit(2)
        )
        assert len(rows) == 2, "the demo has receipts issued at GZ"
        signed = DEMO_NOW - dt.timedelta(days=1)
        Waybill.update(status="picked_up").where(Waybill.id.in_([r.waybill_id for r in rows])).execute()
        ReturnReceipt.update(status="signed", signed_by=xt.id, signed_at=signed).where(
            ReturnReceipt.id == rows[0].id
        ).execute()
        ReturnReceipt.update(
            status="returned",
            signed_by=xt.id,
            signed_at=signed,
            returned_by=gz.id,
            returned_at=DEMO_NOW - dt.timedelta(hours=1),
        ).where(ReturnReceipt.id == rows[1].id).execute()


@pytest.mark.parametrize("lang", LANGS)
def test_return_receipt_list(snap_compare, sqlite_config, lang):
    """F5, Ctrl+G at GZ: the receipts this depot has a step for, overdue first: the one
    picked up two days ago and never signed, one signed at XT yesterday and not yet back,
    one back here to hand to its shipper; each with its state, since when and the next step."""
    set_language(lang)
    _receipts_on_their_way()

    async def receipts(pilot):
        from depot_tui.screens.pickup.receipts import ReceiptScreen

        await _pickup_list(pilot)
        await pilot.press("ctrl+g")
        await _until(pilot, lambda: isinstance(pilot.app.screen, ReceiptScreen) and pilot.app.screen.items)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=receipts)


@pytest.mark.parametrize("lang", LANGS)
def test_delivery_list(snap_compare, sqlite_config, lang):
    """F5, Ctrl+L at GZ: the day's title with how many are to plan, then the waybill issued
    for delivery and the self-pickup whose consignee asked for delivery (marked as changed)."""
    set_language(lang)

    async def deliveries(pilot):
        from depot_tui.screens.pickup.delivery import DeliveryScreen

        await _pickup_list(pilot)
        await pilot.press("ctrl+l")
        await _until(pilot, lambda: isinstance(pilot.app.screen, DeliveryScreen) and pilot.app.screen.items)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=deliveries)
