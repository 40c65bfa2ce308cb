"""Faults as a clerk meets them: the database failing under each screen's main write, a bug in
a screen's work, a screen taken down while its load is under way.

The matrix: every fault a depot's database can show (busy past the timeout, disk full,
read-only file, read-only folder, damaged page, file deleted under the app) at the moment of
each screen's write (login, F2 issue, F3 scan, F4 scan, F5 pickup, F6 hand over, F7 decide).
The fault is raised where the driver raises it (a write transaction's BEGIN), as the exception
SQLite, or on PostgreSQL psycopg2 with the fault's SQLSTATE, gives for it. Each
must give the one line for that fault in the clerk's language, keep everything typed, and
leave the app running; before, each ended in a traceback with the form gone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from unittest import mock

import apsw
import peewee
import psycopg2
import psycopg2.errors
import pytest
from support import (
    DEMO_NOW,
    checked_in_cs_truck,
    labels_where,
    log_in_as,
    open_waybill_form,
    screen_text,
    slip_up,
    type_worked_example,
    wait_for,
)
from textual.widgets import Static

from depot_tui import db
from depot_tui.app import DepotApp
from depot_tui.i18n import t
from depot_tui.models import ScoreEvent, Waybill, database_proxy
from depot_tui.screens.arrival import ArrivalScreen, CheckScreen
from depot_tui.screens.handover import HandoverScreen
from depot_tui.screens.home import HomeScreen
from depot_tui.screens.loading import LoadingScreen, ScanScreen
from depot_tui.screens.login import LoginScreen
from depot_tui.screens.pickup import PickupFormScreen, PickupScreen
from depot_tui.screens.score import QueueScreen, ScoreScreen
from depot_tui.services import clock

SIZE = (80, 24)

#: Each fault as SQLite (through APSW) reports it; "gone" is the app's own check.
SQLITE_FAULTS = {
    "busy": lambda: apsw.BusyError("database is locked"),
    "full": lambda: apsw.FullError("database or disk is full"),
    "readonly": lambda: apsw.ReadOnlyError("attempt to write a readonly database"),
    "readonly_folder": lambda: apsw.CantOpenError("unable to open database file"),
    "damaged": lambda: apsw.CorruptError("database disk image is malformed"),
    "deleted": lambda: db.FileGone("depot.sqlite3"),
}


def _pg_error(code: str | None, message: str, wrapper: type[Exception]) -> Exception:
    """A PostgreSQL error as psycopg2 raises it (its class for the SQLSTATE, carrying the
    code) inside the Peewee exception that wraps it."""
    base = psycopg2.errors.lookup(code) if code else psycopg2.OperationalError
    return wrapper(type(base.__name__, (base,), {"pgcode": code})(message))


#: The same faults as PostgreSQL reports them: a lock held past lock_timeout, the server's disk
#: full, a read-only server (a standby, or default_transaction_read_only), a damaged page, the
#: server gone (tests/unit/test_db.py makes the busy, read-only and gone ones for real).
PG_FAULTS = {
    "busy": lambda: _pg_error("55P03", "canceling statement due to lock timeout", peewee.OperationalError),
    "full": lambda: _pg_error(
        "53100", "could not extend file: No space left on device", peewee.OperationalError
    ),
    "readonly": lambda: _pg_error(
        "25006", "cannot execute INSERT in a read-only transaction", peewee.InternalError
    ),
    "damaged": lambda: _pg_error(
        "XX001", "invalid page in block 7 of relation base/16384/16420", peewee.InternalError
    ),
    "server_gone": lambda: _pg_error(
        None, "server closed the connection unexpectedly", peewee.OperationalError
    ),
}
#: What the clerk reads for each.
SAYS = {
    "busy": "db.busy",
    "full": "db.full",
    "readonly": "db.readonly",
    "readonly_folder": "db.cantopen",
    "damaged": "db.damaged",
    "deleted": "db.gone",
    "server_gone": "db.connection",
}


def on_postgresql(app: DepotApp) -> bool:
    return app.config.db.startswith("postgresql:")


def faults_of(app: DepotApp) -> dict:
    return PG_FAULTS if on_postgresql(app) else SQLITE_FAULTS


def database_class(app: DepotApp) -> type:
    return db.DepotPostgres if on_postgresql(app) else db.DepotSQLite


def failing(app: DepotApp, kind: str):  # noqa: ANN201 - a context manager
    """Every write transaction fails with fault `kind` (on every thread's connection), raised
    where the driver raises it: the transaction's BEGIN."""

    def begin(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        raise faults_of(app)[kind]()

    return mock.patch.object(database_class(app), "begin", begin)


def reads_failing(app: DepotApp):  # noqa: ANN201 - a context manager
    """Every SELECT fails as on a damaged page."""
    cls = database_class(app)
    real, damaged = cls.execute_sql, faults_of(app)["damaged"]

    def execute_sql(self, sql, params=None):  # noqa: ANN001, ANN202
        if sql.lstrip().upper().startswith("SELECT"):
            raise damaged()
        return real(self, sql, params)

    return mock.patch.object(cls, "execute_sql", execute_sql)


@contextlib.contextmanager
def write_lock_held(target: str) -> Iterator[None]:
    """Another program holds what every write needs: SQLite's write lock, or on PostgreSQL an
    exclusive lock on every table (reads go on, as under SQLite's)."""
    if target.startswith("postgresql:"):
        holder = psycopg2.connect(target)
        with holder.cursor() as cur:
            cur.execute(
                "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables WHERE schemaname = 'public'"
            )
            cur.execute(f"LOCK TABLE {cur.fetchone()[0]} IN EXCLUSIVE MODE")
        try:
            yield
        finally:
            holder.rollback()
            holder.close()
        return
    holder = apsw.Connection(target)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def said(app: DepotApp, kind: str) -> bool:
    """The fault's own line is on the screen (a message line, a scan answer or a notice)."""
    shown = screen_text(app) + " ".join(str(n.message) for n in app._notifications)
    name = SAYS[kind].split(".")[1]
    return any(t(f"{family}.{name}", detail="")[:10] in shown for family in ("db", "dbopen"))


async def each_fault(pilot, app: DepotApp, attempt, check_kept) -> None:  # noqa: ANN001
    """For every fault: make the screen's write under it, wait for its line, check nothing typed
    was lost and the app still runs; clear the notices between faults."""
    for kind in faults_of(app):
        app.clear_notifications()
        with failing(app, kind):
            await attempt(kind)
            await wait_for(pilot, lambda kind=kind: said(app, kind))
        assert app.is_running and app._exception is None, kind
        check_kept(kind)


async def test_login_under_every_fault_says_why_and_keeps_both_fields(demo_config):
    """The login writes the session: under a fault the clerk is told why in Chinese, the user
    name and the password stay typed (it was the database, not the password), and the
    password is nowhere on screen or in the log."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.focused, "id", None) == "username")
        await pilot.press(*"zhangsan", "enter", *"depot123")

        async def attempt(kind: str) -> None:
            app.screen.query_one("#password").focus()
            await pilot.press("enter")

        def kept(kind: str) -> None:
            assert isinstance(app.screen, LoginScreen) and app.session is None
            assert app.screen.query_one("#username").value == "zhangsan"
            assert app.screen.query_one("#password").value == "depot123"
            assert screen_text(app).count("depot123") == 1  # the demo's own hint, no more

        await each_fault(pilot, app, attempt, kept)
        await pilot.press("enter")  # the fault gone, the same keys log in
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), tries=200)
    log = demo_config.log_file.read_text(encoding="utf-8")
    assert "database busy" in log and "depot123" not in log


async def test_issuing_under_every_fault_keeps_the_whole_form(demo_config):
    """F10 on the worked example, the shipper confirms the slip, and the issue fails: the form
    is as typed, the line says why, nothing was issued; once the fault clears, F10 issues it."""

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_waybill_form(pilot)
        form_screen = app.screen
        await type_worked_example(pilot)
        typed = form_screen.current_form()
        with database_proxy.connection_context():
            before = Waybill.select().count()

        async def attempt(kind: str) -> None:
            await pilot.press("f10")
            await slip_up(pilot)
            await pilot.press("f10")

        def kept(kind: str) -> None:
            assert app.screen is form_screen and form_screen.current_form() == typed
            with database_proxy.connection_context():
                assert Waybill.select().count() == before

        await each_fault(pilot, app, attempt, kept)
        await attempt("none")
        await wait_for(pilot, lambda: "已开单" in screen_text(app))


@pytest.mark.parametrize(
    "key, listed, looping, pieces",
    [
        ("f3", LoadingScreen, ScanScreen, "p.status = 'in_stock' AND d.code = 'XT' AND w.status = 'issued'"),
        ("f4", ArrivalScreen, CheckScreen, "o.code = 'CS' AND d.code = 'GZ' AND p.status = 'in_transit'"),
    ],
    ids=["loading", "arrival"],
)
async def test_scans_under_every_fault_say_not_recorded(demo_config, key, listed, looping, pieces):
    """Each fault at a scan into the demo's XT truck (F3) or at the night check of its CS
    truck (F4): the answer says the label was NOT recorded, and why; once the fault clears,
    the next scan is recorded."""
    labels = labels_where(pieces, limit=7)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(app.screen, listed) and app.screen.items)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, looping))
        scan = app.screen
        todo = iter(labels)

        async def attempt(kind: str) -> None:
            await pilot.press(*next(todo), "enter")

        def kept(kind: str) -> None:
            assert "未记录" in str(scan.query_one("#scan-result", Static).render())

        await each_fault(pilot, app, attempt, kept)
        await attempt("none")
        await wait_for(pilot, lambda: scan.results and scan.results[-1].ok)


async def test_a_pickup_under_every_fault_keeps_the_collector_typed(demo_config):
    """F5, the waybill's number, the collector's name, ID and signature, F10: refused by the
    fault with its line in the dialog, every field still typed, the goods still here."""
    first, _held, _collect = checked_in_cs_truck()
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, PickupScreen) and app.screen.items)
        await pilot.press(*first.number, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PickupFormScreen))
        form = app.screen
        await pilot.press(*"刘建国", "enter", *"110101199003074477", "enter", *"刘建国")
        typed = {
            name: form.query_one(f"#{name}").value
            for name in ("collector_name", "id_number", "signature_name")
        }

        async def attempt(kind: str) -> None:
            await pilot.press("f10")

        def kept(kind: str) -> None:
            assert app.screen is form
            assert {name: form.query_one(f"#{name}").value for name in typed} == typed
            with database_proxy.connection_context():
                assert Waybill.get_by_id(first.id).status == "arrived"

        await each_fault(pilot, app, attempt, kept)


async def test_handing_over_under_every_fault_keeps_the_cash_typed(demo_config):
    """张三 at 19:40 types the cash he counted and presses F10, then Enter to hand over: the
    fault's line shows, the cash stays typed, the handover is still his draft."""
    clock.fix(DEMO_NOW.replace(hour=19, minute=40))
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverScreen) and app.screen.view is not None)
        screen = app.screen
        cash = screen.query_one("#cash_counted")
        cash.focus()
        await pilot.press(*str(screen.view.summary.cash))

        async def attempt(kind: str) -> None:
            cash.focus()
            await pilot.press("f10")
            await pilot.pause(0.3)
            if app.screen is not screen:  # "hand over?" asked: yes
                await pilot.press("enter")

        def kept(kind: str) -> None:
            assert cash.value == str(screen.view.summary.cash)
            assert screen.view.line.status == "draft"

        await each_fault(pilot, app, attempt, kept)


async def test_deciding_the_queue_under_every_fault_leaves_the_proposal_waiting(demo_config):
    """陈静 confirms the first proposal of the queue with y: under each fault the line says
    why, and the proposal is still waiting in the queue and in the database."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "chenjing")
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreScreen) and app.screen.items)
        await pilot.press("ctrl+d")
        await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen) and app.screen.items)
        queue = app.screen
        first = queue.items[0]

        async def attempt(kind: str) -> None:
            await pilot.press("y")

        def kept(kind: str) -> None:
            assert queue.items[0].id == first.id
            with database_proxy.connection_context():
                assert ScoreEvent.get_by_id(first.id).status == "proposed"

        await each_fault(pilot, app, attempt, kept)
