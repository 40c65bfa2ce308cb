"""Shift handover by keys at GZ, 8 p.m.: 张三 (early shift, to 20:00) hands over to 王五 (night,
from 20:00), and 陈静 (supervisor) approves a handover past an open major exception and
settles a dispute from the log. What the screens did must be what the shifts, the log and the
audit trail say."""

from __future__ import annotations

from decimal import Decimal

from support import DEMO_NOW, log_in_as, screen_text, wait_for, xt_form
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.models import (
    AuditLog,
    Handover,
    HandoverItem,
    OperationException,
    Severity,
    Shift,
    Waybill,
    database_proxy,
)
from depot_tui.screens.dialogs import ConfirmScreen, ReasonScreen
from depot_tui.screens.handover import (
    AcceptScreen,
    HandoverLogScreen,
    HandoverScreen,
    ItemFormScreen,
    ItemScreen,
)
from depot_tui.screens.waybill import WaybillScreen
from depot_tui.services import auth, clock, handover, waybills

SIZE = (80, 24)


def at(hour: int, minute: int = 0) -> None:
    clock.fix(DEMO_NOW.replace(hour=hour, minute=minute))


async def log_out(pilot) -> None:  # noqa: ANN001
    await pilot.press("ctrl+q")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
    await pilot.press("enter")
    await wait_for(pilot, lambda: pilot.app.session is None)


async def confirm(pilot) -> None:  # noqa: ANN001
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
    await pilot.press("enter")


async def to_row(pilot, screen, test) -> None:  # noqa: ANN001
    """Put the item table's cursor on the first line passing `test`."""
    await wait_for(pilot, lambda: screen.view is not None and any(test(i) for i in screen.view.items))
    row = next(n for n, item in enumerate(screen.view.items) if test(item))
    screen.query_one("#items").focus()
    await pilot.press("home", *["down"] * row)
    await wait_for(pilot, lambda: screen.highlighted() is not None and test(screen.highlighted()))


async def open_own_handover(pilot) -> None:  # noqa: ANN001
    """F6 for the clerk logged in: their own shift's handover, loaded."""
    await pilot.press("f6")
    await wait_for(
        pilot, lambda: isinstance(pilot.app.screen, HandoverScreen) and pilot.app.screen.view is not None
    )


def message(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one("#hand-message", Static).render())


async def test_a_handover_with_cash_a_matter_and_a_dispute_by_keys(demo_config):
    """张三 issued one cash waybill (197.00) at 19:20, and a damaged piece was found at 19:25
    (an open minor exception: a matter on his handover). At 19:40, on F6:
    - he writes the matter's cause, course and result (Enter on it);
    - adds the keys counted face to face (3 of 3) and 陈静's instruction (Ctrl+N);
    - types 190 as the cash counted: refused at the note (7.00 short, unexplained), nothing
      lost; he explains it and hands over (F10, Enter);
    - logs out. 王五 logs in at 19:50: home tells him 张三's handover waits, the waybill form
      refuses him, F6 opens 张三's handover; he disputes the instruction (Enter, a note)
      and accepts the rest (F10, Enter); now the waybill form lets him issue;
    - the log (Ctrl+L) lists it accepted with 1 dispute and the cash 7.00 short, and
      prints it with the dispute on the paper.
    The shifts, the items and the audit trail must say the same. A screen that lost the
    dispute, the cash note or the matter's result would leave the night clerk answerable
    for what he never took over."""
    at(19, 20)
    with database_proxy.connection_context():
        zhang = auth.login("zhangsan", "depot123", terminal="setup", pid=1).actor
        issued = waybills.issue(zhang, xt_form(1), shipper_confirmed=True, outbox=demo_config.outbox)
        OperationException.create(
            depot=zhang.depot_id,
            kind="damage",
            severity=Severity.MINOR,
            pieces=1,
            waybill=Waybill.get(Waybill.number == issued.number).id,
            description="外箱压坏 1 件",
            found_by=zhang.user_id,
            found_at=DEMO_NOW.replace(hour=19, minute=25),
        )
        auth.logout(zhang)
    at(19, 40)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await open_own_handover(pilot)
        screen = app.screen
        text = screen_text(app)
        assert "开单 1 票 1 件" in text and "现金 197.00" in text and "应交现金 197.00" in text
        assert "外箱压坏 1 件" in screen.view.items[0].subject

        await to_row(pilot, screen, lambda i: i.kind == "matter")
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, ItemFormScreen) and getattr(app.focused, "id", None) == "cause",
        )
        await pilot.press(
            *"叉车倒车碰到", "enter", *"已拍照告知发货人", "enter", *"发货人同意按原样发出", "f10"
        )
        await wait_for(pilot, lambda: app.screen is screen and screen.view.items[0].result)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ItemFormScreen))
        await pilot.press("3", "enter", *"钥匙", "enter", "3", "enter", "3", "f10")
        await wait_for(pilot, lambda: app.screen is screen and len(screen.view.items) == 2)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ItemFormScreen))
        await pilot.press("2", "enter", *"陈主管：明早八点前补齐XT车备注", "f10")
        await wait_for(pilot, lambda: app.screen is screen and len(screen.view.items) == 3)

        screen.query_one("#cash_counted").focus()
        await pilot.press(*"190", "enter", "f10")
        await wait_for(pilot, lambda: "197.00" in message(app) and "190.00" in message(app))
        assert app.focused.id == "cash_note" and screen.query_one("#cash_counted").value == "190"
        await pilot.press(*"找零少收7元已补记", "f10")
        await confirm(pilot)
        await wait_for(pilot, lambda: screen.view.line.status == "submitted")
        await log_out(pilot)

        at(19, 50)
        await log_in_as(pilot, "wangwu")
        await wait_for(pilot, lambda: "张三 已交班" in screen_text(app))
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, WaybillScreen) and "接班" in screen_text(app))
        assert "交接班尚未确认" in screen_text(app)
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, AcceptScreen) and app.screen.view is not None)
        accept = app.screen
        text = screen_text(app)
        assert "点数 190.00" in text and "差额 -7.00" in text and "找零少收7元已补记" in text
        await to_row(pilot, accept, lambda i: i.kind == "instruction")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ItemScreen))
        await pilot.press(*"没说补哪几单请主管明确", "enter")
        await wait_for(pilot, lambda: app.screen is accept and accept.disputes)
        assert "有异议 1 项" in message(app)
        await pilot.press("f10")
        await confirm(pilot)
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, HandoverScreen)
                and app.screen.view is not None
                and app.screen.view.line.from_name == "王五"
            ),
        )
        await pilot.press("f2")
        await wait_for(
            pilot, lambda: isinstance(app.screen, WaybillScreen) and app.screen.context is not None
        )
        await pilot.pause(0.3)
        assert "接班" not in screen_text(app)  # no refusal: he may issue now

        await pilot.press("escape")
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverLogScreen) and app.screen.items)
        log = app.screen
        row = next(n for n, line in enumerate(log.items) if line.from_name == "张三")
        log.query_one("#list").focus()
        await pilot.press("home", *["down"] * row, "ctrl+p")
        await wait_for(pilot, lambda: any(demo_config.outbox.glob("handover-*.txt")))

    with database_proxy.connection_context():
        row = Handover.get(Handover.status == "accepted", Handover.cash_note == "找零少收7元已补记")
        going, coming = Shift.get_by_id(row.from_shift_id), Shift.get_by_id(row.to_shift_id)
        assert (going.user.username, coming.user.username) == ("zhangsan", "wangwu")
        assert going.handed_over and going.clock_out == DEMO_NOW.replace(hour=19, minute=40)  # his logout
        assert coming.may_issue and row.accepted_at == DEMO_NOW.replace(hour=19, minute=50)
        assert (row.cash_system, row.cash_counted) == (Decimal("197.00"), Decimal("190.00"))
        items = {i.kind: i for i in HandoverItem.select().where(HandoverItem.handover == row.id)}
        assert (items["matter"].cause, items["matter"].course, items["matter"].result) == (
            "叉车倒车碰到",
            "已拍照告知发货人",
            "发货人同意按原样发出",
        )
        count = items["count"]
        assert (count.expected, count.counted, count.status) == ("3", "3", "accepted")
        assert (items["instruction"].status, items["instruction"].dispute_note) == (
            "disputed",
            "没说补哪几单请主管明确",
        )
        actor = auth.login("chenjing", "depot123", terminal="check", pid=9).actor
        line = next(x for x in handover.log(actor, f"{DEMO_NOW:%Y-%m-%d}") if x.id == row.id)
        assert (line.status, line.disputed, line.cash_difference, line.to_name) == (
            "accepted",
            1,
            Decimal("-7.00"),
            "王五",
        )
        trail = AuditLog.select().where((AuditLog.entity == "handover") & (AuditLog.entity_id == str(row.id)))
        trail = [a.action for a in trail.order_by(AuditLog.id)]
        assert trail == [
            "handover.start",
            "handover.item_change",
            "handover.item",
            "handover.item",
            "handover.submit",
            "handover.accept",
        ]
    paper = next(demo_config.outbox.glob("handover-*.txt")).read_text()
    assert "异议：没说补哪几单请主管明确" in paper and "结果：发货人同意按原样发出" in paper
    assert "交班人签字" in paper and max(len(x) for x in paper.splitlines()) <= 80


async def test_a_supervisor_approves_past_a_major_exception_and_settles_a_dispute(demo_config):
    """A short found at 19:30 is still open (major): 张三's F10 is refused with the reason and
    his cash stays typed. 陈静 logs in, opens the log (F6, Ctrl+L), approves his draft with a
    reason (Ctrl+Y); then lists the disputes (Ctrl+O) and settles the demo's open one (Enter,
    Enter on the line, her answer). 张三 logs in again, finds the cash he typed kept, and hands
    over. Without the block the night clerk
    inherits a missing piece unsaid; without the supervisor's way past it nobody goes home."""
    at(19, 30)
    with database_proxy.connection_context():
        zhang = auth.login("zhangsan", "depot123", terminal="setup", pid=1).actor
        OperationException.create(
            depot=zhang.depot_id,
            kind="short",
            severity=Severity.MAJOR,
            pieces=1,
            description="CS 车少 1 件",
            found_by=zhang.user_id,
            found_at=clock.now(),
        )
        draft = handover.start(zhang)
        matter = HandoverItem.get(HandoverItem.handover == draft.id)
        handover.update_item(
            zhang,
            matter.id,
            handover.ItemForm(
                kind="matter",
                subject=matter.subject,
                cause="长沙装车漏装",
                course="已电话长沙站",
                result="明早随车补回",
            ),
        )
        auth.logout(zhang)
    at(19, 40)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await open_own_handover(pilot)
        app.screen.query_one("#cash_counted").focus()
        await pilot.press("0", "f10")
        await wait_for(pilot, lambda: "重大异常" in message(app))
        assert "CS 车少 1 件" in message(app) and app.screen.query_one("#cash_counted").value == "0"
        await log_out(pilot)

        await log_in_as(pilot, "chenjing")
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("ctrl+l")
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, HandoverLogScreen)
                and any(x.from_name == "张三" for x in app.screen.items)
            ),
        )
        log = app.screen
        row = next(n for n, x in enumerate(log.items) if x.from_name == "张三" and x.status == "draft")
        log.query_one("#list").focus()
        await pilot.press("home", *["down"] * row, "ctrl+y")
        await wait_for(pilot, lambda: isinstance(app.screen, ReasonScreen))
        await pilot.press(*"长沙站确认明早补回准予交班", "enter")
        await wait_for(pilot, lambda: app.screen is log and any(x.override for x in log.items))

        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: log.disputed_only and len(log.items) == 1)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AcceptScreen) and app.screen.view is not None)
        view = app.screen
        await to_row(pilot, view, lambda i: i.status == "disputed")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ItemScreen) and app.focused is not None)
        await pilot.press(*"周六早八点加车已通知司机", "enter")
        await wait_for(
            pilot, lambda: app.screen is view and not any(i.status == "disputed" for i in view.view.items)
        )
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is log)
        await wait_for(pilot, lambda: log.items == [])
        await log_out(pilot)

        await log_in_as(pilot, "zhangsan")
        await open_own_handover(pilot)
        # the cash he typed before logging out is still there: F10 straight away
        await wait_for(pilot, lambda: app.screen.query_one("#cash_counted").value == "0.00")
        await pilot.press("f10")
        await confirm(pilot)
        await wait_for(pilot, lambda: app.screen.view.line.status == "submitted")

    with database_proxy.connection_context():
        row = Handover.get_by_id(draft.id)
        assert row.status == "submitted" and row.override_by.username == "chenjing"
        assert row.override_reason == "长沙站确认明早补回准予交班"
        settled = HandoverItem.get(
            HandoverItem.status == "settled",
            HandoverItem.settled_by.is_null(False),
            HandoverItem.settled_at == DEMO_NOW.replace(hour=19, minute=40),
        )
        assert (settled.settled_by.username, settled.settled_note) == ("chenjing", "周六早八点加车已通知司机")
