"""The outbox by keys (issue 25, item 4): a slip the counter printer failed on waits in the
outbox, first in the list with the printer's words; once the printer is mended the clerk
prints it again with Enter."""

from __future__ import annotations

import dataclasses

from support import burst, log_in_as, on_duty_clerk, screen_text, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import database_proxy
from depot_tui.screens.outbox import OutboxScreen
from depot_tui.services import auth, printing, settings

SIZE = (80, 24)


async def test_a_failed_slip_is_first_in_the_outbox_and_prints_again_with_enter(demo_config, tmp_path):
    """Home, Ctrl+O: the slip the printer refused is on the first line, marked 未打出 with why;
    the find field narrows to its number; Enter prints it (the printer mended meanwhile) and
    the line says so, the mark gone. Before, a failed slip was only said once, on the slip."""
    outbox = tmp_path / "outbox"
    cfg = dataclasses.replace(
        demo_config, outbox=outbox, printers={"counter": "sh -c 'echo 缺纸 >&2; exit 1'"}
    )
    with database_proxy.connection_context():
        admin = auth.login("admin", "depot123", terminal="office", pid=2).actor
        settings.put(admin, "print.command", "counter")
    app = DepotApp(cfg)
    paper = tmp_path / "paper"
    try:
        async with app.run_test(size=SIZE) as pilot:
            with database_proxy.connection_context():
                printing.store(outbox, "register-pickup.csv", b"x")
                printing.deliver(outbox, "slip-GZ2611260007.txt", "运单\n", admin.depot_id)
            await log_in_as(pilot, on_duty_clerk())
            await burst(pilot, "ctrl+o")
            await wait_for(pilot, lambda: isinstance(app.screen, OutboxScreen) and len(app.screen.items) == 2)
            first = app.screen.query_one("#list").get_row_at(0)
            assert first[1] == "slip-GZ2611260007.txt" and first[3] == "未打出：缺纸"
            printing.use_printers({"counter": f"cp {{file}} {paper}"})  # the paper is put in
            await burst(pilot, *"0007", "enter", "enter")
            await wait_for(pilot, lambda: "已重打 slip-GZ2611260007.txt" in screen_text(app))
            await wait_for(pilot, lambda: app.screen.items and app.screen.items[0].error is None)
    finally:
        printing.use_printers({})
    assert paper.read_text(encoding="utf-8") == "运单\n"
