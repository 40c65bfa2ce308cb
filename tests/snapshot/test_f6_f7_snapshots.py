"""How F6 (handover) and F7 (the score) look at 80x24, in Chinese and English: as
test_snapshots.py, whose login and wait helpers these use (a failing snapshot opens
snapshot_report.html; rerun with --snapshot-update if the change was intended)."""

from __future__ import annotations

import pytest
from support import DEMO_NOW
from test_snapshots import LANGS, SIZE, _log_in, _until

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language
from depot_tui.screens.home import HomeScreen


def _shift_to_hand_over(outbox, submit: bool) -> None:  # noqa: ANN001
    """张三's early shift at GZ by 19:40, through the services: one cash waybill (197.00) at
    19:20, a damaged piece at 19:25 (its matter written: cause, course, result), the keys
    counted 3 of 3 and an instruction from 陈静; handed over with the cash if `submit`."""
    from support import xt_form

    from depot_tui.models import OperationException, Severity, database_proxy
    from depot_tui.services import auth, clock, handover, waybills

    with database_proxy.connection_context():
        clock.fix(DEMO_NOW.replace(hour=19, minute=20))
        zhang = auth.login("zhangsan", "depot123", terminal="setup", pid=1).actor
        waybills.issue(zhang, xt_form(1), shipper_confirmed=True, outbox=outbox)
        OperationException.create(
            depot=zhang.depot_id,
            kind="damage",
            severity=Severity.MINOR,
            pieces=1,
            description="外箱压坏 1 件",
            found_by=zhang.user_id,
            found_at=DEMO_NOW.replace(hour=19, minute=25),
        )
        clock.fix(DEMO_NOW.replace(hour=19, minute=40))
        draft = handover.start(zhang)
        matter = handover.detail(zhang, draft.id).items[0]
        handover.update_item(
            zhang,
            matter.id,
            handover.ItemForm(
                kind="matter",
                subject=matter.subject,
                cause="叉车倒车碰到",
                course="已拍照告知发货人",
                result="发货人同意按原样发出",
            ),
        )
        handover.add_item(
            zhang, draft.id, handover.ItemForm(kind="count", subject="钥匙", expected="3", counted="3")
        )
        handover.add_item(
            zhang, draft.id, handover.ItemForm(kind="instruction", subject="陈主管：明早八点前补齐XT车备注")
        )
        if submit:
            handover.submit(zhang, draft.id, "197.00")
        auth.logout(zhang)


@pytest.mark.parametrize("lang", LANGS)
def test_handover_summary(snap_compare, sqlite_config, lang):
    """F6 for 张三 at 19:40: his shift as the system saw it (one waybill, 197.00 cash to hand
    over, tonight's truck still loading, what is open at the depot), then his lines: the
    written matter, the keys counted, the instruction; the cash fields under them."""
    set_language(lang)
    _shift_to_hand_over(sqlite_config.outbox, submit=False)

    async def summary(pilot):
        from depot_tui.screens.handover import HandoverScreen

        await _log_in(pilot)
        await pilot.press("f6")
        await _until(pilot, lambda: isinstance(pilot.app.screen, HandoverScreen) and pilot.app.screen.view)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=summary)


@pytest.mark.parametrize("lang", LANGS)
def test_handover_acceptance(snap_compare, sqlite_config, lang):
    """王五 at 19:50, taking over: F6 opens 张三's handover (header, summary, the cash counted
    against the system's), its lines with the instruction marked disputed, and how many
    are disputed before F10."""
    set_language(lang)
    _shift_to_hand_over(sqlite_config.outbox, submit=True)
    from depot_tui.services import clock

    clock.fix(DEMO_NOW.replace(hour=19, minute=50))

    async def accept(pilot):
        from depot_tui.screens.handover import AcceptScreen, ItemScreen

        await pilot.press(*"wangwu", "enter", *"depot123", "enter")
        await _until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        await pilot.press("f6")
        await _until(pilot, lambda: isinstance(pilot.app.screen, AcceptScreen) and pilot.app.screen.view)
        await pilot.press("down", "down", "enter")  # the instruction, the last line
        await _until(pilot, lambda: isinstance(pilot.app.screen, ItemScreen))
        await pilot.press(*"没说补哪几单", "enter")
        await _until(pilot, lambda: isinstance(pilot.app.screen, AcceptScreen) and pilot.app.screen.disputes)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=accept)


def _month_of_scores() -> None:
    """November at GZ through the services: 张三 notified late (F15, confirmed, then under
    appeal), 李四's pieces short (F10, confirmed), 王五's handover missed (F20, still
    proposed), and a customer's complaint against 李四 entered by 陈静 (F19)."""
    from depot_tui.models import Role, User, database_proxy
    from depot_tui.services import auth, scoring
    from depot_tui.services.actor import Actor

    with database_proxy.connection_context():
        chen = auth.login("chenjing", "depot123", terminal="setup", pid=1).actor
        users = {u.username: u for u in User.select()}
        events = {}
        for code, name, day in (("F15", "zhangsan", 20), ("F10", "lisi", 21), ("F20", "wangwu", 22)):
            events[code] = scoring.propose(
                chen,
                code,
                user_id=users[name].id,
                depot_id=chen.depot_id,
                note=f"{code}：演示依据",
                at=DEMO_NOW.replace(day=day, hour=10),
            )
        scoring.decide(chen, events["F15"].id, True, "电话记录超过 24 小时")
        scoring.decide(chen, events["F10"].id, True, "到站清点少 1 件")
        scoring.enter(chen, "F19", users["lisi"].id, f"{DEMO_NOW:%Y-%m}-22", "客户投诉接电话态度差")
        zhang = users["zhangsan"]
        scoring.appeal(
            Actor(zhang.id, zhang.username, zhang.name, Role.CLERK, zhang.depot_id),
            events["F15"].id,
            "客户电话停机，有通话记录",
        )
        auth.logout(chen)


async def _f7(pilot, username: str) -> None:
    from depot_tui.screens.score import MonthListScreen

    await pilot.press(*username, "enter", *"depot123", "enter")
    await _until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
    await pilot.press("f7")
    await _until(pilot, lambda: isinstance(pilot.app.screen, MonthListScreen) and pilot.app.screen.items)


@pytest.mark.parametrize("lang", LANGS)
def test_score_supervisor_table(snap_compare, sqlite_config, lang):
    """陈静's F7: the month's clerks by score, each with grade, deductions, lateness, bonus,
    what is undecided, the money, and the six-month sparkline (only November worked)."""
    set_language(lang)
    _month_of_scores()

    async def table(pilot):
        await _f7(pilot, "chenjing")

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=table)


@pytest.mark.parametrize("lang", LANGS)
def test_score_clerk_drill_down(snap_compare, sqlite_config, lang):
    """陈静 opens 李四 (Enter on him): his score in the title, the confirmed F10 and the F19
    she entered, with their evidence columns."""
    set_language(lang)
    _month_of_scores()

    async def drill(pilot):
        from depot_tui.screens.score import ClerkScoreScreen

        await _f7(pilot, "chenjing")
        table = pilot.app.screen
        row = next(n for n, line in enumerate(table.items) if line.name == "李四")
        await pilot.press(*["down"] * row, "enter")
        await _until(pilot, lambda: isinstance(pilot.app.screen, ClerkScoreScreen) and pilot.app.screen.items)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=drill)


@pytest.mark.parametrize("lang", LANGS)
def test_score_own_view(snap_compare, sqlite_config, lang):
    """张三's own F7: his month in the title, his one event under appeal, and only the keys
    a clerk has (A to appeal), none of the supervisor's."""
    set_language(lang)
    _month_of_scores()

    async def own(pilot):
        await _f7(pilot, "zhangsan")

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=own)
