"""Shift handover by keys when the link or the clerk slips: a dropped link loses neither the cash
typed nor the disputes, and a refusal on the log stays until the next key. The helpers are
test_shift_handover.py's."""

from __future__ import annotations

from support import log_in_as, wait_for, xt_form
from test_shift_handover import SIZE, at, confirm, message, open_own_handover
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.models import HandoverItem, database_proxy
from depot_tui.screens.dialogs import ReasonScreen
from depot_tui.screens.handover import AcceptScreen, HandoverLogScreen, HandoverScreen, ItemScreen
from depot_tui.services import auth, handover, waybills


async def test_a_dropped_link_loses_neither_the_cash_typed_nor_the_disputes(demo_config):
    """The SSH link drops twice: while 张三 has typed the cash counted and its note, and
    while 王五 has written a dispute but not yet accepted. Each logs in again, opens F6 and
    finds what they typed: the cash and note in their fields, the dispute on its line.
    Retyping a cash explanation at 8 p.m. is how a difference goes unexplained."""
    import signal

    at(19, 40)
    with database_proxy.connection_context():
        zhang = auth.login("zhangsan", "depot123", terminal="setup", pid=1).actor
        waybills.issue(zhang, xt_form(1), shipper_confirmed=True, outbox=demo_config.outbox)
        handover.add_item(
            zhang,
            handover.start(zhang).id,
            handover.ItemForm(kind="count", subject="钥匙", expected="3", counted="3"),
        )
        auth.logout(zhang)

    async def hang_up_after(typing) -> None:  # noqa: ANN001
        app = DepotApp(demo_config)
        app.hard_exit = lambda code: app.exit(return_code=code)  # not this test's own process
        async with app.run_test(size=SIZE) as pilot:
            await typing(app, pilot)
            app._hang_up(signal.SIGHUP)
            await pilot.pause(0.2)

    async def cash(app, pilot) -> None:  # noqa: ANN001
        await log_in_as(pilot, "zhangsan")
        await open_own_handover(pilot)
        app.screen.query_one("#cash_counted").focus()
        await pilot.press(*"190", "enter", *"找零少收7元")

    await hang_up_after(cash)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await open_own_handover(pilot)
        await wait_for(pilot, lambda: app.screen.query_one("#cash_note").value == "找零少收7元")
        assert app.screen.query_one("#cash_counted").value == "190.00"
        await pilot.press("f10")
        await confirm(pilot)
        await wait_for(pilot, lambda: app.screen.view.line.status == "submitted")

    at(19, 50)

    async def dispute(app, pilot) -> None:  # noqa: ANN001
        await log_in_as(pilot, "wangwu")
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, AcceptScreen) and app.screen.view is not None)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ItemScreen))
        await pilot.press(*"只见到两把", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AcceptScreen) and app.screen.disputes)

    await hang_up_after(dispute)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "wangwu")
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, AcceptScreen) and app.screen.view is not None)
        accept = app.screen
        assert list(accept.disputes.values()) == ["只见到两把"] and "有异议 1 项" in message(app)
        await pilot.press("f10")
        await confirm(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverScreen))
    with database_proxy.connection_context():
        keys = HandoverItem.get(HandoverItem.subject == "钥匙", HandoverItem.status == "disputed")
        assert keys.dispute_note == "只见到两把"


async def test_a_refusal_on_the_log_stays_until_the_next_key(demo_config):
    """A clerk presses Ctrl+Y (a supervisor's override) on a draft on F6's log and gives a
    reason: the refusal (naming the role in words) stays on the message line until the
    clerk's next key. It showed for a few milliseconds, then the list
    reloaded over it."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await open_own_handover(pilot)
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverLogScreen) and app.screen.items)
        log = app.screen
        await pilot.press("ctrl+y")  # on a draft: the reason is asked, then the override refused
        await wait_for(pilot, lambda: isinstance(app.screen, ReasonScreen))
        await pilot.press(*"急", "enter")
        await wait_for(pilot, lambda: "角色" in str(log.query_one("#list-message", Static).render()))
        said = str(log.query_one("#list-message", Static).render())
        await pilot.pause(1.0)
        assert app.screen is log and str(log.query_one("#list-message", Static).render()) == said
