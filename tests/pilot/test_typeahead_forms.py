"""F5's pickup form and F6's handover typed in one burst end as typed slowly (see
test_typeahead.py for F2 and how a burst is sent)."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, example, given, settings
from playhouse.shortcuts import model_to_dict
from support import DEMO_NOW, burst, checked_in_cs_truck, fresh_copy, hurried, log_in_as, xt_form

from depot_tui import db
from depot_tui.app import DepotApp
from depot_tui.models import Handover, HandoverItem, Pickup, Shift, database_proxy
from depot_tui.services import auth, clock, waybills
from depot_tui.widgets.fields import form_inputs

SIZE = (80, 24)
GOOD_ID = "440106199003071231"
PROPERTY = settings(
    max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# F5: the collect-freight waybill found by number, picked up by 刘建国, the freight taken by
# WeChat. NUMBER and DUE stand for the waybill's number and freight, known once it is made.
PICKUP = [
    ["NUMBER"],
    "enter",
    list("刘建国"),
    "enter",
    list(GOOD_ID),
    "enter",
    list("刘建国"),
    "enter",
    ["DUE"],
    "enter",
    "2",
    "f10",
]
# F6 at 19:40: the keys counted face to face (Ctrl+N, a count), then the cash counted (Tab
# from the items), short of the 197.00 taken and explained, handed over (F10, Enter).
HANDOVER = [
    "ctrl+n",
    "3",
    "enter",
    list("钥匙"),
    "enter",
    list("3"),
    "enter",
    list("3"),
    "f10",
    "tab",
    list("190"),
    "enter",
    list("找零少收7元已补记"),
    "f10",
    "enter",
]


def _plain(plan: list, number: str = "NUMBER", due: str = "DUE") -> list[str]:
    """`plan`'s keys typed without a slip."""
    keys = [key for step in plan for key in ([step] if isinstance(step, str) else step)]
    return [char for key in keys for char in {"NUMBER": number, "DUE": due}.get(key, [key])]


def _screen_state(app) -> tuple:  # noqa: ANN001
    """What the clerk sees: the screen (and dialog), where the cursor is, every field's value
    and every line of text."""
    from textual.widgets import Static

    screen = app.screen
    values = {w.id: w.value for w in form_inputs(screen)}
    text = [str(w.render()) for w in screen.query(Static)]
    return type(screen).__name__, getattr(app.focused, "id", None), values, text


async def _run(config, keys: list[str], *, at_once: bool, user: str, fkey: str):  # noqa: ANN001, ANN202
    db.open_database(config.db)
    app = DepotApp(config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, user)
        await burst(pilot, fkey)
        if at_once:
            await burst(pilot, *keys)
        else:
            for key in keys:
                await burst(pilot, key)
        await pilot.pause(0.1)
        return _screen_state(app)


def _rows(model, *exclude: str) -> list[dict]:  # noqa: ANN001
    with database_proxy.connection_context():
        return [
            {k: v for k, v in model_to_dict(row, recurse=False).items() if k not in ("id", *exclude)}
            for row in model.select().order_by(model.id)
        ]


@pytest.fixture
def collect_due(demo_config) -> tuple[str, str, int]:  # noqa: ANN001
    """The checked-in CS truck's collect-freight waybill: its number, the freight due, its id."""
    _first, _held, collect = checked_in_cs_truck()
    return collect.number, f"{collect.total:.2f}", collect.id


@pytest.mark.slow
@pytest.mark.sqlite_only
@PROPERTY
@example(keys=_plain(PICKUP))
@given(keys=hurried(PICKUP))
def test_a_pickup_typed_in_one_burst_is_the_pickup_typed_slowly(demo_config, tmp_path, collect_due, keys):
    """F5, the waybill number, Enter, then the collector, the ID, the signature, the freight
    and how it was paid, F10: sent one at a time and as one read, the same dialog or list is
    left on screen with the same fields and words, and the same pickup and payment stored."""
    number, due, waybill_id = collect_due
    keys = [char for key in keys for char in {"NUMBER": number, "DUE": due}.get(key, [key])]
    runs = []
    for at_once in (False, True):
        config = fresh_copy(demo_config, tmp_path)
        shown = asyncio.run(_run(config, keys, at_once=at_once, user="zhangsan", fkey="f5"))
        runs.append((shown, _rows(Pickup, "at")))
    assert runs[0] == runs[1]
    if keys == _plain(PICKUP, number, due):  # typed without a slip, the goods go
        assert any(row["waybill"] == waybill_id for row in runs[0][1])


@pytest.fixture
def a_cash_shift(demo_config) -> None:  # noqa: ANN001
    """张三 issued one cash waybill (197.00) at 19:20; it is 19:40, his handover is due."""
    clock.fix(DEMO_NOW.replace(hour=19, minute=20))
    with database_proxy.connection_context():
        zhang = auth.login("zhangsan", "depot123", terminal="setup", pid=1).actor
        waybills.issue(zhang, xt_form(1), shipper_confirmed=True, outbox=demo_config.outbox)
        auth.logout(zhang)
    clock.fix(DEMO_NOW.replace(hour=19, minute=40))


@pytest.mark.slow
@pytest.mark.sqlite_only
@PROPERTY
@example(keys=_plain(HANDOVER))
@given(keys=hurried(HANDOVER))
def test_a_handover_typed_in_one_burst_is_the_handover_typed_slowly(
    demo_config, tmp_path, a_cash_shift, keys
):
    """F6, a count added, the cash counted short and explained, handed over: sent one at a
    time and as one read, the same screen, fields and words, and the same handover, items
    and shift stored."""
    runs = []
    for at_once in (False, True):
        config = fresh_copy(demo_config, tmp_path)
        shown = asyncio.run(_run(config, keys, at_once=at_once, user="zhangsan", fkey="f6"))
        stored = (_rows(Handover, "submitted_at", "created_at"), _rows(HandoverItem), _rows(Shift))
        runs.append((shown, stored))
    assert runs[0] == runs[1]
