"""Exceptions by keys (issue 23): a short piece found at the night check is resolved by the
supervisor on her own screen, and only a cause at intake puts fault 10 on the issuing clerk;
a clerk reports a complaint by hand and cannot close it."""

from __future__ import annotations

import gc
import warnings

from support import burst, wait_for
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.models import OperationException, ScoreEvent, database_proxy
from depot_tui.screens.exceptions import ExceptionScreen, ExceptionsScreen
from depot_tui.screens.exceptions.forms import ReportFormScreen, ResolveFormScreen
from depot_tui.screens.home import HomeScreen
from depot_tui.services import handover

SIZE = (80, 24)


async def _exceptions_of(pilot, username: str) -> ExceptionsScreen:  # noqa: ANN001
    await burst(pilot, *username, "enter", *"depot123", "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
    await pilot.press("ctrl+e")
    await wait_for(
        pilot, lambda: isinstance(pilot.app.screen, ExceptionsScreen) and pilot.app.screen.is_mounted
    )
    return pilot.app.screen


def _short_found_at_night() -> OperationException:
    """The CS truck checked in at GZ by 王五 with its last piece not found: the finish reports
    the short as a major exception (arrival.finish), and proposes nothing."""
    from support import cs_truck_on_board

    from depot_tui.services import arrival, auth

    with database_proxy.connection_context():
        night = auth.login("wangwu", "depot123", terminal="pytest", pid=2).actor
        truck, on_board = cs_truck_on_board()
        check = arrival.start(night, truck.id)
        for piece in on_board[:-1]:
            arrival.scan(night, check.id, piece.label)
        arrival.finish(night, check.id, "已查车厢", accept_short=True)
        auth.logout(night)
        return OperationException.get(OperationException.kind == "short")


async def test_the_supervisor_resolves_a_short_and_only_then_is_fault_10_proposed(demo_config):
    """SOP 004 ch.3 and R-5.10: the short blocks the handover; 陈静 reads it whole, notes the
    call to the origin and resolves it as counted wrong at intake; fault 10 is then proposed
    against the clerk who issued the waybill, and the handover is no longer blocked. If the
    list did not show it, or Ctrl+R did nothing, the depot's evenings stayed blocked."""
    short = _short_found_at_night()
    with database_proxy.connection_context():
        assert not ScoreEvent.select().exists()
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        listing = await _exceptions_of(pilot, "chenjing")
        await wait_for(pilot, lambda: any(x.id == short.id for x in listing.items))
        assert listing.items[0].id == short.id  # open and major: first
        await burst(pilot, "enter")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ExceptionScreen) and app.screen.whole is not None
        )
        whole = app.screen
        await burst(pilot, "ctrl+n", *"已电话长沙站：开单时多写 1 件", "enter")
        await wait_for(pilot, lambda: whole.whole is not None and whole.whole.steps[-1].kind == "note")
        await burst(pilot, "ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ResolveFormScreen))
        await burst(
            pilot, "1", "enter", *"长沙站开单多写 1 件", "enter", "2", "enter", "enter", "enter", "f10"
        )
        await wait_for(pilot, lambda: whole.whole is not None and whole.whole.line.resolved_at is not None)
        head = str(whole.query_one("#exc-head", Static).render())
        assert "开单件数错" in head and "长沙站开单多写 1 件" in head
    with database_proxy.connection_context():
        [f10] = list(ScoreEvent.select())
        assert (f10.rule.code, f10.exception_id, f10.status) == ("F10", short.id, "proposed")
        assert f10.user_id == short.waybill.issued_by_id
        from depot_tui.services import auth

        zhang = auth.login("zhangsan", "depot123", terminal="pytest", pid=1).actor
        assert handover.summary(zhang).blocking == []


async def test_a_clerk_reports_a_complaint_and_cannot_resolve_it(demo_config):
    """A complaint taken at the counter is reported by keys with what the customer said; the
    clerk's screen has no resolve key, and Ctrl+R there does nothing: only the head decides."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        listing = await _exceptions_of(pilot, "zhangsan")
        await burst(pilot, "ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        await burst(pilot, "6", "enter", "enter", "enter", "enter", *"客户投诉：送货晚两天", "f10")
        await wait_for(pilot, lambda: len(listing.items) == 1)
        await burst(pilot, "enter")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ExceptionScreen) and app.screen.whole is not None
        )
        bar = str(app.screen.query_one("KeyBar").render())
        assert "Ctrl+N" in bar and "Ctrl+R" not in bar
        await burst(pilot, "ctrl+r")  # burst returns once the app has answered it: nothing opens
        assert isinstance(app.screen, ExceptionScreen) and app.screen.whole.line.resolved_at is None
    with database_proxy.connection_context():
        [row] = list(OperationException.select())
        assert (row.kind, row.description, row.resolved_at) == ("complaint", "客户投诉：送货晚两天", None)


async def test_a_short_found_at_night_reaches_the_supervisor_on_another_session_at_once(demo_config):
    """SOP 004 ch.3, the 5-minute report: 陈静 is at home on her terminal when the night clerk's
    check, on another terminal, reports a short. Within about a second her status line says a
    grave exception waits, with the bell; it waits on every screen until she opens it, and
    opening it records that she saw it. If it waited for her to look at a list, the report
    would reach the head of department whenever she happened to."""
    from depot_tui.widgets.status_line import StatusLine

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, *"chenjing", "enter", *"depot123", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        bells = []
        app.bell = lambda: bells.append(1)  # type: ignore[method-assign]

        def status() -> str:
            return str(app.screen.query_one(StatusLine).render())

        assert "待阅异常" not in status()
        short = _short_found_at_night()  # the night clerk's session, through the services
        await wait_for(pilot, lambda: "待阅异常 1" in status(), tries=30)  # 1.5 s at most
        assert bells
        await pilot.press("f7")
        await wait_for(pilot, lambda: not isinstance(app.screen, HomeScreen))
        assert "待阅异常 1" in status()  # on every screen
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExceptionsScreen) and app.screen.items)
        await burst(pilot, "enter")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ExceptionScreen) and app.screen.whole is not None
        )
        await wait_for(pilot, lambda: "待阅异常" not in status(), tries=40)
    with database_proxy.connection_context():
        row = OperationException.get_by_id(short.id)
        assert row.seen_at is not None and row.seen_by.username == "chenjing"


async def test_an_exception_is_reported_from_the_waybill_at_hand_in_f8(demo_config):
    """SOP 004 ch.3 from where the waybill is: the consignee calls to complain; the clerk finds
    the waybill in F8, presses Ctrl+X, and the report opens with its number filled in. If the
    clerk had to copy the number into another screen, a complaint would be reported without it."""
    from depot_tui.models import Waybill
    from depot_tui.screens.search import SearchScreen, WaybillDetailScreen

    with database_proxy.connection_context():
        number = Waybill.select(Waybill.number).order_by(Waybill.id).first().number
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, *"zhangsan", "enter", *"depot123", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f8")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await burst(pilot, *number, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WaybillDetailScreen))
        # Its tracking line (SOP 004): the demo's first waybill went on the delayed truck.
        await wait_for(pilot, lambda: "应到" in str(app.screen.query_one("#detail-tracking").render()))
        assert "未到" in str(app.screen.query_one("#detail-tracking").render())
        await burst(pilot, "ctrl+x")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        assert app.screen.query_one("#waybill").value == number
        await burst(pilot, "6", "enter", "enter", "enter", "enter", *"收货人投诉外箱破损", "f10")
        await wait_for(pilot, lambda: isinstance(app.screen, WaybillDetailScreen))
    with database_proxy.connection_context():
        [row] = list(OperationException.select())
        assert (row.waybill.number, row.kind, row.description) == (number, "complaint", "收货人投诉外箱破损")


async def test_a_bug_in_the_watch_stops_the_watch_not_the_supervisors_session(demo_config, monkeypatch):
    """The 5-minute poll runs every second on a supervisor's terminal: a programming error in it
    (injected here) is logged and stops the poll; the session goes on and F-keys still work.
    Before the guard, an app-level worker's error would end the app."""
    from depot_tui.services import exceptions

    def broken(actor):  # noqa: ANN001, ANN202
        raise RuntimeError("injected")

    monkeypatch.setattr(exceptions, "unseen", broken)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, *"chenjing", "enter", *"depot123", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await wait_for(pilot, lambda: app.exception_watch.timer is None, tries=60)  # stopped itself
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExceptionsScreen))
        assert app.is_running and app._exception is None


async def test_a_poll_the_app_cancels_before_it_runs_leaves_nothing_unawaited(demo_config):
    """The poll's second can tick as the supervisor's app ends, and the app cancels the check
    before it has run: it must leave no coroutine behind. The suite saw "coroutine
    'ExceptionWatch._check' was never awaited" at an app's end."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, *"chenjing", "enter", *"depot123", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await wait_for(pilot, lambda: not app.exception_watch.checking)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            app.exception_watch.poll()
            app.workers.cancel_group(app, "watch")
            await pilot.pause()
            gc.collect()
    assert [str(w.message) for w in caught if "never awaited" in str(w.message)] == []
