"""A PostgreSQL server restarted under a clerk's hands, on a cluster of the test's own (initdb,
start, restart): what the app says meanwhile and that nothing it acknowledged is lost. The
other faults only a server can make: tests/unit/test_postgresql.py."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest
from support import xt_form

from depot_tui.app import DepotApp
from depot_tui.models import Waybill
from depot_tui.services import auth, waybills
from depot_tui.services.errors import DatabaseFailure

pytestmark = pytest.mark.postgresql_only("a database server restarted")


def login(username: str):  # noqa: ANN201 - an Actor
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


async def test_a_server_restarted_under_load_loses_nothing_acknowledged(private_pg_demo, tmp_path: Path):
    """A clerk issues waybills one after another while the server is restarted: each issue
    either shows its number or says the server cannot be reached (never a traceback), the
    clerk goes on after the restart, and every number shown is in the database. (On a server
    of its own: the run's shared server serves the other workers' tests meanwhile.)"""
    pg_server, demo_config = private_pg_demo
    app = DepotApp(demo_config)
    clerk = await app.call(login, "zhangsan")
    shown: list[str] = []
    said: list[str] = []
    restarted = threading.Event()

    def restart() -> None:
        time.sleep(0.5)
        pg_server.restart()
        restarted.set()

    threading.Thread(target=restart).start()
    deadline = None
    while deadline is None or time.monotonic() < deadline:
        try:
            shown.append(
                (
                    await app.call(waybills.issue, clerk, xt_form(1), shipper_confirmed=True, outbox=tmp_path)
                ).number
            )
        except DatabaseFailure as exc:
            said.append(exc.kind)
            await asyncio.sleep(0.05)
        if restarted.is_set() and deadline is None:
            deadline = time.monotonic() + 1.0
    assert set(said) <= {"connection"}
    after = [n for n in shown if n > shown[0]]
    assert len(after) > 3  # issuing went on after the restart
    stored = await app.call(lambda: Waybill.select().where(Waybill.number.in_(shown)).count())
    assert stored == len(shown)
