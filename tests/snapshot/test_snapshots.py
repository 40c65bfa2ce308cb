"""How the screens look at 80x24, in Chinese and English: fixed clock, seeded demo, steady cursor.

A failing snapshot opens snapshot_report.html; if the change was intended, rerun with
--snapshot-update and commit the new SVGs. On SQLite only (`sqlite_config`): a screen's
picture does not depend on the database under it, and the pilot tests drive the same screens
on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest
from support import DEMO_NOW, labels_where, type_worked_example
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language
from depot_tui.screens.home import HomeScreen

SIZE = (80, 24)
LANGS = ["zh", "en"]


async def _log_in(pilot) -> None:
    await pilot.press(*"zhangsan", "enter", *"depot123", "enter")
    for _ in range(60):
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if (
            isinstance(screen, HomeScreen)
            and screen.query_one("#fig-exceptions", Static).render().plain != "…"
        ):
            break
    await pilot.pause(0.1)


def after_login(*keys: str):
    """A run_before that logs the demo clerk in, then presses `keys`."""

    async def run(pilot) -> None:
        await _log_in(pilot)
        if keys:
            await pilot.press(*keys)
            await pilot.pause(0.2)

    return run


@pytest.mark.parametrize("lang", LANGS)
def test_login_screen(snap_compare, sqlite_config, lang):
    """The first thing every clerk sees: if the box or the demo accounts do not fit 80x24,
    or a label is untranslated, it shows here."""
    set_language(lang)
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_login_refused(snap_compare, sqlite_config, lang):
    """A wrong password: the reason under the fields, the user name still there."""
    set_language(lang)

    async def wrong(pilot):
        await pilot.press(*"zhangsan", "enter", *"nope-nope", "enter")
        await pilot.pause(0.6)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=wrong)


@pytest.mark.parametrize("lang", LANGS)
def test_home_screen(snap_compare, sqlite_config, lang):
    """Home after login: status line, shift, today's figures and the full key bar."""
    set_language(lang)
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=after_login())


@pytest.mark.parametrize("lang", LANGS)
def test_help_on_home(snap_compare, sqlite_config, lang):
    """F1 lists every key with its label, also the ones the key bar folds at 80 columns."""
    set_language(lang)
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=after_login("f1"))


@pytest.mark.parametrize("lang", LANGS)
def test_logout_confirmation(snap_compare, sqlite_config, lang):
    """Ctrl+Q asks before ending the session, with both answers' keys shown."""
    set_language(lang)
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=after_login("ctrl+q"))


async def _waybill_form(pilot) -> None:
    await _log_in(pilot)
    await pilot.press("f2")
    for _ in range(60):
        await pilot.pause(0.05)
        if getattr(pilot.app.screen, "index", None) is not None:
            break
    await pilot.pause(0.1)


@pytest.mark.parametrize("lang", LANGS)
def test_waybill_empty(snap_compare, sqlite_config, lang):
    """F2 as the shipper walks up: every field of the common case on one 80x24 screen, the
    labels translated, the key bar with F10, F9 and Ctrl+T."""
    set_language(lang)
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=_waybill_form)


@pytest.mark.parametrize("lang", LANGS)
def test_waybill_filled(snap_compare, sqlite_config, lang):
    """The worked example typed in: destination resolved with its station, known customers'
    names, the live price line and total 197.00, the automatic remark 保丢不保损."""
    set_language(lang)

    async def filled(pilot):
        await _waybill_form(pilot)
        await type_worked_example(pilot)
        await pilot.press("up")  # leave the cursor off the wrapped-around destination
        await pilot.pause(0.2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=filled)


@pytest.mark.parametrize("lang", LANGS)
def test_waybill_error(snap_compare, sqlite_config, lang):
    """A bad phone and prohibited goods: the fields marked, the message names the field and
    says why, the count of fields still to fix."""
    set_language(lang)

    async def wrong(pilot):
        await _waybill_form(pilot)
        await pilot.press("enter", *"1380245118", "enter", "enter", "enter", "enter", *"烟花爆竹", "enter")
        await pilot.pause(0.3)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=wrong)


def _label(condition: str) -> str:
    """The first in-stock label of the waybill `condition` picks (demo data), oldest first."""
    return labels_where(f"p.status = 'in_stock' AND {condition}", order='w.issued_at, p."index"')[0]


async def _until(pilot, test) -> None:
    for _ in range(60):
        await pilot.pause(0.05)
        if test():
            break
    await pilot.pause(0.2)


async def _open_first(pilot, key: str, screen_class: type) -> None:
    """Log in, press `key` (F3, F4), then Enter on the first item of its list: wait for
    `screen_class`."""
    await _log_in(pilot)
    await pilot.press(key)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await _until(pilot, lambda: isinstance(pilot.app.screen, screen_class))


async def _scan_loop(pilot) -> None:
    """F3, then Enter on the demo's truck being loaded tonight (GZ → XT): the scan loop."""
    from depot_tui.screens.loading import ScanScreen

    await _open_first(pilot, "f3", ScanScreen)


#: Today's waybill to XT that is planned on the demo truck and partly loaded.
XT_PLANNED = (
    "w.id IN (SELECT m.waybill_id FROM manifest_waybill m JOIN manifest t ON t.id = m.manifest_id "
    "WHERE t.status = 'open')"
)
#: A waybill for Changsha: not on the XT truck's route.
TO_CS = "w.dest_depot_id = (SELECT id FROM depot WHERE code = 'CS') AND w.status = 'issued'"


@pytest.mark.parametrize("lang", LANGS)
def test_loading_stock(snap_compare, sqlite_config, lang):
    """F9 from the truck runs: the stock by destination with each group's totals on its own
    line, a partly loaded waybill's pieces left, the voided and held ones marked, one waybill
    on tonight's truck (→01), and one marked for the plan; nothing cut at 80 columns."""
    set_language(lang)

    async def stock(pilot):
        await _log_in(pilot)
        await pilot.press("f3")
        await pilot.pause(0.3)
        await pilot.press("f9")
        await _until(pilot, lambda: bool(getattr(pilot.app.screen, "groups", None)))
        await pilot.press("down", "down", "down", "space")
        await pilot.pause(0.2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=stock)


@pytest.mark.parametrize("lang", LANGS)
def test_loading_scan_ok(snap_compare, sqlite_config, lang):
    """A good scan: the big green OK line with waybill and piece n of N, the truck's count
    in large digits, kg and m³ on board, this waybill's count, and the scan in the log."""
    set_language(lang)

    async def ok(pilot):
        await _scan_loop(pilot)
        label = _label(XT_PLANNED)
        await pilot.press(*label, "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 1)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=ok)


@pytest.mark.parametrize("lang", LANGS)
def test_loading_scan_error(snap_compare, sqlite_config, lang):
    """After a good scan, a piece for Changsha on the Xiangtan truck: the red ERROR line says
    where it goes and where this truck runs; the counts stay as they were; the log shows both."""
    set_language(lang)

    async def error(pilot):
        await _scan_loop(pilot)
        await pilot.press(*_label(XT_PLANNED), "enter")
        await pilot.press(*_label(TO_CS), "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=error)


#: Pieces on the demo truck from CS waiting at GZ (not the one checked two nights ago).
ON_CS_TRUCK = (
    "p.id IN (SELECT l.piece_id FROM loaded_piece l JOIN manifest m ON m.id = l.manifest_id "
    "WHERE m.plate LIKE '湘A%' AND m.status != 'checked')"
)


def _truck_label(n: int) -> str:
    """The n-th label on the demo truck from CS, by waybill number and piece."""
    return labels_where(ON_CS_TRUCK, order='w.number, p."index"', offset=n)[0]


async def _check_loop(pilot) -> None:
    """F4, then Enter on the demo truck from CS: the night check loop."""
    from depot_tui.screens.arrival import CheckScreen

    await _open_first(pilot, "f4", CheckScreen)


@pytest.mark.parametrize("lang", LANGS)
def test_arrival_check_ok(snap_compare, sqlite_config, lang):
    """The night view after a good scan: a five-row green OK band with waybill and piece, the
    count in large digits, over and damaged so far, this waybill's count, the log."""
    set_language(lang)

    async def ok(pilot):
        await _check_loop(pilot)
        await pilot.press(*_truck_label(0), "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 1)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=ok)


@pytest.mark.parametrize("lang", LANGS)
def test_arrival_check_error(snap_compare, sqlite_config, lang):
    """A piece from GZ's own stock coming off the CS truck: the red band says OVER and where it
    belongs; the over count is 1."""
    set_language(lang)

    async def over(pilot):
        await _check_loop(pilot)
        await pilot.press(*_truck_label(0), "enter")
        await pilot.press(*_label(TO_CS), "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=over)


@pytest.mark.parametrize("lang", LANGS)
def test_arrival_check_damaged(snap_compare, sqlite_config, lang):
    """Ctrl+R after a scan: the piece marked damaged with its note, the damaged count 1."""
    set_language(lang)

    async def damaged(pilot):
        await _check_loop(pilot)
        await pilot.press(*_truck_label(0), "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 1)
        await pilot.press("ctrl+r")
        await pilot.pause(0.3)
        await pilot.press(*"box crushed", "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=damaged)


@pytest.mark.parametrize("lang", LANGS)
def test_arrival_finish_summary(snap_compare, sqlite_config, lang):
    """F10 after scanning two pieces of the truck: each waybill's due and counted pieces, the
    short ones by number, the totals and the keys that say a shortage needs confirming."""
    set_language(lang)

    async def finish(pilot):
        from depot_tui.screens.arrival import FinishScreen

        await _check_loop(pilot)
        await pilot.press(*_truck_label(0), "enter", *_truck_label(1), "enter")
        await _until(pilot, lambda: len(pilot.app.screen.results) == 2)
        await pilot.press("f10")
        await _until(
            pilot, lambda: isinstance(pilot.app.screen, FinishScreen) and pilot.app.screen.summary is not None
        )

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=finish)


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


def _hide_waybills_by_a_crash(count: int) -> None:
    """張三's newest `count` waybills committed but never shown on his screen (a crash hid them)."""
    from depot_tui.models import User, Waybill, database_proxy

    with database_proxy.connection_context():
        zhang = User.get(User.username == "zhangsan")
        newest = (
            Waybill.select(Waybill.id)
            .where(Waybill.issued_by == zhang.id)
            .order_by(Waybill.issued_at.desc())
            .limit(count)
        )
        Waybill.update(unseen=True).where(Waybill.id.in_(newest)).execute()


@pytest.mark.parametrize("lang", LANGS)
def test_waybills_a_crash_hid(snap_compare, sqlite_config, lang):
    """At login after a crash, twelve waybills whose numbers never reached the screen: ten
    listed, the rest counted, each line whole at 80 columns, the keys below in view."""
    set_language(lang)
    _hide_waybills_by_a_crash(12)

    async def run(pilot) -> None:
        await pilot.press(*"zhangsan", "enter", *"depot123", "enter")
        await pilot.pause(1.5)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)
