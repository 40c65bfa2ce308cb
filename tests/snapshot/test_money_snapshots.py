"""Money at 80x24, in Chinese and English (issue 24): the payment dialog and the day's money,
as test_snapshots.py (a failing snapshot opens snapshot_report.html; rerun with
--snapshot-update if the change was intended)."""

from __future__ import annotations

import pytest
from support import log_in_as, wait_for
from test_snapshots import LANGS, SIZE

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language


def _first_paid_now() -> str:
    """The demo's first waybill paid in cash at issue (a refund's candidate)."""
    from depot_tui.models import Waybill, database_proxy

    with database_proxy.connection_context():
        return Waybill.select().where(Waybill.payment_method == "cash").order_by(Waybill.id).first().number


@pytest.mark.parametrize("lang", LANGS)
def test_the_money_dialog(snap_compare, sqlite_config, lang):
    """陈静 on a waybill paid in full, Ctrl+F, 退款 chosen: total, paid, owed above; kind,
    amount, method, transaction number and (for a refund) its reason, each label whole."""
    set_language(lang)
    number = _first_paid_now()

    async def dialog(pilot):
        from depot_tui.screens.money import MoneyFormScreen
        from depot_tui.screens.search import WaybillDetailScreen

        await log_in_as(pilot, "chenjing")
        await pilot.press("f8")
        await pilot.pause(0.3)
        await pilot.press(*number, "enter")
        await wait_for(
            pilot, lambda: isinstance(pilot.app.screen, WaybillDetailScreen) and pilot.app.screen.owed
        )
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, MoneyFormScreen))
        await pilot.press("2")
        await pilot.pause(0.3)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=dialog)


@pytest.mark.parametrize("lang", LANGS)
def test_the_days_money(snap_compare, sqlite_config, lang):
    """张三's day's money (F5, Ctrl+P, 日结, today, on screen): each payment with how it was
    paid, then the totals per method the handover's cash is counted against."""
    set_language(lang)

    async def day(pilot):
        from depot_tui.screens.dialogs import TextScreen

        await log_in_as(pilot, "zhangsan")
        await pilot.press("f5")
        await pilot.pause(0.5)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: pilot.app.screen.__class__.__name__ == "RegisterScreen")
        await pilot.press("5", "enter", "ctrl+u", *"2026-11-23", "enter", "enter", "4", "f10")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, TextScreen))
        await pilot.pause(0.3)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=day)


def _statement_drawn_up() -> None:
    """The demo's monthly customer's statement of the month, drawn up by 张三."""
    from depot_tui.models import database_proxy
    from depot_tui.services import accounts, auth

    with database_proxy.connection_context():
        clerk = auth.login("zhangsan", "depot123", terminal="setup", pid=1).actor
        sid = accounts.draw_up(clerk, "18922356610", "2026-11-01", "2026-11-23")
        accounts.check(auth.login("chenjing", "depot123", terminal="setup2", pid=2).actor, sid)
        auth.logout(clerk)


async def _accounts(pilot) -> None:  # noqa: ANN001
    from depot_tui.screens.pickup.statements import StatementsScreen

    await log_in_as(pilot, "zhangsan")
    await pilot.press("f5")
    await pilot.pause(0.5)
    await pilot.press("ctrl+y")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, StatementsScreen) and pilot.app.screen.items)


@pytest.mark.parametrize("lang", LANGS)
def test_a_statement(snap_compare, sqlite_config, lang):
    """F5, Ctrl+Y, Enter: the statement as the customer keeps it (Chinese in both languages),
    each monthly waybill with its amount, the total and where it stands."""
    set_language(lang)
    _statement_drawn_up()

    async def statement(pilot):
        from depot_tui.screens.dialogs import TextScreen

        await _accounts(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, TextScreen))
        await pilot.pause(0.3)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=statement)


@pytest.mark.parametrize("lang", LANGS)
def test_the_receivables(snap_compare, sqlite_config, lang):
    """Ctrl+R from the statements: each monthly customer owing anything, unbilled and billed by
    age, the total; the columns whole at 80."""
    set_language(lang)
    _statement_drawn_up()

    async def owed(pilot):
        from depot_tui.screens.pickup.statements import ReceivablesScreen

        await _accounts(pilot)
        await pilot.press("ctrl+r")
        await wait_for(
            pilot, lambda: isinstance(pilot.app.screen, ReceivablesScreen) and pilot.app.screen.items
        )
        await pilot.pause(0.3)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=owed)
