"""F8 查询 as a clerk uses it: a waybill found by the number a caller reads out, read as its
slip, its pieces and its history in words."""

from __future__ import annotations

import dataclasses

from support import burst, log_in_as, wait_for, xt_form
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.models import database_proxy
from depot_tui.screens.search import WaybillDetailScreen
from depot_tui.services import auth, waybills

SIZE = (80, 24)


async def test_a_waybill_found_by_phone_with_86_reads_as_lines_and_words(demo_config):
    """A caller gives the consignee's number as +86 …: the one waybill opens at once; its slip
    is lines (it was one run-on block with ␊ marks) and its history says 开单, not the code
    `waybill.issue destination=…`."""
    phone = "13912345678"  # this waybill's alone
    with database_proxy.connection_context():
        clerk = auth.login("zhangsan", "depot123", terminal="setup", pid=1).actor
        form = dataclasses.replace(xt_form(1), consignee_phone=phone)
        waybills.issue(clerk, form, shipper_confirmed=True, outbox=demo_config.outbox)
        auth.logout(clerk)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await burst(pilot, "f8", *f"+86 {phone}", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WaybillDetailScreen))
        detail = app.screen
        await wait_for(pilot, lambda: str(detail.query_one("#detail-history", Static).render()).strip())
        slip = str(detail.query_one("#detail-slip", Static).render())
        history = str(detail.query_one("#detail-history", Static).render())
        assert "␊" not in slip and len(slip.splitlines()) > 5
        assert "开单" in history and "waybill.issue" not in history
