"""The late list, the customer-service log, the month's summary and reporting from the dock, by
keys as a clerk and a supervisor use them (issue 23, parts 1 and 5-7). Keys arrive in bursts,
as over a laggy link."""

from __future__ import annotations

from support import burst, log_in_as, screen_text, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import Enquiry, LateCall, OperationException, ScoreEvent, database_proxy
from depot_tui.screens.dialogs import TextScreen
from depot_tui.screens.exceptions import ExceptionsScreen, LateScreen, LogScreen
from depot_tui.screens.exceptions.forms import (
    AnswerFormScreen,
    CiteFormScreen,
    EntryFormScreen,
    ReportFormScreen,
    TellFormScreen,
)

SIZE = (80, 24)


async def _exceptions(pilot, username: str) -> ExceptionsScreen:  # noqa: ANN001
    await log_in_as(pilot, username)
    await burst(pilot, "ctrl+e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExceptionsScreen))
    return pilot.app.screen


async def test_a_clerk_tells_the_shipper_of_goods_late_and_the_list_shows_it(demo_config):
    """Ctrl+L from the exceptions: the demo's goods on the delayed truck are late, class A
    first. Ctrl+T on the first, shipper, reached, what was said, F10: the Told column shows 发
    and the call is stored. If the call were not recorded, the next shift would phone again or
    nobody would."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await _exceptions(pilot, "zhangsan")
        await burst(pilot, "ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, LateScreen) and app.screen.items)
        late = app.screen
        assert [x.cargo_class for x in late.items] == sorted(x.cargo_class for x in late.items)
        first = late.items[0]
        await burst(pilot, "ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, TellFormScreen))
        await burst(pilot, "1", "enter", "1", "enter", *"车在韶关修，明天到", "f10")
        await wait_for(pilot, lambda: app.screen is late and "已记录告知" in screen_text(app))
        await wait_for(pilot, lambda: late.items and "shipper" in late.items[0].told)
        assert late.items[0].number == first.number
    with database_proxy.connection_context():
        [call] = list(LateCall.select())
        assert (call.waybill.number, call.party, call.answer, call.note) == (
            first.number,
            "shipper",
            "told",
            "车在韶关修，明天到",
        )


async def test_a_phone_complaint_logged_in_one_burst_is_answered_and_cited(demo_config):
    """The clerk logs a complaint by keys typed at once (nothing lands in the wrong field); it
    becomes an exception; the answer is recorded with Enter; the supervisor cites the line for
    fault 19 with Ctrl+K, which a clerk's screen does not offer."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await _exceptions(pilot, "zhangsan")
        await burst(pilot, "ctrl+k")
        await wait_for(pilot, lambda: isinstance(app.screen, LogScreen))
        log = app.screen
        assert "Ctrl+K" not in str(log.query_one("KeyBar").render())
        await burst(pilot, "ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryFormScreen))
        await burst(
            pilot,
            "2",
            "enter",
            "enter",
            *"王先生",
            "enter",
            *"13900001111",
            "enter",
            "enter",
            *"等了三天还没到",
            "enter",
            "4",
            "f10",
        )
        await wait_for(pilot, lambda: app.screen is log and log.items)
        await burst(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerFormScreen))
        await burst(pilot, *"已查：明早到，致歉", "f10")
        await wait_for(pilot, lambda: app.screen is log and "已记录答复" in screen_text(app))
        await burst(pilot, "ctrl+k")  # a clerk: nothing opens
        assert app.screen is log
    with database_proxy.connection_context():
        [line] = list(Enquiry.select())
        assert (line.kind, line.caller_name, line.caller_phone, line.question) == (
            "complaint",
            "王先生",
            "13900001111",
            "等了三天还没到",
        )
        assert (line.promised_at - line.taken_at).total_seconds() == 4 * 3600
        assert (
            line.answer == "已查：明早到，致歉"
            and OperationException.get_by_id(line.exception_id).kind == "complaint"
        )

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await _exceptions(pilot, "chenjing")
        await burst(pilot, "ctrl+k", "ctrl+a")
        await wait_for(pilot, lambda: isinstance(app.screen, LogScreen) and app.screen.items)
        await burst(pilot, "ctrl+k")
        await wait_for(pilot, lambda: isinstance(app.screen, CiteFormScreen))
        await burst(pilot, "2", "enter", "enter", *"客户投诉属实：未按时到货", "f10")
        await wait_for(pilot, lambda: isinstance(app.screen, LogScreen) and "已记扣分" in screen_text(app))
    with database_proxy.connection_context():
        [event] = list(ScoreEvent.select())
        assert (event.rule.code, event.enquiry_id, event.user.username) == ("F19", line.id, "zhangsan")


async def test_the_supervisor_reads_the_months_summary_from_the_exception_list(demo_config):
    """Ctrl+P on the exception list opens the registers at the month's summary; read on
    screen it shows each section. A clerk's list does not offer it."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await _exceptions(pilot, "chenjing")
        await burst(pilot, "ctrl+p")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "RegisterScreen")
        await burst(pilot, "enter", "enter", "enter", "4", "f10")  # kind as offered; read on screen
        await wait_for(pilot, lambda: isinstance(app.screen, TextScreen))
        shown = screen_text(app)
        assert "工作小结" in shown and "上报用时" in shown and "晚到·A类" in shown


async def test_an_exception_is_reported_at_the_arrival_check_with_the_last_piece_scanned(demo_config):
    """F4, the CS truck, one piece scanned, Ctrl+X: the report opens with that piece's waybill.
    A clerk who found a wet carton at the dock would otherwise copy its number by hand."""
    from depot_tui.models import Piece, Waybill
    from depot_tui.screens.arrival import CheckScreen

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await burst(pilot, "f4")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "ArrivalScreen" and app.screen.items)
        await burst(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckScreen))
        check = app.screen
        with database_proxy.connection_context():
            piece = (
                Piece.select().join(Waybill).where(Waybill.number.startswith("CS")).order_by(Piece.id).first()
            )
        await burst(pilot, *piece.label, "enter")
        await wait_for(pilot, lambda: check.results)
        await burst(pilot, "ctrl+x")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        assert app.screen.query_one("#waybill").value == piece.waybill.number
