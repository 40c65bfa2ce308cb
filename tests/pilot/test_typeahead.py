"""Keys that arrive together (a laggy SSH link, a paste, a scanner) land where they were typed,
in the order typed: the same as typed one at a time with the screen keeping up.

`burst` queues every key in the app before the first is handled, as one read from the
terminal does; pilot's own `press` waits for the screen after each key, and so would never see
the fault these tests are about.
"""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from playhouse.shortcuts import model_to_dict
from support import burst, fresh_copy, hurried, log_in_as, open_waybill_form, wait_for

from depot_tui import db
from depot_tui.app import DepotApp
from depot_tui.models import Waybill, database_proxy
from depot_tui.screens.loading.runs import RunFormScreen
from depot_tui.screens.waybill import WaybillScreen
from depot_tui.screens.waybill.slip import SlipScreen
from depot_tui.widgets.fields import Field

SIZE = (80, 24)


async def test_backspace_typed_with_the_digit_behind_it_lands_first(demo_config):
    """收货电话 reads 1378712045; the clerk fixes the last digit, Backspace then 6, in one read:
    the field must read 1378712046. Backspace was applied as a binding once it had bubbled
    up to the app, after the 6 had landed, and the field still read 1378712045."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_waybill_form(pilot)
        phone = screen.query_one("#consignee_phone", Field)
        phone.focus()
        await burst(pilot, *"1378712045")
        await burst(pilot, "backspace", "6", "left", "left", "backspace", "9")
        assert phone.value == "1378712946"


async def test_keys_typed_with_f2_wait_for_the_form_and_its_places(demo_config):
    """From home, F2 then `kfq` Enter in one read: the keys wait for the form and its place
    list, and 开福区 is chosen. They were lost (the field stayed empty), or with a pause
    stayed unresolved with no list and no message."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await burst(pilot, "f2", *"kfq", "enter")
        screen = app.screen
        assert isinstance(screen, WaybillScreen)
        assert screen.dest is not None and screen.dest.name == "开福区"
        assert app.focused is screen.query_one("#consignee_phone", Field)


async def test_a_dialog_opened_in_a_burst_takes_the_keys_behind_it(demo_config):
    """F3, Ctrl+N and the new run's plate, driver and phone in one read: every key lands in its
    field of the dialog. The first keys went to the run list while the dialog was being pushed
    (the plate lost its 粤), and in a real terminal the phone's digits landed in the plate."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await burst(
            pilot, "f3", "ctrl+n", *"粤A5C219", "enter", *"刘建国", "enter", *"13922815506", "enter", *"XT"
        )
        assert isinstance(app.screen, RunFormScreen)
        values = {name: app.screen.query_one(f"#{name}", Field).value for name in RunFormScreen.FIELDS}
        assert values == {
            "plate": "粤A5C219",
            "driver_name": "刘建国",
            "driver_phone": "13922815506",
            "stops": "XT",
            "departure": "21:00",
        }


# The worked example of support.type_worked_example as keys: a list is a field's characters.
WORKED = [
    *"xtx",
    "enter",  # 湘潭县, the one priced here of the places so initialled
    list("19973285431"),  # known: the name fills in
    "enter",
    "enter",
    list("15018845523"),
    "enter",
    "enter",
    list("服装"),
    "enter",
    ["3"],
    "enter",
    list("纸箱"),
    "enter",
    "enter",
    list("120"),
    "enter",
    list("0.5"),
    "enter",
    list("3000"),
    "enter",
    "enter",
    ["5"],
    "enter",
    list("湘潭县易俗河镇建设路8号3楼"),
    "enter",
    ["y"],
    "enter",
    "enter",
]
IDENTITY = {"id", "number", "issued_at", "shipper_confirmed_at"}


async def _type_a_waybill(config, keys: list[str], *, at_once: bool):  # noqa: ANN001, ANN202
    """Type `keys` into a fresh F2 form, one key at a time with the screen keeping up or in
    one read; then F10, the slip, F10. What the form then holds, where the cursor is, what
    the message line says and the waybill stored, if any."""
    db.open_database(config.db)
    app = DepotApp(config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_waybill_form(pilot)
        if at_once:
            await burst(pilot, *keys)
        else:
            for key in keys:
                await burst(pilot, key)
        form = screen.current_form()
        where = app.focused.id if app.focused is not None else None
        await burst(pilot, "f10")
        if isinstance(app.screen, SlipScreen):
            await asyncio.sleep(SlipScreen.LOOK_S + 0.05)
            await burst(pilot, "f10")
            await wait_for(pilot, lambda: not screen.busy and app.screen is screen)
        said = str(screen.query_one("#form-message").render())
    with database_proxy.connection_context():
        newest = Waybill.select().order_by(Waybill.id.desc()).get()
        stored = None
        if newest.number in said:  # issued now: what was stored, bar its number and time
            stored = {k: v for k, v in model_to_dict(newest, recurse=False).items() if k not in IDENTITY}
            said = said.replace(newest.number, "N")
    return dataclasses.asdict(form), where, said, stored


@pytest.mark.slow
@pytest.mark.sqlite_only
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=hurried(WORKED))
def test_a_waybill_typed_in_one_burst_is_the_waybill_typed_slowly(demo_config, tmp_path, keys):
    """Any sequence of keys for the form, sent one at a time with the screen keeping up and
    sent as one read, leaves the same form, the cursor in the same field, and the same
    waybill issued (or the same refusal). Bursts lost keys, applied Backspace and arrows
    after the characters behind them, and overtook a place list still opening."""
    slow = asyncio.run(_type_a_waybill(fresh_copy(demo_config, tmp_path), keys, at_once=False))
    fast = asyncio.run(_type_a_waybill(fresh_copy(demo_config, tmp_path), keys, at_once=True))
    assert fast == slow


async def test_keys_stop_waiting_for_a_load_the_database_holds(demo_config, monkeypatch):
    """F2's place list hangs in the database. The keys typed behind wait for it HOLD_S at
    most, then go in, and the ones typed after do not wait again: each waited anew, so a
    clerk's five keys took five times HOLD_S to appear."""
    import threading

    from depot_tui import typeahead

    monkeypatch.setattr(typeahead, "HOLD_S", 0.5)
    released = threading.Event()
    real_call = DepotApp.call

    async def call(self, func, *args, **kwargs):  # noqa: ANN001, ANN202
        if getattr(func, "__name__", "") != "place_index":
            return await real_call(self, func, *args, **kwargs)

        def held(*a, **k):  # noqa: ANN002, ANN003, ANN202
            threading.Timer(2.0, released.set).start()  # the database answers after 2 s
            released.wait(10)
            return func(*a, **k)

        return await real_call(self, held, *args, **kwargs)

    monkeypatch.setattr(DepotApp, "call", call)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await burst(pilot, "f2")  # the load hangs: burst returns once the keys gave up on it
        destination = app.screen.query_one("#destination", Field)
        for key in "abcde":  # each typed alone, as the clerk waits for the screen
            await burst(pilot, key)
        # Typed in about 0.6 s, before the database answers; waiting anew made it 3 s.
        assert destination.value == "abcde" and not released.is_set()
        released.set()
