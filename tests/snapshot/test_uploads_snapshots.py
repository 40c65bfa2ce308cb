"""The real-name uploads screen at 80x24, in Chinese and English (issue 26, item 6); as
test_snapshots.py, whose login and wait helpers it uses."""

from __future__ import annotations

import pytest
from test_snapshots import LANGS, SIZE, _log_in, _until

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language


@pytest.mark.parametrize("lang", LANGS)
def test_uploads_with_one_refused(snap_compare, sqlite_config, lang):
    """张三 (home, Ctrl+U) has marked two waybills; the third he types was marked already: the
    count on top, the two listed newest first, the refusal under the field with his number
    still in it."""
    from depot_tui.models import Waybill, database_proxy

    set_language(lang)
    with database_proxy.connection_context():
        first, second = [
            w.number for w in Waybill.select().where(Waybill.origin_depot == 1).order_by(Waybill.id).limit(2)
        ]

    async def run(pilot) -> None:  # noqa: ANN001
        from depot_tui.screens.uploads import UploadsScreen

        await _log_in(pilot)
        await pilot.press("ctrl+u")
        await _until(pilot, lambda: isinstance(pilot.app.screen, UploadsScreen))
        for number in (first, second, first):
            await pilot.press(*number, "enter")
            await pilot.pause(0.3)
        await _until(pilot, lambda: len(pilot.app.screen.items) == 2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_outbox_with_a_failed_print(snap_compare, sqlite_config, tmp_path, lang):
    """Home, Ctrl+O (issue 25, item 4): a slip the counter printer refused is first, with the
    printer's words; the other files newest first with their time and size."""
    import dataclasses
    import datetime as dt
    import os

    from depot_tui.services import printing

    set_language(lang)
    outbox = tmp_path / "outbox"
    files = [
        ("slip-GZ26112300012.txt", b"x" * 1200, "2026-11-23 09:12", "缺纸 out of paper"),
        ("labels-GZ26112300012.zpl", b"x" * 600, "2026-11-23 09:12", None),
        ("register-pickup-GZ-2026-11-01-2026-11-22.csv", b"x" * 5000, "2026-11-22 18:05", None),
        ("slip-GZ26112200044.txt", b"x" * 1100, "2026-11-22 16:40", None),
    ]
    for name, data, at, error in files:
        path = printing.store(outbox, name, data).path
        if error:
            printing.failed_mark(path).write_text(error, encoding="utf-8")
        stamp = dt.datetime.strptime(at, "%Y-%m-%d %H:%M").timestamp()
        os.utime(path, (stamp, stamp))

    async def run(pilot) -> None:  # noqa: ANN001
        from depot_tui.screens.outbox import OutboxScreen

        await _log_in(pilot)
        await pilot.press("ctrl+o")
        await _until(
            pilot, lambda: isinstance(pilot.app.screen, OutboxScreen) and len(pilot.app.screen.items) == 4
        )

    app = DepotApp(dataclasses.replace(sqlite_config, outbox=outbox))
    assert snap_compare(app, terminal_size=SIZE, run_before=run)
